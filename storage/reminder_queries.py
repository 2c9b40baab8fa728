"""Queries for reminders and the nudge log: claiming due reminders, and the once-only log.

Claiming: on PostgreSQL, `SELECT ... FOR UPDATE SKIP LOCKED` then an UPDATE in one transaction,
so several instances take disjoint rows without waiting on each other; on SQLite (one writer at a
time) a single conditional UPDATE, which is atomic. Either way a claimed row carries a random
token and a lease (`claimed_until`); a row whose lease ran out (its claimer died) is claimable
again. `claimed_until` in the future with no token means "not before" (a retry's back-off).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Attempt, NudgeLog, NudgeStatus, Reminder


def _due(now: datetime) -> Any:
    return sa.and_(
        col(Reminder.enabled).is_(True),
        sa.or_(col(Reminder.next_due_at) <= now, col(Reminder.snoozed_until) <= now),
        sa.or_(col(Reminder.claimed_until).is_(None), col(Reminder.claimed_until) <= now),
    )


async def claim_due(
    session: AsyncSession, *, token: str, now: datetime, lease_until: datetime, limit: int
) -> list[int]:
    """Claim up to `limit` due, unclaimed reminders for `token`; returns their learner ids."""
    order = (col(Reminder.next_due_at).asc(), col(Reminder.learner_id).asc())
    claim = {"claim_token": token, "claimed_until": lease_until}
    if session.bind is not None and session.bind.dialect.name == "postgresql":
        found = await session.exec(
            select(Reminder.learner_id).where(_due(now)).order_by(*order).limit(limit)
            .with_for_update(skip_locked=True)
        )
        ids = list(found.all())
        if ids:
            await (await session.connection()).execute(
                sa.update(Reminder).where(col(Reminder.learner_id).in_(ids)).values(**claim)
            )
        return ids
    chosen = select(Reminder.learner_id).where(_due(now)).order_by(*order).limit(limit)
    # One statement: SQLite holds the write lock for all of it, so no two claimers overlap.
    await (await session.connection()).execute(
        sa.update(Reminder)
        .where(col(Reminder.learner_id).in_(chosen.scalar_subquery()), _due(now))
        .values(**claim)
    )
    taken = await session.exec(
        select(Reminder.learner_id).where(Reminder.claim_token == token).order_by(*order)
    )
    return list(taken.all())


async def lock_reminder(session: AsyncSession, *, learner_id: int) -> Reminder | None:
    """The reminder row, locked for this transaction on PostgreSQL (SQLite locks on write)."""
    result = await session.exec(
        select(Reminder).where(Reminder.learner_id == learner_id).with_for_update()
    )
    return result.first()


async def release_claims(session: AsyncSession, *, token: str) -> int:
    """Give back every row still claimed by `token` (claimable again at once)."""
    result = await (await session.connection()).execute(
        sa.update(Reminder).where(col(Reminder.claim_token) == token)
        .values(claim_token=None, claimed_until=None)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def insert_log(
    session: AsyncSession, *, learner_id: int, due_at: datetime, status: NudgeStatus,
    sent_at: datetime | None = None,
) -> int | None:
    """Log the nudge for (learner, due_at) unless one is logged already: the unique constraint
    decides, so two senders can never both own one nudge. Returns the new row's id, or None."""
    values = {"learner_id": learner_id, "due_at": due_at, "status": status, "sent_at": sent_at}
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    insert = postgresql.insert(NudgeLog) if dialect == "postgresql" else sqlite.insert(NudgeLog)
    statement = (
        insert.values(**values)
        .on_conflict_do_nothing(index_elements=["learner_id", "due_at"])
        .returning(col(NudgeLog.id))
    )
    result = await (await session.connection()).execute(statement)
    return result.scalar_one_or_none()


async def get_log(session: AsyncSession, *, learner_id: int, due_at: datetime) -> NudgeLog | None:
    result = await session.exec(
        select(NudgeLog).where(NudgeLog.learner_id == learner_id, NudgeLog.due_at == due_at)
    )
    return result.first()


async def take_log(session: AsyncSession, *, log_id: int, was: NudgeStatus, now: datetime) -> bool:
    """Move a log row from status `was` to SENDING if it is still `was` (one taker wins)."""
    result = await (await session.connection()).execute(
        sa.update(NudgeLog).where(col(NudgeLog.id) == log_id, col(NudgeLog.status) == was)
        .values(status=NudgeStatus.SENDING, sent_at=now)
    )
    return bool(getattr(result, "rowcount", 0))


async def attempt_times(session: AsyncSession, *, learner_id: int) -> Sequence[datetime]:
    """When each of the learner's attempts was made (for the streak), without their text."""
    result = await session.exec(select(Attempt.created_at).where(Attempt.learner_id == learner_id))
    return result.all()
