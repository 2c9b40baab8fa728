"""Queries for mock discussions (issue 17): the one open mock of a learner, and finished reports."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import MockSession, MockStatus

OPEN = (MockStatus.ACTIVE, MockStatus.PAUSED)


async def open_mock(
    session: AsyncSession, *, learner_id: int, for_update: bool = False
) -> MockSession | None:
    """The learner's unfinished mock (there is at most one), newest first if ever more."""
    query = (
        select(MockSession)
        .where(MockSession.learner_id == learner_id, col(MockSession.status).in_(OPEN))
        .order_by(col(MockSession.id).desc())
        .limit(1)
    )
    if for_update:
        query = query.with_for_update()
    return (await session.exec(query)).first()


async def finished_mocks(
    session: AsyncSession, *, learner_ids: Sequence[int], limit_each: int | None = None
) -> list[MockSession]:
    """Finished mocks of these learners, newest first; at most `limit_each` per learner."""
    if not learner_ids:
        return []
    rows = (
        await session.exec(
            select(MockSession)
            .where(col(MockSession.learner_id).in_(list(learner_ids)))
            .where(MockSession.status == MockStatus.FINISHED)
            .order_by(col(MockSession.finished_at).desc(), col(MockSession.id).desc())
        )
    ).all()
    if limit_each is None:
        return list(rows)
    kept: list[MockSession] = []
    seen: dict[int, int] = {}
    for row in rows:
        if seen.get(row.learner_id, 0) < limit_each:
            kept.append(row)
            seen[row.learner_id] = seen.get(row.learner_id, 0) + 1
    return kept
