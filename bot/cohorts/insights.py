"""What an assessor sees about each learner: activity, grade trend, weakest area and a
red/amber/green status, computed from stored attempts.

`summarise` is pure (tested without a database); `cohort_report` and `learner_detail` read
the database for a Scope from bot.cohorts.service, so they only ever see the caller's own members.
The rules are written down in docs/assessors.md; keep the two in step.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from statistics import mean
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.assessment.engine import PASS_MARK
from bot.clock import Clock, zone
from bot.cohorts.service import Ambiguous, NotFound, Scope
from bot.mastery.progress import SKILLS, AttemptLike, ProgressSummary, compute_progress
from content.loader import Content
from storage import cohort_queries as cq
from storage import mock_queries
from storage.db import SessionFactory
from storage.models import AnswerComment, Attempt, Cohort, Learner, aware

# Status thresholds (docs/assessors.md).
AMBER_IDLE_DAYS = 7
RED_IDLE_DAYS = 14
# Small numbers say little, so nothing is worked out from fewer answers than it names:
# - the trend compares, within one topic, the mean of its last TREND_WINDOW answers with the
#   TREND_WINDOW before them (so a topic needs 2 x TREND_WINDOW answers); topics that qualify are
#   averaged. Answers on different topics are never compared with each other (a hard topic after
#   an easy one is not a fall). A change of TREND_STEP points or more counts.
# - the recent average is the mean of the last RECENT_WINDOW answers, only once there are that many.
# - the week's change compares at least WEEK_MIN answers this week with at least WEEK_MIN before.
# - mastery by skill means something from MASTERY_MIN answers on; by topic, from TOPIC_MIN on that topic.
TREND_WINDOW = 2
TREND_STEP = 5
RECENT_WINDOW = 3
WEEK_MIN = 2
MASTERY_MIN = 3
TOPIC_MIN = 2
RECENT_ATTEMPTS = 5

class Status(StrEnum):
    """A learner's red/amber/green status (rules in docs/assessors.md)."""

    RED = "red"
    AMBER = "amber"
    GREEN = "green"


class Trend(StrEnum):
    """Which way a learner's scores move: compared topic by topic, NEW before there are enough."""

    UP = "up"
    DOWN = "down"
    STEADY = "steady"
    NEW = "new"


RED, AMBER, GREEN = Status.RED, Status.AMBER, Status.GREEN
UP, DOWN, STEADY, NEW = Trend.UP, Trend.DOWN, Trend.STEADY, Trend.NEW


@dataclass(frozen=True)
class LearnerSummary:
    learner_id: int
    name: str
    cohorts: tuple[str, ...]
    shares_answers: bool
    last_practice: datetime | None  # UTC
    attempts_7d: int
    attempts_30d: int
    attempts_total: int
    latest_grade: str | None
    recent_mean: int | None  # mean of the last RECENT_WINDOW scores (None with fewer answers)
    trend: Trend  # NEW: no topic with enough answers to compare
    trend_delta: int | None
    week_delta: int | None  # mean of the last 7 days minus the mean before them
    weakest_area: str | None  # "topic: skill", the area with the lowest mastery
    weakest_topic: str | None
    weakest_skill: str | None
    status: Status
    reasons: tuple[str, ...]
    progress: ProgressSummary
    areas: tuple[tuple[str, str, int], ...] = ()  # (topic id, skill, mastery 0 to 100)
    # Readiness reports of the learner's latest mock discussions, newest first (bot.mock.report).
    mocks: tuple[dict[str, Any], ...] = ()


class AreaLike(Protocol):
    """What a summary reads from an area card (storage.models.AreaCard, or a plain object)."""

    @property
    def topic_id(self) -> str: ...
    @property
    def skill(self) -> str: ...
    @property
    def mastery(self) -> float: ...


def area_label(content: Content, topic_id: str, skill: str) -> str:
    topic = content.topics[topic_id].title if topic_id in content.topics else topic_id
    return f"{topic}: {SKILLS.get(skill, skill).lower()}"


@dataclass(frozen=True)
class AttemptView:
    at: datetime  # UTC
    topic: str
    score: int
    grade: str
    text: str | None  # only when the learner shares their answers
    id: int | None = None  # referred to as A<id> (bot.cohorts.comments)
    # Comments on this answer: (the assessor's words, the learner's reply or None).
    comments: tuple[tuple[str, str | None], ...] = ()


@dataclass(frozen=True)
class CohortSection:
    name: str
    invite_live: bool
    invite_expires_at: datetime | None
    learners: list[LearnerSummary]


@dataclass(frozen=True)
class CohortReport:
    generated_at: datetime  # UTC
    tz: ZoneInfo
    sections: list[CohortSection]


@dataclass(frozen=True)
class LearnerDetail:
    summary: LearnerSummary
    recent: list[AttemptView]
    tz: ZoneInfo


# -- the pure part --------------------------------------------------------------------------


def _label(delta: int) -> Trend:
    if delta >= TREND_STEP:
        return UP
    if delta <= -TREND_STEP:
        return DOWN
    return STEADY


def trend(scores: Sequence[int]) -> tuple[Trend, int | None]:
    """Compare the newest answers on one topic with the ones before them (oldest first); NEW
    until there are 2 x TREND_WINDOW of them."""
    k = TREND_WINDOW
    if len(scores) < 2 * k:
        return NEW, None
    delta = round(mean(scores[-k:]) - mean(scores[-2 * k : -k]))
    return _label(delta), delta


def topic_trend(rows: Sequence[tuple[str, int]]) -> tuple[Trend, int | None]:
    """The trend over (topic, score) pairs, oldest first: each topic compared with itself, then
    the changes of the topics with enough answers averaged."""
    by_topic: dict[str, list[int]] = {}
    for topic, score in rows:
        by_topic.setdefault(topic, []).append(score)
    deltas = [d for scores in by_topic.values() if (d := trend(scores)[1]) is not None]
    if not deltas:
        return NEW, None
    delta = round(mean(deltas))
    return _label(delta), delta


def status(
    *, idle_days: int | None, recent_mean: int | None, trend_label: Trend
) -> tuple[Status, tuple[str, ...]]:
    """Red, amber or green with the reasons, by the rules in docs/assessors.md."""
    if idle_days is None:
        return RED, ("has not practised yet",)
    red: list[str] = []
    amber: list[str] = []
    if idle_days >= RED_IDLE_DAYS:
        red.append(f"no practice for {idle_days} days")
    elif idle_days >= AMBER_IDLE_DAYS:
        amber.append(f"no practice for {idle_days} days")
    if recent_mean is not None and recent_mean < PASS_MARK:
        below = f"recent average {recent_mean}, below the pass mark {PASS_MARK}"
        (amber if trend_label == UP else red).append(below + (" but rising" if trend_label == UP else ""))
    if trend_label == DOWN:
        amber.append("scores falling")
    if red:
        return RED, tuple(red + amber)
    if amber:
        return AMBER, tuple(amber)
    return GREEN, ()


def summarise(
    learner_id: int,
    name: str,
    rows: Sequence[AttemptLike],
    *,
    content: Content,
    now: datetime,
    tz: ZoneInfo,
    cohorts: Sequence[str] = (),
    shares_answers: bool = False,
    areas: Sequence[AreaLike] = (),
    mocks: Sequence[dict[str, Any]] = (),
) -> LearnerSummary:
    """`areas` are the learner's area cards (bot.mastery.review keeps one per topic and skill): the
    weakest area is the card with the lowest mastery, as the learner's own "My weakest area";
    with no cards (answers from before reviews were kept) it is the weakest topic."""
    rows = sorted(rows, key=lambda r: aware(r.created_at))
    progress = compute_progress(rows, content=content, now=now, tz=tz)
    times = [aware(r.created_at) for r in rows]
    last = times[-1] if times else None
    scores = [r.score for r in rows]
    trend_label, delta = topic_trend([(r.topic_id, r.score) for r in rows])
    recent = round(mean(scores[-RECENT_WINDOW:])) if len(scores) >= RECENT_WINDOW else None
    week = [s for s, t in zip(scores, times, strict=True) if t > now - timedelta(days=7)]
    before = scores[: len(scores) - len(week)]
    enough = len(week) >= WEEK_MIN and len(before) >= WEEK_MIN
    week_delta = round(mean(week) - mean(before)) if enough else None
    colour, reasons = status(
        idle_days=(now - last).days if last else None, recent_mean=recent, trend_label=trend_label
    )
    tried = [t for t in progress.topics if t.answers >= TOPIC_MIN]
    weakest_topic = min(tried, key=lambda t: t.value).label if tried else None
    weakest_skill = (
        min(progress.skills, key=lambda s: s.value).label if len(rows) >= MASTERY_MIN else None
    )
    weakest_card = min(areas, key=lambda a: (round(a.mastery, 6), a.topic_id, a.skill), default=None)
    weakest = (
        area_label(content, weakest_card.topic_id, weakest_card.skill) if weakest_card else weakest_topic
    )
    return LearnerSummary(
        learner_id=learner_id,
        name=name or "(no name)",
        cohorts=tuple(cohorts),
        shares_answers=shares_answers,
        last_practice=last,
        attempts_7d=len(week),
        attempts_30d=sum(t > now - timedelta(days=30) for t in times),
        attempts_total=len(rows),
        latest_grade=getattr(rows[-1], "grade", None) if rows else None,
        recent_mean=recent,
        trend=trend_label,
        trend_delta=delta,
        week_delta=week_delta,
        weakest_area=weakest,
        weakest_topic=weakest_topic,
        weakest_skill=weakest_skill,
        status=colour,
        reasons=reasons,
        progress=progress,
        areas=tuple((a.topic_id, a.skill, round(100 * a.mastery)) for a in areas),
        mocks=tuple(mocks),
    )


def cohort_weakest_area(learners: Sequence[LearnerSummary], content: Content) -> tuple[str, int] | None:
    """The area (topic and skill) with the lowest mean mastery over the learners with a card
    for it; with no cards at all, the topic with the lowest mean mastery over who tried it."""
    cards: dict[tuple[str, str], list[int]] = {}
    for s in learners:
        for topic_id, skill, value in s.areas:
            cards.setdefault((topic_id, skill), []).append(value)
    if cards:
        key = min(cards, key=lambda k: (mean(cards[k]), k))
        return area_label(content, *key), round(mean(cards[key]))
    topics: dict[str, list[int]] = {}
    for s in learners:
        for t in s.progress.topics:
            if t.answers >= TOPIC_MIN:
                topics.setdefault(t.label, []).append(t.value)
    if not topics:
        return None
    label = min(topics, key=lambda k: (mean(topics[k]), k))
    return label, round(mean(topics[label]))


def cohort_weakest_skill(learners: Sequence[LearnerSummary]) -> tuple[str, int] | None:
    """The skill with the lowest mean mastery over the learners with enough answers for it to mean
    something (MASTERY_MIN: every answer marks all six skills, so one answer says little)."""
    active = [s for s in learners if s.attempts_total >= MASTERY_MIN]
    if not active:
        return None
    values: dict[str, list[int]] = {}
    for s in active:
        for m in s.progress.skills:
            values.setdefault(m.label, []).append(m.value)
    label = min(values, key=lambda k: (mean(values[k]), k))
    return label, round(mean(values[label]))


# -- reading the database (within a Scope) ----------------------------------------------------


def _shares(scope: Scope, learner_id: int) -> bool:
    """A learner in several of this assessor's cohorts shares texts if they agreed in any."""
    return any(m.share_answers for m, lr in scope.members if lr.id == learner_id)


def _live(cohort: Cohort, now: datetime) -> bool:
    return cohort.invite_code is not None and (
        cohort.invite_expires_at is None or aware(cohort.invite_expires_at) > now
    )


def find_member(scope: Scope, query: str) -> Learner:
    """A learner in the caller's cohorts, by `#id`, id or first name (any case); NotFound the
    same way whether the learner exists elsewhere or not at all."""
    query = " ".join(query.split())
    learners = {lr.id: lr for _, lr in scope.members if lr.id is not None}
    wanted = query.lstrip("#")
    if wanted.isdigit():
        matches = [learners[int(wanted)]] if int(wanted) in learners else []
    else:
        matches = [lr for lr in learners.values() if lr.first_name.casefold() == query.casefold()]
    if not matches:
        raise NotFound("No learner by that name or number in your cohorts. /cohort lists them.")
    if len(matches) > 1:
        raise Ambiguous(
            "More than one learner in your cohorts has that name; use the number:",
            [f"#{lr.id} {lr.first_name}" for lr in matches],
        )
    return matches[0]


MOCKS_SHOWN = 3


async def _mocks_of(session: AsyncSession, ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    """Each learner's latest finished mock reports, newest first."""
    found: dict[int, list[dict[str, Any]]] = {}
    for row in await mock_queries.finished_mocks(session, learner_ids=ids, limit_each=MOCKS_SHOWN):
        if row.report:
            found.setdefault(row.learner_id, []).append(row.report)
    return found


@dataclass(frozen=True)
class Insights:
    """The assessor's views read from the database, always within a Scope (their own members)."""

    sessions: SessionFactory
    content: Content
    clock: Clock
    default_timezone: str

    def _tz(self, learner: Learner) -> ZoneInfo:
        return zone(learner.timezone, self.default_timezone)

    def _recent(
        self, attempts: Sequence[Attempt], shares: bool,
        comments: dict[int, list[AnswerComment]] | None = None,
    ) -> list[AttemptView]:
        topics = self.content.topics
        comments = comments or {}
        return [
            AttemptView(
                aware(a.created_at), topics[a.topic_id].title if a.topic_id in topics else a.topic_id,
                a.score, a.grade, a.text if shares else None, a.id,
                tuple((c.text, c.reply) for c in comments.get(a.id or 0, [])),
            )
            for a in reversed(attempts[-RECENT_ATTEMPTS:])
        ]

    async def cohort_report(self, scope: Scope
    ) -> tuple[CohortReport, list[LearnerDetail]]:
        """Every cohort in the scope with a summary of each member, in the assessor's zone, and
        each member in full (for the PDF), in the same order."""
        now = self.clock.now()
        tz = self._tz(scope.assessor)
        ids = [lr.id for _, lr in scope.members if lr.id]
        async with self.sessions() as session:
            attempts = await cq.attempts_of(session, learner_ids=ids)
            cards = await cq.area_cards_of(session, learner_ids=ids)
            recent_ids = [a.id for rows in attempts.values() for a in rows[-RECENT_ATTEMPTS:] if a.id]
            comments = await cq.comments_on(session, attempt_ids=recent_ids)
            mocks = await _mocks_of(session, ids)
        sections, details = [], []
        for cohort in scope.cohorts:
            learners = []
            for m, lr in scope.members:
                if m.cohort_id != cohort.id or lr.id is None:
                    continue
                shares = _shares(scope, lr.id)
                summary = summarise(
                    lr.id, lr.first_name, attempts.get(lr.id, []), content=self.content, now=now,
                    tz=tz, cohorts=(cohort.name,), shares_answers=shares, areas=cards.get(lr.id, []),
                    mocks=mocks.get(lr.id, []),
                )
                learners.append(summary)
                recent = self._recent(attempts.get(lr.id, []), shares, comments)
                details.append(LearnerDetail(summary, recent, tz))
            live = _live(cohort, now)
            sections.append(CohortSection(cohort.name, live, cohort.invite_expires_at, learners))
        return CohortReport(now, tz, sections), details

    async def learner_detail(self, scope: Scope, query: str) -> LearnerDetail:
        learner = find_member(scope, query)
        assert learner.id is not None
        names = {c.id: c.name for c in scope.cohorts}
        shares = _shares(scope, learner.id)
        async with self.sessions() as session:
            attempts = (await cq.attempts_of(session, learner_ids=[learner.id]))[learner.id]
            cards = (await cq.area_cards_of(session, learner_ids=[learner.id]))[learner.id]
            recent_ids = [a.id for a in attempts[-RECENT_ATTEMPTS:] if a.id is not None]
            comments = await cq.comments_on(session, attempt_ids=recent_ids)
            mocks = await _mocks_of(session, [learner.id])
        summary = summarise(
            learner.id, learner.first_name, attempts, content=self.content,
            now=self.clock.now(), tz=self._tz(scope.assessor), shares_answers=shares, areas=cards,
            mocks=mocks.get(learner.id, []),
            cohorts=[names[m.cohort_id] for m, lr in scope.members
                     if lr.id == learner.id and m.cohort_id in names],
        )
        recent = self._recent(attempts, shares, comments)
        return LearnerDetail(summary, recent, self._tz(scope.assessor))
