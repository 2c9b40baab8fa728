"""What was good, and the one tip: the kind half of the feedback, chosen from what the answer did.

The tip is one of the topic's common mistakes (content/data/topics.yaml), picked for what this
answer missed: each mistake says which gaps it is for (a concept a missed point needs, or a gap
such as "law", "why", "outdated"), which sectors it suits, and what the answer must have named
for it to make sense ("naming a law without saying what it changed" needs a named law). An answer
that missed nothing gets no tip.
"""

from __future__ import annotations

from bot.assessment.marking import Evidence, tells_occasion
from bot.assessment.needs import implied
from bot.assessment.types import Flag, PointResult
from bot.assessment.wording import the_name
from content.loader import Content
from content.models import Check, Kind, MarkingPoint, Mistake, Prompt

MAX_STRENGTHS = 3
TIP_MIN_WORDS = 5  # an answer shorter than this gets a tip only for handing the question back
MAX_NAMES = 3

POINT_GAPS: dict[Check, str] = {
    Check.NAMES_LEGISLATION: "law",
    Check.NAMES_REGULATOR: "sector",
    Check.NAMES_POLICY: "policy",
    Check.STAR_COMPLETE: "example",
    Check.MEASURABLE_RESULT: "measurable",
    Check.EXPLAINS_WHY: "why",
    Check.ESCALATION: "escalation",
}
KIND_GAPS = {
    Kind.LEGISLATION: "law", Kind.REGULATOR: "sector", Kind.POLICY: "policy", Kind.STANDARD: "standard",
}
SIGNAL_GAPS = {
    "star": "example", "situation": "example", "task": "example", "action": "example",
    "result": "example", "measurable": "measurable", "change": "measurable", "reasoning": "why",
    "escalation": "escalation",
}


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def strengths(
    ev: Evidence, elsewhere: frozenset[str] = frozenset(), *, why_missing: bool = False
) -> list[str]:
    """What the answer did well; ``elsewhere`` holds entries named that do not apply in the
    learner's nation (never praised as correct); ``why_missing`` is types.why_missing."""
    out: list[str] = []
    clean = [the_name(f.name, f.kind) for f in ev.found
             if f.kind in ("legislation", "regulator") and not f.flags and f.entry_id not in elsewhere]
    if clean:
        out.append(f"You named {_join(clean[:MAX_NAMES])} correctly.")
    if all(ev.star.values()):
        out.append("Your example has a clear situation, task, action and result.")
    if ev.measurable:
        out.append("Your result is measurable.")
    if ev.reasoning and not why_missing:
        out.append("You explained why, not just what you did.")
    policies = [f.name for f in ev.found if f.kind == "policy"]
    if policies and len(out) < MAX_STRENGTHS:
        out.append(f"You linked your actions to the {_join(policies[:2])}.")
    return out[:MAX_STRENGTHS]


def point_gaps(point: MarkingPoint, content: Content | None = None) -> list[str]:
    """The gaps a missed point stands for: its concepts, and the kind of thing it checks (for a
    point naming catalogue entries, their kind: the Data Protection Act 2018 is a "law" gap)."""
    out: list[str] = []
    for need in list(point.needs) or implied(point):
        out += need.concepts
        if need.kind in KIND_GAPS:
            out.append(KIND_GAPS[need.kind])
        if need.signal:
            out.append(SIGNAL_GAPS[need.signal])
        if need.named:
            out.append(point.check.value)
            if content is not None:
                # A law or a policy only: the ICO missed is no "sector" gap (it is every sector's),
                # and a model missed (HEAT) is no "best practice as a fixed checklist".
                kinds = {content.catalogue[i].kind for i in need.named if i in content.catalogue}
                out += [KIND_GAPS[k] for k in (Kind.LEGISLATION, Kind.POLICY) if k in kinds]
    if point.check in POINT_GAPS:
        out.append(POINT_GAPS[point.check])
    return out


def gaps(
    points: list[MarkingPoint], results: list[PointResult], ev: Evidence, content: Content | None = None
) -> list[str]:
    """What this answer missed, most important first: corrections, then its points in order."""
    found: list[str] = []
    # An answer that mostly hands the question back (`Findings.hollow`) first needs telling so: no
    # tip about one point helps while no point has anything of the learner's own behind it.
    if ev.findings is not None and any(not r.met for r in results) and ev.findings.hollow():
        found.append("key_words")
    if any(Flag.OUTDATED.value in f.flags for f in ev.found):
        found.append("outdated")
    if any(h.code == "policy_as_law" for h in ev.hints):
        found.append("policy_as_law")
    # A STAR part missing from an answer that does tell a case is not an answer with no example:
    # "Listing laws and policies without an example" would contradict the kettle refund in front
    # of it. The missing part is already said under the point ("I couldn't find your task").
    told = ev.findings is not None and tells_occasion(ev.star, ev.findings, ev.text)
    for point, result in zip(points, results, strict=True):
        if not result.met:
            found += [
                g for g in point_gaps(point, content) if g not in found and not (told and g == "example")
            ]
    return found


def _fits(m: Mistake, ev: Evidence) -> bool:
    if m.sectors and ev.sector not in m.sectors:
        return False
    if m.when_hint and not {h.code for h in ev.hints} & set(m.when_hint):
        return False
    named = {f.entry_id for f in ev.found} | {f.kind for f in ev.found}
    if m.unless_named and named & set(m.unless_named):
        return False
    if m.when_named:
        return bool(named & set(m.when_named))
    return True


def tip(
    content: Content,
    prompt: Prompt | None,
    points: list[MarkingPoint],
    results: list[PointResult],
    ev: Evidence,
) -> str | None:
    found = gaps(points, results, ev, content)
    if len(ev.text.split()) < TIP_MIN_WORDS and "key_words" not in found:
        # "I don't know" made no mistake a tip could name ("Doing what feels right instead of what
        # the procedure says"): what is missing is said under the points.
        return None
    topic = content.topics.get(prompt.topic) if prompt else None
    # The prompt's own topic first; another topic's advice when it has none for this gap.
    topics = [topic] if topic else []
    topics += [t for t in content.topics.values() if t is not topic]
    mistakes = [m for t in topics for m in t.mistakes() if _fits(m, ev)]
    for gap in found:
        for m in mistakes:
            if gap in m.gaps:
                return m.text
    return None
