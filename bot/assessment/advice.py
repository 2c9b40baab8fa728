"""What was good, and the one tip: the kind half of the feedback, chosen from what the answer did.

The tip is one of the topic's common mistakes (content/data/topics.yaml), picked for the answer's
most important gap, so the learner hears the syllabus's own advice rather than a generic line.
"""

from __future__ import annotations

from bot.assessment.marking import Evidence
from bot.assessment.types import Flag, PointResult
from bot.assessment.wording import the_name
from content.loader import Content
from content.models import Check, MarkingPoint, Prompt

MAX_STRENGTHS = 3
MAX_NAMES = 3

# Gaps in the order they matter, each with the words a fitting tip contains.
GAP_WORDS: dict[str, tuple[str, ...]] = {
    "outdated": ("1998", "updated", "outdated", "used to be done", "up to date"),
    "policy_as_law": ("rules and the law", "same thing", "law comes first"),
    # The syllabus has no "name the Act" mistake (the vague_law hint says that); its nearest is
    # naming the sector's rules "as well as the general law".
    "law": ("general law", "legislation", "legal requirement"),
    "sector": ("sector", "regulator"),
    "policy": ("policy", "procedure", "document"),
    "example": ("example", "real situation", "real "),
    "measurable": ("measurable", "figures", "target", "data"),
    "why": ("why", "reason", "consequence"),
    "escalation": ("authority", "escalate", "approval"),
}
POINT_GAPS: dict[Check, str] = {
    Check.NAMES_LEGISLATION: "law",
    Check.NAMES_REGULATOR: "sector",
    Check.NAMES_POLICY: "policy",
    Check.STAR_COMPLETE: "example",
    Check.MEASURABLE_RESULT: "measurable",
    Check.EXPLAINS_WHY: "why",
    Check.ESCALATION: "escalation",
}


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def strengths(ev: Evidence, elsewhere: frozenset[str] = frozenset()) -> list[str]:
    """What the answer did well; ``elsewhere`` holds entries named that do not apply in the
    learner's nation (never praised as correct)."""
    out: list[str] = []
    clean = [the_name(f.name, f.kind) for f in ev.found
             if f.kind in ("legislation", "regulator") and not f.flags and f.entry_id not in elsewhere]
    if clean:
        out.append(f"You named {_join(clean[:MAX_NAMES])} correctly.")
    if all(ev.star.values()):
        out.append("Your example has a clear situation, task, action and result.")
    if ev.measurable:
        out.append("Your result is measurable.")
    if ev.reasoning:
        out.append("You explained why, not just what you did.")
    policies = [f.name for f in ev.found if f.kind == "policy"]
    if policies and len(out) < MAX_STRENGTHS:
        out.append(f"You linked your actions to the {_join(policies[:2])}.")
    return out[:MAX_STRENGTHS]


def gaps(points: list[MarkingPoint], results: list[PointResult], ev: Evidence) -> list[str]:
    found: list[str] = []
    if any(Flag.OUTDATED.value in f.flags for f in ev.found):
        found.append("outdated")
    if any(h.code == "policy_as_law" for h in ev.hints):
        found.append("policy_as_law")
    if not any(f.kind == "legislation" for f in ev.found):
        found.append("law")
    for point, result in zip(points, results, strict=True):
        gap = POINT_GAPS.get(point.check)
        if not result.met and gap and gap not in found:
            found.append(gap)
    order = list(GAP_WORDS)
    return sorted(found, key=order.index)


def tip(
    content: Content,
    prompt: Prompt | None,
    points: list[MarkingPoint],
    results: list[PointResult],
    ev: Evidence,
) -> str | None:
    topic = content.topics.get(prompt.topic) if prompt else None
    mistakes = (
        list(topic.common_mistakes)
        if topic
        else [m for t in content.topics.values() for m in t.common_mistakes]
    )
    if not mistakes:
        return None
    for gap in gaps(points, results, ev):
        words = GAP_WORDS[gap]
        scored = [(sum(w in m.lower() for w in words), -i, m) for i, m in enumerate(mistakes)]
        best = max(scored)
        if best[0] > 0:
            return best[2]
    return mistakes[0]
