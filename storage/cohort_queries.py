"""Queries for assessors, their invites, cohorts, members and wrong invite codes (issue 7).

Small keyword-only functions, one job each, like storage.queries; access control is not here
(bot.cohorts.service decides who may ask), only the reads and writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import (
    AnswerComment,
    AreaCard,
    Assessor,
    AssessorInvite,
    Attempt,
    Cohort,
    CohortMember,
    InviteFailure,
    Learner,
)


def _table(name: str) -> sa.Table:
    return SQLModel.metadata.tables[name]


# -- assessors ----------------------------------------------------------------------------------


async def get_assessor(session: AsyncSession, *, learner_id: int) -> Assessor | None:
    return await session.get(Assessor, learner_id)


async def active_assessor(session: AsyncSession, *, learner_id: int) -> Assessor | None:
    """The assessor row if the role is held now (granted and not revoked)."""
    row = await session.get(Assessor, learner_id)
    return row if row is not None and row.revoked_at is None else None


async def grant_assessor(
    session: AsyncSession,
    *,
    learner_id: int,
    granted_by: int | None,
    now: datetime,
    digest_next_at: datetime | None,
) -> tuple[Assessor, bool]:
    """Make the learner an assessor (again); returns the row and whether they already were."""
    row = await session.get(Assessor, learner_id)
    if row is not None and row.revoked_at is None:
        return row, True
    if row is None:
        row = Assessor(learner_id=learner_id)
    row.granted_by, row.granted_at, row.revoked_at = granted_by, now, None
    row.digest_next_at = digest_next_at
    session.add(row)
    await session.flush()
    return row, False


async def revoke_assessor(session: AsyncSession, *, learner_id: int, now: datetime) -> bool:
    """Withdraw the role (the row stays, with revoked_at); False if it was not held."""
    row = await active_assessor(session, learner_id=learner_id)
    if row is None:
        return False
    row.revoked_at, row.digest_next_at = now, None
    session.add(row)
    await session.flush()
    return True


async def list_active_assessors(session: AsyncSession) -> Sequence[tuple[Assessor, Learner]]:
    result = await session.exec(
        select(Assessor, Learner)
        .join(Learner, col(Learner.id) == col(Assessor.learner_id))
        .where(col(Assessor.revoked_at).is_(None))
        .order_by(col(Learner.first_name), col(Learner.id))
    )
    return result.all()


async def due_digests(session: AsyncSession, *, now: datetime) -> Sequence[tuple[Assessor, Learner]]:
    """Assessors whose digest is due, with their learner rows, oldest first, in one statement."""
    result = await session.exec(
        select(Assessor, Learner)
        .join(Learner, col(Learner.id) == col(Assessor.learner_id))
        .where(col(Assessor.revoked_at).is_(None))
        .where(col(Assessor.digest_next_at).is_not(None))
        .where(col(Assessor.digest_next_at) <= now)
        .order_by(col(Assessor.digest_next_at))
    )
    return result.all()


async def claim_digest(
    session: AsyncSession, *, learner_id: int, expected: datetime, next_at: datetime | None
) -> bool:
    """Move digest_next_at on, only if it still holds `expected`: of two instances that see
    the same due digest, exactly one wins the update and sends it."""
    conn = await session.connection()
    table = _table("assessor")
    result = await conn.execute(
        sa.update(table)
        .where(table.c.learner_id == learner_id)
        .where(table.c.digest_next_at == expected)
        .where(table.c.revoked_at.is_(None))
        .values(digest_next_at=next_at)
    )
    return result.rowcount == 1


async def set_digest(
    session: AsyncSession, *, learner_id: int, day: int, time: str, next_at: datetime | None
) -> None:
    row = await session.get(Assessor, learner_id)
    if row is not None:
        row.digest_day, row.digest_time, row.digest_next_at = day, time, next_at
        session.add(row)
        await session.flush()


# -- one-time assessor invites ------------------------------------------------------------------


async def add_assessor_invite(
    session: AsyncSession, *, code: str, created_by: int, now: datetime, expires_at: datetime | None
) -> AssessorInvite:
    invite = AssessorInvite(code=code, created_by=created_by, created_at=now, expires_at=expires_at)
    session.add(invite)
    await session.flush()
    return invite


async def get_assessor_invite(session: AsyncSession, *, code: str) -> AssessorInvite | None:
    return await session.get(AssessorInvite, code)


async def use_assessor_invite(
    session: AsyncSession, *, code: str, learner_id: int, now: datetime
) -> bool:
    """Mark the invite used, only if nobody has used it yet (one-time, even under a race)."""
    conn = await session.connection()
    table = _table("assessor_invite")
    result = await conn.execute(
        sa.update(table)
        .where(table.c.code == code)
        .where(table.c.used_at.is_(None))
        .values(used_by=learner_id, used_at=now)
    )
    return result.rowcount == 1


# -- cohorts and members ------------------------------------------------------------------------


async def add_cohort(
    session: AsyncSession,
    *,
    assessor_id: int,
    name: str,
    invite_code: str | None,
    invite_expires_at: datetime | None,
    now: datetime,
) -> Cohort:
    cohort = Cohort(
        assessor_id=assessor_id, name=name, invite_code=invite_code,
        invite_expires_at=invite_expires_at, created_at=now,
    )
    session.add(cohort)
    await session.flush()
    return cohort


async def cohorts_of(session: AsyncSession, *, assessor_id: int) -> Sequence[Cohort]:
    result = await session.exec(
        select(Cohort).where(Cohort.assessor_id == assessor_id).order_by(col(Cohort.name), col(Cohort.id))
    )
    return result.all()


async def cohort_by_code(session: AsyncSession, *, code: str) -> Cohort | None:
    result = await session.exec(select(Cohort).where(Cohort.invite_code == code))
    return result.first()


async def set_cohort_invite(
    session: AsyncSession, *, cohort_id: int, code: str | None, expires_at: datetime | None
) -> Cohort | None:
    cohort = await session.get(Cohort, cohort_id)
    if cohort is None:
        return None
    cohort.invite_code, cohort.invite_expires_at = code, expires_at
    session.add(cohort)
    await session.flush()
    return cohort


async def get_member(session: AsyncSession, *, cohort_id: int, learner_id: int) -> CohortMember | None:
    return await session.get(CohortMember, (cohort_id, learner_id))


async def put_member(
    session: AsyncSession, *, cohort_id: int, learner_id: int, share_answers: bool, now: datetime
) -> tuple[CohortMember, bool]:
    """Add the learner to the cohort, or update their sharing; returns (row, was already in)."""
    row = await get_member(session, cohort_id=cohort_id, learner_id=learner_id)
    already = row is not None
    if row is None:
        row = CohortMember(cohort_id=cohort_id, learner_id=learner_id, joined_at=now)
    row.share_answers = share_answers
    session.add(row)
    await session.flush()
    return row, already


async def remove_member(session: AsyncSession, *, cohort_id: int, learner_id: int) -> bool:
    row = await get_member(session, cohort_id=cohort_id, learner_id=learner_id)
    if row is None:
        return False
    await session.delete(row)
    await session.flush()
    return True


async def memberships_of(
    session: AsyncSession, *, learner_id: int
) -> Sequence[tuple[CohortMember, Cohort]]:
    result = await session.exec(
        select(CohortMember, Cohort)
        .join(Cohort, col(Cohort.id) == col(CohortMember.cohort_id))
        .where(CohortMember.learner_id == learner_id)
        .order_by(col(Cohort.name), col(Cohort.id))
    )
    return result.all()


async def members_of(
    session: AsyncSession, *, cohort_ids: Iterable[int]
) -> Sequence[tuple[CohortMember, Learner]]:
    ids = list(cohort_ids)
    if not ids:
        return []
    result = await session.exec(
        select(CohortMember, Learner)
        .join(Learner, col(Learner.id) == col(CohortMember.learner_id))
        .where(col(CohortMember.cohort_id).in_(ids))
        .order_by(col(Learner.first_name), col(Learner.id))
    )
    return result.all()


async def comments_on(
    session: AsyncSession, *, attempt_ids: Iterable[int]
) -> dict[int, list[AnswerComment]]:
    """The comments on these answers, oldest first, by attempt id."""
    ids = list(set(attempt_ids))
    found: dict[int, list[AnswerComment]] = {}
    if not ids:
        return found
    result = await session.exec(
        select(AnswerComment)
        .where(col(AnswerComment.attempt_id).in_(ids))
        .order_by(col(AnswerComment.created_at), col(AnswerComment.id))
    )
    for row in result.all():
        found.setdefault(row.attempt_id, []).append(row)
    return found


async def attempts_of(
    session: AsyncSession, *, learner_ids: Iterable[int]
) -> dict[int, list[Attempt]]:
    """Every attempt of each learner, oldest first (summaries need the whole history)."""
    ids = list(set(learner_ids))
    found: dict[int, list[Attempt]] = {i: [] for i in ids}
    if not ids:
        return found
    result = await session.exec(
        select(Attempt)
        .where(col(Attempt.learner_id).in_(ids))
        .order_by(col(Attempt.created_at), col(Attempt.id))
    )
    for attempt in result.all():
        found[attempt.learner_id].append(attempt)
    return found


async def area_cards_of(
    session: AsyncSession, *, learner_ids: Iterable[int]
) -> dict[int, list[AreaCard]]:
    """Each learner's area cards (mastery per topic and skill, kept by bot.mastery.review)."""
    ids = list(set(learner_ids))
    found: dict[int, list[AreaCard]] = {i: [] for i in ids}
    if not ids:
        return found
    result = await session.exec(
        select(AreaCard)
        .where(col(AreaCard.learner_id).in_(ids))
        .order_by(col(AreaCard.topic_id), col(AreaCard.skill))
    )
    for card in result.all():
        found[card.learner_id].append(card)
    return found


# -- wrong invite codes -------------------------------------------------------------------------


async def count_failures(session: AsyncSession, *, telegram_user_id: int, since: datetime) -> int:
    conn = await session.connection()
    table = _table("invite_failure")
    total = await conn.scalar(
        sa.select(sa.func.count())
        .select_from(table)
        .where(table.c.telegram_user_id == telegram_user_id)
        .where(table.c.at > since)
    )
    return int(total or 0)


async def add_failure(session: AsyncSession, *, telegram_user_id: int, now: datetime) -> None:
    session.add(InviteFailure(telegram_user_id=telegram_user_id, at=now))
    await session.flush()


async def prune_failures(session: AsyncSession, *, before: datetime) -> None:
    conn = await session.connection()
    table = _table("invite_failure")
    await conn.execute(sa.delete(table).where(table.c.at < before))
