"""Progress: mastery by topic and by skill, the practice streak, key-legislation coverage, a chart.

Everything is computed from the stored attempts (each carries its assessment as `result`, the
JSON of `Assessment.to_dict()`); `compute_progress` is pure, so it is tested without a database,
and `render_progress` words it for Telegram (HTML) and the terminal (plain). The formulas are
written down in docs/progress.md; keep the two in step.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from bot.assessment.engine import DISTINCTION_MARK, PASS_MARK
from bot.clock import Clock, zone
from content.loader import Content
from content.models import CatalogueEntry, Kind
from storage import queries
from storage.db import SessionFactory
from storage.models import Learner, aware

# The skills every answer is marked on, in the order they are shown.
SKILLS: dict[str, str] = {
    "legislation": "Legislation",
    "regulators": "Regulators",
    "policies": "Policies",
    "star": "STAR structure",
    "measurable": "Measurable results",
    "reasoning": "Reasoning",
}
# Each older answer weighs DECAY times the one after it: the newest counts 1, the one before 0.8,
# then 0.64, ..., so about the last eight answers carry nine tenths of the weight.
DECAY = 0.8
# Credit for a named item by its worst flag: naming superseded law earns little, a wrong year
# half, a missing year most (the Act is right, the year is what the assessor will ask for).
FLAG_CREDIT = {"outdated": 0.25, "wrong_year": 0.5, "missing_year": 0.75}
STAR_PARTS = ("situation", "task", "action", "result")
# The chart shows the most recent answers only, so that each point stays readable.
CHART_POINTS = 40


class AttemptLike(Protocol):
    """What progress reads from an attempt (a storage row, or a plain object in tests)."""

    @property
    def created_at(self) -> datetime: ...
    @property
    def topic_id(self) -> str: ...
    @property
    def score(self) -> int: ...
    @property
    def result(self) -> dict[str, Any]: ...


@dataclass(frozen=True)
class Mastery:
    key: str
    label: str
    value: int  # 0 to 100
    answers: int


@dataclass(frozen=True)
class Coverage:
    """Canonical names of the key Acts: named correctly, named with a wrong or missing year (or
    only in a superseded form's place), and not yet named."""

    named: list[str]
    check: list[str]
    missing: list[str]

    @property
    def total(self) -> int:
        return len(self.named) + len(self.check) + len(self.missing)


@dataclass(frozen=True)
class ProgressSummary:
    answers: int
    topics: list[Mastery]
    untried_topics: list[str]
    skills: list[Mastery]
    streak: int
    practised_today: bool
    coverage: Coverage
    scores: list[int]  # oldest first
    dates: list[date]  # the local day of each score
    pass_mark: int = PASS_MARK
    distinction_mark: int = DISTINCTION_MARK


# -- the pure part --------------------------------------------------------------------------


def key_legislation(content: Content) -> list[CatalogueEntry]:
    """The Acts every learner should be able to name: legislation in force (not superseded) with
    no sector restriction, in catalogue order."""
    return [e for e in content.entries_of(Kind.LEGISLATION) if not e.superseded and not e.sectors]


def _credit(entities: Sequence[dict[str, Any]], kind: str) -> float:
    best = 0.0
    for e in entities:
        if e.get("kind") == kind:
            flags = e.get("flags") or []
            best = max(best, min([1.0, *(FLAG_CREDIT.get(f, 1.0) for f in flags)]))
    return best


def skill_scores(result: dict[str, Any]) -> dict[str, float]:
    """One answer's mark on each skill, 0 to 1, from its stored assessment."""
    entities = result.get("entities") or []
    star = result.get("star") or {}
    return {
        "legislation": _credit(entities, "legislation"),
        "regulators": _credit(entities, "regulator"),
        "policies": _credit(entities, "policy"),
        "star": sum(bool(star.get(p)) for p in STAR_PARTS) / len(STAR_PARTS),
        "measurable": float(bool(result.get("measurable_result"))),
        "reasoning": float(bool(result.get("reasoning"))),
    }


def recency_mastery(values: Sequence[float]) -> int:
    """Recency-weighted average of marks between 0 and 1, oldest first, as 0 to 100."""
    if not values:
        return 0
    weights = [DECAY ** (len(values) - 1 - i) for i in range(len(values))]
    return round(100 * sum(w * v for w, v in zip(weights, values, strict=True)) / sum(weights))


def streak_days(days: set[date], today: date) -> int:
    """Consecutive days with practice, ending today; a streak not yet extended today still
    counts until the day is over (it ends yesterday)."""
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


def coverage(rows: Sequence[AttemptLike], content: Content) -> Coverage:
    keys = key_legislation(content)
    wanted = {e.id for e in keys}
    clean: set[str] = set()
    flagged: set[str] = set()
    for row in rows:
        for e in (row.result or {}).get("entities") or []:
            if e.get("kind") == "legislation" and e.get("id") in wanted:
                (flagged if e.get("flags") else clean).add(e["id"])
    return Coverage(
        named=[e.name for e in keys if e.id in clean],
        check=[e.name for e in keys if e.id in flagged - clean],
        missing=[e.name for e in keys if e.id not in clean | flagged],
    )


def compute_progress(
    rows: Sequence[AttemptLike], *, content: Content, now: datetime, tz: ZoneInfo
) -> ProgressSummary:
    """The whole summary from a learner's attempts (any order) at the moment `now`."""
    rows = sorted(rows, key=lambda r: aware(r.created_at))
    days = [aware(r.created_at).astimezone(tz).date() for r in rows]
    today = aware(now).astimezone(tz).date()

    topics: list[Mastery] = []
    by_topic: dict[str, list[int]] = {}
    for r in rows:
        by_topic.setdefault(r.topic_id, []).append(r.score)
    known = [t for t in content.topics if t in by_topic] + [t for t in by_topic if t not in content.topics]
    for topic_id in known:
        scores = by_topic[topic_id]
        title = content.topics[topic_id].title if topic_id in content.topics else topic_id
        topics.append(Mastery(topic_id, title, recency_mastery([s / 100 for s in scores]), len(scores)))
    untried = [t.title for t in content.topics.values() if t.id not in by_topic]

    marks = [skill_scores(r.result or {}) for r in rows]
    skills = [
        Mastery(key, label, recency_mastery([m[key] for m in marks]), len(marks))
        for key, label in SKILLS.items()
    ]
    return ProgressSummary(
        answers=len(rows),
        topics=topics,
        untried_topics=untried,
        skills=skills,
        streak=streak_days(set(days), today),
        practised_today=today in days,
        coverage=coverage(rows, content),
        scores=[r.score for r in rows],
        dates=days,
    )


# -- reading the database ---------------------------------------------------------------------


# -- words and picture ----------------------------------------------------------------------


@dataclass(frozen=True)
class ProgressReader:
    """Reads a learner's attempts and computes their progress, in their own time zone."""

    sessions: SessionFactory
    content: Content
    clock: Clock
    default_timezone: str

    async def summary(self, learner_id: int) -> ProgressSummary:
        """The learner's progress now, in their own time zone."""
        async with self.sessions() as session:
            learner = await session.get(Learner, learner_id)
            rows = await queries.list_all_attempts(session, learner_id=learner_id)
        tz = zone(learner.timezone if learner else None, self.default_timezone)
        return compute_progress(rows, content=self.content, now=self.clock.now(), tz=tz)
