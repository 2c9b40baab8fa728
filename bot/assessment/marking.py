"""Marking points, score, grade band, strengths and the tip. The rules are in docs/assessment.md.

Outdated items earn no credit: naming the Data Protection Act 1998 does not meet "names the data
protection law". A wrong or missing year still credits the Act (the learner knows which law
applies); it costs a few points and is corrected in the feedback instead.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from bot.assessment.cues import HABIT
from bot.assessment.needs import (
    NAMED_ONLY,
    Findings,
    asks_for_a_name,
    describe,
    implied,
    judge,
    quotes,
)
from bot.assessment.types import WHY_MISSING, Flag, Found, Grade, Hint, PointResult, Quote
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
    # The answer as the marking points' needs read it: concepts, signals with their words.
    findings: Findings | None = None


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


def _mentions(point: MarkingPoint, ev: Evidence) -> tuple[bool, tuple[Quote, ...]]:
    """The older fuzzy `mentions` check, for operator packs that still use it."""
    low = ev.text.casefold()
    spans: list[tuple[int, int]] = []
    for term in point.params["terms"]:
        al = fuzz.partial_ratio_alignment(normalise_form(term), low, score_cutoff=MENTION_CUTOFF)
        if al is not None:
            spans.append((al.dest_start, al.dest_end))
    ok = len(spans) >= int(point.params.get("min", 1))
    return ok, quotes(ev.text, sorted(spans)) if ok else ()


def met(content: Content, point: MarkingPoint, ev: Evidence) -> PointResult:
    """Whether the point is met, with the words that met it or what the coach could not find."""
    fx = ev.findings
    assert fx is not None, "Evidence.findings is built by the Assessor"
    if point.check is Check.NAMES_REGULATOR and point.params.get("sector_specific"):
        # Only bodies whose remit reaches where the learner works: the Gambling Commission is
        # Great Britain's, so it is no answer for a bookmaker in Newry.
        expected = [
            r for r in _sector_regulators(content, ev.sector, ev.nation)
            if r in content.catalogue and content.catalogue[r].applies_in(ev.nation)
        ]
        if expected:
            # The ICO counts everywhere: data protection applies in every sector.
            named = [
                f for f in _credited(ev.found)
                if f.entry_id in expected or content.catalogue[f.entry_id].every_sector
            ]
            wanted = join(content.catalogue[r] for r in expected[:2])
            if named and not asks_for_a_name(point) and not point.needs:
                # "... and explains its role": the name alone is not the point. (Where the point's
                # needs say what else it takes, the role, they judge that, in any sentence: "Our
                # regulator is the FCA. They make the rules for banks.")
                named = [f for f in named if fx.substantial((f.start, f.end))]
            if named and point.needs:
                # "... and explains its role": what the point's needs ask beside the name (what the
                # regulator does: "licenses", "sets the price cap", "can fine").
                ok, quoted, missing, _ = judge(content, point, fx)
                # What the regulator does is said of it: in the sentence that names it or the next
                # ("Our regulator is the FCA. They make the rules for banks."), not anywhere ("we can
                # never tell a customer it will be fine").
                near = {fx.sentence_of((f.start, f.end)) + k for f in named for k in (0, 1)}
                quoted = tuple(q for q in quoted if fx.sentence_of((q.start, q.end)) in near)
                if not ok or not quoted:
                    return PointResult(point.id, point.text, False, None, (), missing or point.missing
                                       or describe_first(content, point), len(named))
                spans = [(f.start, f.end) for f in named] + [(q.start, q.end) for q in quoted]
                return PointResult(point.id, point.text, True, None, quotes(ev.text, spans), None, len(named))
            if named:
                return PointResult(point.id, point.text, True, None,
                                   quotes(ev.text, [(f.start, f.end) for f in named]), None, len(named))
            return PointResult(point.id, point.text, False, f"In your sector, name {wanted}.", (),
                               point.missing or f"the regulator for your sector ({wanted})", 0)
        # No regulator listed for the sector where the learner works (gambling in Northern
        # Ireland): a body whose remit stops short of that nation is still not the one that applied.
        named_bodies = [f for f in _credited(ev.found) if f.kind == "regulator"]
        if named_bodies and all(f.entry_id in fx.elsewhere for f in named_bodies):
            body = content.catalogue[named_bodies[0].entry_id].name
            return PointResult(point.id, point.text, False, None, (),
                               f"the regulator that applies where you work ({body} does not cover it)", 0)
    if point.check is Check.MENTIONS and not point.needs:
        ok, quoted = _mentions(point, ev)
        missing = None if ok else point.missing or "the words this point looks for"
        return PointResult(point.id, point.text, ok, None, quoted, missing, len(quoted))
    ok, quoted, missing, first = judge(content, point, fx)
    if (not ok and missing is not None and not missing.endswith(NAMED_ONLY)
            and done_on_an_occasion(content, point) and not real_example(ev)):
        # Said as a definition or in general ("it is important to apologise ..."), or not at all,
        # in an answer with no real example: what it needs is the example too.
        missing += NO_OCCASION
    if (ok and asks_for_a_name(point) and point.occasion and not real_example(ev)
            and all(fx.defines(sp) or fx.planned(sp) or fx.of_anyone(sp)
                    for sp in ((q.start, q.end) for q in quoted))):
        # "Names the model used" in an answer that only defines it and uses it on no one ("HEAT
        # stands for Hear, Empathise, ... If a customer is upset you would hear them out").
        ok, quoted, missing = False, (), (point.missing or describe_first(content, point)) + NO_OCCASION
    if ok and not asks_for_a_name(point):
        if done_on_an_occasion(content, point) and not real_example(ev):
            # "I always act on my feedback", "it's important to apologise": the idea is said, but
            # not as something the learner did (the labelling rule: what the learner did or used).
            ok, quoted, missing = False, (), (point.missing or describe_first(content, point)) + NO_OCCASION
        elif point.check is Check.EXPLAINS_WHY and not tells_occasion(ev.star, fx, ev.text):
            # A reason needs something to be the reason for: a definition or a slogan ("because
            # customers deserve the best") tells no case.
            ok, quoted, missing = False, (), (point.missing or WHY_MISSING) + NO_OCCASION
    return PointResult(point.id, point.text, ok, None, quoted, missing, first)


# Added to what is missing when an idea or a reason was said, but of no real occasion.
NO_OCCASION = ", in a real example: one occasion, and what you did yourself"


def done_on_an_occasion(content: Content, point: MarkingPoint) -> bool:
    """Whether the point asks for something the learner does or uses on an occasion: the point is
    marked ``occasion`` ("Names the model used"), or one of its needs' concepts is (an apology, a
    follow-up call, acting on findings)."""
    return point.occasion or any(
        content.concepts[cid].occasion
        for need in point.needs for cid in need.concepts if cid in content.concepts
    )


def describe_first(content: Content, point: MarkingPoint) -> str:
    """What the point's first need looks for, in the learner's terms: its own needs, or those its
    check implies ("Follows the complaints procedure" looks for the complaints procedure, not for
    a reason)."""
    needs = list(point.needs) or implied(point)
    return describe(content, needs[0], 0).split(":")[0] if needs else WHY_MISSING


def tells_occasion(star: dict[str, bool], fx: Findings | None, text: str = "") -> bool:
    """Whether the answer tells something that happened or was done (a situation or an action),
    or a habit of the learner's own (`cues.HABIT`: "when cx order online i have to check name +
    order no.", which the labelling rule counts as an example), in words of its own: not a
    definition, a slogan or the prompt handed back (`Findings.hollow`)."""
    habit = HABIT.search(text) if text else None
    # ... not a definition that happens to say what is done each time ("Records are the notes we
    # write about each contact").
    habitual = habit is not None and not (fx is not None and fx.defines(habit.span()))
    done = star["situation"] or star["action"] or habitual
    return done and not (fx is not None and fx.hollow())


def mark(content: Content, points: list[MarkingPoint], ev: Evidence) -> list[PointResult]:
    return [replace(met(content, p, ev), check=p.check.value) for p in points]


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


def _occasion(ev: Evidence) -> bool:
    """Something the learner did on a real occasion: an action, with a situation or an outcome
    around it or said in words of the answer's own. "I follow the policy and GDPR" is not one."""
    if not ev.star["action"]:
        return False
    fx = ev.findings
    if fx is not None and fx.hollow():
        # An answer that mostly hands the prompt back ("I took ownership and acted on the feedback
        # at my store in Perth") tells no example, however its sentences are built.
        return False
    if ev.star["situation"] or ev.star["result"]:
        return True
    return fx is not None and any(fx.substantial(span) for span in fx.signals.get("action", []))


def real_example(ev: Evidence) -> bool:
    """Something the learner did on a real occasion (`_occasion`), or a habit of their own
    (`cues.HABIT`: "I always do ID&V", "we do ID n V on every call"): the labelling rule counts
    habits as examples. "I always follow GDPR" keeps to a rule and is neither."""
    return _occasion(ev) or bool(HABIT.search(ev.text))


def grade(total: int, results: list[PointResult], ev: Evidence) -> tuple[Grade, int, str]:
    """The band, the score shown with it, and one line on why this band and not the next.

    The band follows the marking points, as an assessor's does: Distinction when every point is
    met, all four STAR parts are there and nothing needs correcting; Pass for a real example
    (something the learner did) meeting at least half the points; Not yet otherwise. The score
    is then kept inside its band (a Pass between 50 and 79, a Distinction from 80), so the number,
    the band and the lines the charts draw at 50 and 80 never disagree.
    """
    corrections = any(SERIOUS & set(f.flags) for f in ev.found) or any(
        h.code == "policy_as_law" for h in ev.hints
    )
    missed = [r for r in results if not r.met]
    met_count = len(results) - len(missed)
    no_part = [p for p, ok in ev.star.items() if not ok]
    if results and not missed and not no_part and not corrections:
        return Grade.DISTINCTION, max(total, DISTINCTION_MARK), (
            "Distinction: every marking point met, a whole STAR example and nothing to correct."
        )
    if real_example(ev) and 2 * met_count >= len(results):
        shown = min(max(total, PASS_MARK), DISTINCTION_MARK - 1)
        if missed:
            n = len(missed)
            why = f"{n} marking point{'s' if n > 1 else ''} still to show (below)"
        elif no_part:
            why = f"your example has no {no_part[0]} yet"
        else:
            why = "there is a correction to make (above)"
        return Grade.PASS, shown, f"Why a Pass and not a Distinction: {why}."
    shown = min(total, PASS_MARK - 1)
    if not real_example(ev):
        return Grade.NOT_YET, shown, (
            "Why not yet: I couldn't find what you did yourself in a real example."
        )
    return Grade.NOT_YET, shown, (
        f"Why not yet: {met_count} of {len(results)} marking points met; a Pass needs at least half."
    )
