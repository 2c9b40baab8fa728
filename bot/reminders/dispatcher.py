"""The nudge dispatcher: claims due reminders from the database, sends them once, paced.

The database is the source of truth; the scheduler only calls `Dispatcher.drain` now and then.
For each claimed reminder (see storage.reminder_queries for the claim and its lease):

1. decide: nothing to do (no longer due or not ours), too late (more than two hours after its time:
   logged `skipped_late`, moved to the next day), already practised that day (`skipped_done`), or
   send;
2. wait for the pacer (about 25 messages a second in all, one a second per chat);
3. log the nudge as `sending` for (learner, due time): the unique constraint lets one sender own
   it, so after a restart or with two instances nothing is sent twice;
4. send through the `Sender` (Telegram in production, a fake in tests);
5. record the outcome and plan the next nudge, in one transaction.

A 429 pauses all sending for its `retry_after` and the same nudge is tried again; a 403 (the
learner blocked the bot) switches their reminders off; other errors are retried with back-off
within the two-hour window, then given up (`failed`). A `sending` entry older than the lease means
a sender died mid-send: it may or may not have reached Telegram, so it is not sent again
(`unconfirmed`) rather than risk a duplicate.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Protocol, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy.exc import OperationalError
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.clock import Clock, zone
from bot.mastery.progress import streak_days
from bot.mastery.review import Review
from bot.reminders.planning import LATE_AFTER, next_after_send, next_slot
from bot.render.nudge import Nudge, NudgeContent, SetWork, render_nudge
from storage import reminder_queries as rq
from storage.db import SessionFactory
from storage.models import Learner, NudgeLog, NudgeStatus, Reminder, RemindersOff, aware

log = logging.getLogger(__name__)
T = TypeVar("T")


class SendOutcome(StrEnum):
    """What Telegram's answer to one nudge means for it."""

    SENT = "sent"
    BLOCKED = "blocked"  # 403: the learner blocked the bot
    RETRY = "retry"  # known not delivered (`retry_after` for a 429)
    FAILED = "failed"  # will not work if repeated, e.g. a 400
    UNKNOWN = "unknown"  # may have been delivered, e.g. a read timeout: never sent again


@dataclass(frozen=True)
class SendResult:
    outcome: SendOutcome
    message_id: int | None = None
    retry_after: float | None = None
    detail: str = ""


class Sender(Protocol):
    async def send(self, chat_id: int, nudge: Nudge) -> SendResult: ...


@dataclass
class DrainStats:
    claimed: int = 0
    sent: int = 0
    skipped: int = 0
    blocked: int = 0
    failed: int = 0
    deferred: int = 0
    rate_limited: int = 0
    unconfirmed: int = 0
    outcomes: list[SendOutcome] = field(default_factory=list)


class Pacer:
    """Spaces sends evenly: at most `rate` a second overall and one per `per_chat` seconds per
    chat, never in bursts; `pause` holds everything back (a 429's retry_after)."""

    def __init__(
        self, rate: float, per_chat: float = 1.0, *,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.interval = 1.0 / rate
        self.per_chat = per_chat
        self._monotonic, self._sleep = monotonic, sleep
        self._next = 0.0
        self._paused_until = 0.0
        self._chats: dict[int, float] = {}
        self._lock = asyncio.Lock()

    def pause(self, seconds: float) -> None:
        self._paused_until = max(self._paused_until, self._monotonic() + seconds)

    async def acquire(self, chat_id: int) -> None:
        async with self._lock:
            while True:
                now = self._monotonic()
                start = max(self._next, self._paused_until, self._chats.get(chat_id, 0.0))
                if start <= now:
                    break
                await self._sleep(start - now)
            self._next = now + self.interval
            self._chats[chat_id] = now + self.per_chat
            if len(self._chats) > 4096:
                self._chats = {c: t for c, t in self._chats.items() if t > now}


@dataclass
class _Job:
    learner_id: int
    chat_id: int
    slot: datetime
    snoozed: bool
    content: NudgeContent


class Dispatcher:
    def __init__(
        self, *, sessions: SessionFactory, review: Review, clock: Clock, sender: Sender,
        default_timezone: str | None = None, rate: float = 25.0, per_chat: float = 1.0,
        lease: timedelta = timedelta(minutes=5), batch: int = 100, concurrency: int = 8,
        inline_retries: int = 3, retry_delays: tuple[int, ...] = (30, 120, 600, 1800),
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        monotonic: Callable[[], float] = time.monotonic,
        set_work: Callable[[int], Awaitable[Sequence[SetWork]]] | None = None,
    ) -> None:
        self.sessions, self.review, self.clock, self.sender = sessions, review, clock, sender
        # The learner's unanswered set work (bot.cohorts.assignments), which the nudge names.
        self.set_work = set_work
        # The operator's DEFAULT_TIMEZONE, which the review model already carries.
        self.default_timezone = default_timezone or review.default_timezone
        self.lease, self.batch, self.concurrency = lease, batch, concurrency
        self.inline_retries, self.retry_delays = inline_retries, retry_delays
        self.pacer = Pacer(rate, per_chat, monotonic=monotonic, sleep=sleep)
        self._sleep = sleep
        self._running = False
        # SQLite has one writer: this process's transactions take turns instead of colliding.
        self._write_lock = asyncio.Lock()

    @property
    def busy(self) -> bool:
        return self._running

    async def drain(self, keep_going: Callable[[], bool] = lambda: True) -> DrainStats:
        """Send every nudge that is due, batch by batch, until none is left (or `keep_going`
        says stop: what was claimed and not sent is released for the next run)."""
        stats = DrainStats()
        if self._running:
            return stats
        self._running = True
        seen: set[int] = set()
        try:
            while keep_going() and await self._batch(stats, keep_going, seen):
                pass
        finally:
            self._running = False
        return stats

    async def _batch(self, stats: DrainStats, keep_going: Callable[[], bool], seen: set[int]) -> bool:
        """Claim and handle one batch; False when nothing new was due."""
        token = uuid.uuid4().hex
        now = self.clock.now()

        async def claim(s: AsyncSession) -> list[int]:
            return await rq.claim_due(
                s, token=token, now=now, lease_until=now + self.lease, limit=self.batch
            )

        async def release(s: AsyncSession) -> int:
            return await rq.release_claims(s, token=token)

        ids = await self._tx(claim)
        # A row handled in this run and due again at once (a clock far behind) waits for the next.
        fresh = [i for i in ids if i not in seen]
        seen.update(ids)
        stats.claimed += len(fresh)
        limit = asyncio.Semaphore(self.concurrency)

        async def one(learner_id: int) -> None:
            async with limit:
                await self._one(learner_id, token, stats, keep_going)

        try:
            await asyncio.gather(*(one(i) for i in fresh))
        finally:
            await self._tx(release)
        return bool(fresh)

    # -- one reminder ----------------------------------------------------------------------------

    async def _one(
        self, learner_id: int, token: str, stats: DrainStats, keep_going: Callable[[], bool]
    ) -> None:
        if not keep_going():
            return
        try:
            now = self.clock.now()
            job = await self._tx(lambda s: self._decide(s, learner_id, token, now, stats))
            if job is None or not keep_going():
                return
            await self.pacer.acquire(job.chat_id)
            now = self.clock.now()
            log_id = await self._tx(lambda s: self._own(s, job, token, now))
            if log_id is None:
                stats.deferred += 1
                return
            nudge = render_nudge(job.content, log_id, self.review.content.topics)
            result = await self.sender.send(job.chat_id, nudge)
            for _ in range(self.inline_retries):
                if result.outcome != SendOutcome.RETRY or result.retry_after is None:
                    break
                stats.rate_limited += 1
                log.warning("429 for learner %s: pausing all nudges %.1fs", learner_id, result.retry_after)
                self.pacer.pause(result.retry_after)
                await self.pacer.acquire(job.chat_id)
                result = await self.sender.send(job.chat_id, nudge)
            now = self.clock.now()
            await self._tx(lambda s: self._settle_send(s, job, token, log_id, result, now, stats))
        except Exception:
            # The claim's lease runs out and the row is tried again; nothing is marked sent.
            log.exception("Nudge for learner %s failed", learner_id)
            stats.failed += 1

    async def _decide(
        self, s: AsyncSession, learner_id: int, token: str, now: datetime, stats: DrainStats
    ) -> _Job | None:
        row = await rq.lock_reminder(s, learner_id=learner_id)
        if row is None or row.claim_token != token:
            return None
        learner = await s.get(Learner, learner_id)
        assert learner is not None  # the reminder row cascades from it
        tz = zone(learner.timezone, self.default_timezone)
        if row.next_due_at is not None and aware(row.next_due_at) <= now:
            slot, snoozed = aware(row.next_due_at), False
        elif row.snoozed_until is not None and aware(row.snoozed_until) <= now:
            slot, snoozed = aware(row.snoozed_until), True
        else:  # no longer due (a /remind moved it meanwhile)
            self._release(row, token)
            s.add(row)
            return None
        if not row.enabled or learner.telegram_user_id is None:
            row.enabled, row.disabled_reason = False, row.disabled_reason or RemindersOff.NO_CHAT
            self._release(row, token)
            s.add(row)
            return None
        previous = await rq.get_log(s, learner_id=learner_id, due_at=slot)
        if previous is not None and previous.status != NudgeStatus.RETRY:
            await self._resolve_previous(s, row, previous, slot, snoozed, tz, token, now, stats)
            return None
        if now - slot > LATE_AFTER:
            await self._skip(s, row, slot, snoozed, tz, token, now, NudgeStatus.SKIPPED_LATE, previous)
            stats.skipped += 1
            return None
        times = await rq.attempt_times(s, learner_id=learner_id)
        days = {aware(t).astimezone(tz).date() for t in times if aware(t) <= now}
        slot_day = slot.astimezone(tz).date()
        if slot_day in days:
            await self._skip(s, row, slot, snoozed, tz, token, now, NudgeStatus.SKIPPED_DONE, previous)
            stats.skipped += 1
            return None
        unanswered = row.ignored_in_row
        following = next_after_send(row, slot, tz, unanswered + 1).astimezone(tz).date()
        content = NudgeContent(
            name=learner.first_name,
            focus=await self.review.focus(s, learner_id=learner_id, now=now),
            streak=streak_days(days, slot_day),
            unanswered=unanswered,
            next_gap=(following - slot_day).days,
            snoozed=snoozed,
            days_to_exam=(
                (learner.exam_date - slot_day).days
                if learner.exam_date is not None and learner.exam_date >= slot_day else None
            ),
            work=tuple(await self.set_work(learner_id)) if self.set_work is not None else (),
        )
        return _Job(learner_id, learner.telegram_user_id, slot, snoozed, content)

    async def _resolve_previous(
        self, s: AsyncSession, row: Reminder, previous: NudgeLog, slot: datetime, snoozed: bool,
        tz: ZoneInfo, token: str, now: datetime, stats: DrainStats,
    ) -> None:
        """This nudge was handled, or is being handled, by an earlier run."""
        started = aware(previous.sent_at) if previous.sent_at else aware(previous.due_at)
        if previous.status == NudgeStatus.SENDING and now - started < self.lease:
            # Another sender is on it right now: look again after its lease.
            self._release(row, token, not_before=now + self.lease)
            stats.deferred += 1
        elif previous.status == NudgeStatus.SENDING:
            log.warning("Nudge %s for learner %s was in flight when its sender stopped; not resending",
                        previous.id, row.learner_id)
            previous.status = NudgeStatus.UNCONFIRMED
            s.add(previous)
            self._plan(row, slot, snoozed, tz, now, counted=True)
            self._release(row, token)
            stats.unconfirmed += 1
        else:
            self._plan(row, slot, snoozed, tz, now, counted=False)
            self._release(row, token)
        s.add(row)

    async def _skip(
        self, s: AsyncSession, row: Reminder, slot: datetime, snoozed: bool, tz: ZoneInfo,
        token: str, now: datetime, status: NudgeStatus, previous: NudgeLog | None,
    ) -> None:
        if previous is not None:
            previous.status = status
            s.add(previous)
        else:
            await rq.insert_log(s, learner_id=row.learner_id, due_at=slot, status=status)
        self._plan(row, slot, snoozed, tz, now, counted=False)
        self._release(row, token)
        s.add(row)

    async def _own(self, s: AsyncSession, job: _Job, token: str, now: datetime) -> int | None:
        """Take the nudge for sending: a new `sending` log row, or a `retry` one moved back."""
        row = await rq.lock_reminder(s, learner_id=job.learner_id)
        if row is None or row.claim_token != token:
            return None
        previous = await rq.get_log(s, learner_id=job.learner_id, due_at=job.slot)
        if previous is None:
            return await rq.insert_log(
                s, learner_id=job.learner_id, due_at=job.slot, status=NudgeStatus.SENDING, sent_at=now
            )
        if previous.status == NudgeStatus.RETRY and previous.id is not None:
            taken = await rq.take_log(s, log_id=previous.id, was=NudgeStatus.RETRY, now=now)
            return previous.id if taken else None
        return None

    async def _settle_send(
        self, s: AsyncSession, job: _Job, token: str, log_id: int, result: SendResult,
        now: datetime, stats: DrainStats,
    ) -> None:
        entry = await s.get(NudgeLog, log_id)
        row = await rq.lock_reminder(s, learner_id=job.learner_id)
        if entry is None or row is None:
            return  # the learner erased their data meanwhile
        learner = await s.get(Learner, job.learner_id)
        tz = zone(learner.timezone if learner else None, self.default_timezone)
        stats.outcomes.append(result.outcome)
        if result.outcome == SendOutcome.SENT:
            entry.status, entry.sent_at, entry.telegram_message_id = NudgeStatus.SENT, now, result.message_id
            self._plan(row, job.slot, job.snoozed, tz, now, counted=True)
            row.last_sent_at = now
            stats.sent += 1
        elif result.outcome == SendOutcome.BLOCKED:
            log.info("Learner %s blocked the bot: reminders off", job.learner_id)
            entry.status = NudgeStatus.BLOCKED
            row.enabled, row.disabled_reason, row.snoozed_until = False, RemindersOff.BLOCKED, None
            stats.blocked += 1
        elif result.outcome == SendOutcome.UNKNOWN:
            log.warning("Nudge %s may not have arrived (%s); not resending", log_id, result.detail)
            entry.status = NudgeStatus.UNCONFIRMED
            self._plan(row, job.slot, job.snoozed, tz, now, counted=True)
            stats.unconfirmed += 1
        elif result.outcome == SendOutcome.RETRY and row.attempts < len(self.retry_delays):
            delay = result.retry_after or self.retry_delays[row.attempts]
            if now + timedelta(seconds=delay) - job.slot <= LATE_AFTER:
                log.warning("Nudge %s not sent (%s); retrying in %ss", log_id, result.detail, delay)
                row.attempts += 1
                entry.status = NudgeStatus.RETRY
                self._release(row, token, not_before=now + timedelta(seconds=delay))
                s.add_all([entry, row])
                stats.deferred += 1
                return
            self._give_up(entry, row, job, tz, now, result, stats)
        else:
            self._give_up(entry, row, job, tz, now, result, stats)
        self._release(row, token)
        s.add_all([entry, row])

    def _give_up(self, entry: NudgeLog, row: Reminder, job: _Job, tz: ZoneInfo, now: datetime,
                 result: SendResult, stats: DrainStats) -> None:
        log.error("Nudge %s for learner %s failed for good: %s %s",
                  entry.id, job.learner_id, result.outcome, result.detail)
        entry.status = NudgeStatus.FAILED
        self._plan(row, job.slot, job.snoozed, tz, now, counted=False)
        stats.failed += 1

    # -- planning -------------------------------------------------------------------------------

    @staticmethod
    def _plan(row: Reminder, slot: datetime, snoozed: bool, tz: ZoneInfo, now: datetime,
              *, counted: bool) -> None:
        """Move the reminder past `slot`, if it still points at it (a /remind meanwhile wins).
        `counted`: the nudge reached the learner, so it counts as unanswered until they act."""
        row.attempts = 0
        if snoozed:
            if row.snoozed_until is not None and aware(row.snoozed_until) == slot:
                row.snoozed_until = None
            return
        if row.next_due_at is None or aware(row.next_due_at) != slot:
            return
        unanswered = row.ignored_in_row + 1 if counted else row.ignored_in_row
        following = next_after_send(row, slot, tz, unanswered if counted else 0)
        if following <= now:
            following = next_slot(now, row.local_time, tz, row.days)
        row.ignored_in_row, row.next_due_at = unanswered, following
        if row.snoozed_until is not None and aware(row.snoozed_until) <= now:
            row.snoozed_until = None  # today's fresh nudge replaces an older snooze

    @staticmethod
    def _release(row: Reminder, token: str, *, not_before: datetime | None = None) -> None:
        if row.claim_token == token or not_before is not None:
            row.claim_token, row.claimed_until = None, not_before

    # -- transactions ---------------------------------------------------------------------------

    def _sqlite(self) -> bool:
        bind = self.sessions.kw.get("bind")
        return bind is None or bind.dialect.name == "sqlite"

    @contextlib.asynccontextmanager
    async def _turn(self) -> AsyncIterator[None]:
        if self._sqlite():
            async with self._write_lock:
                yield
        else:
            yield

    async def _tx(self, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
        """Run `work` in a transaction; on SQLite, retry when another connection held the lock."""
        for attempt in range(6):
            try:
                async with self._turn(), self.sessions.begin() as session:
                    return await work(session)
            except OperationalError as exc:
                if not self._sqlite() or "locked" not in str(exc) or attempt == 5:
                    raise
                await self._sleep(0.05 * 2**attempt)
        raise AssertionError("unreachable")  # pragma: no cover
