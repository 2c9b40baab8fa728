"""Marking points, score, grade band, strengths and the tip. The rules are in docs/assessment.md.

Outdated items earn no credit: naming the Data Protection Act 1998 does not meet "names the data
protection law". A wrong or missing year still credits the Act (the learner knows which law
applies); it costs a few points and is corrected in the feedback instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from bot.assessment.types import Flag, Found, Grade, Hint, PointResult
from bot.assessment.wording import join
from content.loader import Content, normalise_form
from content.models import Check, MarkingPoint, Prompt

PASS_MARK = 50
DISTINCTION_MARK = 80
POINTS_WEIGHT = 60  # share of the score from the prompt's marking points
STAR_WEIGHT = 5  # per STAR part present
LAW_WEIGHT = 5  # per distinct current Act named correctly, at most two
MEASURABLE_WEIGHT = 5
REASONING_WEIGHT = 5
SERIOUS_PENALTY = 3  # per wrong year or outdated item, at most three
MISSING_YEAR_PENALTY = 1  # per Act without its year, at most three
POLICY_AS_LAW_PENALTY = 5
MENTION_CUTOFF = 90.0

SERIOUS = frozenset({Flag.WRONG_YEAR.value, Flag.OUTDATED.value})

# Used when an answer is assessed without a prompt (`star-coach assess` with no --prompt).
GENERIC_POINTS = [
    MarkingPoint(id="law", check=Check.NAMES_LEGISLATION, text="Names the legislation that applied."),
    MarkingPoint(id="policy", check=Check.NAMES_POLICY, text="Names an organisational policy or procedure."),
    MarkingPoint(id="star", check=Check.STAR_COMPLETE, text="Gives the situation, task, action and result."),
    MarkingPoint(id="measurable", check=Check.MEASURABLE_RESULT, text="States a measurable result."),
    MarkingPoint(id="why", check=Check.EXPLAINS_WHY, text="Explains why, not only what."),
]
SECTOR_POINT = MarkingPoint(
    id="sector_regulator",
    check=Check.NAMES_REGULATOR,
    params={"sector_specific": True},
    text="Names the regulator or ombudsman for your sector.",
)


@dataclass(frozen=True)
class Evidence:
    """What the analysis found, as the marking needs it."""

    text: str
    found: list[Found]
    star: dict[str, bool]
    measurable: bool
    reasoning: bool
    escalates: bool
    hints: list[Hint]
    sector: str
    # Where the learner works (content.nations): the sector's bodies there (issue 14).
    nation: str = "unknown"


def points_for(content: Content, prompt: Prompt | None, sector: str) -> list[MarkingPoint]:
    if prompt is not None:
        return list(prompt.marking_points)
    sector_def = content.sectors.get(sector)
    # Without a prompt, a learner in a regulated sector is still expected to name its regulator.
    return GENERIC_POINTS + ([SECTOR_POINT] if sector_def and sector_def.regulators else [])


def _credited(found: list[Found]) -> list[Found]:
    return [f for f in found if Flag.OUTDATED.value not in f.flags]


def _sector_regulators(content: Content, sector: str, nation: str = "unknown") -> list[str]:
    sector_def = content.sectors.get(sector)
    return sector_def.regulators_in(nation) if sector_def else []


def met(content: Content, point: MarkingPoint, ev: Evidence) -> tuple[bool, str | None]:
    """Whether the point is met, and for a sector point a word on what the sector expects."""
    minimum = int(point.params.get("min", 1))
    credited = _credited(ev.found)
    ids = {f.entry_id for f in credited}

    def count(kind: str) -> int:
        return len({f.entry_id for f in credited if f.kind == kind})

    match point.check:
        case Check.NAMES_LEGISLATION:
            return count("legislation") >= minimum, None
        case Check.NAMES_POLICY:
            return count("policy") >= minimum, None
        case Check.NAMES_STANDARD:
            return count("standard") >= minimum, None
        case Check.NAMES_REGULATOR:
            expected = _sector_regulators(content, ev.sector, ev.nation)
            if point.params.get("sector_specific") and expected:
                # The ICO counts everywhere: data protection applies in every sector.
                everywhere = {i for i in ids if content.catalogue[i].every_sector}
                ok = bool(ids & set(expected)) or bool(everywhere)
                wanted = join(content.catalogue[r] for r in expected[:2])
                detail = None if ok else f"In your sector, name {wanted}."
                return ok, detail
            return count("regulator") >= 1, None
        case Check.NAMES_ANY_OF:
            return len(ids & set(point.params["ids"])) >= minimum, None
        case Check.STAR_COMPLETE:
            return all(ev.star.values()), None
        case Check.MEASURABLE_RESULT:
            return ev.measurable, None
        case Check.EXPLAINS_WHY:
            return ev.reasoning, None
        case Check.ESCALATION:
            return ev.escalates, None
        case Check.MENTIONS:
            norm = normalise_form(ev.text)
            hits = sum(
                1
                for term in point.params["terms"]
                if fuzz.partial_ratio(normalise_form(term), norm) >= MENTION_CUTOFF
            )
            return hits >= minimum, None
    return False, None  # pragma: no cover - every Check is handled above


def mark(content: Content, points: list[MarkingPoint], ev: Evidence) -> list[PointResult]:
    results = []
    for p in points:
        ok, detail = met(content, p, ev)
        results.append(PointResult(p.id, p.text, ok, detail))
    return results


def score(results: list[PointResult], ev: Evidence) -> int:
    share = sum(r.met for r in results) / len(results) if results else 0.0
    total = POINTS_WEIGHT * share + STAR_WEIGHT * sum(ev.star.values())
    laws = {f.entry_id for f in ev.found if f.kind == "legislation" and not f.flags}
    total += LAW_WEIGHT * min(len(laws), 2)
    total += MEASURABLE_WEIGHT * ev.measurable + REASONING_WEIGHT * ev.reasoning
    serious = sum(1 for f in ev.found if SERIOUS & set(f.flags))
    missing = sum(1 for f in ev.found if Flag.MISSING_YEAR.value in f.flags)
    total -= SERIOUS_PENALTY * min(serious, 3) + MISSING_YEAR_PENALTY * min(missing, 3)
    if any(h.code == "policy_as_law" for h in ev.hints):
        total -= POLICY_AS_LAW_PENALTY
    return max(0, min(100, round(total)))


def grade(total: int, results: list[PointResult], ev: Evidence) -> Grade:
    """Distinction needs every point and nothing to correct; a pass needs a real example."""
    corrections = any(SERIOUS & set(f.flags) for f in ev.found) or any(
        h.code == "policy_as_law" for h in ev.hints
    )
    if (
        total >= DISTINCTION_MARK
        and all(r.met for r in results)
        and all(ev.star.values())
        and not corrections
    ):
        return Grade.DISTINCTION
    if total >= PASS_MARK and ev.star["action"]:
        return Grade.PASS
    return Grade.NOT_YET
