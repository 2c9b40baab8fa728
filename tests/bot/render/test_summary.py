"""The feedback summary and the Details rebuilt from a stored attempt (bot.render.summary)."""

from __future__ import annotations

from bot.assessment import Assessor
from bot.render.feedback import HTML, render_feedback
from bot.render.summary import SCREEN, assessment_from_result, fix_first, render_summary
from content.loader import Content

ANSWER = (
    "A customer's kettle broke after three weeks. My task was to sort it out. I checked our "
    "refund and returns policy and the Consumer Rights Act 2015 and refunded her in full, "
    "because she was inside the 30 days. She rated us 5 out of 5."
)


def test_details_from_a_stored_result_are_the_feedback_given(content: Content, assessor: Assessor) -> None:
    for prompt in list(content.prompts.values())[:20]:
        a = assessor.assess(ANSWER, prompt=prompt, sector="retail")
        again = assessment_from_result(a.to_dict())
        assert again == a, prompt.id  # every field, the evidence quotes included
        assert render_feedback(again, HTML) == render_feedback(a, HTML)


def test_the_summary_has_the_grade_one_fix_what_was_good_and_the_question(
    content: Content, assessor: Assessor
) -> None:
    prompt = content.prompts["rl_refund_cra"] if "rl_refund_cra" in content.prompts else next(
        p for p in content.prompts.values() if p.topic == "rules_and_law")
    a = assessor.assess(ANSWER, prompt=prompt, sector="retail")
    text = render_summary(a, HTML, probe="Which regulator oversees that?")
    fix, more = fix_first(a)
    assert text.startswith("<b>Grade: ")
    assert ("Fix first" in text) == (fix is not None)
    if more:
        assert f"(+{more} more in Details)" in text
    assert "Good:" in text and "The assessor asks:</b> Which regulator oversees that?" in text
    assert text.count("✅") == 0 and len(text) <= SCREEN  # no checklist on the first screen


def test_laws_outside_the_catalogue_survive_the_stored_result(assessor: Assessor) -> None:
    """Details later are rendered from the stored JSON: the unlisted laws come back with it."""
    a = assessor.assess("I told the tenant about the Housing (Scotland) Act 2006 and booked the repair.")
    assert assessment_from_result(a.to_dict()).also_named == ["Housing (Scotland) Act 2006"] == a.also_named
