"""Daily reminders: when the next nudge is due, in the learner's own time zone, and what it says.

A reminder is a local wall-clock time ("HH:MM") and the weekdays it applies on; the row keeps the
next due instant in UTC (`Reminder.next_due_at`), which bot.reminders.dispatcher claims and sends. Local
times follow RFC 5545 across daylight-saving changes: a time that occurs twice (the autumn hour)
means its first occurrence, and a time that does not exist (the spring gap) is read with the
offset before the gap, so 01:30 on the spring-forward day in London comes at 02:30 BST.

Back-off: a nudge nobody answers (no practice, no button) counts as ignored; after three in a row
the gap grows to 2 days, then 4, then 7, and the nudge says so. Practising, or any button on a
nudge, brings it back to daily. docs/review.md has the whole picture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.clock import Clock, zone
from storage.db import SessionFactory
from storage.models import Attempt, Learner, NudgeLog, NudgeStatus, Reminder, RemindersOff, aware

# A nudge the bot could not send at its time (it was down) still goes within this window.
LATE_AFTER = timedelta(hours=2)
SNOOZE = timedelta(hours=1)
# Snooze and "Not today" answer today's nudge, not one from days ago.
ANSWERABLE_FOR = timedelta(hours=12)
EVERY_DAY = "0123456"
WEEKDAYS = "01234"
WEEKENDS = "56"
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# Consecutive ignored nudges (counting the one just sent) -> days until the next one.
BACKOFF_AFTER = 3


def backoff_days(unanswered: int) -> int:
    """1 day until three nudges in a row go unanswered, then 2, 4 and 7 days."""
    if unanswered < BACKOFF_AFTER:
        return 1
    return {BACKOFF_AFTER: 2, BACKOFF_AFTER + 1: 4}.get(unanswered, 7)


class ReminderInputError(ValueError):
    """What was typed after /remind cannot be used; `code` picks the kind reply."""

    def __init__(self, code: str, given: str = "") -> None:
        super().__init__(code)
        self.code = code  # empty, range, format or days
        self.given = given


@dataclass(frozen=True)
class RemindRequest:
    action: str  # set, off, on or show
    local_time: str | None = None
    days: str | None = None


# 18:30, 18.30, 18h30, 6:30pm, 7pm, 7 a.m., 19, 1830 (the words are joined before matching).
_AM_PM = r"(?:([ap])\.?m?\.?)?$"
_TIME = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?" + _AM_PM)
_COMPACT = re.compile(r"^(\d{1,2})(\d{2})" + _AM_PM)
_DAY_WORDS = {
    "daily": EVERY_DAY, "everyday": EVERY_DAY, "every": EVERY_DAY, "all": EVERY_DAY,
    "weekdays": WEEKDAYS, "weekday": WEEKDAYS, "weekends": WEEKENDS, "weekend": WEEKENDS,
}


def parse_time(text: str) -> str:
    """`18:30`, `6:30pm`, `7pm`, `18.30`, `1830` -> "18:30"; raises ReminderInputError."""
    raw = text.strip().lower().replace(" ", "")
    match = _TIME.match(raw) or _COMPACT.match(raw)
    if match is None:
        raise ReminderInputError("format", text.strip())
    hour_s, minute_s, half = match.groups()
    hour, minute = int(hour_s), int(minute_s or 0)
    if half is not None:
        if not 1 <= hour <= 12 or minute > 59:
            raise ReminderInputError("range", text.strip())
        hour = hour % 12 + (12 if half == "p" else 0)
    if hour > 23 or minute > 59:
        raise ReminderInputError("range", text.strip())
    return f"{hour:02d}:{minute:02d}"


def parse_days(words: list[str]) -> str:
    """"weekdays", "weekends", "daily" or day names ("mon wed fri") -> a weekday string."""
    found: set[str] = set()
    for word in (w.strip(",").lower() for w in words):
        if word in ("", "day", "on", "at", "and"):
            continue
        if word in _DAY_WORDS:
            found |= set(_DAY_WORDS[word])
            continue
        for name in word.split(","):
            index = next((i for i, d in enumerate(DAY_NAMES) if name[:3] == d.lower()), None)
            if index is None or len(name) < 3:
                raise ReminderInputError("days", word)
            found.add(str(index))
    return "".join(sorted(found)) or EVERY_DAY


def parse_remind(text: str) -> RemindRequest:
    """The words after /remind: nothing, off/on, or a time and optional days."""
    words = text.split()
    if not words:
        return RemindRequest("show")
    first = words[0].lower()
    if first in ("off", "stop", "none", "no", "cancel"):
        return RemindRequest("off")
    if first in ("on", "yes", "start"):
        return RemindRequest("on")
    # "6:30 pm" arrives as two words.
    if len(words) > 1 and words[1].lower().rstrip(".") in ("am", "pm", "a.m", "p.m"):
        words = [words[0] + words[1], *words[2:]]
    return RemindRequest("set", parse_time(words[0]), parse_days(words[1:]) if words[1:] else None)


# -- when -----------------------------------------------------------------------------------


def local_slot(day: date, local_time: str, tz: ZoneInfo) -> datetime:
    """The UTC instant of `local_time` on local `day` (RFC 5545: fold=0 gives the first of a
    repeated time, and reads a skipped time with the offset before the gap)."""
    hour, minute = (int(x) for x in local_time.split(":"))
    return datetime.combine(day, time(hour, minute), tzinfo=tz).astimezone(UTC)


def next_slot(
    after: datetime, local_time: str, tz: ZoneInfo, days: str = EVERY_DAY,
    *, not_before: date | None = None,
) -> datetime:
    """The first slot strictly after `after` on an allowed weekday, on or after `not_before`."""
    after = aware(after)
    day = after.astimezone(tz).date() - timedelta(days=1)  # a gap can move a slot across midnight
    if not_before is not None:
        day = max(day, not_before)
    allowed = {int(d) for d in days} or set(range(7))
    for _ in range(16):
        if day.weekday() in allowed:
            slot = local_slot(day, local_time, tz)
            if slot > after:
                return slot
        day += timedelta(days=1)
    raise AssertionError("no slot within two weeks")  # pragma: no cover - allowed is never empty


def next_after_send(row: Reminder, slot: datetime, tz: ZoneInfo, unanswered: int) -> datetime:
    """The next regular slot after the one at `slot`, backing off when nudges go unanswered."""
    gap = backoff_days(unanswered)
    first_day = aware(slot).astimezone(tz).date() + timedelta(days=gap)
    return next_slot(slot, row.local_time, tz, row.days, not_before=first_day)


def describe_days(days: str) -> str:
    if days == EVERY_DAY:
        return "every day"
    if days == WEEKDAYS:
        return "on weekdays"
    if days == WEEKENDS:
        return "at weekends"
    return "on " + ", ".join(DAY_NAMES[int(d)] for d in days)


def describe_when(moment: datetime, now: datetime, tz: ZoneInfo) -> str:
    """"today at 18:30", "tomorrow at 18:30" or "on Tue 3 Nov at 18:30", in local time."""
    local, today = aware(moment).astimezone(tz), aware(now).astimezone(tz).date()
    clock = local.strftime("%H:%M")
    if local.date() == today:
        return f"today at {clock}"
    if local.date() == today + timedelta(days=1):
        return f"tomorrow at {clock}"
    return f"on {local.strftime('%a')} {local.day} {local.strftime('%b')} at {clock}"


# -- the service the handlers use ---------------------------------------------------------------


@dataclass(frozen=True)
class ReminderStatus:
    enabled: bool
    local_time: str | None
    days: str
    timezone: str
    next_due: datetime | None  # the next nudge that will really be sent
    disabled_reason: RemindersOff | None = None
    # Today's slot is still ahead but the learner has practised today, so it will be skipped
    # (a day with practice gets no nudge): next_due is then the following slot.
    skipped_today: bool = False


class StaleNudge(Exception):
    """A Snooze or "Not today" pressed on a nudge that is no longer today's."""


async def reset_backoff(session: AsyncSession, *, learner: Learner, now: datetime, default_tz: str) -> None:
    """The learner answered (practised, or pressed a nudge button): nudges count from zero, and
    one postponed by the back-off comes back to the next daily slot."""
    assert learner.id is not None
    row = await session.get(Reminder, learner.id)
    if row is None:
        return
    if row.ignored_in_row >= BACKOFF_AFTER and row.enabled and row.next_due_at is not None:
        daily = next_slot(now, row.local_time, zone(learner.timezone, default_tz), row.days)
        row.next_due_at = min(aware(row.next_due_at), daily)
    row.ignored_in_row = 0
    session.add(row)


class Reminders:
    def __init__(self, *, sessions: SessionFactory, clock: Clock, default_timezone: str) -> None:
        self.sessions = sessions
        self.clock = clock
        self.default_timezone = default_timezone

    def zone(self, learner: Learner) -> ZoneInfo:
        return zone(learner.timezone, self.default_timezone)

    def zone_named(self, name: str | None) -> ZoneInfo:
        return zone(name, self.default_timezone)

    async def _learner(self, session: AsyncSession, learner_id: int) -> Learner:
        learner = await session.get(Learner, learner_id)
        if learner is None:
            raise LookupError(learner_id)
        return learner

    async def status(self, learner_id: int) -> ReminderStatus:
        async with self.sessions() as session:
            learner = await self._learner(session, learner_id)
            row = await session.get(Reminder, learner_id)
            practised = await self._practised_today(session, learner)
        return self._status(learner, row, practised)

    async def _practised_today(self, session: AsyncSession, learner: Learner) -> bool:
        last = (await session.exec(
            select(func.max(Attempt.created_at)).where(Attempt.learner_id == learner.id)
        )).first()
        if last is None:
            return False
        tz, now = self.zone(learner), self.clock.now()
        return aware(last).astimezone(tz).date() == now.astimezone(tz).date()

    def _status(
        self, learner: Learner, row: Reminder | None, practised_today: bool = False
    ) -> ReminderStatus:
        tz = self.zone(learner)
        if row is None:
            return ReminderStatus(False, None, EVERY_DAY, tz.key, None)
        due = aware(row.next_due_at) if row.next_due_at and row.enabled else None
        skipped = False
        today = self.clock.now().astimezone(tz).date()
        if due is not None and practised_today and due.astimezone(tz).date() == today:
            # The dispatcher skips a day with practice (bot.reminders.dispatcher): say so, and
            # name the nudge that will really come.
            end_of_today = datetime.combine(today + timedelta(days=1), time(0, 0), tzinfo=tz)
            due = next_slot(end_of_today - timedelta(microseconds=1), row.local_time, tz, row.days)
            skipped = True
        return ReminderStatus(
            row.enabled, row.local_time, row.days, tz.key, due, row.disabled_reason, skipped
        )

    async def _change(self, learner_id: int, *, local_time: str | None = None, days: str | None = None,
                      enabled: bool | None = None) -> ReminderStatus:
        now = self.clock.now()
        async with self.sessions.begin() as session:
            learner = await self._learner(session, learner_id)
            row = await session.get(Reminder, learner_id)
            if row is None:
                if local_time is None:
                    return self._status(learner, None)
                row = Reminder(learner_id=learner_id, local_time=local_time)
            row.local_time = local_time or row.local_time
            row.days = days or row.days
            row.enabled = row.enabled if enabled is None else enabled
            if local_time is not None and enabled is None:
                row.enabled = True
            if row.enabled:
                row.disabled_reason = None
                row.next_due_at = next_slot(now, row.local_time, self.zone(learner), row.days)
                row.ignored_in_row = 0
                row.attempts = 0
            else:
                row.snoozed_until = None
                row.disabled_reason = row.disabled_reason or RemindersOff.LEARNER
            session.add(row)
            await session.flush()
            return self._status(learner, row, await self._practised_today(session, learner))

    async def set(self, learner_id: int, local_time: str, days: str | None = None) -> ReminderStatus:
        """Remind daily at `local_time` (on `days`, or the days chosen before)."""
        return await self._change(learner_id, local_time=local_time, days=days)

    async def off(self, learner_id: int) -> ReminderStatus:
        return await self._change(learner_id, enabled=False)

    async def on(self, learner_id: int) -> ReminderStatus:
        """Switch back on at the time set before (no row: stays off, the status says so)."""
        return await self._change(learner_id, enabled=True)

    async def set_days(self, learner_id: int, days: str) -> ReminderStatus:
        return await self._change(learner_id, days=days or EVERY_DAY)

    async def toggle_day(self, learner_id: int, day: int) -> ReminderStatus:
        current = (await self.status(learner_id)).days
        chosen = set(current) ^ {str(day)}
        # At least one day: un-ticking the last one leaves it ticked.
        return await self.set_days(learner_id, "".join(sorted(chosen)) or current)

    async def replan(self, learner_id: int) -> None:
        """The time zone changed: the next nudge is at the same wall-clock time in the new one."""
        async with self.sessions() as session:
            row = await session.get(Reminder, learner_id)
        if row is not None and row.enabled:
            await self._change(learner_id)

    async def _answerable(self, session: AsyncSession, learner_id: int, log_id: int) -> NudgeLog:
        log = await session.get(NudgeLog, log_id)
        latest = await session.exec(
            select(NudgeLog.id).where(NudgeLog.learner_id == learner_id, NudgeLog.status == NudgeStatus.SENT)
            .order_by(col(NudgeLog.sent_at).desc(), col(NudgeLog.id).desc()).limit(1)
        )
        fresh = log is not None and log.sent_at is not None and (
            self.clock.now() - aware(log.sent_at) < ANSWERABLE_FOR
        )
        if log is None or log.learner_id != learner_id or latest.first() != log_id or not fresh:
            raise StaleNudge(log_id)
        return log

    async def answered(self, learner_id: int) -> None:
        """Any button on a nudge: it was not ignored."""
        async with self.sessions.begin() as session:
            learner = await self._learner(session, learner_id)
            await reset_backoff(
                session, learner=learner, now=self.clock.now(), default_tz=self.default_timezone
            )

    async def snooze(self, learner_id: int, log_id: int) -> datetime:
        """Send today's nudge again in an hour; returns when (UTC)."""
        now = self.clock.now()
        async with self.sessions.begin() as session:
            learner = await self._learner(session, learner_id)
            await self._answerable(session, learner_id, log_id)
            row = await session.get(Reminder, learner_id)
            if row is None or not row.enabled:
                raise StaleNudge(log_id)
            row.snoozed_until = (aware(now) + SNOOZE).replace(microsecond=0)
            session.add(row)
            await reset_backoff(session, learner=learner, now=now, default_tz=self.default_timezone)
            return row.snoozed_until

    async def not_today(self, learner_id: int, log_id: int) -> ReminderStatus:
        """No more nudges today (a snooze is dropped); the next is the next regular one."""
        now = self.clock.now()
        async with self.sessions.begin() as session:
            learner = await self._learner(session, learner_id)
            await self._answerable(session, learner_id, log_id)
            row = await session.get(Reminder, learner_id)
            if row is None:
                raise StaleNudge(log_id)
            row.snoozed_until = None
            tz = self.zone(learner)
            if row.enabled and row.next_due_at is not None:
                tomorrow = aware(now).astimezone(tz).date() + timedelta(days=1)
                if aware(row.next_due_at).astimezone(tz).date() < tomorrow:
                    row.next_due_at = next_slot(now, row.local_time, tz, row.days, not_before=tomorrow)
            session.add(row)
            await reset_backoff(session, learner=learner, now=now, default_tz=self.default_timezone)
            await session.flush()
            return self._status(learner, row)
