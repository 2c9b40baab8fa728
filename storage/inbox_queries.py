"""The durable inbox's queries: store an update once, claim the next one with a lease, renew,
finish, release for a later try, prune.

Claiming is one UPDATE statement whose subquery picks the oldest unclaimed (or lease-expired)
update of a chat with nothing older still open; on PostgreSQL the subquery locks its row with
FOR UPDATE SKIP LOCKED, so concurrent workers never pick the same row and never run two updates
of one chat at once. SQLite has one writer at a time, so the single statement is atomic there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import InboxUpdate

Session = AsyncSession


async def _bookkeeping(session: Session) -> None:
    """Claims, renewals and done marks need not wait for PostgreSQL's disk flush: if the server
    itself crashed and lost one, the update would only run again (a message is never added to a
    draft twice). Storing an update does wait: Telegram is told it arrived only after that."""
    if session.bind is not None and session.bind.dialect.name == "postgresql":
        await session.exec(sa.text("SET LOCAL synchronous_commit TO OFF"))  # type: ignore[call-overload]


@dataclass(frozen=True)
class Claimed:
    update_id: int
    payload: str
    token: str
    attempts: int


async def store(
    session: Session, *, update_id: int, chat_key: int | None, payload: str, now: datetime
) -> bool:
    """Insert the update unless its id is there already; True when it is new."""
    table = InboxUpdate.__table__  # type: ignore[attr-defined]
    values = {
        "update_id": update_id, "chat_key": chat_key, "payload": payload,
        "received_at": now, "attempts": 0,
    }
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    insert = postgresql.insert(table) if dialect == "postgresql" else sqlite.insert(table)
    result = await session.exec(
        insert.values(**values).on_conflict_do_nothing(index_elements=["update_id"])
    )
    return bool(getattr(result, "rowcount", 0))


async def claim_next(
    session: Session, *, token: str, now: datetime, lease: timedelta
) -> Claimed | None:
    """Claim the next update that may run now, or None."""
    await _bookkeeping(session)
    table = InboxUpdate.__table__  # type: ignore[attr-defined]
    mine = table.alias("mine")
    older = table.alias("older")
    free = sa.or_(mine.c.claimed_until.is_(None), mine.c.claimed_until < now)
    blocked = (
        sa.select(sa.literal(1))
        .where(
            older.c.chat_key == mine.c.chat_key,
            older.c.update_id < mine.c.update_id,
            older.c.done_at.is_(None),
        )
        .exists()
    )
    pick = (
        sa.select(mine.c.update_id)
        .where(mine.c.done_at.is_(None), free, ~blocked)
        .order_by(mine.c.update_id)
        .limit(1)
        .with_for_update(skip_locked=True, of=mine)
        .scalar_subquery()
    )
    statement = (
        sa.update(table)
        .where(
            table.c.update_id == pick,
            table.c.done_at.is_(None),
            sa.or_(table.c.claimed_until.is_(None), table.c.claimed_until < now),
        )
        .values(claim_token=token, claimed_until=now + lease, attempts=table.c.attempts + 1)
        .returning(table.c.update_id, table.c.payload, table.c.attempts)
    )
    row = (await session.exec(statement)).first()
    if row is None:
        return None
    return Claimed(int(row[0]), str(row[1]), token, int(row[2]))


async def renew(
    session: Session, *, update_id: int, token: str, now: datetime, lease: timedelta
) -> bool:
    """Extend the lease while the update is still being handled; False if it was lost."""
    await _bookkeeping(session)
    result = await session.exec(
        sa.update(InboxUpdate)
        .where(col(InboxUpdate.update_id) == update_id, col(InboxUpdate.claim_token) == token)
        .values(claimed_until=now + lease)
    )
    return bool(getattr(result, "rowcount", 0))


async def finish(session: Session, *, update_id: int, token: str, now: datetime) -> bool:
    """Mark the update handled and forget its contents and whose it was; False if the claim was
    lost meanwhile."""
    await _bookkeeping(session)
    result = await session.exec(
        sa.update(InboxUpdate)
        .where(col(InboxUpdate.update_id) == update_id, col(InboxUpdate.claim_token) == token)
        .values(done_at=now, payload="", chat_key=None, claim_token=None, claimed_until=None)
    )
    return bool(getattr(result, "rowcount", 0))


async def release(
    session: Session, *, update_id: int, token: str, not_before: datetime, counts: bool = True
) -> None:
    """Give the claim back so the update is tried again from `not_before` on; `counts=False`
    when it was only asked to wait (flood control), so the try does not use up a retry."""
    await _bookkeeping(session)
    values: dict[str, object] = {"claim_token": None, "claimed_until": not_before}
    if not counts:
        values["attempts"] = col(InboxUpdate.attempts) - 1
    await session.exec(
        sa.update(InboxUpdate)
        .where(col(InboxUpdate.update_id) == update_id, col(InboxUpdate.claim_token) == token)
        .values(**values)
    )


async def prune(session: Session, *, before: datetime) -> None:
    """Forget handled updates older than `before` (Telegram resends for 24 hours at most)."""
    await session.exec(
        sa.delete(InboxUpdate).where(
            col(InboxUpdate.done_at).is_not(None), col(InboxUpdate.done_at) < before
        )
    )


async def pending(session: Session) -> int:
    """Updates stored and not yet handled (for stats and tests)."""
    count = await session.scalar(
        sa.select(sa.func.count()).select_from(InboxUpdate).where(col(InboxUpdate.done_at).is_(None))
    )
    return int(count or 0)
