"""Helpers only the tests use: a clock that stands still, and short readers of the database and
of the assessment's spans. Production code carries none of them (tests/architecture checks)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.assessment.structure import measurable_span, reasoning_spans, star_spans
from bot.clock import Clock
from storage import queries
from storage.models import Draft, NudgeLog


class FixedClock(Clock):
    """A clock that stands still until a test moves it."""

    def __init__(self, start: datetime) -> None:
        self._now = start if start.tzinfo else start.replace(tzinfo=UTC)

    def now(self) -> datetime:
        return self._now

    def advance(self, delta: timedelta) -> None:
        self._now += delta

    def set(self, value: datetime) -> None:
        self._now = value if value.tzinfo else value.replace(tzinfo=UTC)


async def logs_for(session: AsyncSession, *, learner_id: int) -> Sequence[NudgeLog]:
    """A learner's nudge log, oldest first."""
    result = await session.exec(
        select(NudgeLog).where(NudgeLog.learner_id == learner_id).order_by(col(NudgeLog.due_at))
    )
    return result.all()


async def append_to_draft(
    session: AsyncSession,
    *,
    learner_id: int,
    text: str,
    now: datetime | None = None,
    message_id: int | None = None,
) -> Draft | None:
    """Add a message to the learner's draft under its row lock (None if there is no draft)."""
    draft = await session.get(Draft, learner_id, with_for_update=True)
    if draft is None:
        return None
    return await queries.append_text(session, draft=draft, text=text, now=now, message_id=message_id)


def star_parts(text: str) -> dict[str, bool]:
    """Which STAR parts were heard."""
    return {part: span is not None for part, span in star_spans(text).items()}


def is_measurable(text: str) -> bool:
    return measurable_span(text) is not None


def has_reasoning(text: str) -> bool:
    return bool(reasoning_spans(text))
