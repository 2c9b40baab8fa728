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
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.cohorts import ASSESSORS_ONLY
from bot.feedback import HTML, Markup
from bot.insights import CohortReport, cohort_report, cohort_weakest_area, cohort_weakest_skill
from bot.progress import zone
from content.loader import Content
from storage import cohort_queries as cq
from storage.models import Learner, aware

if TYPE_CHECKING:
    from bot.services import Services

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# A learner "improved" when this week's mean beats their earlier mean by this many points.
IMPROVED_STEP = 5


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


async def set_digest(
    services: Services, learner: Learner, setting: tuple[int, str] | None
) -> datetime | None:
    """Store the day and time (or switch the digest off); returns the next digest, if any."""
    assert learner.id is not None
    async with services.sessions.begin() as session:
        row = await cq.active_assessor(session, learner_id=learner.id)
        if row is None:
            raise DigestError(ASSESSORS_ONLY)
        day, time = setting if setting else (row.digest_day, row.digest_time)
        tz = zone(learner.timezone, services.settings.default_timezone)
        next_at = next_digest_at(services.clock.now(), tz, day=day, time=time) if setting else None
        await cq.set_digest(session, learner_id=learner.id, day=day, time=time, next_at=next_at)
    return next_at


async def digest_state(services: Services, learner: Learner) -> str:
    """The assessor's digest in words: "Mondays at 08:00 (Europe/London)" or "off"."""
    assert learner.id is not None
    async with services.sessions() as session:
        row = await cq.active_assessor(session, learner_id=learner.id)
    if row is None or row.digest_next_at is None:
        return "off"
    return f"{DAY_NAMES[row.digest_day]}s at {row.digest_time} ({learner.timezone})"


@dataclass(frozen=True)
class Due:
    learner: Learner
    expected: datetime


async def due(services: Services) -> list[Due]:
    """Assessors whose digest time has come, oldest first."""
    async with services.sessions() as session:
        rows = await cq.due_digests(session, now=services.clock.now())
        found = []
        for row in rows:
            learner = await session.get(Learner, row.learner_id)
            if learner is not None and row.digest_next_at is not None:
                found.append(Due(learner, row.digest_next_at))
    return found


async def claim(services: Services, item: Due) -> bool:
    """Move this assessor's next digest a week on; False if another instance got there first."""
    assert item.learner.id is not None
    async with services.sessions.begin() as session:
        row = await cq.active_assessor(session, learner_id=item.learner.id)
        if row is None:
            return False
        tz = zone(item.learner.timezone, services.settings.default_timezone)
        next_at = next_digest_at(services.clock.now(), tz, day=row.digest_day, time=row.digest_time)
        return await cq.claim_digest(
            session, learner_id=item.learner.id, expected=item.expected, next_at=next_at
        )


def _some(items: list[str], budget: int = 1500) -> str:
    """Names joined, within `budget` characters (so a message never outgrows Telegram's
    limit, however long the names): as many as fit, then how many more."""
    shown: list[str] = []
    for i, item in enumerate(items):
        if sum(len(x) + 2 for x in shown) + len(item) > budget:
            return ", ".join(shown) + f" and {len(items) - i} more"
        shown.append(item)
    return ", ".join(shown)


def render_digest(report: CohortReport, m: Markup, content: Content) -> list[str]:
    """One message per cohort with members; none at all when nobody is in any cohort."""
    day = report.generated_at.astimezone(report.tz)
    out: list[str] = []
    for section in report.sections:
        if not section.learners:
            continue
        inactive = [m.esc(s.name) for s in section.learners if s.attempts_7d == 0]
        improved = [
            f"{m.esc(s.name)} (+{s.week_delta})" for s in section.learners
            if s.week_delta is not None and s.week_delta >= IMPROVED_STEP
        ]
        lines = [
            m.bold(f"Weekly digest: {section.name}"),
            f"{len(section.learners)} learners, week to {day.day} {day:%b %Y}",
            "",
            "Inactive (no practice in 7 days): " + (_some(inactive) or "nobody, everyone practised"),
            "Improved this week: " + (_some(improved) or "nobody yet"),
        ]
        area = cohort_weakest_area(section.learners, content)
        skill = cohort_weakest_skill(section.learners)
        if area:
            lines.append(f"Weakest area: {m.esc(area[0])} (average mastery {area[1]}%)")
        if skill:
            lines.append(f"Weakest skill: {m.esc(skill[0])} ({skill[1]}%)")
        lines += ["", f"Details: /cohort; one learner: /learner {m.esc('<name>')}; files: /export"]
        out.append("\n".join(lines))
    return out


async def digest_messages(services: Services, learner: Learner) -> list[str]:
    """The digest for one assessor, built from their own cohorts only."""
    assert learner.telegram_user_id is not None
    scope = await services.cohorts.scope(learner.telegram_user_id)
    report, _ = await cohort_report(services, scope)
    return render_digest(report, HTML, services.content)
