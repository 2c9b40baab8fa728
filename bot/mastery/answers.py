""""My answers": every question the learner has answered, with their best answer, to revise from.

The best answer to a question is its highest-scoring attempt (the latest, on a tie): a probe reply
or a retry counts, since each is stored as the whole answer it became. What the coach found is read
back from the attempt's stored assessment (`Attempt.result`), so the book shows what the learner
was told at the time, and the model outline comes from the content as it is now.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from content.loader import Content
from storage import queries
from storage.db import SessionFactory
from storage.models import aware


class AttemptRow(Protocol):
    id: int | None
    prompt_id: str
    topic_id: str
    text: str
    score: int
    grade: str
    result: dict[str, Any]
    created_at: datetime


@dataclass(frozen=True)
class Point:
    text: str
    met: bool


@dataclass(frozen=True)
class AnsweredQuestion:
    prompt_id: str
    best_id: int | None  # the best attempt, for "answer it again"
    question: str  # the prompt's text, as the assessor asked it
    topic: str  # the topic's title
    tries: int
    best_text: str
    best_score: int
    best_grade: str
    best_at: datetime
    last_at: datetime
    points: tuple[Point, ...]
    named: tuple[str, ...]  # canonical names of what the best answer named
    tip: str | None
    model_answer: tuple[str, ...]  # empty when the question is no longer in the content


@dataclass(frozen=True)
class AnswerBook:
    questions: tuple[AnsweredQuestion, ...]  # most recently practised first

    def find(self, prompt_id: str) -> AnsweredQuestion | None:
        return next((q for q in self.questions if q.prompt_id == prompt_id), None)


def answer_book(attempts: Sequence[AttemptRow], content: Content) -> AnswerBook:
    """Group attempts by question; pure, so it is tested without a database."""
    by_prompt: dict[str, list[AttemptRow]] = {}
    for attempt in attempts:
        by_prompt.setdefault(attempt.prompt_id, []).append(attempt)
    questions = []
    for prompt_id, rows in by_prompt.items():
        best = max(rows, key=lambda a: (a.score, aware(a.created_at)))
        prompt = content.prompts.get(prompt_id)
        topic = content.topics.get(best.topic_id)
        result = best.result or {}
        questions.append(
            AnsweredQuestion(
                prompt_id=prompt_id,
                best_id=best.id,
                question=prompt.text.strip() if prompt else "(a question no longer in the course)",
                topic=topic.title if topic else best.topic_id,
                tries=len(rows),
                best_text=best.text,
                best_score=best.score,
                best_grade=best.grade,
                best_at=aware(best.created_at),
                last_at=max(aware(a.created_at) for a in rows),
                points=tuple(
                    Point(str(p.get("text", "")), bool(p.get("met")))
                    for p in result.get("marking_points", [])
                ),
                named=tuple(dict.fromkeys(str(e.get("name")) for e in result.get("entities", []))),
                tip=result.get("tip"),
                model_answer=tuple(prompt.model_answer) if prompt else (),
            )
        )
    questions.sort(key=lambda q: q.last_at, reverse=True)
    return AnswerBook(tuple(questions))


@dataclass(frozen=True)
class AnswerBookReader:
    """Reads a learner's attempts and builds their answer book."""

    sessions: SessionFactory
    content: Content

    async def book(self, learner_id: int) -> AnswerBook:
        async with self.sessions() as session:
            rows = await queries.list_all_attempts(session, learner_id=learner_id)
        return answer_book(rows, self.content)
