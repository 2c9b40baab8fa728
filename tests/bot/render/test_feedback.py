"""The feedback message: order, escaping, sector detail, and Telegram's length limit."""

from __future__ import annotations

from bot.assessment import Assessor
from bot.render.feedback import HTML, PLAIN, TELEGRAM_LIMIT, render_feedback

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
