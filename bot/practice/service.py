"""The practice flow, shared by Telegram and the terminal: ask, collect, submit, assess, store.

Every step reads and writes the database, so an answer half-written before a restart is still
there afterwards; nothing about a learner's progress lives only in memory.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.assessment import Assessment, Assessor
from bot.clock import Clock
from bot.mastery.review import Review
from bot.practice.changes import Changes, compare
from bot.reminders.planning import reset_backoff
from content.loader import Content
from content.models import Probe, Prompt
from storage import queries
from storage.db import SessionFactory
from storage.models import AnswerMode, Attempt, Draft, Learner, aware

# A Telegram message holds 4096 characters; a very long answer is still kept whole, but this
# many characters are plenty for a spoken-style answer and bound the work per assessment.
MAX_ANSWER_CHARS = 20_000


class PracticeError(Exception):
    """Something the learner can fix; the message says how."""


class NotStarted(Exception):
    """No learner has this key: they never started, or /deleteme erased them. Only a deliberate
    start (/start, a terminal session) makes a learner, so an old button stays harmless."""


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
    mode: AnswerMode = AnswerMode.ANSWER
    # Tells this draft from an earlier one on the same prompt (stale buttons carry the old one).
    token: int = 0
    # When this question was asked: a menu sent before it is older than the answer being written.
    started_at: datetime | None = None
    # For a probe reply: the marking point the assessor's follow-up question is about.
    probe_point: str | None = None
    # For an edited message: which part of the answer it replaced (1 = the first).
    edited: int | None = None
    # The message was in the answer already and its status line went out (its update is run
    # again after a crash): no second status line.
    repeated: bool = False
    # The message replaced this part of the answer (1 = the first) instead of being added.
    replaced: int | None = None
    # A replacement was asked for, but that part had gone (replaced already): the message was
    # added as a new part instead, so nothing is lost.
    replace_missed: bool = False


class Arm(StrEnum):
    """What "Replace this part" found (PracticeService.arm_replace)."""

    ARMED = "armed"  # the next message replaces the part
    ALREADY = "already"  # a second press: still waiting for the words
    GONE = "gone"  # no open answer holds that part (submitted, cancelled, or replaced already)


@dataclass(frozen=True)
class Submission:
    prompt: Prompt
    text: str
    assessment: Assessment
    attempt_id: int
    kind: AnswerMode = AnswerMode.ANSWER
    # The follow-up an assessor would ask next (aimed at the first missed point that has one).
    probe: Probe | None = None
    # For a probe answer or a retry: what changed since the attempt it builds on.
    changes: Changes | None = None


@dataclass(frozen=True)
class _Answer:
    """A draft as read for submitting: what to assess, and what to store it with."""

    learner_id: int
    learner: Learner | None
    prompt: Prompt
    parent: Attempt | None
    text: str
    mode: AnswerMode
    probe_point: str | None
    sector: str
    nation: str
    # Everything that, changed, makes it another answer (a message added, a new question).
    version: tuple[object, ...]


class PracticeService:
    """Plain async functions over the database and the content; no Telegram in here."""

    def __init__(
        self,
        *,
        sessions: SessionFactory,
        content: Content,
        assessor: Assessor,
        clock: Clock,
        review: Review,
        default_timezone: str,
        rng: random.Random | None = None,
    ) -> None:
        self.sessions = sessions
        self.content = content
        self.assessor = assessor
        self.clock = clock
        self.rng = rng or random.Random()
        # Mastery and spaced review by area (bot.mastery.review), updated by every submitted attempt.
        self.review = review
        # The operator's DEFAULT_TIMEZONE: a new learner's zone until they choose one.
        self.default_timezone = default_timezone

    async def learner(
        self, *, key: str, telegram_user_id: int | None = None, first_name: str = ""
    ) -> Learner:
        """The learner, made if new: only for a deliberate start (/start, `star-coach chat`)."""
        async with self.sessions.begin() as session:
            return await queries.get_or_create_learner(
                session, key=key, telegram_user_id=telegram_user_id, first_name=first_name,
                timezone=self.default_timezone,
            )

    async def known_learner(self, *, key: str, first_name: str = "") -> Learner:
        """The learner behind anything but a start; NotStarted if there is none, so a button
        or message after /deleteme cannot bring an erased learner back."""
        async with self.sessions.begin() as session:
            learner = await queries.touch_learner(session, key=key, first_name=first_name)
        if learner is None:
            raise NotStarted(key)
        return learner

    def choose_prompt(
        self, *, topic_id: str | None = None, avoid: str | None = None, skill: str | None = None,
        level: int | None = None, sector: str | None = None,
    ) -> Prompt:
        """A prompt of the topic (any topic if None); with `skill`, one that tests it if any.
        With the learner's level and sector, one written for them when there is one: a prompt
        for another sector (the FCA's Consumer Duty for a broadband adviser) only if the topic
        has nothing else."""
        if topic_id is not None:
            pool = self.review.prompts_for(topic_id, skill)
        else:
            pool = list(self.content.prompts.values())
        if not pool:
            raise PracticeError("There are no questions for that topic yet.")
        pool = [p for p in pool if suits(p, level=level, sector=sector)] or pool
        fresh = [p for p in pool if p.id != avoid] or pool
        return self.rng.choice(sorted(fresh, key=lambda p: p.id))

    async def weakest_topic(self, learner_id: int) -> str:
        """"My weakest area": the weakest area due for review, else a topic never tried, else
        the weakest area (bot.mastery.review.Review.focus)."""
        return (await self.weakest_area(learner_id))[0]

    async def weakest_area(self, learner_id: int) -> tuple[str, str | None]:
        """(topic, skill) of bot.mastery.review's focus; the skill is None for a topic never tried."""
        async with self.sessions() as session:
            focus = await self.review.focus(session, learner_id=learner_id, now=self.clock.now())
        return focus.topic_id, focus.skill

    async def start(
        self,
        learner_id: int,
        *,
        topic_id: str | None = None,
        prompt_id: str | None = None,
        weakest: bool = False,
        skill: str | None = None,
        avoid: str | None = None,
    ) -> Prompt:
        """Ask a new question; any unfinished answer is replaced. With `skill`, prefer a prompt
        of the topic that tests it (an area due for review); `avoid` is a prompt just answered."""
        if weakest:
            topic_id, skill = await self.weakest_area(learner_id)
        async with self.sessions.begin() as session:
            current = await queries.get_draft(session, learner_id=learner_id)
            avoid = avoid or (current.prompt_id if current else None)
            if prompt_id is not None:
                prompt = self.content.prompts.get(prompt_id)
                if prompt is None:
                    raise PracticeError("That question no longer exists; here is another.")
            else:
                learner = await session.get(Learner, learner_id)
                prompt = self.choose_prompt(
                    topic_id=topic_id, avoid=avoid, skill=skill,
                    level=learner.level if learner else None,
                    sector=learner.sector if learner else None,
                )
            await queries.start_draft(
                session, learner_id=learner_id, prompt_id=prompt.id, now=self.clock.now()
            )
        return prompt

    def first_prompt(self, topic_id: str) -> Prompt:
        """A new learner's first question: one of the topic's that suits Level 2 and every
        sector (their level and sector are not known yet), else any of the topic's."""
        pool = [p for p in self.content.prompts.values() if p.topic == topic_id]
        easy = [p for p in pool if 2 in p.levels and not p.sectors]
        if not (easy or pool):
            return self.choose_prompt()
        return self.rng.choice(sorted(easy or pool, key=lambda p: p.id))

    async def current(self, learner_id: int) -> DraftStatus | None:
        async with self.sessions() as session:
            draft = await queries.get_draft(session, learner_id=learner_id)
        if draft is None:
            return None
        prompt = self.content.prompts.get(draft.prompt_id)
        if prompt is None:
            return None
        return DraftStatus(
            prompt, len(draft.text.split()), draft.parts, mode=draft.mode,
            token=draft.parent_attempt_id or 0, started_at=draft.started_at,
            probe_point=draft.probe_point,
        )

    async def add_text(
        self, learner_id: int, text: str, *, message_id: int | None = None,
        replacing: int | None = None,
    ) -> DraftStatus:
        """Add one message to the answer being written.

        `message_id` (Telegram's) makes this idempotent: a message already in the draft (its
        update run again after a crash) is not added a second time. When the learner asked to
        replace a part (`replacing`, or "Replace this part" pressed before), the message takes
        that part's place instead; if the part has gone, it is added, so nothing is lost."""
        text = text.strip()
        async with self.sessions.begin() as session:
            draft = await queries.get_draft(session, learner_id=learner_id, for_update=True)
            if draft is None:
                raise NoDraft("You have no question open. Send /practice to get one.")
            room = MAX_ANSWER_CHARS - len(draft.text)
            truncated = len(text) > room
            part = next((p for p in draft.part_messages if p[0] == message_id), None)
            seen = message_id is not None and part is not None
            acknowledged = part is not None and len(part) > 2 and bool(part[2])
            target = replacing if replacing is not None else draft.replacing
            replaced = None
            if target is not None and text and not seen:
                draft.replacing = None
                replaced, truncated = _swap_part(draft, target, message_id, text)
                draft.updated_at = self.clock.now()
                session.add(draft)
            if replaced is None and room > 0 and text and not seen:
                draft = await queries.append_text(
                    session, draft=draft, text=text[:room], now=self.clock.now(),
                    message_id=message_id,
                )
        prompt = self.content.prompts.get(draft.prompt_id) or self.choose_prompt()
        return DraftStatus(
            prompt, len(draft.text.split()), draft.parts, truncated, mode=draft.mode,
            token=draft.parent_attempt_id or 0, probe_point=draft.probe_point,
            repeated=seen and acknowledged, replaced=replaced,
            replace_missed=target is not None and replaced is None and bool(text) and not seen,
        )

    async def arm_replace(self, learner_id: int, part: int) -> tuple[Arm, str]:
        """"Replace this part": the learner's next message replaces the part sent as message
        `part`. Returns what happened and the part's text as it stands."""
        async with self.sessions.begin() as session:
            draft = await queries.get_draft(session, learner_id=learner_id, for_update=True)
            index = None if draft is None else _part_index(draft, part)
            if draft is None or index is None:
                return Arm.GONE, ""
            text = str(draft.part_messages[index][1])
            if draft.replacing == part:
                return Arm.ALREADY, text
            draft.replacing = part
            session.add(draft)
        return Arm.ARMED, text

    async def keep_part(self, learner_id: int, part: int) -> DraftStatus | None:
        """Changed their mind: the part stays and the next message is added as usual. None when
        the answer is no longer open."""
        async with self.sessions.begin() as session:
            draft = await queries.get_draft(session, learner_id=learner_id, for_update=True)
            if draft is None:
                return None
            if draft.replacing == part:
                draft.replacing = None
                session.add(draft)
        return await self.current(learner_id)

    async def replace_part(self, learner_id: int, message_id: int, text: str) -> DraftStatus | None:
        """An edited message that is a part of the open answer replaces that part; None when it
        is not one (an older answer's, a command, a message typed before the parts were kept by
        message id), and the draft is left as it was."""
        text = text.strip()
        async with self.sessions.begin() as session:
            draft = await queries.get_draft(session, learner_id=learner_id, for_update=True)
            if draft is None or not text or len(draft.part_messages) != draft.parts:
                return None
            index = next((i for i, p in enumerate(draft.part_messages) if p[0] == message_id), None)
            if index is None:
                return None
            parts = [list(p) for p in draft.part_messages]
            parts[index][1] = text
            others = sum(len(p[1]) + 1 for i, p in enumerate(parts) if i != index)
            room = max(MAX_ANSWER_CHARS - others, 0)
            truncated = len(text) > room
            parts[index][1] = text[:room]
            draft.part_messages = parts
            draft.text = "\n".join(p[1] for p in parts if p[1])
            draft.updated_at = self.clock.now()
            session.add(draft)
        prompt = self.content.prompts.get(draft.prompt_id) or self.choose_prompt()
        return DraftStatus(
            prompt, len(draft.text.split()), draft.parts, truncated, mode=draft.mode,
            token=draft.parent_attempt_id or 0, probe_point=draft.probe_point, edited=index + 1,
        )

    async def replace_last(self, learner_id: int, old: str, new: str) -> DraftStatus | None:
        """Swap the last part of the draft for a correction (a misheard voice note, retyped).

        None when the draft no longer ends with `old` (submitted, cancelled or added to since),
        so the caller adds the text as a new part instead and nothing is lost.
        """
        new = new.strip()
        async with self.sessions.begin() as session:
            draft = await queries.get_draft(session, learner_id=learner_id, for_update=True)
            if draft is None or not old or not draft.text.endswith(old) or not new:
                return None
            head = draft.text[: len(draft.text) - len(old)]
            room = MAX_ANSWER_CHARS - len(head)
            draft.text = head + new[:room]
            last = draft.part_messages[-1] if draft.part_messages else None
            if last is not None and len(draft.part_messages) == draft.parts and last[1] == old:
                # Keep the parts in step with the text, or a later edit would bring `old` back.
                draft.part_messages = [*draft.part_messages[:-1], [last[0], new[:room]]]
            draft.updated_at = self.clock.now()
            session.add(draft)
        prompt = self.content.prompts.get(draft.prompt_id) or self.choose_prompt()
        return DraftStatus(
            prompt, len(draft.text.split()), draft.parts, len(new) > room, mode=draft.mode,
            token=draft.parent_attempt_id or 0,
        )

    async def submit(self, learner_id: int, *, sector: str | None = None) -> Submission:
        """Assess the answer, then store the attempt and close the draft in one transaction.

        Assessing is the slow part, so it runs before that transaction, holding no connection
        and no lock on the draft (another instance may be storing the learner's next message).
        If the draft changed meanwhile, it is assessed again under the lock, so what was typed
        is never lost and the stored attempt is always the answer assessed.

        A probe answer is merged into the attempt it follows (the assessor hears both); a retry
        stands alone. Either way the result says what changed since the attempt before. If a
        marking point with a probe is still missed, a probe draft is opened for the reply.
        """
        async with self.sessions() as session:
            read = await self._read_draft(session, learner_id, sector)
        assessment = self._assess(read)
        async with self.sessions.begin() as session:
            current = await self._read_draft(session, learner_id, sector, for_update=True)
            if current.version != read.version:
                assessment = self._assess(current)
            return await self._store(session, current, assessment)

    async def _read_draft(
        self, session: AsyncSession, learner_id: int, sector: str | None, *, for_update: bool = False
    ) -> _Answer:
        draft = await queries.get_draft(session, learner_id=learner_id, for_update=for_update)
        if draft is None:
            raise NoDraft("There is no answer to submit. Send /practice to get a question.")
        if not draft.text.strip():
            raise EmptyDraft("Your answer is empty so far: type it, then submit.")
        prompt = self.content.prompts.get(draft.prompt_id)
        if prompt is None:
            raise NoDraft("That question no longer exists. Send /practice for a new one.")
        learner = await session.get(Learner, learner_id)
        parent = None
        if draft.parent_attempt_id is not None:
            parent = await queries.get_attempt(session, attempt_id=draft.parent_attempt_id)
        text = draft.text
        if draft.mode == AnswerMode.PROBE and parent is not None:
            text = f"{parent.text}\n\n{draft.text}"
        version = (draft.prompt_id, draft.mode, draft.parent_attempt_id, draft.probe_point,
                   draft.started_at, draft.text)
        return _Answer(
            learner_id, learner, prompt, parent, text, draft.mode, draft.probe_point,
            sector or (learner.sector if learner else "general"),
            learner.nation if learner else "unknown", version,
        )

    def _assess(self, answer: _Answer) -> Assessment:
        return self.assessor.assess(
            answer.text, prompt=answer.prompt, sector=answer.sector, nation=answer.nation
        )

    async def _store(self, session: AsyncSession, answer: _Answer, assessment: Assessment) -> Submission:
        prompt, parent, learner, learner_id = answer.prompt, answer.parent, answer.learner, answer.learner_id
        attempt = await queries.add_attempt(
            session,
            learner_id=learner_id,
            prompt_id=prompt.id,
            topic_id=prompt.topic,
            text=answer.text,
            score=assessment.score,
            grade=assessment.grade.value,
            result=assessment.to_dict(),
            kind=answer.mode if parent is not None else AnswerMode.ANSWER,
            parent_id=parent.id if parent is not None else None,
            now=self.clock.now(),
        )
        assert attempt.id is not None
        if learner is not None:
            # The review schedule and the reminder back-off move with the attempt, atomically.
            await self.review.record(
                session, learner=learner, prompt=prompt, result=attempt.result,
                grade=attempt.grade, kind=attempt.kind, now=attempt.created_at,
            )
            await reset_backoff(session, learner=learner, now=attempt.created_at,
                                default_tz=self.default_timezone)
        probe = next_probe(prompt, assessment, asked=answer.probe_point)
        if probe is not None:
            await queries.start_draft(
                session, learner_id=learner_id, prompt_id=prompt.id, mode=AnswerMode.PROBE,
                parent_attempt_id=attempt.id, probe_point=probe.point, now=self.clock.now(),
            )
        else:
            await queries.delete_draft(session, learner_id=learner_id)
        return Submission(
            prompt, answer.text, assessment, attempt.id, kind=attempt.kind, probe=probe,
            changes=compare(parent.result, assessment) if parent is not None else None,
        )

    async def resubmission(self, learner_id: int, *, since: datetime) -> Submission | None:
        """The learner's submission stored at or after `since`, rebuilt as `submit` returned it.

        For feedback that may never have reached the learner: the process died after storing
        the attempt and before sending it, and the update that submitted is being run again
        (the draft is gone by then, or is the empty probe answer that follows it). Assessment
        is deterministic, so the rebuilt feedback is what would have been sent."""
        async with self.sessions() as session:
            attempt = await queries.latest_attempt(session, learner_id=learner_id)
            if attempt is None or aware(attempt.created_at) < since:
                return None
            prompt = self.content.prompts.get(attempt.prompt_id)
            learner = await session.get(Learner, learner_id)
            if prompt is None or learner is None:
                return None
            assessment = self.assessor.assess(
                attempt.text, prompt=prompt, sector=learner.sector, nation=learner.nation
            )
            parent = None
            if attempt.parent_id is not None:
                parent = await queries.get_attempt(session, attempt_id=attempt.parent_id)
            draft = await queries.get_draft(session, learner_id=learner_id)
            probe = None
            if draft is not None and draft.mode == AnswerMode.PROBE and draft.parent_attempt_id == attempt.id:
                probe = prompt.probe_for(draft.probe_point, assessment.nation)
            assert attempt.id is not None
            return Submission(
                prompt, attempt.text, assessment, attempt.id, kind=attempt.kind, probe=probe,
                changes=compare(parent.result, assessment) if parent is not None else None,
            )

    async def retry(self, learner_id: int, attempt_id: int) -> Prompt:
        """Open a fresh answer to the prompt of `attempt_id`, to be compared with it."""
        async with self.sessions.begin() as session:
            attempt = await queries.get_attempt(session, attempt_id=attempt_id)
            if attempt is None or attempt.learner_id != learner_id:
                raise PracticeError("That answer is no longer here. Send /practice for a new question.")
            prompt = self.content.prompts.get(attempt.prompt_id)
            if prompt is None:
                raise PracticeError("That question no longer exists. Send /practice for a new one.")
            await queries.start_draft(
                session, learner_id=learner_id, prompt_id=prompt.id, mode=AnswerMode.RETRY,
                parent_attempt_id=attempt.id, now=self.clock.now(),
            )
        return prompt

    async def attempt_of(self, learner_id: int, attempt_id: int) -> tuple[Attempt, bool] | None:
        """One of the learner's attempts, and whether it is their latest (its buttons are live
        only then: a later answer has buttons of its own). None if it is not theirs."""
        async with self.sessions() as session:
            attempt = await queries.get_attempt(session, attempt_id=attempt_id)
            if attempt is None or attempt.learner_id != learner_id:
                return None
            (latest,) = await queries.list_attempts(session, learner_id=learner_id, limit=1)
        return attempt, latest.id == attempt.id

    async def set_status_message(
        self, learner_id: int, message_id: int | None, *, for_part: int | None = None
    ) -> int | None:
        """Remember the status line shown for the draft; returns the previous one. `for_part`
        (the learner's message it answers) is marked as acknowledged, so a run of that update
        again after a crash sends no second status line (and one that never went out is sent)."""
        async with self.sessions.begin() as session:
            draft = await queries.get_draft(session, learner_id=learner_id)
            if draft is None:
                return None
            previous = draft.status_message_id
            draft.status_message_id = message_id
            if for_part is not None:
                draft.part_messages = [
                    [p[0], p[1], True] if p[0] == for_part else list(p) for p in draft.part_messages
                ]
            session.add(draft)
        return previous

    async def cancel(self, learner_id: int) -> DraftStatus | None:
        """Drop the answer being written; returns what was dropped, if anything."""
        status = await self.current(learner_id)
        async with self.sessions.begin() as session:
            await queries.delete_draft(session, learner_id=learner_id)
        return status


def _part_index(draft: Draft, part: int) -> int | None:
    """Where the part sent as message `part` is in the draft; None when it is not there, or
    the draft does not know its parts by message (a part added without one)."""
    if len(draft.part_messages) != draft.parts:
        return None
    return next((i for i, p in enumerate(draft.part_messages) if p[0] == part), None)


def _swap_part(draft: Draft, part: int, message_id: int | None, text: str) -> tuple[int | None, bool]:
    """Put `text` (message `message_id`) in the place of the part sent as message `part`:
    (its number, truncated), or (None, False) when that part is not in the draft."""
    index = _part_index(draft, part)
    if index is None:
        return None, False
    parts = [list(p) for p in draft.part_messages]
    others = sum(len(p[1]) + 1 for i, p in enumerate(parts) if i != index)
    room = max(MAX_ANSWER_CHARS - others, 0)
    # The new message's id: a run of its update again after a crash finds it and adds nothing,
    # and an edit of it replaces this part.
    parts[index] = [message_id if message_id is not None else part, text[:room]]
    draft.part_messages = parts
    draft.text = "\n".join(p[1] for p in parts if p[1])
    return index + 1, len(text) > room


def suits(prompt: Prompt, *, level: int | None, sector: str | None) -> bool:
    """Whether a prompt is written for this learner: their level (when known) and their sector
    (a prompt without sectors suits every one)."""
    if level is not None and level not in prompt.levels:
        return False
    return not (sector and prompt.sectors and sector not in prompt.sectors)


def next_probe(prompt: Prompt, assessment: Assessment, *, asked: str | None = None) -> Probe | None:
    """The probe for the first missed marking point, in the prompt's order of importance;
    never the same probe twice in a row."""
    for result in assessment.marking_points:
        if result.met or result.id == asked:
            continue
        probe = next((p for p in prompt.probes if p.point == result.id), None)
        if probe is not None:
            # A learner in Scotland is asked about Scotland's law or body.
            if assessment.nation in probe.by_nation:
                return probe.for_nation(assessment.nation)
            # Follow the feedback: "which other law?" only after an answer that named one.
            if result.found == 0 and probe.if_none:
                return Probe(point=probe.point, text=probe.if_none)
            return probe
    return None
