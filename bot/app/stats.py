"""`star-coach stats`: the numbers an operator checks first, read straight from the database."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Attempt, Cohort, Learner, NudgeLog, NudgeStatus, Reminder


@dataclass(frozen=True)
class Stats:
    learners: int
    active_7_days: int
    attempts_today: int
    attempts_total: int
    reminders_enabled: int
    nudges_due_24h: int
    nudges_sent_24h: int
    cohorts: int

    def to_dict(self) -> dict[str, int]:
        return asdict(self)


async def _count(session: AsyncSession, statement: object) -> int:
    result = await session.exec(statement)  # type: ignore[call-overload]
    return int(result.one() or 0)


async def collect(session: AsyncSession, *, now: datetime) -> Stats:
    """Counts as of `now` (UTC). "Today" is the UTC day: the operator's view, not a learner's."""
    day_start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    week_ago, day_ago = now - timedelta(days=7), now - timedelta(hours=24)
    return Stats(
        learners=await _count(session, select(func.count()).select_from(Learner)),
        active_7_days=await _count(
            session,
            select(func.count(func.distinct(Attempt.learner_id))).where(
                col(Attempt.created_at) >= week_ago
            ),
        ),
        attempts_today=await _count(
            session, select(func.count()).where(col(Attempt.created_at) >= day_start)
        ),
        attempts_total=await _count(session, select(func.count()).select_from(Attempt)),
        reminders_enabled=await _count(
            session, select(func.count()).where(col(Reminder.enabled).is_(True))
        ),
        nudges_due_24h=await _count(
            session,
            select(func.count()).where(col(NudgeLog.due_at) >= day_ago, col(NudgeLog.due_at) <= now),
        ),
        nudges_sent_24h=await _count(
            session,
            select(func.count()).where(
                col(NudgeLog.sent_at) >= day_ago, col(NudgeLog.status) == NudgeStatus.SENT
            ),
        ),
        cohorts=await _count(session, select(func.count()).select_from(Cohort)),
    )


LABELS = {
    "learners": "Learners",
    "active_7_days": "Active in the last 7 days",
    "attempts_today": "Answers today (UTC)",
    "attempts_total": "Answers in all",
    "reminders_enabled": "Daily reminders switched on",
    "nudges_due_24h": "Nudges due in the last 24 hours",
    "nudges_sent_24h": "Nudges sent in the last 24 hours",
    "cohorts": "Cohorts",
}


def render(stats: Stats) -> str:
    width = max(len(v) for v in LABELS.values())
    return "\n".join(f"{LABELS[k]:<{width}}  {v}" for k, v in stats.to_dict().items())
