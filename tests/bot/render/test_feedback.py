"""The feedback message: order, escaping, sector detail, and Telegram's length limit."""

from __future__ import annotations

from bot.assessment import Assessor
from bot.render.feedback import HTML, PLAIN, TELEGRAM_LIMIT, render_feedback
from content.loader import Content

ANSWER = (
    "A customer came in with a faulty kettle. My task was to sort a refund. Under the Consumer "
    "Rights Act 1979 I refunded her because it was within 30 days, following our refunds policy. "
    "As a result she rated us 5 out of 5 <b>& thanked me</b>."
)


def test_corrections_come_first_then_what_was_good(assessor: Assessor) -> None:
    text = render_feedback(assessor.assess(ANSWER, sector="finance"), PLAIN)
    order = [text.index(h) for h in ("CORRECTIONS", "WHAT WAS GOOD", "MARKING POINTS", "TIP")]
    assert order == sorted(order)
    assert "Consumer Rights Act 2015" in text.split("WHAT WAS GOOD")[0]  # the right year


def test_missed_sector_point_says_what_the_sector_expects(assessor: Assessor) -> None:
    text = render_feedback(assessor.assess(ANSWER, sector="finance"), PLAIN)
    assert "Financial Conduct Authority" in text.split("MARKING POINTS")[1]


def test_html_is_escaped_and_within_telegram_limit(assessor: Assessor) -> None:
    long_answer = ANSWER + " <i>x</i>" * 3000
    text = render_feedback(assessor.assess(long_answer, sector="finance"), HTML)
    assert len(text) <= TELEGRAM_LIMIT
    assert "<i>x</i>" not in text


def test_met_points_quote_the_learners_words_and_misses_say_what_was_not_found(
    assessor: Assessor,
) -> None:
    """Issue 13 item 2: "✅ Names the policy: “...”", and a miss as what the coach could not find."""
    answer = (
        "A customer at our Leeds store brought back a kettle that leaked after ten days. I needed to "
        "decide between a refund and a repair. I followed our refunds policy and gave her the money "
        "back because it was faulty. She was happy."
    )
    prompt = assessor.content.prompts["rl_refund_dispute"]
    text = render_feedback(assessor.assess(answer, prompt=prompt), PLAIN)
    points = text.split("MARKING POINTS")[1]
    policy = "✅ Names the organisational policy or procedure you followed: “I followed our refunds policy"
    assert policy in points
    assert "I couldn't find the name of the law that applied (the Act and its year)." in points
    assert "If you said it, put it in one sentence." in points
    assert "❌" not in points  # a miss is not a verdict on the learner


def test_the_grade_says_why_it_is_not_the_next_band(assessor: Assessor) -> None:
    prompt = assessor.content.prompts["rl_refund_dispute"]
    a = assessor.assess(ANSWER, prompt=prompt)
    text = render_feedback(a, PLAIN)
    assert a.grade_reason and a.grade_reason in text.split("CORRECTIONS")[0]
    if a.grade.value == "pass":
        assert a.grade_reason.startswith("Why a Pass and not a Distinction:")
        assert 50 <= a.score < 80  # inside the band the charts draw


def test_no_tip_for_an_answer_that_missed_nothing_and_none_from_another_sector(
    assessor: Assessor,
) -> None:
    """Issue 13 item 4: a 100/100 answer got a tip about not following the procedure; a retail
    learner got the FCA tip; a learner who named no law heard about "naming a law without saying
    what it changed"."""
    content = assessor.content
    strong = (
        "Last month a customer rang because a fridge we delivered stopped cooling after 12 days. My task "
        "was to decide between a refund and a repair under our refunds and returns policy. I checked the "
        "Consumer Rights Act 2015, because inside 30 days she had the short-term right to reject it, so "
        "I refunded her £450 the same day. As a result she rated us 5 out of 5."
    )
    a = assessor.assess(strong, prompt=content.prompts["rl_refund_dispute"], sector="retail")
    assert all(p.met for p in a.marking_points) and a.tip is None
    weak = "A customer complained. I sorted it out and she was happy."
    tips = {
        assessor.assess(weak, prompt=p, sector="retail").tip
        for p in content.prompts.values()
        if not p.sectors or "retail" in p.sectors
    }
    assert not any(t and "FCA" in t for t in tips)
    assert not any(t and t.startswith("Naming a law without") for t in tips)


def test_a_law_outside_the_catalogue_is_shown_as_named_not_nothing_yet(assessor: Assessor) -> None:
    """An answer naming an Act the coach does not hold is never told it named nothing: the Act is
    listed as named and not checked, and neither praised nor corrected."""
    answer = (
        "I work for a housing association in Swansea. A tenant rang about damp in her baby's bedroom, so "
        "I booked a surveyor for the next day and told her about the Renting Homes (Wales) Act 2016, "
        "because the home has to be fit to live in. The gutter was fixed in 3 days."
    )
    result = assessor.assess(answer, nation="wales")
    assert result.also_named == ["Renting Homes (Wales) Act 2016"]
    assert result.to_dict()["also_named"] == ["Renting Homes (Wales) Act 2016"]
    text = render_feedback(result, PLAIN)
    named = text.split("WHAT YOU NAMED")[1].split("STAR")[0]
    assert "Renting Homes (Wales) Act 2016" in named and "not checked" in named
    assert "Nothing yet" not in named
    assert "Renting Homes" not in text.split("WHAT YOU NAMED")[0]  # not praised, not corrected
    # A law the catalogue holds is listed by its own kind, never again as unlisted.
    known = assessor.assess("Under the Consumer Rights Act 2015 and the Housing Act 1988 I refunded her.")
    assert known.also_named == ["Housing Act 1988"]
    assert [f.name for f in known.entities] == ["Consumer Rights Act 2015"]
    # Nothing named at all still says so.
    assert "Nothing yet" in render_feedback(assessor.assess("I said sorry and she was happy."), PLAIN)


def test_every_met_point_but_the_star_one_quotes_the_learner(assessor: Assessor, content: Content) -> None:
    """A point met by four or more quotes (three teams) still shows its first; the STAR point (here
    id "example") shows none, its parts being on the STAR line."""
    answer = (
        "I work on the phones for an online furniture company in Stockport. Last March a customer rang "
        "because her sofa had been out for delivery three times. My job was to find out why. Behind me "
        "there are teams she never talks to: the warehouse picks and loads the vans, the planning team "
        "builds the routes overnight, and finance takes the payment and does refunds. I found the "
        "planners had her postcode in the wrong zone. The sofa came the next morning and she gave us 5 "
        "stars."
    )
    result = assessor.assess(answer, prompt=content.prompts["ee_organisation_map"], sector="retail")
    teams = next(p for p in result.marking_points if p.id == "teams")
    assert teams.met and len(teams.evidence) >= 4 and teams.check == "concepts"
    lines = render_feedback(result, PLAIN).splitlines()
    assert any(line.startswith("✅ Maps at least two") and "“" in line for line in lines)
    assert any(line.startswith("✅ Gives a real example") and "“" not in line for line in lines)
