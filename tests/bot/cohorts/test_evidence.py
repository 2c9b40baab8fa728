"""Evidence an assessor can file: one answer with its question, points, the learner's words and
the standard's areas (from a real marking result), and the /setref parsing. No database."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.assessment import Assessor
from bot.cohorts.evidence import answer_evidence, parse_reference
from bot.cohorts.service import CohortError
from content.loader import Content
from storage.models import Attempt

TEXT = (
    "I work as a customer adviser and I am responsible for refunds. Our customers are account "
    "holders, and internal customers are the billing team. The Consumer Rights Act 2015 shapes "
    "what I can promise, and I follow our refund policy on every call."
)


def attempt(content: Content) -> Attempt:
    prompt = content.mock_prompt("op_role_and_rules")
    assert prompt is not None
    result = Assessor(content).assess(TEXT, prompt=prompt).to_dict()
    return Attempt(id=7, learner_id=1, prompt_id=prompt.id, topic_id=prompt.topic, text=TEXT,
                   score=result["score"], grade=result["grade"], result=result,
                   created_at=datetime(2026, 11, 2, 9, 30, tzinfo=UTC))


def test_an_answer_carries_its_question_points_words_and_standard_areas(content: Content) -> None:
    a = attempt(content)
    ev = answer_evidence(a, content=content, standard=content.standards["st0072"], shares=True,
                         comments=[("Name the policy.", None)])
    assert ev.id == 7 and ev.question.startswith("Tell me about your role")
    met = {p.text: p.quote for p in ev.points if p.met}
    law = "Names a law that shapes your work, with its year."
    assert law in met and "Consumer Rights Act 2015" in (met[law] or "")
    titles = [t for t, _ in ev.areas]
    assert "Meeting regulations and legislation" in titles  # law -> regulations_legislation
    assert all(quote for _, quote in ev.areas)  # each with the learner's words
    assert ev.comments == (("Name the policy.", None),) and ev.text == TEXT


def test_without_sharing_no_words_of_the_learner_are_carried(content: Content) -> None:
    ev = answer_evidence(attempt(content), content=content, standard=content.standards["st0072"],
                         shares=False)
    assert ev.text is None
    assert all(p.quote is None for p in ev.points) and all(q is None for _, q in ev.areas)
    assert ev.areas  # the areas themselves are the assessor's to see


def test_without_a_standard_there_are_no_areas(content: Content) -> None:
    assert answer_evidence(attempt(content), content=content, standard=None, shares=True).areas == ()


def test_setref_words() -> None:
    assert parse_reference(["Lee", "1234567890", "Lee", " Jordan", "Smith"]) == (
        "Lee", "1234567890", "Lee Jordan Smith")
    assert parse_reference(["#6", "LN/42-a"]) == ("#6", "LN/42-a", None)
    for words in (["Lee"], [], ["Lee", "12 34"], ["Lee", "=1+1"], ["Lee", "x" * 31],
                  ["Lee", "1", "n" * 129]):
        with pytest.raises(CohortError):
            parse_reference(words)
