"""Small async query functions, keyword-only, one job each: `f(session, *, ...)`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Attempt, Draft, Learner, utcnow


async def get_learner(session: AsyncSession, *, key: str) -> Learner | None:
    result = await session.exec(select(Learner).where(Learner.key == key))
    return result.first()


async def get_or_create_learner(
    session: AsyncSession,
    *,
    key: str,
    telegram_user_id: int | None = None,
    first_name: str = "",
    timezone: str = "Europe/London",
) -> Learner:
    learner = await get_learner(session, key=key)
    if learner is None:
        learner = Learner(
            key=key, telegram_user_id=telegram_user_id, first_name=first_name[:128],
            timezone=timezone,
        )
        session.add(learner)
        await session.flush()
    elif first_name and learner.first_name != first_name[:128]:
        learner.first_name = first_name[:128]
        session.add(learner)
    return learner


async def get_draft(session: AsyncSession, *, learner_id: int) -> Draft | None:
    return await session.get(Draft, learner_id)


async def start_draft(
    session: AsyncSession, *, learner_id: int, prompt_id: str, now: datetime | None = None
) -> Draft:
    """Begin a new answer, replacing any unfinished one."""
    now = now or utcnow()
    draft = await session.get(Draft, learner_id)
    if draft is None:
        draft = Draft(learner_id=learner_id, prompt_id=prompt_id, started_at=now, updated_at=now)
    else:
        draft.prompt_id, draft.text, draft.parts = prompt_id, "", 0
        draft.started_at = draft.updated_at = now
    session.add(draft)
    await session.flush()
    return draft


async def append_to_draft(
    session: AsyncSession, *, learner_id: int, text: str, now: datetime | None = None
) -> Draft | None:
    draft = await session.get(Draft, learner_id)
    if draft is None:
        return None
    draft.text = f"{draft.text}\n{text}" if draft.text else text
    draft.parts += 1
    draft.updated_at = now or utcnow()
    session.add(draft)
    await session.flush()
    return draft


async def delete_draft(session: AsyncSession, *, learner_id: int) -> bool:
    draft = await session.get(Draft, learner_id)
    if draft is None:
        return False
    await session.delete(draft)
    await session.flush()
    return True


async def add_attempt(
    session: AsyncSession,
    *,
    learner_id: int,
    prompt_id: str,
    topic_id: str,
    text: str,
    score: int,
    grade: str,
    result: dict[str, Any],
    now: datetime | None = None,
) -> Attempt:
    attempt = Attempt(
        learner_id=learner_id, prompt_id=prompt_id, topic_id=topic_id, text=text, score=score,
        grade=grade, result=result, created_at=now or utcnow(),
    )
    session.add(attempt)
    await session.flush()
    return attempt


async def list_attempts(
    session: AsyncSession, *, learner_id: int, limit: int = 50
) -> Sequence[Attempt]:
    result = await session.exec(
        select(Attempt)
        .where(Attempt.learner_id == learner_id)
        .order_by(col(Attempt.created_at).desc(), col(Attempt.id).desc())
        .limit(limit)
    )
    return result.all()
