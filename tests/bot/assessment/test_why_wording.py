""""Explains why" means one thing everywhere the learner reads it: an answer whose marking point
says "I couldn't find why you did it" is never praised "You explained why" nor ticked "Explains
why" (the README's piped example once showed both, from a bare "because ...")."""

from __future__ import annotations

from bot.assessment import Assessor
from bot.render.feedback import PLAIN, render_feedback
from content.loader import Content

README_EXAMPLE = "Under the Consumer Rights Act 2015 I offered a refund because ..."
REASONED = (
    "Last year my manager asked me to lead our bid for the Customer Service Excellence standard. "
    "I rewrote our complaints procedure so that every complaint got a named owner within a day, "
    "because customers told us they felt passed around. As a result we passed, and complaints "
    "fell by 20%."
)


def _assess(content: Content, text: str) -> tuple[list[str], str]:
    a = Assessor(content).assess(text, prompt=content.prompts["ee_recognised_standard"], sector="retail")
    return a.strengths, render_feedback(a, PLAIN, limit=10_000)


def test_a_bare_because_is_not_praised_when_the_why_point_is_missed(content: Content) -> None:
    strengths, shown = _assess(content, README_EXAMPLE)
    assert "I couldn't find why you did it" in shown
    assert "You explained why, not just what you did." not in strengths
    assert "Explains why ❌" in shown and "Explains why ✅" not in shown


def test_a_real_reason_is_still_praised(content: Content) -> None:
    strengths, shown = _assess(content, REASONED)
    assert "I couldn't find why you did it" not in shown
    assert "You explained why, not just what you did." in strengths
    assert "Explains why ✅" in shown
