"""The practice flow, shared by Telegram and the terminal: ask, collect, submit, assess, store.

Every step reads and writes the database, so an answer half-written before a restart is still
there afterwards; nothing about a learner's progress lives only in memory.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from bot.assessment import Assessment, Assessor
from bot.clock import Clock
from content.loader import Content
from content.models import Prompt
from storage import queries
from storage.db import SessionFactory
from storage.models import Learner

# A Telegram message holds 4096 characters; a very long answer is still kept whole, but this
# many characters are plenty for a spoken-style answer and bound the work per assessment.
MAX_ANSWER_CHARS = 20_000


class PracticeError(Exception):
    """Something the learner can fix; the message says how."""


class NoDraft(PracticeError):
    pass


class EmptyDraft(PracticeError):
    pass


@dataclass(frozen=True)
class DraftStatus:
    prompt: Prompt
    words: int
    parts: int
    truncated: bool = False


@dataclass(frozen=True)
class Submission:
    prompt: Prompt
    text: str
    assessment: Assessment
    attempt_id: int


class PracticeService:
    """Plain async functions over the database and the content; no Telegram in here."""

    def __init__(
        self,
        *,
        sessions: SessionFactory,
        content: Content,
        assessor: Assessor,
        clock: Clock,
        rng: random.Random | None = None,
    ) -> None:
        self.sessions = sessions
        self.content = content
        self.assessor = assessor
        self.clock = clock
        self.rng = rng or random.Random()

    async def learner(
        self, *, key: str, telegram_user_id: int | None = None, first_name: str = ""
    ) -> Learner:
        async with self.sessions.begin() as session:
            return await queries.get_or_create_learner(
                session, key=key, telegram_user_id=telegram_user_id, first_name=first_name
            )

    def choose_prompt(self, *, topic_id: str | None = None, avoid: str | None = None) -> Prompt:
        pool = [
            p for p in self.content.prompts.values() if topic_id is None or p.topic == topic_id
        ]
        if not pool:
            raise PracticeError("There are no questions for that topic yet.")
        fresh = [p for p in pool if p.id != avoid] or pool
        return self.rng.choice(sorted(fresh, key=lambda p: p.id))

    async def start(
        self, learner_id: int, *, topic_id: str | None = None, prompt_id: str | None = None
    ) -> Prompt:
        """Ask a new question; any unfinished answer is replaced."""
        async with self.sessions.begin() as session:
            current = await queries.get_draft(session, learner_id=learner_id)
            if prompt_id is not None:
                prompt = self.content.prompts.get(prompt_id)
                if prompt is None:
                    raise PracticeError("That question no longer exists; here is another.")
            else:
                prompt = self.choose_prompt(
                    topic_id=topic_id, avoid=current.prompt_id if current else None
                )
            await queries.start_draft(
                session, learner_id=learner_id, prompt_id=prompt.id, now=self.clock.now()
            )
        return prompt

    async def current(self, learner_id: int) -> DraftStatus | None:
        async with self.sessions() as session:
            draft = await queries.get_draft(session, learner_id=learner_id)
        if draft is None:
            return None
        prompt = self.content.prompts.get(draft.prompt_id)
        if prompt is None:
            return None
        return DraftStatus(prompt, len(draft.text.split()), draft.parts)

    async def add_text(self, learner_id: int, text: str) -> DraftStatus:
        """Add one message to the answer being written."""
        text = text.strip()
        async with self.sessions.begin() as session:
            draft = await queries.get_draft(session, learner_id=learner_id)
            if draft is None:
                raise NoDraft("You have no question open. Send /practice to get one.")
            room = MAX_ANSWER_CHARS - len(draft.text)
            truncated = len(text) > room
            if room > 0 and text:
                draft = await queries.append_to_draft(
                    session, learner_id=learner_id, text=text[:room], now=self.clock.now()
                ) or draft
        prompt = self.content.prompts.get(draft.prompt_id) or self.choose_prompt()
        return DraftStatus(prompt, len(draft.text.split()), draft.parts, truncated)

    async def submit(self, learner_id: int, *, sector: str | None = None) -> Submission:
        """Assess the answer, store the attempt and close the draft, in one transaction."""
        async with self.sessions.begin() as session:
            draft = await queries.get_draft(session, learner_id=learner_id)
            if draft is None:
                raise NoDraft("There is no answer to submit. Send /practice to get a question.")
            if not draft.text.strip():
                raise EmptyDraft("Your answer is empty so far: type it, then submit.")
            prompt = self.content.prompts.get(draft.prompt_id)
            if prompt is None:
                raise NoDraft("That question no longer exists. Send /practice for a new one.")
            learner = await session.get(Learner, learner_id)
            learner_sector = sector or (learner.sector if learner else "general")
            assessment = self.assessor.assess(draft.text, prompt=prompt, sector=learner_sector)
            attempt = await queries.add_attempt(
                session,
                learner_id=learner_id,
                prompt_id=prompt.id,
                topic_id=prompt.topic,
                text=draft.text,
                score=assessment.score,
                grade=assessment.grade.value,
                result=assessment.to_dict(),
                now=self.clock.now(),
            )
            text = draft.text
            await queries.delete_draft(session, learner_id=learner_id)
            assert attempt.id is not None
            return Submission(prompt, text, assessment, attempt.id)

    async def cancel(self, learner_id: int) -> DraftStatus | None:
        """Drop the answer being written; returns what was dropped, if anything."""
        status = await self.current(learner_id)
        async with self.sessions.begin() as session:
            await queries.delete_draft(session, learner_id=learner_id)
        return status
