"""The mock discussion over the database, shared by Telegram and the terminal; no Telegram here.

Every step reads and writes the learner's one open `mock_session` row in one transaction: the
question open now, the answer being written, the turns so far, the clock. A restart (or a hard
kill) between two messages therefore loses nothing, and a paused mock resumes where it stopped.
The clock counts only time with the mock open: a pause stops it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from bot.assessment import Assessor
from bot.clock import Clock
from bot.learners.standards import standard_of
from bot.mastery.review import Review, bring_forward
from bot.mock import plan, report
from bot.practice.service import Arm
from content.loader import Content
from content.models import Standard
from storage import mock_queries
from storage.db import SessionFactory
from storage.models import Learner, MockSession, MockStatus, aware

# As in practice: a long answer is kept whole up to this many characters.
MAX_ANSWER_CHARS = 20_000


class MockError(Exception):
    """Something the learner can fix; the message says how."""


class NoMock(MockError):
    pass


class MockInProgress(MockError):
    pass


class NoStandard(MockError):
    """The learner's standard is unknown, or its areas are not in the coach."""


@dataclass(frozen=True)
class MockView:
    """Where a mock stands: the question open now, words in the answer so far, minutes used."""

    session_id: int
    status: MockStatus
    minutes: int
    used_minutes: int
    question: plan.Question
    number: int  # the question's number, 1 first
    words: int
    standard: Standard
    # The message was in the answer already and its status line went out (its update run again
    # after a crash): no second status line.
    repeated: bool = False
    # The message took the place of the answer's last part ("Replace this part" under a voice
    # note's transcript) instead of being added; or that was asked for, but the part had gone
    # (replaced already), so it was added and nothing is lost.
    replaced: bool = False
    replace_missed: bool = False


@dataclass(frozen=True)
class Step:
    """What follows a submitted answer: the next question, or (when over) the report."""

    view: MockView | None
    report: dict[str, Any] | None
    # The area the next question moves to, when it moves to one.
    area_title: str | None = None


def seconds_open(row: MockSession, now: datetime) -> int:
    extra = 0
    if row.status == MockStatus.ACTIVE and row.resumed_at is not None:
        extra = max(0, int((aware(now) - aware(row.resumed_at)).total_seconds()))
    return row.active_seconds + extra


class MockService:
    def __init__(
        self, *, sessions: SessionFactory, content: Content, assessor: Assessor, clock: Clock,
        review: Review,
    ) -> None:
        self.sessions = sessions
        self.content = content
        self.assessor = assessor
        self.clock = clock
        self.review = review

    def standard_for(self, learner: Learner) -> Standard:
        standard = standard_of(learner, self.content)
        if standard is None:
            raise NoStandard(
                "I don't know your apprenticeship standard yet. Choose it in /settings (Standard)."
            )
        if not standard.areas:
            raise NoStandard(
                f"The areas of {standard.code} ({standard.title}) are not in the coach yet: their "
                "wording could not be confirmed from the published standard, so a mock cannot be "
                "mapped to them. You can choose ST0072 in /settings to rehearse against its areas."
            )
        return standard

    def _view(self, row: MockSession, now: datetime) -> MockView:
        assert row.id is not None
        standard = self.content.standards[row.standard_id]
        return MockView(
            session_id=row.id, status=row.status, minutes=row.minutes,
            used_minutes=seconds_open(row, now) // 60, question=plan.Question.from_dict(row.question),
            number=len(row.turns) + 1, words=len(row.answer.split()), standard=standard,
        )

    async def current(self, learner_id: int) -> MockView | None:
        async with self.sessions() as session:
            row = await mock_queries.open_mock(session, learner_id=learner_id)
        return self._view(row, self.clock.now()) if row is not None else None

    async def is_taking_answers(self, learner_id: int) -> bool:
        async with self.sessions() as session:
            row = await mock_queries.open_mock(session, learner_id=learner_id)
        return row is not None and row.status == MockStatus.ACTIVE

    async def start(self, learner_id: int, minutes: int) -> MockView:
        if minutes not in plan.LENGTHS:
            raise MockError("Choose 20, 40 or 60 minutes.")
        now = self.clock.now()
        async with self.sessions.begin() as session:
            learner = await session.get(Learner, learner_id)
            if learner is None:
                raise NoMock("I can't find your details. Send /start to begin again.")
            if await mock_queries.open_mock(session, learner_id=learner_id, for_update=True):
                raise MockInProgress("You have a mock in progress: resume it or end it first.")
            standard = self.standard_for(learner)
            first = plan.next_question(
                self.content, standard, minutes=minutes, turns=[], sector=learner.sector
            )
            assert first is not None  # a standard with areas has openers (content check)
            row = MockSession(
                learner_id=learner_id, standard_id=standard.id, minutes=minutes, status=MockStatus.ACTIVE,
                started_at=now, resumed_at=now, question=first.to_dict(),
            )
            session.add(row)
            learner.mock_running = True
            session.add(learner)
            await session.flush()
            return self._view(row, now)

    async def add_text(
        self, learner_id: int, text: str, *, message_id: int | None = None,
        replacing: int | None = None,
    ) -> MockView:
        """Add a message to the answer; with Telegram's `message_id` (they only grow within a
        chat), a message added before (its update run again after a crash) is not added twice.
        When the learner asked to replace the last part (`replacing`, or arm_replace before),
        the message takes its place instead; if that part has gone it is added, so nothing is lost.

        The open question's JSON keeps the replacement's state, so the next question starts
        without it: "last_part" (characters of the last part, message `last_message_id`) and
        "replacing" (the part the next message replaces)."""
        text = text.strip()
        async with self.sessions.begin() as session:
            row = await mock_queries.open_mock(session, learner_id=learner_id, for_update=True)
            if row is None or row.status != MockStatus.ACTIVE:
                raise NoMock("There is no mock running. Send /mock to start or resume one.")
            room = MAX_ANSWER_CHARS - len(row.answer)
            seen = (
                message_id is not None and row.last_message_id is not None
                and message_id <= row.last_message_id
            )
            # Its status line went out (set_status_message with for_part): run again, it sends none.
            acknowledged = seen and int(row.question.get("status_for") or 0) >= (message_id or 0)
            target = replacing if replacing is not None else row.question.get("replacing")
            replaced = False
            if target is not None and text and not seen:
                last = int(row.question.get("last_part") or 0)
                replaced = last > 0 and target == row.last_message_id
                if replaced:
                    head = row.answer[: len(row.answer) - last]
                    kept = text[: MAX_ANSWER_CHARS - len(head)]
                    row.answer = head + kept
                    row.last_message_id = message_id if message_id is not None else row.last_message_id
                    row.question = {**row.question, "last_part": len(kept), "replacing": None}
                else:
                    row.question = {**row.question, "replacing": None}
                session.add(row)
            if not replaced and text and room > 0 and not seen:
                row.answer = f"{row.answer}\n{text[:room]}" if row.answer else text[:room]
                row.parts += 1
                if message_id is not None:
                    row.last_message_id = message_id
                row.question = {**row.question, "last_part": len(text[:room]) if message_id else 0}
                session.add(row)
            view = self._view(row, self.clock.now())
            return replace(
                view, repeated=seen and acknowledged, replaced=replaced,
                replace_missed=target is not None and not replaced and bool(text) and not seen,
            )

    async def replace_last(self, learner_id: int, old: str, new: str) -> MockView | None:
        """The terminal's /replace in a mock: swap the end of the open answer, `old` (the last
        recording heard), for `new`. None when no mock is taking answers or the answer no longer
        ends with `old` (typed on since, or the next question is open), so the caller adds the
        words as a new part instead and nothing is lost. As PracticeService.replace_last."""
        new = new.strip()
        async with self.sessions.begin() as session:
            row = await mock_queries.open_mock(session, learner_id=learner_id, for_update=True)
            if row is None or row.status != MockStatus.ACTIVE or not old or not new:
                return None
            if not row.answer.endswith(old):
                return None
            head = row.answer[: len(row.answer) - len(old)]
            kept = new[: MAX_ANSWER_CHARS - len(head)]
            row.answer = head + kept
            if int(row.question.get("last_part") or 0) == len(old):
                row.question = {**row.question, "last_part": len(kept)}  # Telegram's button stays right
            session.add(row)
            return replace(self._view(row, self.clock.now()), replaced=True)

    async def arm_replace(self, learner_id: int, part: int) -> tuple[Arm, str]:
        """"Replace this part" in a mock: the next message replaces the answer's last part, sent
        as message `part`. What happened and the part's text, as PracticeService.arm_replace."""
        async with self.sessions.begin() as session:
            row = await mock_queries.open_mock(session, learner_id=learner_id, for_update=True)
            last = 0 if row is None else int(row.question.get("last_part") or 0)
            if row is None or row.status != MockStatus.ACTIVE or not last or row.last_message_id != part:
                return Arm.GONE, ""
            text = row.answer[len(row.answer) - last:]
            if row.question.get("replacing") == part:
                return Arm.ALREADY, text
            row.question = {**row.question, "replacing": part}
            session.add(row)
        return Arm.ARMED, text

    async def keep_part(self, learner_id: int, part: int) -> MockView | None:
        """Changed their mind: the next message is added as usual. None when no mock is taking
        answers."""
        async with self.sessions.begin() as session:
            row = await mock_queries.open_mock(session, learner_id=learner_id, for_update=True)
            if row is None or row.status != MockStatus.ACTIVE:
                return None
            if row.question.get("replacing") == part:
                row.question = {**row.question, "replacing": None}
                session.add(row)
            return self._view(row, self.clock.now())

    def _assess(self, row: MockSession, learner: Learner) -> dict[str, Any]:
        """Assess the answer to the open question as a turn (a probe's reply merged with the
        answer it follows up, as an assessor hears both)."""
        question = plan.Question.from_dict(row.question)
        prompt = self.content.mock_prompt(question.prompt_id)
        if prompt is None:
            raise MockError("That question no longer exists. End the mock with /mock and start again.")
        text = row.answer.strip()
        assessed = text
        if question.kind == plan.PROBE and question.parent_turn is not None:
            parent = next((t for t in row.turns if t["n"] == question.parent_turn), None)
            if parent is not None:
                assessed = f"{parent['assessed']}\n\n{text}"
        result = self.assessor.assess(assessed, prompt=prompt, sector=learner.sector).to_dict()
        standard = self.content.standards[row.standard_id]
        return {
            "n": len(row.turns) + 1, "kind": question.kind, "prompt": prompt.id,
            "question": question.text, "area": question.area,
            "parent_turn": question.parent_turn, "probe_point": question.probe_point,
            "answer": text, "assessed": assessed,
            "result": {k: result[k] for k in ("marking_points", "entities", "grade", "score", "hints")},
            "evidenced": plan.evidenced(standard, prompt, result, assessed),
            "at": self.clock.now().isoformat(),
        }

    async def submit(self, learner_id: int) -> Step:
        """Take the answer to the open question and ask the next one, or finish with the report."""
        now = self.clock.now()
        async with self.sessions.begin() as session:
            row = await mock_queries.open_mock(session, learner_id=learner_id, for_update=True)
            if row is None or row.status != MockStatus.ACTIVE:
                raise NoMock("There is no mock running. Send /mock to start or resume one.")
            if not row.answer.strip():
                raise MockError("Your answer is empty so far: type it, then send /done.")
            learner = await session.get(Learner, learner_id)
            assert learner is not None
            row.turns = [*row.turns, self._assess(row, learner)]
            row.answer, row.parts = "", 0
            standard = self.content.standards[row.standard_id]
            upcoming = None
            if seconds_open(row, now) < row.minutes * 60:
                upcoming = plan.next_question(
                    self.content, standard, minutes=row.minutes, turns=row.turns, sector=learner.sector
                )
            if upcoming is None:
                return Step(None, await self._finish(session, row, learner, now))
            row.question = upcoming.to_dict()
            session.add(row)
            area = standard.area(upcoming.area) if upcoming.area else None
            return Step(self._view(row, now), None, area.title if area else None)

    async def pause_if_running(self, learner_id: int) -> bool:
        """Pause a running mock (a practice question is starting); True if one was paused."""
        async with self.sessions() as session:
            learner = await session.get(Learner, learner_id)
        if learner is None or not learner.mock_running:
            return False
        try:
            await self.pause(learner_id)
        except NoMock:
            return False
        return True

    async def pause(self, learner_id: int) -> MockView:
        now = self.clock.now()
        async with self.sessions.begin() as session:
            row = await mock_queries.open_mock(session, learner_id=learner_id, for_update=True)
            if row is None:
                raise NoMock("There is no mock to pause.")
            if row.status == MockStatus.ACTIVE:
                row.active_seconds = seconds_open(row, now)
                row.status, row.resumed_at = MockStatus.PAUSED, None
                session.add(row)
            await self._running(session, learner_id, False)
            return self._view(row, now)

    async def resume(self, learner_id: int) -> MockView:
        now = self.clock.now()
        async with self.sessions.begin() as session:
            row = await mock_queries.open_mock(session, learner_id=learner_id, for_update=True)
            if row is None:
                raise NoMock("There is no mock to resume. Send /mock to start one.")
            if row.status == MockStatus.PAUSED:
                row.status, row.resumed_at = MockStatus.ACTIVE, now
                session.add(row)
            await self._running(session, learner_id, True)
            return self._view(row, now)

    async def end(self, learner_id: int) -> dict[str, Any]:
        """End now: an answer being written counts as the last turn; then the report."""
        now = self.clock.now()
        async with self.sessions.begin() as session:
            row = await mock_queries.open_mock(session, learner_id=learner_id, for_update=True)
            if row is None:
                raise NoMock("There is no mock to end.")
            learner = await session.get(Learner, learner_id)
            assert learner is not None
            if row.answer.strip():
                row.turns = [*row.turns, self._assess(row, learner)]
                row.answer, row.parts = "", 0
            return await self._finish(session, row, learner, now)

    async def _finish(
        self, session: Any, row: MockSession, learner: Learner, now: datetime
    ) -> dict[str, Any]:
        row.active_seconds = seconds_open(row, now)
        standard = self.content.standards[row.standard_id]
        built = report.build(
            self.content, standard, row.turns, minutes=row.minutes, active_seconds=row.active_seconds
        )
        built["finished_at"] = now.isoformat()
        row.report = built
        row.status, row.resumed_at, row.finished_at = MockStatus.FINISHED, None, now
        row.question = {}
        session.add(row)
        learner.mock_running = False
        session.add(learner)
        # The three things to practise next come up first in review (and "My weakest area").
        for item in built["practise"]:
            if item.get("skill"):
                await bring_forward(
                    session, learner=learner, topic_id=item["topic"], skill=item["skill"], now=now,
                    default_timezone=self.review.default_timezone,
                )
        return built

    @staticmethod
    async def _running(session: Any, learner_id: int, running: bool) -> None:
        learner = await session.get(Learner, learner_id)
        if learner is not None and learner.mock_running != running:
            learner.mock_running = running
            session.add(learner)

    async def reports(self, learner_id: int, limit: int = 5) -> list[dict[str, Any]]:
        """The learner's finished mock reports, newest first."""
        async with self.sessions() as session:
            rows = await mock_queries.finished_mocks(session, learner_ids=[learner_id], limit_each=limit)
        return [r.report for r in rows if r.report]

    async def set_status_message(
        self, learner_id: int, message_id: int | None, *, for_part: int | None = None
    ) -> int | None:
        """Remember the status line shown for the answer being written; returns the previous one.
        `for_part` (the learner's message it answers) is kept, so that message run again after a
        crash sends no second status line, while one whose status line never went out gets it."""
        async with self.sessions.begin() as session:
            row = await mock_queries.open_mock(session, learner_id=learner_id, for_update=True)
            if row is None:
                return None
            previous = row.question.get("status_id")
            acknowledged = {"status_for": for_part} if for_part is not None else {}
            row.question = {**row.question, "status_id": message_id, **acknowledged}
            session.add(row)
        return int(previous) if previous is not None else None
