"""The assessor's weekly digest: who is inactive, who improved, and each cohort's weakest area.

The database says when each digest is due (Assessor.digest_next_at, UTC, worked out from the
assessor's day and local time in their own time zone); a job only wakes up to look. A digest
is claimed by moving digest_next_at on in one conditional update before it is sent, so two
instances never send the same one, and a bot that was down sends one late digest, not a pile.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from datetime import time as dtime
from zoneinfo import ZoneInfo

from bot.clock import Clock, zone
from bot.cohorts.assignments import AssignmentService
from bot.cohorts.insights import CohortReport, Insights
from bot.cohorts.service import ASSESSORS_ONLY, CohortService
from storage import cohort_queries as cq
from storage.db import SessionFactory
from storage.models import Learner, aware

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class DigestError(ValueError):
    pass


def next_digest_at(now: datetime, tz: ZoneInfo, *, day: int, time: str) -> datetime:
    """The first moment after `now` that is weekday `day` (0 = Monday) at `time` ("HH:MM")
    on the wall clock in `tz`, in UTC. Clock changes move the UTC time, not the local one."""
    hours, minutes = (int(p) for p in time.split(":"))
    local = aware(now).astimezone(tz)
    date = local.date() + timedelta(days=(day - local.weekday()) % 7)
    for extra in (0, 7):
        candidate = datetime.combine(date + timedelta(days=extra), dtime(hours, minutes), tzinfo=tz)
        if candidate > now:
            return candidate.astimezone(UTC)
    raise AssertionError("unreachable: a week later is always after now")  # pragma: no cover


def parse_setting(text: str) -> tuple[int, str] | None:
    """`mon 08:00` -> (0, "08:00"); `off` -> None; anything else raises DigestError."""
    words = text.lower().split()
    if words == ["off"]:
        return None
    if len(words) == 2 and words[0][:3] in DAYS and (m := re.fullmatch(r"(\d{1,2}):(\d{2})", words[1])):
        hours, minutes = int(m.group(1)), int(m.group(2))
        if hours < 24 and minutes < 60:
            return DAYS.index(words[0][:3]), f"{hours:02d}:{minutes:02d}"
    raise DigestError("Send /digest followed by a day and a time, such as /digest mon 08:00, or /digest off.")


@dataclass(frozen=True)
class Due:
    learner: Learner
    expected: datetime


@dataclass(frozen=True)
class Digests:
    """The weekly digest over the database: each assessor's setting, what is due, the claim."""

    sessions: SessionFactory
    clock: Clock
    cohorts: CohortService
    insights: Insights
    default_timezone: str
    assignments: AssignmentService | None = None

    async def set(self, learner: Learner, setting: tuple[int, str] | None
    ) -> datetime | None:
        """Store the day and time (or switch the digest off); returns the next digest, if any."""
        assert learner.id is not None
        async with self.sessions.begin() as session:
            row = await cq.active_assessor(session, learner_id=learner.id)
            if row is None:
                raise DigestError(ASSESSORS_ONLY)
            day, time = setting if setting else (row.digest_day, row.digest_time)
            tz = zone(learner.timezone, self.default_timezone)
            next_at = next_digest_at(self.clock.now(), tz, day=day, time=time) if setting else None
            await cq.set_digest(session, learner_id=learner.id, day=day, time=time, next_at=next_at)
        return next_at

    async def state(self, learner: Learner) -> str:
        """The assessor's digest in words: "Mondays at 08:00 (Europe/London)" or "off"."""
        assert learner.id is not None
        async with self.sessions() as session:
            row = await cq.active_assessor(session, learner_id=learner.id)
        if row is None or row.digest_next_at is None:
            return "off"
        return f"{DAY_NAMES[row.digest_day]}s at {row.digest_time} ({learner.timezone})"

    async def due(self) -> list[Due]:
        """Assessors whose digest time has come, oldest first."""
        async with self.sessions() as session:
            rows = await cq.due_digests(session, now=self.clock.now())
        return [Due(learner, row.digest_next_at) for row, learner in rows if row.digest_next_at is not None]

    async def claim(self, item: Due) -> bool:
        """Move this assessor's next digest a week on; False if another instance got there first."""
        assert item.learner.id is not None
        async with self.sessions.begin() as session:
            row = await cq.active_assessor(session, learner_id=item.learner.id)
            if row is None:
                return False
            tz = zone(item.learner.timezone, self.default_timezone)
            next_at = next_digest_at(self.clock.now(), tz, day=row.digest_day, time=row.digest_time)
            return await cq.claim_digest(
                session, learner_id=item.learner.id, expected=item.expected, next_at=next_at
            )

    async def report(self, learner: Learner) -> CohortReport:
        """The digest's figures for one assessor, from their own cohorts only
        (bot.render.digest words them)."""
        assert learner.telegram_user_id is not None
        scope = await self.cohorts.scope(learner.telegram_user_id)
        report, _ = await self.insights.cohort_report(scope)
        return report

    async def overdue(self, learner: Learner) -> dict[int, list[str]]:
        """The digest's overdue set work: learner id to the labels of work past its due date."""
        assert learner.telegram_user_id is not None
        if self.assignments is None:
            return {}
        return await self.assignments.overdue(await self.cohorts.scope(learner.telegram_user_id))
