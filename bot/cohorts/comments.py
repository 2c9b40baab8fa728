"""Comments: an assessor comments on one answer of a learner in their cohorts; the learner gets
it with the answer it refers to and may reply once. Both show in /learner and the exports.

Answers are referred to as `A<attempt id>` (shown in /learner). An assessor can comment only on
an answer of a member of their own cohorts; any other reference is NotFound, whether it exists
or not, so nothing leaks about other cohorts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlmodel import col, select

from bot.clock import Clock
from bot.cohorts.service import CohortError, NotFound, Scope
from storage import cohort_queries as cq
from storage.db import SessionFactory
from storage.models import AnswerComment, Attempt, Learner

MAX_COMMENT = 1000
ANSWER_REF = re.compile(r"^[Aa]?(\d{1,9})$")


class AlreadyReplied(CohortError):
    pass


def answer_ref(attempt_id: int) -> str:
    return f"A{attempt_id}"


def parse_ref(text: str) -> int:
    if (m := ANSWER_REF.fullmatch(text.strip().lstrip("#"))) is None:
        raise NotFound("That is not an answer reference: /learner shows them as A123.")
    return int(m.group(1))


@dataclass(frozen=True)
class Posted:
    """A comment just stored, with what the learner needs to see it in context."""

    comment: AnswerComment
    attempt: Attempt
    learner: Learner


@dataclass(frozen=True)
class Replied:
    comment: AnswerComment
    assessor: Learner | None  # None when the assessor has since erased their record
    learner: Learner


class CommentService:
    def __init__(self, *, sessions: SessionFactory, clock: Clock) -> None:
        self.sessions = sessions
        self.clock = clock

    async def post(self, scope: Scope, ref: str, text: str) -> Posted:
        """Store an assessor's comment on one of their members' answers."""
        text = text.strip()
        if not text:
            raise CohortError("Write the comment after the answer: /comment A123 Good use of the CRA.")
        if len(text) > MAX_COMMENT:
            raise CohortError(f"Please keep a comment under {MAX_COMMENT} characters.")
        attempt_id = parse_ref(ref)
        members = {lr.id: lr for _, lr in scope.members if lr.id is not None}
        assert scope.assessor.id is not None
        async with self.sessions.begin() as session:
            attempt = await session.get(Attempt, attempt_id)
            if attempt is None or attempt.learner_id not in members:
                raise NotFound("No answer with that reference among your learners' answers.")
            comment = AnswerComment(
                attempt_id=attempt_id, learner_id=attempt.learner_id, assessor_id=scope.assessor.id,
                text=text, created_at=self.clock.now(),
            )
            session.add(comment)
            await session.flush()
            session.expunge(comment)
        return Posted(comment, attempt, members[attempt.learner_id])

    async def ask_reply(self, learner_id: int, comment_id: int) -> AnswerComment:
        """The learner pressed Reply: check it is theirs and open, before the prompt is sent."""
        async with self.sessions() as session:
            comment = await session.get(AnswerComment, comment_id)
        if comment is None or comment.learner_id != learner_id:
            raise NotFound("That comment is no longer here.")
        if comment.reply is not None:
            raise AlreadyReplied("You have already replied to that comment; your assessor has it.")
        return comment

    async def author_name(self, comment: AnswerComment) -> str:
        """The commenting assessor's first name, or a neutral word if they have left."""
        if comment.assessor_id is None:
            return "your assessor"
        async with self.sessions() as session:
            assessor = await session.get(Learner, comment.assessor_id)
        return (assessor.first_name if assessor else "") or "your assessor"

    async def remember_prompt(self, comment_id: int, message_id: int) -> None:
        async with self.sessions.begin() as session:
            comment = await session.get(AnswerComment, comment_id)
            if comment is not None and comment.reply is None:
                comment.reply_prompt_message_id = message_id

    async def reply(self, learner_id: int, to_message_id: int, text: str) -> Replied | None:
        """Store the learner's one reply, if `to_message_id` is an open reply prompt of theirs;
        None otherwise (the message is then an ordinary message)."""
        text = text.strip()[:MAX_COMMENT]
        async with self.sessions.begin() as session:
            found = await session.exec(
                select(AnswerComment).where(
                    AnswerComment.learner_id == learner_id,
                    AnswerComment.reply_prompt_message_id == to_message_id,
                    col(AnswerComment.reply).is_(None),
                ).with_for_update()
            )
            comment = found.first()
            if comment is None or not text:
                return None
            comment.reply, comment.replied_at = text, self.clock.now()
            assessor = await session.get(Learner, comment.assessor_id) if comment.assessor_id else None
            learner = await session.get(Learner, learner_id)
            await session.flush()
            for row in (comment, assessor, learner):
                if row is not None:
                    session.expunge(row)
        assert learner is not None
        return Replied(comment, assessor, learner)

    async def on_attempts(self, attempt_ids: Iterable[int]) -> dict[int, list[AnswerComment]]:
        """The comments on these answers, oldest first, by attempt id."""
        async with self.sessions() as session:
            return await cq.comments_on(session, attempt_ids=attempt_ids)
