"""Nudges count down to the assessment date, and in its last week suggest a mock."""

from __future__ import annotations

from bot.mastery.review import Focus, Why
from bot.render.nudge import NudgeAction, NudgeContent, render_nudge
from content.loader import Content


def nudge(content: Content, days: int | None) -> tuple[str, list[tuple[str, str, str, int]]]:
    made = render_nudge(
        NudgeContent(name="Sam", focus=Focus("rules_and_law", "legislation", Why.DUE, ()), streak=2,
                     unanswered=0, next_gap=1, days_to_exam=days),
        7, content.topics,
    )
    return made.text, [(b.action, b.topic, b.skill, b.minutes) for row in made.buttons for b in row]


MOCK = (NudgeAction.MOCK, "", "", 20)


def test_no_date_no_countdown(content: Content) -> None:
    text, data = nudge(content, None)
    assert "assessment" not in text and MOCK not in data


def test_a_month_out_counts_down_without_a_mock(content: Content) -> None:
    text, data = nudge(content, 30)
    assert "Your assessment is in 30 days." in text and MOCK not in data


def test_the_week_before_suggests_a_mock(content: Content) -> None:
    text, data = nudge(content, 5)
    assert "in 5 days" in text and "mock discussion" in text
    assert data[:2] == [(NudgeAction.PRACTISE, "rules_and_law", "legislation", 0), MOCK]
    text, _ = nudge(content, 1)
    assert "Your assessment is tomorrow." in text


def test_the_day_itself(content: Content) -> None:
    text, data = nudge(content, 0)
    assert "Your assessment is today." in text and MOCK not in data
