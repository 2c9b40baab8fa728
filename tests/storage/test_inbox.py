"""The durable inbox's queries on SQLite and PostgreSQL: stored once, claimed once, one chat in
order, a dead worker's lease runs out, a handled update's words are forgotten."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncEngine

from storage import inbox_queries as inbox
from storage.db import SessionFactory, make_engine, make_session_factory, upgrade_database
from storage.models import InboxUpdate

T0 = datetime(2026, 12, 4, 6, 0, tzinfo=UTC)
LEASE = timedelta(seconds=15)


async def _sessions(db_url: str) -> tuple[AsyncEngine, SessionFactory]:
    engine = make_engine(db_url)
    await upgrade_database(engine)
    return engine, make_session_factory(engine)


async def _store(sessions: SessionFactory, update_id: int, chat: int | None, payload: str = "{}") -> bool:
    async with sessions.begin() as s:
        return await inbox.store(s, update_id=update_id, chat_key=chat, payload=payload, now=T0)


async def _claim(sessions: SessionFactory, token: str, now: datetime = T0) -> inbox.Claimed | None:
    async with sessions.begin() as s:
        return await inbox.claim_next(s, token=token, now=now, lease=LEASE)


async def test_stored_once_claimed_once_and_forgotten_when_done(db_url: str) -> None:
    engine, sessions = await _sessions(db_url)
    try:
        assert await _store(sessions, 10, 42, '{"words": "my answer"}') is True
        assert await _store(sessions, 10, 42, '{"words": "again"}') is False  # a redelivery
        first = await _claim(sessions, "a")
        assert first is not None and first.update_id == 10 and first.payload == '{"words": "my answer"}'
        assert await _claim(sessions, "b") is None  # claimed: nobody else runs it
        async with sessions.begin() as s:
            assert await inbox.finish(s, update_id=10, token="a", now=T0) is True
        assert await _claim(sessions, "b", T0 + LEASE * 2) is None  # done stays done
        assert await _store(sessions, 10, 42, "{}") is False  # and a late redelivery is not new
        async with sessions() as s:
            row = await s.get(InboxUpdate, 10)
            assert row is not None and row.payload == "" and row.done_at is not None
    finally:
        await engine.dispose()


async def test_one_chat_runs_in_order_others_run_alongside(db_url: str) -> None:
    engine, sessions = await _sessions(db_url)
    try:
        for update_id, chat in ((1, 42), (2, 42), (3, 7)):
            await _store(sessions, update_id, chat)
        first = await _claim(sessions, "a")
        other = await _claim(sessions, "b")
        assert first is not None and first.update_id == 1
        # Update 2 waits for update 1 of the same chat; chat 7's update may run meanwhile.
        assert other is not None and other.update_id == 3
        assert await _claim(sessions, "c") is None
        async with sessions.begin() as s:
            await inbox.finish(s, update_id=1, token="a", now=T0)
        second = await _claim(sessions, "c")
        assert second is not None and second.update_id == 2
    finally:
        await engine.dispose()


async def test_a_dead_workers_lease_runs_out(db_url: str) -> None:
    engine, sessions = await _sessions(db_url)
    try:
        await _store(sessions, 5, 42)
        dead = await _claim(sessions, "dead")
        assert dead is not None
        assert await _claim(sessions, "alive", T0 + LEASE - timedelta(seconds=1)) is None
        taken = await _claim(sessions, "alive", T0 + LEASE + timedelta(seconds=1))
        assert taken is not None and taken.update_id == 5 and taken.attempts == 2
        async with sessions.begin() as s:
            # The dead worker's late finish does not count; the live one's does.
            assert await inbox.finish(s, update_id=5, token="dead", now=T0) is False
            assert await inbox.finish(s, update_id=5, token="alive", now=T0) is True
    finally:
        await engine.dispose()


async def test_released_update_waits_then_runs_before_the_chats_next(db_url: str) -> None:
    engine, sessions = await _sessions(db_url)
    try:
        await _store(sessions, 1, 42)
        await _store(sessions, 2, 42)
        first = await _claim(sessions, "a")
        assert first is not None
        async with sessions.begin() as s:
            await inbox.release(s, update_id=1, token="a", not_before=T0 + timedelta(seconds=4))
        assert await _claim(sessions, "b", T0 + timedelta(seconds=1)) is None  # 2 still waits
        again = await _claim(sessions, "b", T0 + timedelta(seconds=5))
        assert again is not None and again.update_id == 1
    finally:
        await engine.dispose()


async def test_concurrent_workers_never_share_an_update(db_url: str) -> None:
    """Six workers (each its own engine on PostgreSQL) drain 60 updates of 20 chats."""
    engine, sessions = await _sessions(db_url)
    pg = db_url.startswith("postgresql")
    engines = [make_engine(db_url) for _ in range(6)] if pg else [engine]
    try:
        for update_id in range(60):
            await _store(sessions, update_id, update_id % 20)
        taken: list[int] = []

        async def worker(number: int) -> None:
            factory = make_session_factory(engines[number % len(engines)])
            while True:
                async with factory.begin() as s:
                    claimed = await inbox.claim_next(s, token=f"w{number}", now=T0, lease=LEASE)
                if claimed is None:
                    async with factory() as s:
                        if not await inbox.pending(s):
                            return
                    await asyncio.sleep(0.01)
                    continue
                taken.append(claimed.update_id)
                await asyncio.sleep(0)
                async with factory.begin() as s:
                    assert await inbox.finish(s, update_id=claimed.update_id, token=claimed.token, now=T0)

        await asyncio.wait_for(asyncio.gather(*(worker(n) for n in range(6))), timeout=60)
        assert sorted(taken) == list(range(60))
    finally:
        if pg:
            for extra in engines:
                await extra.dispose()
        await engine.dispose()
