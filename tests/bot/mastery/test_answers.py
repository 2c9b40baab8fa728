"""The answer book, without a database: best answer per question, order, and its wording."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.mastery.answers import answer_book
from bot.render.answers import PER_PAGE, answers_html, render_index, render_question
from bot.render.feedback import HTML, PLAIN, TELEGRAM_LIMIT
from content.loader import Content

T0 = datetime(2026, 11, 2, 9, tzinfo=UTC)
LONDON = ZoneInfo("Europe/London")


@dataclass
class Row:
    prompt_id: str
    score: int
    created_at: datetime
    text: str = "an answer"
    grade: str = "pass"
    topic_id: str = "rules_and_law"
    id: int | None = None
    result: dict[str, Any] = field(default_factory=dict)


def _prompts(content: Content, n: int) -> list[str]:
    return list(content.prompts)[:n]


def test_the_best_try_is_kept_and_a_tie_goes_to_the_latest(content: Content) -> None:
    a, b = _prompts(content, 2)
    rows = [
        Row(a, 40, T0, "weak", id=1),
        Row(a, 75, T0 + timedelta(hours=1), "strong", id=2),
        Row(a, 75, T0 + timedelta(hours=2), "strong again", id=3),
        Row(a, 30, T0 + timedelta(hours=3), "worse", id=4),
        Row(b, 60, T0 + timedelta(minutes=30), id=5),
    ]
    book = answer_book(rows, content)
    first = book.questions[0]
    assert first.prompt_id == a  # practised most recently
    assert (first.tries, first.best_text, first.best_id) == (4, "strong again", 3)
    assert first.question == content.prompts[a].text.strip()
    assert first.model_answer == tuple(content.prompts[a].model_answer)
    assert book.find(b) is not None and book.find("nope") is None


def test_a_question_removed_from_the_content_is_still_shown(content: Content) -> None:
    book = answer_book([Row("retired_prompt", 50, T0, topic_id="gone")], content)
    (q,) = book.questions
    assert "no longer in the course" in q.question and q.model_answer == ()


def test_what_the_coach_found_comes_from_the_stored_result(content: Content) -> None:
    (a,) = _prompts(content, 1)
    result = {
        "marking_points": [{"text": "Names the law", "met": True}, {"text": "States a result", "met": False}],
        "entities": [{"name": "Consumer Rights Act 2015"}, {"name": "Consumer Rights Act 2015"}],
        "tip": "Say what changed.",
    }
    q = answer_book([Row(a, 55, T0, result=result)], content).questions[0]
    text = render_question(q, PLAIN, LONDON)
    assert "✅ Names the law" in text and "❌ States a result" in text
    assert text.count("Consumer Rights Act 2015") == 1
    assert "Tip: Say what changed." in text


def test_every_view_fits_a_telegram_message_however_long_the_answer(content: Content) -> None:
    prompts = _prompts(content, PER_PAGE + 2)
    rows = [Row(p, 50 + i, T0 + timedelta(minutes=i), "word " * 3000) for i, p in enumerate(prompts)]
    book = answer_book(rows, content)
    assert len(render_index(book, HTML, 0)) <= TELEGRAM_LIMIT
    assert "Page 1 of 2" in render_index(book, HTML, 0)
    assert all(len(render_question(q, HTML, LONDON)) <= TELEGRAM_LIMIT for q in book.questions)
    # The terminal shows the whole list and the whole answer.
    assert f"{PER_PAGE + 2}." in render_index(book, PLAIN, None)
    assert len(render_question(book.questions[0], PLAIN, LONDON, full=True)) > 15000


def test_the_html_file_escapes_what_the_learner_typed(content: Content) -> None:
    (a,) = _prompts(content, 1)
    book = answer_book([Row(a, 50, T0, "<b>bold</b> & <script>x</script>")], content)
    page = answers_html(book, name="<Alex>", generated_at=T0, tz=LONDON)
    assert "<script>" not in page and "&lt;script&gt;" in page and "&lt;Alex&gt;" in page
