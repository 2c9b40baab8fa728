"""Nudges count down to the assessment date, and in its last week suggest a mock."""

from __future__ import annotations

from bot.mastery.review import Focus
from bot.render.nudge import NudgeContent, render_nudge
from content.loader import Content


def nudge(content: Content, days: int | None) -> tuple[str, list[str]]:
    made = render_nudge(
        NudgeContent(name="Sam", focus=Focus("rules_and_law", "legislation", "due", ()), streak=2,
                     unanswered=0, next_gap=1, days_to_exam=days),
        7, content.topics,
    )
    return made.text, [data for row in made.buttons for _, data in row]


def test_no_date_no_countdown(content: Content) -> None:
    text, data = nudge(content, None)
    assert "assessment" not in text and "mock:len:20" not in data


def test_a_month_out_counts_down_without_a_mock(content: Content) -> None:
    text, data = nudge(content, 30)
    assert "Your assessment is in 30 days." in text and "mock:len:20" not in data


def test_the_week_before_suggests_a_mock(content: Content) -> None:
    text, data = nudge(content, 5)
    assert "in 5 days" in text and "mock discussion" in text
    assert data[:2] == ["rem:go:rules_and_law:legislation", "mock:len:20"]
    text, _ = nudge(content, 1)
    assert "Your assessment is tomorrow." in text


def test_the_day_itself(content: Content) -> None:
    text, data = nudge(content, 0)
    assert "Your assessment is today." in text and "mock:len:20" not in data
