"""Evidence an assessor can file (issue 18 item 4): every answer of their learners with its
question, date, grade, the marking points with the learner's own words, the comments, and the
areas of the apprenticeship standard it evidences (the mock discussion's evidence map,
docs/mock.md); and who the learner is in the assessor's files, their full name and learner or
ULN number, as the assessor set them with `/setref` (never guessed).

The learner's own words (answer text, and the quotes that met a point or evidence an area) are
included only when the learner shares their answers with this assessor, as everywhere else.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import col, select

from bot.clock import Clock
from bot.cohorts.insights import find_member
from bot.cohorts.service import CohortError, Scope
from bot.learners.standards import standard_of
from bot.mock.plan import evidenced, quote_for
from content.loader import Content
from content.models import Prompt, Standard
from storage import cohort_queries as cq
from storage.db import SessionFactory
from storage.models import AnswerMode, Attempt, Learner, LearnerReference, aware

# A learner number or a ULN (10 digits): letters, digits and / _ - , as a provider writes it.
REFERENCE = re.compile(r"[A-Za-z0-9][A-Za-z0-9/_-]{0,29}")
FULL_NAME_MAX = 128


@dataclass(frozen=True)
class Filing:
    """Who a learner is in this assessor's files."""

    reference: str
    full_name: str


@dataclass(frozen=True)
class PointEvidence:
    text: str
    met: bool
    quote: str | None  # the learner's words that met it (met points of shared answers only)


@dataclass(frozen=True)
class AnswerEvidence:
    id: int  # referred to as A<id>, as in /learner
    at: datetime  # UTC
    kind: AnswerMode
    prompt_id: str
    question: str
    topic: str
    score: int
    grade: str
    points: tuple[PointEvidence, ...]
    # The standard's areas a met point evidences (its title, and the learner's words if shared).
    areas: tuple[tuple[str, str | None], ...]
    comments: tuple[tuple[str, str | None], ...]  # (the assessor's words, the learner's reply)
    text: str | None  # only when the learner shares their answers


@dataclass(frozen=True)
class LearnerEvidence:
    filing: Filing | None
    standard: str  # "ST0072 Customer service practitioner", or "" when none is set
    answers: list[AnswerEvidence] = field(default_factory=list)  # oldest first


def _own_words(value: Any) -> str | None:
    """The marking result's evidence for a point: a span {"text": ...}, a string, or a list."""
    if isinstance(value, str):
        return " ".join(value.split()) or None
    if isinstance(value, dict):
        return _own_words(value.get("text"))
    if isinstance(value, list):
        parts = [t for t in (_own_words(v) for v in value) if t]
        return " … ".join(parts) or None
    return None


def answer_evidence(
    attempt: Attempt, *, content: Content, standard: Standard | None, shares: bool,
    comments: Sequence[tuple[str, str | None]] = (),
) -> AnswerEvidence:
    """One answer as an assessor files it, from its stored (public) marking result."""
    assert attempt.id is not None
    prompt: Prompt | None = content.mock_prompt(attempt.prompt_id)
    result = attempt.result or {}
    points = []
    for p in result.get("marking_points") or []:
        met = bool(p.get("met"))
        quote = None
        if met and shares:
            quote = (quote_for(prompt, str(p.get("id")), p, result, attempt.text) if prompt
                     else _own_words(p.get("evidence")))
        points.append(PointEvidence(" ".join(str(p.get("text", p.get("id", ""))).split()), met, quote))
    areas: list[tuple[str, str | None]] = []
    if standard is not None and prompt is not None:
        found = evidenced(standard, prompt, result, attempt.text)
        areas = [(a.title, found[a.id] if shares else None) for a in standard.areas if a.id in found]
    topics = content.topics
    return AnswerEvidence(
        attempt.id, aware(attempt.created_at), attempt.kind, attempt.prompt_id,
        " ".join(prompt.text.split()) if prompt else "(a question no longer in the bank)",
        topics[attempt.topic_id].title if attempt.topic_id in topics else attempt.topic_id,
        attempt.score, attempt.grade, tuple(points), tuple(areas), tuple(comments),
        attempt.text if shares else None,
    )


def parse_reference(words: Sequence[str]) -> tuple[str, str, str | None]:
    """`/setref <learner> <reference> [full name]` as (who, reference, full name or None)."""
    if len(words) < 2:
        raise CohortError("usage")
    who, reference, name = words[0], words[1], " ".join(" ".join(words[2:]).split())
    if not REFERENCE.fullmatch(reference):
        raise CohortError(
            "A reference is the learner's number or ULN: up to 30 letters, digits, / _ or -, "
            "with no spaces (for example 1234567890)."
        )
    if len(name) > FULL_NAME_MAX:
        raise CohortError(f"That full name is too long: {FULL_NAME_MAX} characters at most.")
    return who, reference, name or None


@dataclass(frozen=True)
class Evidence:
    """The assessor's filing references and the evidence of each answer, within a Scope."""

    sessions: SessionFactory
    content: Content
    clock: Clock

    async def set_reference(self, scope: Scope, words: Sequence[str]) -> tuple[Learner, Filing]:
        """Store what the assessor files a learner of their cohorts under; a full name left out
        keeps the one set before."""
        who, reference, name = parse_reference(words)
        learner = find_member(scope, who)
        assert learner.id is not None and scope.assessor.id is not None
        async with self.sessions.begin() as session:
            row = await session.get(LearnerReference, (scope.assessor.id, learner.id))
            if row is None:
                row = LearnerReference(assessor_id=scope.assessor.id, learner_id=learner.id,
                                       reference=reference, full_name=name or "")
            else:
                row.reference, row.full_name = reference, name if name is not None else row.full_name
            row.updated_at = self.clock.now()
            session.add(row)
            filing = Filing(row.reference, row.full_name)
        return learner, filing

    async def collect(self, scope: Scope) -> dict[int, LearnerEvidence]:
        """Every member's filing and answers (all of them, oldest first), by learner id."""
        ids = [lr.id for _, lr in scope.members if lr.id is not None]
        assert scope.assessor.id is not None
        async with self.sessions() as session:
            attempts = await cq.attempts_of(session, learner_ids=ids)
            comments = await cq.comments_on(
                session, attempt_ids=[a.id for rows in attempts.values() for a in rows if a.id]
            )
            refs = {
                r.learner_id: Filing(r.reference, r.full_name) for r in (await session.exec(
                    select(LearnerReference).where(LearnerReference.assessor_id == scope.assessor.id)
                    .where(col(LearnerReference.learner_id).in_(ids))
                )).all()
            } if ids else {}
        shares = {lr.id for m, lr in scope.members if m.share_answers}
        found: dict[int, LearnerEvidence] = {}
        for _, lr in scope.members:
            if lr.id is None or lr.id in found:
                continue
            standard = standard_of(lr, self.content)
            found[lr.id] = LearnerEvidence(
                refs.get(lr.id),
                f"{standard.code} {standard.title}" if standard else "",
                [answer_evidence(a, content=self.content, standard=standard, shares=lr.id in shares,
                                 comments=[(c.text, c.reply) for c in comments.get(a.id or 0, [])])
                 for a in attempts.get(lr.id, [])],
            )
        return found
