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
