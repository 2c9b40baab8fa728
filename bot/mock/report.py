"""The readiness report at the end of a mock: each area evidenced or not (with the learner's own
words), the likely grade band and what would lift it, and the three things to practise next.

The band is a reading of this one mock, not an official grade: the real discussion is judged by an
independent assessor against the standard's grading criteria. The rule, kept simple enough to
explain to a learner:

- Distinction likely: at least nine areas in ten evidenced, at least half the answers at
  Distinction and none Not yet.
- Pass likely: at least six areas in ten evidenced and at least half the answers at Pass or better.
- Otherwise Not yet.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from bot.mastery.review import CHECK_SKILLS, skills_asked
from bot.mock.plan import covered
from content.loader import Content
from content.models import Check, Standard

DISTINCTION_COVERAGE = 0.9
PASS_COVERAGE = 0.6

# What to say when a kind of marking point was missed in several answers.
LIFT_BY_CHECK: dict[Check, str] = {
    Check.NAMES_LEGISLATION: (
        "Name the Act and its year (\"the Data Protection Act 2018\"), not \"data protection law\"."
    ),
    Check.NAMES_POLICY: "Name your organisation's policy or procedure each time you say you followed one.",
    Check.NAMES_REGULATOR: "Say which regulator oversees your work and what it expects.",
    Check.EXPLAINS_WHY: "Say why you did each thing: the reason, and what would have happened otherwise.",
    Check.MEASURABLE_RESULT: "End each example with a result you can measure: a time, a score, a figure.",
    Check.STAR_COMPLETE: "Give the whole story: situation, your task, what you did, and the result.",
    Check.ESCALATION: "Say where your authority ends and who you escalate to.",
}
START_TALKING = "Lead the discussion: offer an example before you are asked, and link it to the standard."


def _final_results(turns: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One result per question: a probe's merged answer replaces the answer it followed up."""
    by_question: dict[int, dict[str, Any]] = {}
    for turn in turns:
        root = turn.get("parent_turn") or turn["n"]
        by_question[int(root)] = turn
    return [t for _, t in sorted(by_question.items())]


def band(coverage: float, grades: list[str]) -> str:
    if not grades:
        return "not_yet"
    good = sum(g in ("pass", "distinction") for g in grades)
    top = sum(g == "distinction" for g in grades)
    if coverage >= DISTINCTION_COVERAGE and top * 2 >= len(grades) and "not_yet" not in grades:
        return "distinction"
    if coverage >= PASS_COVERAGE and good * 2 >= len(grades):
        return "pass"
    return "not_yet"


def _missed_checks(content: Content, turns: list[dict[str, Any]]) -> Counter[Check]:
    missed: Counter[Check] = Counter()
    for turn in _final_results(turns):
        prompt = content.mock_prompt(str(turn["prompt"]))
        if prompt is None:
            continue
        checks = {m.id: m.check for m in prompt.marking_points}
        for point in (turn.get("result") or {}).get("marking_points") or []:
            if not point.get("met") and point.get("id") in checks:
                missed[checks[str(point["id"])]] += 1
    return missed


def _practice_for_area(content: Content, standard: Standard, area: str) -> tuple[str, str]:
    """The topic and skill to practise for an area: those of the first bank prompt that evidences
    it (an opener's where only an opener does); the skill of the mapped point where it tests one,
    else one the prompt asks for, else telling a whole STAR example."""
    links = sorted(standard.evidence, key=lambda e: e.prompt not in content.prompts)
    for link in links:
        prompt = content.mock_prompt(link.prompt)
        if prompt is None:
            continue
        for point_id, areas in link.points.items():
            if area in areas:
                point = next(m for m in prompt.marking_points if m.id == point_id)
                skill = CHECK_SKILLS.get(point.check)
                if skill is None:
                    asked = sorted(skills_asked(prompt, content))
                    skill = asked[0] if asked else "star"
                return prompt.topic, skill
    return next(iter(content.topics)), "star"


def build(content: Content, standard: Standard, turns: list[dict[str, Any]], *, minutes: int,
          active_seconds: int) -> dict[str, Any]:
    """The report, as stored in the mock's row and shown to learner and assessor."""
    found = covered(turns)
    areas: list[dict[str, Any]] = [
        {
            "id": a.id, "title": a.title, "evidenced": a.id in found,
            "quote": found[a.id]["quote"] if a.id in found else None,
            "turn": found[a.id]["turn"] if a.id in found else None,
        }
        for a in standard.areas
    ]
    total = len(areas)
    count = sum(a["evidenced"] for a in areas)
    coverage = count / total if total else 0.0
    grades = [str((t.get("result") or {}).get("grade", "not_yet")) for t in _final_results(turns)]
    likely = band(coverage, grades)
    missing = [a for a in areas if not a["evidenced"]]
    lift: list[str] = []
    if missing:
        titles = ", ".join(a["title"] for a in missing[:3])
        more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
        lift.append(f"Evidence what you have not shown yet: {titles}{more}.")
    for check, _ in _missed_checks(content, turns).most_common():
        if check in LIFT_BY_CHECK and len(lift) < 3:
            lift.append(LIFT_BY_CHECK[check])
    if len(turns) <= 1 and len(lift) < 3:
        lift.append(START_TALKING)
    practise: list[dict[str, Any]] = []
    for area in missing[:3]:
        topic, skill = _practice_for_area(content, standard, str(area["id"]))
        practise.append({"area": area["id"], "title": area["title"], "topic": topic, "skill": skill})
    if len(practise) < 3:
        # Everything evidenced, or nearly: practise what the answers kept missing.
        for check, _ in _missed_checks(content, turns).most_common():
            missed_skill = CHECK_SKILLS.get(check)
            if missed_skill is None or any(p["skill"] == missed_skill for p in practise):
                continue
            topic = _weakest_topic_for(content, standard, turns, check)
            practise.append(
                {"area": None, "title": LIFT_BY_CHECK[check], "topic": topic, "skill": missed_skill}
            )
            if len(practise) == 3:
                break
    return {
        "standard": standard.id, "code": standard.code, "title": standard.title,
        "minutes": minutes, "active_minutes": round(active_seconds / 60), "questions": len(turns),
        "areas": areas, "evidenced": count, "total": total, "band": likely, "lift": lift,
        "practise": practise,
    }


def _weakest_topic_for(content: Content, standard: Standard, turns: list[dict[str, Any]],
                       check: Check) -> str:
    """The topic of the first answer that missed a point of this kind."""
    for turn in _final_results(turns):
        prompt = content.mock_prompt(str(turn["prompt"]))
        if prompt is None:
            continue
        missed = {str(p["id"]) for p in (turn.get("result") or {}).get("marking_points") or []
                  if not p.get("met")}
        if any(m.check is check and m.id in missed for m in prompt.marking_points):
            return prompt.topic
    return next(iter(content.topics))
