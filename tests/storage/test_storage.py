"""Schema and queries on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import inspect
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from storage import queries
from storage.db import (
    SessionFactory,
    current_revision,
    make_engine,
    make_session_factory,
    normalise_url,
    upgrade_database,
)
from storage.models import Learner, aware
from tests.helpers import append_to_draft


@pytest.fixture
async def engine(db_url: str) -> AsyncIterator[AsyncEngine]:
    eng = make_engine(db_url)
    await upgrade_database(eng)
    yield eng
    await eng.dispose()


@pytest.fixture
def sessions(engine: AsyncEngine) -> SessionFactory:
    return make_session_factory(engine)


async def test_upgrade_creates_every_table_and_is_idempotent(engine: AsyncEngine) -> None:
    await upgrade_database(engine)  # a second run at start-up must be harmless
    async with engine.connect() as conn:
        tables = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
    assert {"learner", "draft", "attempt", "alembic_version"} <= tables
    assert await current_revision(engine) is not None


async def test_learner_is_created_once_per_key(sessions: SessionFactory) -> None:
    async with sessions.begin() as s:
        a = await queries.get_or_create_learner(s, key="tg:1", telegram_user_id=1, first_name="Ann")
    async with sessions.begin() as s:
        b = await queries.get_or_create_learner(s, key="tg:1", telegram_user_id=1, first_name="Annie")
    assert a.id == b.id
    async with sessions() as s:
        stored = await queries.get_learner(s, key="tg:1")
    assert stored is not None and stored.first_name == "Annie"


async def test_telegram_ids_beyond_32_bits_fit(sessions: SessionFactory) -> None:
    big = 7_000_000_000
    async with sessions.begin() as s:
        await queries.get_or_create_learner(s, key=f"tg:{big}", telegram_user_id=big)
    async with sessions() as s:
        stored = await queries.get_learner(s, key=f"tg:{big}")
    assert stored is not None and stored.telegram_user_id == big


async def test_duplicate_key_is_refused(sessions: SessionFactory) -> None:
    async with sessions.begin() as s:
        s.add(Learner(key="term:x"))
    with pytest.raises(IntegrityError):
        async with sessions.begin() as s:
            s.add(Learner(key="term:x"))


async def test_draft_lifecycle_and_attempt_round_trip(sessions: SessionFactory) -> None:
    t0 = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)
    async with sessions.begin() as s:
        learner = await queries.get_or_create_learner(s, key="tg:2")
        learner_id = learner.id
        assert learner_id is not None
        await queries.start_draft(s, learner_id=learner_id, prompt_id="p1", now=t0)
    async with sessions.begin() as s:
        await append_to_draft(s, learner_id=learner_id, text="first part", now=t0)
        await append_to_draft(
            s, learner_id=learner_id, text="second — part ✓", now=t0 + timedelta(minutes=1)
        )
    async with sessions() as s:
        draft = await queries.get_draft(s, learner_id=learner_id)
    assert draft is not None
    assert draft.text == "first part\nsecond — part ✓"
    assert draft.parts == 2
    assert aware(draft.updated_at) == t0 + timedelta(minutes=1)

    # Starting again replaces the unfinished draft rather than adding a second one.
    async with sessions.begin() as s:
        await queries.start_draft(s, learner_id=learner_id, prompt_id="p2", now=t0)
    async with sessions() as s:
        draft = await queries.get_draft(s, learner_id=learner_id)
    assert draft is not None and draft.prompt_id == "p2" and draft.text == "" and draft.parts == 0

    async with sessions.begin() as s:
        for i in range(3):
            await queries.add_attempt(
                s, learner_id=learner_id, prompt_id="p2", topic_id="t", text=f"answer {i}",
                score=10 * i, grade="pass", result={"entities": [{"name": "Equality Act 2010"}]},
                now=t0 + timedelta(hours=i),
            )
        assert await queries.delete_draft(s, learner_id=learner_id)
        assert not await queries.delete_draft(s, learner_id=learner_id)
    async with sessions() as s:
        attempts = await queries.list_attempts(s, learner_id=learner_id, limit=2)
    assert [a.text for a in attempts] == ["answer 2", "answer 1"]
    assert attempts[0].result["entities"][0]["name"] == "Equality Act 2010"


async def test_deleting_a_learner_removes_their_answers(sessions: SessionFactory) -> None:
    async with sessions.begin() as s:
        learner = await queries.get_or_create_learner(s, key="tg:3")
        assert learner.id is not None
        await queries.start_draft(s, learner_id=learner.id, prompt_id="p")
        await queries.add_attempt(
            s, learner_id=learner.id, prompt_id="p", topic_id="t", text="x", score=1,
            grade="not_yet", result={},
        )
    async with sessions.begin() as s:
        stored = await s.get(Learner, learner.id)
        await s.delete(stored)
    async with sessions() as s:
        assert await queries.get_draft(s, learner_id=learner.id) is None
        assert list(await queries.list_attempts(s, learner_id=learner.id)) == []


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u@h/db", "postgresql+asyncpg://u@h/db"),
        ("postgresql://u@h/db", "postgresql+asyncpg://u@h/db"),
        ("sqlite:///coach.db", "sqlite+aiosqlite:///coach.db"),
        ("sqlite+aiosqlite:///coach.db", "sqlite+aiosqlite:///coach.db"),
    ],
)
def test_plain_urls_get_the_async_driver(given: str, expected: str) -> None:
    assert normalise_url(given) == expected


async def test_upgrade_from_the_first_revision_keeps_data(db_url: str) -> None:
    """A database made by revision 0001, holding an answer, upgrades to head intact."""
    from sqlalchemy import text

    engine = make_engine(db_url)
    try:
        await upgrade_database(engine, "0001")
        async with engine.begin() as conn:
            await conn.execute(text(
                "INSERT INTO learner (id, key, first_name, sector, timezone, created_at) "
                "VALUES (1, 'tg:5', 'Kim', 'retail', 'Europe/London', '2026-01-01 10:00:00')"
            ))
            await conn.execute(text(
                "INSERT INTO attempt (learner_id, prompt_id, topic_id, text, score, grade, "
                "result, created_at) VALUES (1, 'p', 't', 'my answer', 55, 'pass', '{}', "
                "'2026-01-01 10:05:00')"
            ))
        await upgrade_database(engine)
        sessions = make_session_factory(engine)
        async with sessions() as s:
            attempts = await queries.list_attempts(s, learner_id=1)
            learner = await queries.get_learner(s, key="tg:5")
        assert [(a.text, a.score, a.kind) for a in attempts] == [("my answer", 55, "answer")]
        assert learner is not None and learner.first_name == "Kim"
    finally:
        await engine.dispose()


async def test_two_instances_appending_to_one_draft_lose_nothing(db_url: str) -> None:
    """Two engines (two bot instances) append to one learner's draft at once."""
    import asyncio

    if not db_url.startswith("postgresql"):
        pytest.skip("row locks matter with several instances, which need PostgreSQL")
    engines = [make_engine(db_url), make_engine(db_url)]
    try:
        await upgrade_database(engines[0])
        first, second = (make_session_factory(e) for e in engines)
        async with first.begin() as s:
            learner = await queries.get_or_create_learner(s, key="tg:77")
            learner_id = learner.id
            assert learner_id is not None
            await queries.start_draft(s, learner_id=learner_id, prompt_id="p")

        async def append(factory: SessionFactory, tag: str) -> None:
            for i in range(15):
                async with factory.begin() as s:
                    await append_to_draft(s, learner_id=learner_id, text=f"{tag}{i}")

        await asyncio.gather(append(first, "a"), append(second, "b"))
        async with first() as s:
            draft = await queries.get_draft(s, learner_id=learner_id)
        assert draft is not None
        lines = draft.text.split("\n")
        assert sorted(lines) == sorted([f"a{i}" for i in range(15)] + [f"b{i}" for i in range(15)])
        assert draft.parts == 30
    finally:
        for e in engines:
            await e.dispose()
