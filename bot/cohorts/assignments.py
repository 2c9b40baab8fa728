"""Set work: an assessor sets a topic, or a question again, for one learner or everyone in
their cohorts, with an optional due date. It comes first in the learner's /practice until they
answer it; /cohort shows who has done it.

`/setwork <who> <what> [by <date>]`: who is a learner (name or #number) or `all`; what is a
topic number (as /setwork lists them) or an answer reference `A123` (that question again); the
date is `2026-12-10` or `10 Dec`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import col, select

from bot.clock import Clock, zone
from bot.cohorts.comments import parse_ref
from bot.cohorts.insights import find_member
from bot.cohorts.service import CohortError, NotFound, Scope
from content.loader import Content
from storage.db import SessionFactory
from storage.models import Assignment, Attempt, Learner, WorkKind, aware

TOPIC, QUESTION = WorkKind.TOPIC, WorkKind.QUESTION
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@dataclass(frozen=True)
class Work:
    """One piece of set work, as the learner or the assessor reads it."""

    id: int
    kind: WorkKind
    target: str
    label: str
    due_on: date | None
    set_at: datetime
    set_by: str


@dataclass(frozen=True)
class WorkStatus:
    work: Work
    done: tuple[str, ...]  # learners' names
    not_yet: tuple[str, ...]


def parse_due(words: Sequence[str], today: date) -> date | None:
    """`by 2026-12-10`, `by 10 Dec` (the next such day) or nothing."""
    if not words:
        return None
    text = " ".join(words).lower().removeprefix("by ").strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            due = date.fromisoformat(text)
        elif m := re.fullmatch(r"(\d{1,2}) ([a-z]{3})[a-z]*", text):
            month = MONTHS.index(m.group(2)) + 1
            due = date(today.year, month, int(m.group(1)))
            if due < today:
                due = date(today.year + 1, month, int(m.group(1)))
        else:
            raise ValueError(text)
    except ValueError as exc:
        raise CohortError("I couldn't read that date: write it as 2026-12-10 or 10 Dec.") from exc
    if due < today:
        raise CohortError("That date has passed: choose today or a later day.")
    return due


class AssignmentService:
    def __init__(self, *, sessions: SessionFactory, clock: Clock, content: Content, default_timezone: str):
        self.sessions = sessions
        self.clock = clock
        self.content = content
        self.default_timezone = default_timezone

    def topics(self) -> list[tuple[int, str]]:
        return [(n, t.title) for n, t in enumerate(self.content.topics.values(), start=1)]

    def label(self, kind: WorkKind, target: str) -> str:
        if kind == TOPIC:
            topic = self.content.topics.get(target)
            return f"a question on {topic.title if topic else target}"
        prompt = self.content.prompts.get(target)
        text = " ".join(prompt.text.split()) if prompt else target
        return f"“{text if len(text) <= 90 else text[:89].rsplit(' ', 1)[0] + '…'}”"

    async def assign(self, scope: Scope, words: Sequence[str]) -> tuple[list[tuple[Learner, int]], Work]:
        """Set work from the words after /setwork: each learner it went to with their assignment
        id, and what it is."""
        if len(words) < 2:
            raise CohortError("usage")
        who, what, rest = words[0], words[1], words[2:]
        if who.lower() == "all":
            learners = list({lr.id: lr for _, lr in scope.members if lr.id is not None}.values())
            if not learners:
                raise NotFound("Nobody has joined your cohorts yet.")
        else:
            learners = [find_member(scope, who)]
        tz = zone(scope.assessor.timezone, self.default_timezone)
        due = parse_due(rest, self.clock.now().astimezone(tz).date())
        topics = list(self.content.topics)
        if what.isdigit():
            if not 1 <= int(what) <= len(topics):
                raise CohortError(f"Choose a topic from 1 to {len(topics)} (/setwork lists them).")
            kind, target = TOPIC, topics[int(what) - 1]
        else:
            attempt_id = parse_ref(what)
            async with self.sessions() as session:
                attempt = await session.get(Attempt, attempt_id)
            members = {lr.id for _, lr in scope.members}
            if attempt is None or attempt.learner_id not in members:
                raise NotFound("No answer with that reference among your learners' answers.")
            kind, target = QUESTION, attempt.prompt_id
        assert scope.assessor.id is not None
        now = self.clock.now()
        async with self.sessions.begin() as session:
            rows = [
                Assignment(learner_id=lr.id, assessor_id=scope.assessor.id, kind=kind, target=target,
                           due_on=due, created_at=now)
                for lr in learners if lr.id is not None
            ]
            session.add_all(rows)
            await session.flush()
            ids = [r.id for r in rows]
        sent = [(lr, i) for lr, i in zip(learners, ids, strict=True) if i is not None]
        return sent, Work(sent[0][1], kind, target, self.label(kind, target), due, now,
                          scope.assessor.first_name)

    async def _done(self, rows: Sequence[Assignment]) -> set[int]:
        """Ids of the assignments answered since they were set."""
        if not rows:
            return set()
        async with self.sessions() as session:
            attempts = (await session.exec(
                select(Attempt).where(col(Attempt.learner_id).in_({r.learner_id for r in rows}))
            )).all()
        done = set()
        for row in rows:
            for a in attempts:
                if a.learner_id != row.learner_id or aware(a.created_at) < aware(row.created_at):
                    continue
                if (row.kind == TOPIC and a.topic_id == row.target) or (
                    row.kind == QUESTION and a.prompt_id == row.target
                ):
                    assert row.id is not None
                    done.add(row.id)
                    break
        return done

    async def open_for(self, learner_id: int) -> list[Work]:
        """The learner's set work not yet answered, soonest due first."""
        async with self.sessions() as session:
            rows = (await session.exec(
                select(Assignment).where(Assignment.learner_id == learner_id)
                .order_by(col(Assignment.created_at))
            )).all()
            names = {
                lr.id: lr.first_name for lr in (await session.exec(
                    select(Learner).where(col(Learner.id).in_({r.assessor_id for r in rows}))
                )).all()
            } if rows else {}
        done = await self._done(rows)
        open_rows = [r for r in rows if r.id not in done]
        open_rows.sort(key=lambda r: (r.due_on or date.max, aware(r.created_at)))
        return [self._work(r, names.get(r.assessor_id, "")) for r in open_rows if r.id is not None]

    def _work(self, row: Assignment, set_by: str) -> Work:
        assert row.id is not None
        return Work(row.id, row.kind, row.target, self.label(row.kind, row.target), row.due_on,
                    aware(row.created_at), set_by)

    async def get(self, learner_id: int, assignment_id: int) -> Work:
        """One of the learner's own assignments (NotFound for anyone else's)."""
        async with self.sessions() as session:
            row = await session.get(Assignment, assignment_id)
        if row is None or row.learner_id != learner_id:
            raise NotFound("That work is no longer set.")
        return self._work(row, "")

    async def status(self, scope: Scope) -> list[WorkStatus]:
        """Each piece of work this assessor set, newest first, with who has done it."""
        assert scope.assessor.id is not None
        async with self.sessions() as session:
            rows = (await session.exec(
                select(Assignment).where(Assignment.assessor_id == scope.assessor.id)
                .order_by(col(Assignment.created_at).desc(), col(Assignment.id))
            )).all()
        names = {lr.id: lr.first_name for _, lr in scope.members}
        done = await self._done(rows)
        groups: dict[tuple[str, str, date | None, datetime], list[Assignment]] = {}
        for row in rows:
            if row.learner_id in names:  # a learner who left the cohorts is not shown
                groups.setdefault((row.kind, row.target, row.due_on, aware(row.created_at)), []).append(row)
        return [
            WorkStatus(
                self._work(group[0], scope.assessor.first_name),
                tuple(names[r.learner_id] for r in group if r.id in done),
                tuple(names[r.learner_id] for r in group if r.id not in done),
            )
            for group in groups.values()
        ]

    async def overdue(self, scope: Scope) -> dict[int, list[str]]:
        """Each learner of the scope with set work past its due date (in the assessor's time
        zone) and not yet answered: learner id to the work's labels, for the digest."""
        assert scope.assessor.id is not None
        today = self.clock.now().astimezone(zone(scope.assessor.timezone, self.default_timezone)).date()
        members = {lr.id for _, lr in scope.members}
        async with self.sessions() as session:
            rows = (await session.exec(
                select(Assignment).where(Assignment.assessor_id == scope.assessor.id)
                .where(col(Assignment.due_on).is_not(None)).where(col(Assignment.due_on) < today)
                .order_by(col(Assignment.due_on), col(Assignment.id))
            )).all()
        rows = [r for r in rows if r.learner_id in members]
        done = await self._done(rows)
        late: dict[int, list[str]] = {}
        for row in rows:
            if row.id not in done:
                late.setdefault(row.learner_id, []).append(self.label(row.kind, row.target))
        return late
