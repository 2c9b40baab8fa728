"""Plain result types of an assessment; `to_dict` gives the JSON contract of `star-coach assess`."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Grade(StrEnum):
    NOT_YET = "not_yet"
    PASS = "pass"
    DISTINCTION = "distinction"


class Flag(StrEnum):
    WRONG_YEAR = "wrong_year"
    MISSING_YEAR = "missing_year"
    OUTDATED = "outdated"


@dataclass(frozen=True)
class Found:
    """One catalogue entry named in an answer."""

    entry_id: str
    kind: str
    name: str  # canonical name, with year where the item has one
    text: str  # as the learner wrote it
    start: int
    end: int
    flags: tuple[str, ...] = ()
    # A one-line correction for flagged items ("Replaced by ... from ...").
    correction: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.entry_id,
            "kind": self.kind,
            "name": self.name,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "flags": list(self.flags),
            "correction": self.correction,
        }


@dataclass(frozen=True)
class Hint:
    code: str
    message: str


@dataclass(frozen=True)
class Quote:
    """Words of the answer: ``text == answer[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class PointResult:
    id: str
    text: str
    met: bool
    # For a missed sector point, what the learner's sector expects ("name the Ofgem ...").
    detail: str | None = None
    # The words of the answer that met the point, first the most telling.
    evidence: tuple[Quote, ...] = ()
    # For a miss, what the coach could not find: the end of "I couldn't find ...".
    missing: str | None = None
    # How many distinct things the point's first need found (a probe for "another law" needs one).
    found: int = 0
    # The point's check (content.models.Check value): "star_complete" evidence is the four STAR parts.
    check: str | None = None


# The end of "I couldn't find ..." for a point that asks why (bot.assessment.needs).
WHY_MISSING = "why you did it (a reason: \"because ...\", \"so that ...\")"


def why_missing(results: list[PointResult]) -> bool:
    """A marking point that asks why was missed: the feedback then neither praises "You
    explained why" nor ticks "Explains why" for a reason's cue alone ("because ..."), so it
    never says both that and "I couldn't find why you did it"."""
    return any(not r.met and r.missing is not None and WHY_MISSING in r.missing for r in results)


@dataclass
class Assessment:
    """Everything the engine concluded about one answer."""

    prompt_id: str | None
    entities: list[Found]
    star: dict[str, bool]
    measurable_result: bool
    reasoning: bool
    hints: list[Hint]
    marking_points: list[PointResult]
    score: int
    grade: Grade
    word_count: int
    tip: str | None = None
    sector: str = "general"
    # Whose law the answer was judged by (content.nations id).
    nation: str = "unknown"
    # Short, specific things the answer did well, for the "what was good" part of the feedback.
    strengths: list[str] = field(default_factory=list)
    # One line on why this band and not the next ("Why a Pass and not a Distinction: ...").
    grade_reason: str = ""
    # Laws named by title and year that the catalogue does not hold, as written (`needs.statutes`):
    # shown as named but not checked; never praised or corrected.
    also_named: list[str] = field(default_factory=list)

    @property
    def explains_why(self) -> bool:
        """"Explains why" as the learner reads it: a reason given, and no point saying it is
        missing (`reasoning` stays the cue alone, as the labelled sets measure it)."""
        return self.reasoning and not why_missing(self.marking_points)

    def to_dict(self) -> dict[str, Any]:
        return {
            "prompt": self.prompt_id,
            "sector": self.sector,
            "nation": self.nation,
            "entities": [f.to_dict() for f in self.entities],
            "star": dict(self.star),
            "measurable_result": self.measurable_result,
            "reasoning": self.reasoning,
            "hints": [asdict(h) for h in self.hints],
            "marking_points": [
                {**asdict(p), "evidence": [asdict(q) for q in p.evidence]} for p in self.marking_points
            ],
            "score": self.score,
            "grade": self.grade.value,
            "grade_reason": self.grade_reason,
            "word_count": self.word_count,
            "tip": self.tip,
            "strengths": list(self.strengths),
            "also_named": list(self.also_named),
        }
