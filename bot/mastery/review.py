"""Mastery and spaced review of areas: an area is a topic x skill (six skills, bot.mastery.progress.SKILLS).

Every assessed attempt is evidence about the areas of its topic. For each skill the prompt tests
(or that the learner showed unasked), the skill's mark becomes an FSRS rating and the area's card
is reviewed with the `fsrs` package; the card's next due date is kept as a *day* in the learner's
time zone (due from local midnight), so the evening nudge sees what falls due that day. Mastery is
the recency-weighted mean of the same marks, as in /progress. docs/review.md explains the mapping
and why; keep the two in step.

`Review.focus` answers "what should I practise?": the weakest due area, else a topic never tried,
else the weakest area. "My weakest area" and the daily nudge both use it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from fsrs import Card, Rating, Scheduler
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.clock import zone
from bot.mastery.progress import DECAY, SKILLS, skill_scores
from content.loader import Content
from content.models import Check, Kind, Prompt
from storage import queries
from storage.models import AnswerMode, AreaCard, Learner, aware

# The marking checks that test each skill; `names_any_of` tests the skills of the kinds it names.
CHECK_SKILLS: dict[Check, str] = {
    Check.NAMES_LEGISLATION: "legislation",
    Check.NAMES_REGULATOR: "regulators",
    Check.NAMES_POLICY: "policies",
    Check.STAR_COMPLETE: "star",
    Check.MEASURABLE_RESULT: "measurable",
    Check.EXPLAINS_WHY: "reasoning",
}
KIND_SKILLS: dict[Kind, str] = {
    Kind.LEGISLATION: "legislation",
    Kind.REGULATOR: "regulators",
    Kind.POLICY: "policies",
}
# An apprenticeship's end-point assessment is months away, not years: never schedule an area
# further out than this, so everything comes back at least once before the assessment.
MAX_INTERVAL_DAYS = 60
DESIRED_RETENTION = 0.9


def scheduler() -> Scheduler:
    """FSRS with its published default weights, day-sized steps only and no random fuzz.

    The package's learning steps (1 and 10 minutes) suit flash cards seen in one sitting; an area
    is practised with a two-minute STAR answer, at most daily, so every rating schedules whole
    days. Fuzz spreads flash-card load; here it would only make the schedule harder to explain.
    """
    return Scheduler(
        desired_retention=DESIRED_RETENTION,
        learning_steps=(),
        relearning_steps=(),
        maximum_interval=MAX_INTERVAL_DAYS,
        enable_fuzzing=False,
    )


def skills_asked(prompt: Prompt, content: Content) -> set[str]:
    """The skills the prompt's marking points ask for."""
    found: set[str] = set()
    for point in prompt.marking_points:
        if point.check in CHECK_SKILLS:
            found.add(CHECK_SKILLS[point.check])
        elif point.check is Check.NAMES_ANY_OF:
            for entry_id in point.params.get("ids", []):
                entry = content.catalogue.get(entry_id)
                if entry is not None and entry.kind in KIND_SKILLS:
                    found.add(KIND_SKILLS[entry.kind])
    return found


def rating_for(mark: float, *, grade: str, kind: AnswerMode = AnswerMode.ANSWER) -> Rating:
    """The FSRS rating of one area from the skill's mark (0 to 1) in one attempt.

    Below half (nothing, or only superseded law, or at most one STAR part) is a lapse; half (a
    wrong year, two STAR parts) is recalled with difficulty; three quarters or more (a missing
    year, three parts) is recalled. Easy needs the full mark in a first answer graded Distinction:
    a probe reply was prompted and a retry repeats a question just seen.
    """
    if mark < 0.5:
        return Rating.Again
    if mark < 0.75:
        return Rating.Hard
    if mark >= 1.0 and grade == "distinction" and kind == AnswerMode.ANSWER:
        return Rating.Easy
    return Rating.Good


def updated_mastery(previous: float, reviews: int, mark: float) -> float:
    """The recency-weighted mean (bot.mastery.progress.recency_mastery) after one more mark, from the
    mean of the `reviews` marks before it: their weights sum to (1 - d^n) / (1 - d)."""
    weight = (1 - DECAY**reviews) / (1 - DECAY)
    return (mark + DECAY * weight * previous) / (1 + DECAY * weight)


def start_of_day(day: date, tz: ZoneInfo) -> datetime:
    """The first instant of a local day, in UTC (midnight, or the end of a gap at midnight)."""
    return datetime.combine(day, time(0, 0), tzinfo=tz).astimezone(UTC)


def aim_at_exam(due: datetime, *, now: datetime, exam: date | None, tz: ZoneInfo) -> datetime:
    """Aim a review at the assessment date: no review further away than half the days left, and
    none on or after the day itself. Intervals therefore shrink as the day comes (at most 15 days
    with a month to go, 5 with ten days, 1 in the last days), so practice peaks just before it.
    Without a date, or once it has passed, the FSRS due date stands."""
    if exam is None:
        return due
    today = aware(now).astimezone(tz).date()
    left = (exam - today).days
    if left <= 0:
        return due
    latest_day = min(today + timedelta(days=max(1, left // 2)), exam - timedelta(days=1))
    latest = start_of_day(max(latest_day, today), tz)
    return min(aware(due), latest)


def due_day_start(due: datetime, tz: ZoneInfo) -> datetime:
    """FSRS gives an instant; an area is due for the whole local day it falls on."""
    return start_of_day(aware(due).astimezone(tz).date(), tz)


@dataclass(frozen=True)
class AreaReview:
    topic_id: str
    skill: str
    mark: float
    rating: Rating
    mastery: float
    due_at: datetime


class Why(StrEnum):
    """Why an area is the one to practise next."""

    DUE = "due"  # a review is due
    NEW = "new"  # a topic never tried
    WEAKEST = "weakest"  # nothing due: the lowest mastery


@dataclass(frozen=True)
class Focus:
    """What to practise next, and why. `skill` is None for a new topic."""

    topic_id: str
    skill: str | None
    reason: Why
    due: tuple[tuple[str, str], ...] = ()


class Review:
    """The review model over the database; no Telegram in here."""

    def __init__(self, content: Content, *, default_timezone: str) -> None:
        self.content = content
        self.default_timezone = default_timezone
        self.scheduler = scheduler()

    def _card(self, row: AreaCard, now: datetime) -> Card:
        state = (row.card or {}).get("fsrs")
        if state:
            return Card.from_dict(state)
        # card_id is only a label here; the package's default (the clock) would sleep a millisecond.
        return Card(card_id=1, due=now)

    async def record(
        self,
        session: AsyncSession,
        *,
        learner: Learner,
        prompt: Prompt,
        result: dict[str, Any],
        grade: str,
        kind: AnswerMode,
        now: datetime,
    ) -> list[AreaReview]:
        """Review the areas an assessed attempt gives evidence about, in the caller's transaction.

        A skill the prompt asks for is rated whatever the mark; one it does not ask for counts
        only when the learner showed it anyway (not naming a regulator when nobody asked is no
        evidence of having forgotten one).
        """
        assert learner.id is not None
        now = aware(now).astimezone(UTC)
        tz = zone(learner.timezone, self.default_timezone)
        marks = skill_scores(result)
        tested = skills_asked(prompt, self.content)
        reviewed: list[AreaReview] = []
        skills = [skill for skill in SKILLS if skill in tested or marks[skill] > 0]
        if not skills:
            return reviewed
        # One read for every area touched; the flush below writes them in one batch.
        existing = {row.skill: row for row in (await session.exec(
            select(AreaCard).where(
                AreaCard.learner_id == learner.id, AreaCard.topic_id == prompt.topic,
                col(AreaCard.skill).in_(skills),
            )
        )).all()}
        for skill in skills:
            mark = marks[skill]
            row = existing.get(skill)
            if row is None:
                row = AreaCard(learner_id=learner.id, topic_id=prompt.topic, skill=skill, due_at=now)
            rating = rating_for(mark, grade=grade, kind=kind)
            card, _ = self.scheduler.review_card(self._card(row, now), rating, review_datetime=now)
            row.mastery = updated_mastery(row.mastery, row.reviews, mark)
            row.reviews += 1
            row.card = {"fsrs": dict(card.to_dict()), "rating": int(rating), "mark": mark}
            row.due_at = aim_at_exam(
                due_day_start(card.due, tz), now=now, exam=learner.exam_date, tz=tz
            )
            row.updated_at = now
            session.add(row)
            reviewed.append(AreaReview(prompt.topic, skill, mark, rating, row.mastery, row.due_at))
        await session.flush()
        return reviewed

    async def cards(self, session: AsyncSession, *, learner_id: int) -> Sequence[AreaCard]:
        result = await session.exec(
            select(AreaCard)
            .where(AreaCard.learner_id == learner_id)
            .order_by(col(AreaCard.topic_id), col(AreaCard.skill))
        )
        return result.all()

    def due(self, cards: Sequence[AreaCard], now: datetime) -> list[AreaCard]:
        """Areas due now, weakest first (then the longest overdue), for topics still offered."""
        now = aware(now)
        due = [c for c in cards if c.topic_id in self.content.topics and aware(c.due_at) <= now]
        return sorted(due, key=lambda c: (round(c.mastery, 6), aware(c.due_at), c.topic_id, c.skill))

    async def focus(self, session: AsyncSession, *, learner_id: int, now: datetime) -> Focus:
        """The weakest due area; else the first topic never tried; else the weakest area."""
        cards = await self.cards(session, learner_id=learner_id)
        due = self.due(cards, now)
        due_keys = tuple((c.topic_id, c.skill) for c in due)
        if due:
            return Focus(due[0].topic_id, due[0].skill, Why.DUE, due_keys)
        averages = await queries.topic_averages(session, learner_id=learner_id)
        tried = set(averages) | {c.topic_id for c in cards}
        untried = sorted(t for t in self.content.topics if t not in tried)
        if untried:
            return Focus(untried[0], None, Why.NEW)
        known = [c for c in cards if c.topic_id in self.content.topics]
        if known:
            weakest = min(known, key=lambda c: (round(c.mastery, 6), aware(c.due_at), c.topic_id, c.skill))
            return Focus(weakest.topic_id, weakest.skill, Why.WEAKEST)
        topic = min(sorted(self.content.topics), key=lambda t: averages.get(t, -1.0))
        return Focus(topic, None, Why.WEAKEST)

    def prompts_for(self, topic_id: str, skill: str | None) -> list[Prompt]:
        """The topic's prompts, those that test `skill` first when there are any."""
        pool = [p for p in self.content.prompts.values() if p.topic == topic_id]
        if skill is None:
            return pool
        testing = [p for p in pool if skill in skills_asked(p, self.content)]
        return testing or pool


def skill_label(skill: str | None) -> str:
    return SKILLS.get(skill or "", "").lower()



async def bring_forward(
    session: AsyncSession, *, learner: Learner, topic_id: str, skill: str, now: datetime,
    default_timezone: str,
) -> AreaCard:
    """Make an area due today (a mock's "practise next"), in the caller's transaction; an area
    never practised gets a card with no mastery yet. The FSRS state is kept: the next rating
    reviews it as usual."""
    assert learner.id is not None
    tz = zone(learner.timezone, default_timezone)
    today = start_of_day(aware(now).astimezone(tz).date(), tz)
    row = await session.get(AreaCard, (learner.id, topic_id, skill))
    if row is None:
        row = AreaCard(learner_id=learner.id, topic_id=topic_id, skill=skill, due_at=today)
    elif aware(row.due_at) > today:
        row.due_at = today
    row.updated_at = aware(now)
    session.add(row)
    await session.flush()
    return row


async def reaim_at_exam(
    session: AsyncSession, *, learner: Learner, now: datetime, default_timezone: str
) -> int:
    """After the assessment date is set or moved: bring every area card's next review within
    the aim (bot.mastery.review.aim_at_exam), in the caller's transaction. Returns how many moved.
    A date removed leaves the schedule as it is: the next review of each area sets it afresh."""
    assert learner.id is not None
    tz = zone(learner.timezone, default_timezone)
    moved = 0
    rows = await session.exec(select(AreaCard).where(AreaCard.learner_id == learner.id))
    for row in rows.all():
        aimed = aim_at_exam(aware(row.due_at), now=now, exam=learner.exam_date, tz=tz)
        if aimed != aware(row.due_at):
            row.due_at = aimed
            session.add(row)
            moved += 1
    await session.flush()
    return moved
