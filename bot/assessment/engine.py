"""The assessor: one answer in, an Assessment out. Pure and synchronous; never imports telegram.

Scoring rules are written down in docs/assessment.md; keep the two in step.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from bot.assessment import structure
from bot.assessment.hints import find_hints
from bot.assessment.matcher import Matcher
from bot.assessment.types import Assessment, Flag, Found, Grade, PointResult
from content.loader import Content, normalise_form
from content.models import Check, MarkingPoint, Prompt

# Used when an answer is assessed without a prompt (`star-coach assess` with no --prompt).
GENERIC_POINTS = [
    MarkingPoint(id="law", check=Check.NAMES_LEGISLATION, text="Names the legislation that applied."),
    MarkingPoint(id="policy", check=Check.NAMES_POLICY, text="Names an organisational policy or procedure."),
    MarkingPoint(id="star", check=Check.STAR_COMPLETE, text="Gives the situation, task, action and result."),
    MarkingPoint(id="measurable", check=Check.MEASURABLE_RESULT, text="States a measurable result."),
    MarkingPoint(id="why", check=Check.EXPLAINS_WHY, text="Explains why, not only what."),
]

PASS_MARK = 50
DISTINCTION_MARK = 80

# Which common-mistake tip fits which gap, by words the tip contains.
TIP_WORDS: dict[str, tuple[str, ...]] = {
    "law": ("legislation", "law", "legal", "regulat"),
    "measurable": ("measurable", "target", "data", "metric"),
    "why": ("why", "reason", "consequence"),
    "policy": ("policy", "procedure", "document"),
}


class Assessor:
    """Built once at start-up from the content; `assess` is then cheap and side-effect free."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self.matcher = Matcher(content)

    def assess(self, text: str, *, prompt: Prompt | None = None, sector: str = "general") -> Assessment:
        found = self.matcher.find(text)
        star = structure.star_parts(text)
        measurable = structure.is_measurable(text)
        reasoning = structure.has_reasoning(text)
        hints = find_hints(text, found)
        points = prompt.marking_points if prompt else GENERIC_POINTS
        results = [
            PointResult(p.id, p.text, self._met(p, text, found, star, measurable, reasoning, sector))
            for p in points
        ]
        score = self._score(results, found, star, measurable, reasoning)
        grade = self._grade(score, results, found)
        return Assessment(
            prompt_id=prompt.id if prompt else None,
            entities=found,
            star=star,
            measurable_result=measurable,
            reasoning=reasoning,
            hints=hints,
            marking_points=results,
            score=score,
            grade=grade,
            word_count=len(text.split()),
            tip=self._tip(prompt, results, found),
            sector=sector,
        )

    # -- marking ----------------------------------------------------------------------------

    def _met(
        self,
        point: MarkingPoint,
        text: str,
        found: list[Found],
        star: dict[str, bool],
        measurable: bool,
        reasoning: bool,
        sector: str,
    ) -> bool:
        minimum = int(point.params.get("min", 1))
        credited = [f for f in found if Flag.OUTDATED.value not in f.flags]
        ids = {f.entry_id for f in credited}

        def count(kind: str) -> int:
            return len({f.entry_id for f in credited if f.kind == kind})

        match point.check:
            case Check.NAMES_LEGISLATION:
                return count("legislation") >= minimum
            case Check.NAMES_POLICY:
                return count("policy") >= minimum
            case Check.NAMES_STANDARD:
                return count("standard") >= minimum
            case Check.NAMES_REGULATOR:
                sector_def = self.content.sectors.get(sector)
                if point.params.get("sector_specific") and sector_def and sector_def.regulators:
                    return bool(ids & set(sector_def.regulators))
                return count("regulator") >= 1
            case Check.NAMES_ANY_OF:
                return len(ids & set(point.params["ids"])) >= minimum
            case Check.STAR_COMPLETE:
                return all(star.values())
            case Check.MEASURABLE_RESULT:
                return measurable
            case Check.EXPLAINS_WHY:
                return reasoning
            case Check.ESCALATION:
                return structure.escalates(text)
            case Check.MENTIONS:
                norm = normalise_form(text)
                hits = sum(
                    1
                    for term in point.params["terms"]
                    if fuzz.partial_ratio(normalise_form(term), norm) >= 90
                )
                return hits >= minimum
        return False  # pragma: no cover - every Check is handled above

    @staticmethod
    def _score(
        results: list[PointResult],
        found: list[Found],
        star: dict[str, bool],
        measurable: bool,
        reasoning: bool,
    ) -> int:
        met = sum(r.met for r in results) / len(results) if results else 0.0
        score = 60 * met + 5 * sum(star.values())
        laws = {f.entry_id for f in found if f.kind == "legislation" and not f.flags}
        score += 5 * min(len(laws), 2)
        score += 5 * measurable + 5 * reasoning - 3 * sum(
            1 for f in found if {Flag.WRONG_YEAR.value, Flag.OUTDATED.value} & set(f.flags)
        )
        return max(0, min(100, round(score)))

    @staticmethod
    def _grade(score: int, results: list[PointResult], found: list[Found]) -> Grade:
        outdated = any(Flag.OUTDATED.value in f.flags for f in found)
        if score >= DISTINCTION_MARK and all(r.met for r in results) and not outdated:
            return Grade.DISTINCTION
        if score >= PASS_MARK:
            return Grade.PASS
        return Grade.NOT_YET

    def _tip(self, prompt: Prompt | None, results: list[PointResult], found: list[Found]) -> str | None:
        topic = self.content.topics.get(prompt.topic) if prompt else None
        mistakes = topic.common_mistakes if topic else [
            m for t in self.content.topics.values() for m in t.common_mistakes
        ]
        if not mistakes:
            return None
        gaps: list[str] = []
        if not any(f.kind == "legislation" for f in found):
            gaps.append("law")
        for r in results:
            if not r.met:
                gaps.extend(k for k in TIP_WORDS if re.search(k, r.id + " " + r.text, re.I))
        for gap in gaps:
            for mistake in mistakes:
                if any(w in mistake.lower() for w in TIP_WORDS.get(gap, ())):
                    return mistake
        return mistakes[0]
