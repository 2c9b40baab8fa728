"""The dispatcher with a clock the tests move and a fake sender: once-only sending across
restarts and crashes, daylight-saving days, back-off, snooze, late starts, 403, 429 and errors."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.app.services import Services
from bot.app.settings import Settings
from bot.reminders.dispatcher import Dispatcher, Pacer, SendResult
from bot.render.nudge import Nudge, NudgeAction
from content.loader import Content
from storage import reminder_queries as rq
from storage.models import NudgeLog, Reminder, aware
from tests.helpers import FixedClock, logs_for

LONDON = ZoneInfo("Europe/London")
ANSWER = (
    "A customer's parcel never arrived. My task was to sort it out. I followed our refund and "
    "returns policy and the Consumer Rights Act 2015 because the goods were never delivered, "
    "and refunded her the same day. As a result she gave us 5 out of 5."
)


@dataclass
class FakeSender:
    """Records every nudge; answers with `script` (outcomes in order) then "sent"."""

    script: list[SendResult] = field(default_factory=list)
    sent: list[tuple[int, Nudge]] = field(default_factory=list)
    calls: int = 0

    async def send(self, chat_id: int, nudge: Nudge) -> SendResult:
        self.calls += 1
        result = self.script.pop(0) if self.script else SendResult("sent", message_id=self.calls)
        if result.outcome == "sent":
            self.sent.append((chat_id, nudge))
        return result

    def texts(self, chat_id: int | None = None) -> list[str]:
        return [n.text for c, n in self.sent if chat_id is None or c == chat_id]


class FakeTime:
    """A monotonic clock and a sleep that only moves it (the pacer never really waits)."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)


@pytest.fixture
async def services(migrated_db_url: str, content: Content, clock: FixedClock) -> AsyncIterator[Services]:
    """Every test here runs on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set."""
    settings = Settings(_env_file=None, database_url=migrated_db_url)  # type: ignore[call-arg]
    svc = await Services.create(settings, clock=clock, content=content, upgrade=False)
    yield svc
    await svc.close()


def dispatcher(services: Services, sender: FakeSender, time: FakeTime | None = None, **kw) -> Dispatcher:
    time = time or FakeTime()
    return Dispatcher(
        sessions=services.sessions, review=services.practice.review, clock=services.clock,
        sender=sender, sleep=time.sleep, monotonic=time.monotonic, **kw,
    )


async def learner(services: Services, user_id: int, at: str = "09:00", tz: str = "Europe/London") -> int:
    found = await services.practice.learner(key=f"tg:{user_id}", telegram_user_id=user_id, first_name="Sam")
    assert found.id is not None
    await services.learners.set_timezone(found.id, tz)
    await services.reminders.set(found.id, at)
    return found.id


async def reminder(services: Services, lid: int) -> Reminder:
    async with services.sessions() as session:
        row = await session.get(Reminder, lid)
    assert row is not None
    return row


async def logs(services: Services, lid: int) -> list[tuple[datetime, str]]:
    async with services.sessions() as session:
        rows = await logs_for(session, learner_id=lid)
    return [(aware(r.due_at), r.status) for r in rows]


async def due(services: Services, lid: int) -> datetime:
    row = await reminder(services, lid)
    assert row.next_due_at is not None
    return aware(row.next_due_at)


# -- the plain day ----------------------------------------------------------------------------


async def test_sent_once_at_its_time_then_planned_for_tomorrow(services: Services, clock: FixedClock) -> None:
    lid = await learner(services, 101, "10:00")  # clock: Mon 2 Nov 2026 09:30 UTC (GMT)
    sender = FakeSender()
    worker = dispatcher(services, sender)
    assert (await worker.drain()).sent == 0  # not yet
    clock.set(datetime(2026, 11, 2, 10, 0, 5, tzinfo=UTC))
    stats = await worker.drain()
    assert stats.sent == 1 and len(sender.sent) == 1
    text = sender.texts()[0]
    assert "Time for two minutes of practice" in text and "Sam" in text
    assert "No streak yet" in text
    buttons = [b.action for row in sender.sent[0][1].buttons for b in row]
    assert buttons == [NudgeAction.PRACTISE, NudgeAction.SNOOZE, NudgeAction.NOT_TODAY]
    assert (await worker.drain()).sent == 0  # nothing twice
    assert await due(services, lid) == datetime(2026, 11, 3, 10, tzinfo=UTC)
    assert await logs(services, lid) == [(datetime(2026, 11, 2, 10, tzinfo=UTC), "sent")]


async def test_the_nudge_names_what_is_due_and_the_streak(
    services: Services, clock: FixedClock, content: Content
) -> None:
    lid = await learner(services, 102, "18:00")
    await services.practice.start(lid, prompt_id="rl_refund_dispute")
    await services.practice.add_text(lid, "A customer was upset. I said sorry.")
    await services.practice.submit(lid)
    clock.set(datetime(2026, 11, 3, 8, tzinfo=UTC))
    await services.reminders.set(lid, "18:00")  # from the next day on
    clock.set(datetime(2026, 11, 3, 18, 0, tzinfo=UTC))  # the lapses are due that day
    sender = FakeSender()
    await dispatcher(services, sender).drain()
    text = sender.texts()[0]
    assert "Due for review" in text and content.topics["rules_and_law"].title in text
    assert "Streak: 1 day" in text
    go = sender.sent[0][1].buttons[0][0]
    assert go.action is NudgeAction.PRACTISE and go.topic == "rules_and_law" and go.skill


async def test_the_nudge_names_the_work_an_assessor_set(
    services: Services, clock: FixedClock, content: Content
) -> None:
    """Set work comes first in /practice; the nudge, the one message that brings the learner
    back, did not mention it."""
    from datetime import date

    from storage.models import Assignment, WorkKind

    lid = await learner(services, 103, "10:00")
    assessor = await services.practice.learner(key="tg:903", telegram_user_id=903, first_name="Jo")
    async with services.sessions.begin() as session:
        session.add(Assignment(learner_id=lid, assessor_id=assessor.id, kind=WorkKind.TOPIC,
                               target="rules_and_law", due_on=date(2026, 11, 10), created_at=clock.now()))
    clock.set(datetime(2026, 11, 2, 10, 0, 5, tzinfo=UTC))
    sender = FakeSender()
    assert (await services.dispatcher(sender).drain()).sent == 1
    text = sender.texts()[0]
    title = content.topics["rules_and_law"].title
    assert "Jo set you work" in text and title in text and "due 10 Nov" in text, text
    assert "/practice" in text and len(text) <= 600
    # Answered, the work is done: the next nudge does not mention it.
    await services.practice.start(lid, topic_id="rules_and_law")
    await services.practice.add_text(lid, "A customer was upset. I said sorry.")
    await services.practice.submit(lid)
    clock.set(datetime(2026, 11, 3, 10, 0, 5, tzinfo=UTC))
    sender = FakeSender()
    assert (await services.dispatcher(sender).drain()).sent == 1
    assert "set you work" not in sender.texts()[0]


async def test_already_practised_that_day_is_skipped(services: Services, clock: FixedClock) -> None:
    lid = await learner(services, 103, "18:00")
    clock.set(datetime(2026, 11, 2, 12, tzinfo=UTC))
    await services.practice.start(lid, prompt_id="rl_refund_dispute")
    await services.practice.add_text(lid, ANSWER)
    await services.practice.submit(lid)
    clock.set(datetime(2026, 11, 2, 18, 0, 1, tzinfo=UTC))
    sender = FakeSender()
    stats = await dispatcher(services, sender).drain()
    assert stats.skipped == 1 and not sender.sent
    assert await logs(services, lid) == [(datetime(2026, 11, 2, 18, tzinfo=UTC), "skipped_done")]
    assert await due(services, lid) == datetime(2026, 11, 3, 18, tzinfo=UTC)


# -- daylight saving (Europe/London) -------------------------------------------------------------


async def run_days(services: Services, clock: FixedClock, lid: int, days: int) -> list[datetime]:
    """Drain a minute after each due time for `days` nudges; the instants they went out at."""
    sender, sent_at = FakeSender(), []
    worker = dispatcher(services, sender)
    for _ in range(days):
        slot = await due(services, lid)
        clock.set(slot + timedelta(minutes=1))
        await worker.drain()
        sent_at.append(slot)
        await services.reminders.answered(lid)  # a button pressed: no back-off here
    assert len(sender.sent) == days
    return sent_at


async def test_nine_am_stays_nine_am_local_across_the_spring_change(
    services: Services, clock: FixedClock
) -> None:
    clock.set(datetime(2026, 3, 27, 12, tzinfo=UTC))
    lid = await learner(services, 104, "09:00")
    sent = await run_days(services, clock, lid, 3)
    assert [s.astimezone(LONDON).strftime("%d %H:%M %Z") for s in sent] == [
        "28 09:00 GMT", "29 09:00 BST", "30 09:00 BST"]
    assert [s.hour for s in sent] == [9, 8, 8]  # UTC


async def test_a_time_in_the_spring_gap_goes_at_half_past_two(services: Services, clock: FixedClock) -> None:
    clock.set(datetime(2026, 3, 28, 12, tzinfo=UTC))
    lid = await learner(services, 105, "01:30")
    sent = await run_days(services, clock, lid, 2)
    assert [s.astimezone(LONDON).strftime("%d %H:%M %Z") for s in sent] == ["29 02:30 BST", "30 01:30 BST"]


async def test_a_repeated_autumn_time_goes_once(services: Services, clock: FixedClock) -> None:
    clock.set(datetime(2026, 10, 24, 12, tzinfo=UTC))
    lid = await learner(services, 106, "01:30")
    sent = await run_days(services, clock, lid, 2)
    assert [s.astimezone(LONDON).strftime("%d %H:%M %Z") for s in sent] == ["25 01:30 BST", "26 01:30 GMT"]
    # Through the repeated hour (01:30 GMT on the 25th) nothing else went out.
    assert [status for _, status in await logs(services, lid)] == ["sent", "sent"]


# -- back-off, snooze, not today -------------------------------------------------------------------


async def test_three_ignored_nudges_back_off_to_2_4_7_days_and_say_so(
    services: Services, clock: FixedClock
) -> None:
    lid = await learner(services, 107, "19:00")
    sender, worker = FakeSender(), None
    worker = dispatcher(services, sender)
    slots = []
    for _ in range(6):
        slot = await due(services, lid)
        clock.set(slot + timedelta(seconds=30))
        await worker.drain()
        slots.append(slot.astimezone(LONDON).date())
    gaps = [(b - a).days for a, b in itertools.pairwise(slots)]
    assert gaps == [1, 1, 2, 4, 7]
    texts = sender.texts()
    assert "3rd reminder in a row" in texts[2]
    assert "next comes in 4 days" in texts[3] and "last 3 reminders" in texts[3]
    assert "next comes in 7 days" in texts[4]
    # Practising brings the next nudge back to the next day.
    clock.set(clock.now() + timedelta(hours=1))
    await services.practice.start(lid, prompt_id="rl_refund_dispute")
    await services.practice.add_text(lid, ANSWER)
    await services.practice.submit(lid)
    row = await reminder(services, lid)
    assert row.ignored_in_row == 0
    assert row.next_due_at is not None
    today = clock.now().astimezone(LONDON).date()
    assert (aware(row.next_due_at).astimezone(LONDON).date() - today).days == 1


async def test_snooze_sends_it_again_an_hour_later_once(services: Services, clock: FixedClock) -> None:
    lid = await learner(services, 108, "10:00")
    sender = FakeSender()
    worker = dispatcher(services, sender)
    clock.set(datetime(2026, 11, 2, 10, 0, 10, tzinfo=UTC))
    await worker.drain()
    log_id = sender.sent[0][1].buttons[1][0].log_id
    clock.advance(timedelta(minutes=5))
    until = await services.reminders.snooze(lid, log_id)
    clock.set(until - timedelta(seconds=1))
    assert (await worker.drain()).sent == 0
    clock.set(until + timedelta(seconds=2))
    assert (await worker.drain()).sent == 1
    assert "reminder again" in sender.texts()[1]
    clock.advance(timedelta(minutes=30))
    assert (await worker.drain()).sent == 0
    assert await due(services, lid) == datetime(2026, 11, 3, 10, tzinfo=UTC)  # untouched
    # Snoozing answered the nudge, and the snoozed copy does not count as another one.
    assert (await reminder(services, lid)).ignored_in_row == 0


async def test_not_today_drops_a_snooze(services: Services, clock: FixedClock) -> None:
    lid = await learner(services, 109, "10:00")
    sender = FakeSender()
    worker = dispatcher(services, sender)
    clock.set(datetime(2026, 11, 2, 10, 0, 10, tzinfo=UTC))
    await worker.drain()
    log_id = sender.sent[0][1].buttons[1][1].log_id
    await services.reminders.snooze(lid, log_id)
    await services.reminders.not_today(lid, log_id)
    clock.advance(timedelta(hours=3))
    assert (await worker.drain()).sent == 0
    assert len(sender.sent) == 1


# -- restarts, crashes and several senders ---------------------------------------------------------


async def test_down_at_the_due_time_and_back_within_two_hours_sends_once(
    services: Services, clock: FixedClock
) -> None:
    lid = await learner(services, 110, "10:00")
    clock.set(datetime(2026, 11, 2, 11, 40, tzinfo=UTC))  # the bot was down from 09:55 to 11:40
    restarted = FakeSender()
    assert (await dispatcher(services, restarted).drain()).sent == 1
    again = FakeSender()  # and restarted once more: nothing twice
    assert (await dispatcher(services, again).drain()).sent == 0
    assert await logs(services, lid) == [(datetime(2026, 11, 2, 10, tzinfo=UTC), "sent")]


async def test_back_after_more_than_two_hours_moves_to_the_next_day(
    services: Services, clock: FixedClock
) -> None:
    lid = await learner(services, 111, "10:00")
    clock.set(datetime(2026, 11, 2, 12, 1, tzinfo=UTC))
    sender = FakeSender()
    stats = await dispatcher(services, sender).drain()
    assert stats.skipped == 1 and not sender.sent
    assert await logs(services, lid) == [(datetime(2026, 11, 2, 10, tzinfo=UTC), "skipped_late")]
    assert await due(services, lid) == datetime(2026, 11, 3, 10, tzinfo=UTC)
    assert (await reminder(services, lid)).ignored_in_row == 0  # not the learner's doing


async def test_claimed_by_a_process_that_died_is_sent_after_its_lease(
    services: Services, clock: FixedClock
) -> None:
    lid = await learner(services, 112, "10:00")
    clock.set(datetime(2026, 11, 2, 10, 0, 1, tzinfo=UTC))
    async with services.sessions.begin() as session:  # a process claims it, then is killed
        claimed = await rq.claim_due(session, token="dead", now=clock.now(),
                                     lease_until=clock.now() + timedelta(minutes=5), limit=10)
    assert claimed == [lid]
    sender = FakeSender()
    worker = dispatcher(services, sender)
    assert (await worker.drain()).sent == 0  # still leased
    clock.advance(timedelta(minutes=5, seconds=1))
    assert (await worker.drain()).sent == 1
    assert (await worker.drain()).sent == 0


async def test_killed_mid_send_is_not_sent_twice(services: Services, clock: FixedClock) -> None:
    """A sender logged the nudge as `sending` and died before recording the answer: it may have
    reached Telegram, so the next run marks it unconfirmed and plans the next day instead."""
    lid = await learner(services, 113, "10:00")
    slot = datetime(2026, 11, 2, 10, tzinfo=UTC)
    clock.set(slot + timedelta(seconds=2))
    async with services.sessions.begin() as session:
        await rq.claim_due(session, token="dead", now=clock.now(),
                           lease_until=clock.now() + timedelta(minutes=5), limit=10)
        await rq.insert_log(session, learner_id=lid, due_at=slot, status="sending", sent_at=clock.now())
    clock.advance(timedelta(minutes=6))
    sender = FakeSender()
    stats = await dispatcher(services, sender).drain()
    assert not sender.sent and stats.unconfirmed == 1
    assert await logs(services, lid) == [(slot, "unconfirmed")]
    assert await due(services, lid) == datetime(2026, 11, 3, 10, tzinfo=UTC)


async def test_a_stop_mid_batch_releases_what_was_not_sent(services: Services, clock: FixedClock) -> None:
    ids = [await learner(services, 200 + i, "10:00") for i in range(5)]
    clock.set(datetime(2026, 11, 2, 10, 0, 1, tzinfo=UTC))
    sender = FakeSender()
    budget = iter([True, True, True, False])
    stats = await dispatcher(services, sender, concurrency=1).drain(keep_going=lambda: next(budget, False))
    assert 0 < stats.sent < 5
    # Restarted at once: the rest go, nothing twice, no waiting for a lease.
    more = FakeSender()
    await dispatcher(services, more).drain()
    assert sorted(c for c, _ in sender.sent + more.sent) == [200 + i for i in range(5)]
    for lid in ids:
        assert [s for _, s in await logs(services, lid)] == ["sent"]


async def test_two_instances_draining_together_send_each_nudge_once(
    services: Services, clock: FixedClock, content: Content
) -> None:
    """Two dispatchers (two bot instances) with their own connections: SKIP LOCKED on
    PostgreSQL, the atomic conditional UPDATE on SQLite."""
    ids = [await learner(services, 300 + i, "10:00") for i in range(40)]
    clock.set(datetime(2026, 11, 2, 10, 0, 1, tzinfo=UTC))
    other = await Services.create(services.settings, clock=clock, content=content, upgrade=False)
    try:
        a, b = FakeSender(), FakeSender()
        await asyncio.gather(
            dispatcher(services, a, batch=7).drain(), dispatcher(other, b, batch=7).drain()
        )
    finally:
        await other.close()
    chats = sorted(c for c, _ in a.sent + b.sent)
    assert chats == [300 + i for i in range(40)]
    async with services.sessions() as session:
        statuses = (await session.exec(select(NudgeLog.status))).all()
    assert sorted(statuses) == ["sent"] * 40
    assert len(ids) == 40


# -- Telegram's answers ----------------------------------------------------------------------


async def test_blocked_bot_switches_reminders_off(services: Services, clock: FixedClock) -> None:
    lid = await learner(services, 114, "10:00")
    clock.set(datetime(2026, 11, 2, 10, 0, 1, tzinfo=UTC))
    sender = FakeSender([SendResult("blocked", detail="Forbidden: bot was blocked by the user")])
    stats = await dispatcher(services, sender).drain()
    assert stats.blocked == 1
    row = await reminder(services, lid)
    assert not row.enabled and row.disabled_reason == "blocked"
    clock.advance(timedelta(days=1))
    assert (await dispatcher(services, sender).drain()).claimed == 0
    assert [s for _, s in await logs(services, lid)] == ["blocked"]
    status = await services.reminders.set(lid, "10:00")  # the learner comes back
    assert status.enabled and status.disabled_reason is None


async def test_429_pauses_everything_for_retry_after_then_sends_once(
    services: Services, clock: FixedClock
) -> None:
    await learner(services, 115, "10:00")
    await learner(services, 116, "10:00")
    clock.set(datetime(2026, 11, 2, 10, 0, 1, tzinfo=UTC))
    time = FakeTime()
    sender = FakeSender([SendResult("retry", retry_after=7, detail="Too Many Requests: retry after 7")])
    stats = await dispatcher(services, sender, time, concurrency=1).drain()
    assert stats.rate_limited == 1 and stats.sent == 2
    assert sender.calls == 3 and sorted(c for c, _ in sender.sent) == [115, 116]
    assert any(s >= 6.9 for s in time.slept), time.slept  # waited out retry_after


async def test_other_errors_are_retried_with_backoff_then_given_up(
    services: Services, clock: FixedClock
) -> None:
    lid = await learner(services, 117, "10:00")
    slot = datetime(2026, 11, 2, 10, tzinfo=UTC)
    clock.set(slot + timedelta(seconds=1))
    sender = FakeSender([SendResult("retry", detail="Bad Gateway")] * 2)
    worker = dispatcher(services, sender)
    assert (await worker.drain()).deferred == 1
    assert await logs(services, lid) == [(slot, "retry")]
    clock.advance(timedelta(seconds=10))
    assert (await worker.drain()).claimed == 0  # backing off (30 s)
    clock.advance(timedelta(seconds=25))
    await worker.drain()  # second failure: 2 minutes
    clock.advance(timedelta(minutes=2, seconds=1))
    assert (await worker.drain()).sent == 1
    assert await logs(services, lid) == [(slot, "sent")]
    # A nudge that keeps failing is given up within its two-hour window, and tomorrow is planned.
    clock.set(datetime(2026, 11, 3, 10, 0, 1, tzinfo=UTC))
    failing = FakeSender([SendResult("retry", detail="Bad Gateway")] * 20)
    for _ in range(10):
        await dispatcher(services, failing).drain()
        clock.advance(timedelta(minutes=31))
    assert (await logs(services, lid))[-1] == (datetime(2026, 11, 3, 10, tzinfo=UTC), "failed")
    assert await due(services, lid) == datetime(2026, 11, 4, 10, tzinfo=UTC)


async def test_a_bad_request_is_not_repeated(services: Services, clock: FixedClock) -> None:
    lid = await learner(services, 118, "10:00")
    clock.set(datetime(2026, 11, 2, 10, 0, 1, tzinfo=UTC))
    sender = FakeSender([SendResult("failed", detail="Bad Request: message is too long")])
    assert (await dispatcher(services, sender).drain()).failed == 1
    assert [s for _, s in await logs(services, lid)] == ["failed"]
    assert await due(services, lid) == datetime(2026, 11, 3, 10, tzinfo=UTC)


# -- pacing ------------------------------------------------------------------------------------


def gaps(stamps: Iterable[float]) -> list[float]:
    stamps = list(stamps)
    return [round(b - a, 6) for a, b in itertools.pairwise(stamps)]


async def test_pacer_spaces_sends_and_keeps_one_a_second_per_chat() -> None:
    time = FakeTime()
    pacer = Pacer(25, 1.0, monotonic=time.monotonic, sleep=time.sleep)
    stamps = []
    for chat in range(10):
        await pacer.acquire(chat)
        stamps.append(time.now)
    assert min(gaps(stamps)) >= 0.04 - 1e-9
    start = time.now
    await pacer.acquire(1)
    await pacer.acquire(1)
    assert time.now - start >= 1.0 - 1e-9
    pacer.pause(5)
    before = time.now
    await pacer.acquire(99)
    assert time.now - before >= 5 - 1e-9
