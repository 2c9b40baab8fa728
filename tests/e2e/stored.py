"""Reading what the bot process stored, straight from its database, for e2e assertions."""

from __future__ import annotations

from sqlalchemy import text

from storage.db import make_engine


async def stored_attempts(url: str, telegram_id: int) -> list[str]:
    """The texts of a Telegram user's stored attempts, oldest first."""
    engine = make_engine(url)
    try:
        async with engine.connect() as conn:
            rows = await conn.execute(
                text(
                    "SELECT a.text FROM attempt a JOIN learner l ON l.id = a.learner_id "
                    "WHERE l.key = :key ORDER BY a.id"
                ),
                {"key": f"tg:{telegram_id}"},
            )
            return [r[0] for r in rows]
    finally:
        await engine.dispose()


async def inbox_settled(url: str, timeout: float = 15.0) -> None:  # noqa: ASYNC109
    """Wait until every update the bot stored has been handled (none open in its inbox).

    A reply is sent before its update is marked done; a test that kills the bot "between
    updates" waits for this, or the update killed after its reply is run again at the start."""
    import asyncio
    import time

    engine = make_engine(url)
    deadline = time.monotonic() + timeout
    try:
        while True:
            async with engine.connect() as conn:
                open_rows = await conn.scalar(
                    text("SELECT count(*) FROM inbox_update WHERE done_at IS NULL")
                )
            if not open_rows:
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"{open_rows} update(s) still open in the inbox after {timeout}s")
            await asyncio.sleep(0.05)
    finally:
        await engine.dispose()
