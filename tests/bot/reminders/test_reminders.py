"""Reminder planning: /remind parsing, local times across daylight-saving changes, back-off,
and the service behind /remind, Snooze and "Not today"."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.app.services import Services
from bot.reminders.planning import (
    ReminderInputError,
    StaleNudge,
    backoff_days,
    describe_days,
    local_slot,
    next_slot,
    parse_remind,
    parse_time,
)
from storage.models import NudgeLog, Reminder
from tests.helpers import FixedClock

LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("18:30", "18:30"), ("6:30pm", "18:30"), ("6:30 pm", "18:30"), ("7pm", "19:00"),
     ("7 a.m.", "07:00"), ("12am", "00:00"), ("12pm", "12:00"), ("18.30", "18:30"),
     ("18h30", "18:30"), ("1830", "18:30"), ("930", "09:30"), ("7", "07:00"), ("00:00", "00:00")],
)
def test_times_in_the_forms_people_type(typed: str, expected: str) -> None:
    assert parse_time(typed) == expected


@pytest.mark.parametrize(
    ("typed", "code"),
    [("25:00", "range"), ("24:00", "range"), ("18:60", "range"), ("13pm", "range"),
     ("tomorrow", "format"), ("soon", "format"), ("7:5", "format"), ("", "format")],
)
def test_bad_times_say_what_is_wrong(typed: str, code: str) -> None:
    with pytest.raises(ReminderInputError) as caught:
        parse_time(typed)
    assert caught.value.code == code


def test_remind_arguments() -> None:
    assert parse_remind("").action == "show"
    assert parse_remind("off").action == "off" and parse_remind("STOP").action == "off"
    assert parse_remind("on").action == "on"
    request = parse_remind("6:30 pm weekdays")
    assert (request.local_time, request.days) == ("18:30", "01234")
    assert parse_remind("18:00 mon, wed Friday").days == "024"
    assert parse_remind("18:00").days is None  # keep the days chosen before
    with pytest.raises(ReminderInputError) as caught:
        parse_remind("18:00 tomorrow")
    assert caught.value.code == "days"
    assert describe_days("0123456") == "every day" and describe_days("024") == "on Mon, Wed, Fri"


def test_backoff_is_daily_then_two_four_seven_days() -> None:
    assert [backoff_days(n) for n in range(1, 8)] == [1, 1, 2, 4, 7, 7, 7]


# -- daylight saving in Europe/London: 29 March 2026 (01:00 GMT -> 02:00 BST) and 25 October 2026
# (02:00 BST -> 01:00 GMT), both at 01:00 UTC.


def test_a_daily_time_keeps_its_wall_clock_across_both_changes() -> None:
    assert local_slot(date(2026, 3, 28), "09:00", LONDON) == datetime(2026, 3, 28, 9, tzinfo=UTC)
    assert local_slot(date(2026, 3, 29), "09:00", LONDON) == datetime(2026, 3, 29, 8, tzinfo=UTC)
    assert local_slot(date(2026, 10, 24), "09:00", LONDON) == datetime(2026, 10, 24, 8, tzinfo=UTC)
    assert local_slot(date(2026, 10, 25), "09:00", LONDON) == datetime(2026, 10, 25, 9, tzinfo=UTC)


def test_a_time_in_the_spring_gap_comes_an_hour_later_on_that_day_only() -> None:
    # 01:30 does not exist on 29 March: read with the offset before the gap, it is 02:30 BST.
    slot = local_slot(date(2026, 3, 29), "01:30", LONDON)
    assert slot == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert slot.astimezone(LONDON).strftime("%H:%M %Z") == "02:30 BST"
    after = next_slot(slot, "01:30", LONDON)
    assert after.astimezone(LONDON).strftime("%d %H:%M %Z") == "30 01:30 BST"


def test_a_repeated_autumn_time_is_sent_once_at_its_first_occurrence() -> None:
    first = next_slot(datetime(2026, 10, 24, 12, tzinfo=UTC), "01:30", LONDON)
    assert first == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 01:30 BST
    # The second 01:30 (GMT, an hour later) is not another slot: the next is the next day.
    again = next_slot(first, "01:30", LONDON)
    assert again == datetime(2026, 10, 26, 1, 30, tzinfo=UTC)


def test_next_slot_respects_weekdays_and_a_first_day() -> None:
    friday = datetime(2026, 11, 6, 19, tzinfo=UTC)  # after Friday's 18:30
    assert next_slot(friday, "18:30", LONDON, "01234").date() == date(2026, 11, 9)  # Monday
    assert next_slot(friday, "18:30", LONDON, "0123456", not_before=date(2026, 11, 10)).date() == date(
        2026, 11, 10
    )


# -- the service ----------------------------------------------------------------------------


async def learner_id(services: Services, key: str = "tg:7", tz: str = "Europe/London") -> int:
    learner = await services.practice.learner(key=key, telegram_user_id=int(key[3:]), first_name="Sam")
    assert learner.id is not None
    await services.learners.set_timezone(learner.id, tz)
    return learner.id


async def test_set_off_on_and_days(services: Services, clock: FixedClock) -> None:
    lid = await learner_id(services)
    now = clock.now()  # Monday 2 Nov 2026, 09:30 UTC (GMT)
    status = await services.reminders.set(lid, "18:30")
    assert status.enabled and status.next_due == datetime(2026, 11, 2, 18, 30, tzinfo=UTC)
    status = await services.reminders.set(lid, "08:00")  # already past today: tomorrow
    assert status.next_due == datetime(2026, 11, 3, 8, tzinfo=UTC)
    status = await services.reminders.set_days(lid, "56")
    assert status.next_due == datetime(2026, 11, 7, 8, tzinfo=UTC)  # Saturday
    assert (await services.reminders.toggle_day(lid, 5)).days == "6"
    assert (await services.reminders.toggle_day(lid, 6)).days == "6"  # never no days at all
    off = await services.reminders.off(lid)
    assert not off.enabled and off.next_due is None
    on = await services.reminders.on(lid)
    assert on.enabled and on.local_time == "08:00" and on.next_due is not None and on.next_due > now


async def test_on_without_a_time_stays_off(services: Services) -> None:
    lid = await learner_id(services)
    assert not (await services.reminders.on(lid)).enabled


async def test_changing_time_zone_keeps_the_wall_clock_time(services: Services) -> None:
    lid = await learner_id(services)
    await services.reminders.set(lid, "18:30")
    await services.learners.set_timezone(lid, "America/New_York")
    await services.reminders.replan(lid)
    status = await services.reminders.status(lid)
    assert status.next_due is not None
    assert status.next_due.astimezone(ZoneInfo("America/New_York")).strftime("%H:%M") == "18:30"


async def sent_nudge(services: Services, lid: int, at: datetime) -> int:
    async with services.sessions.begin() as session:
        log = NudgeLog(learner_id=lid, due_at=at, sent_at=at, status="sent")
        session.add(log)
        await session.flush()
        assert log.id is not None
        return log.id


async def test_snooze_and_not_today_answer_only_todays_nudge(services: Services, clock: FixedClock) -> None:
    lid = await learner_id(services)
    await services.reminders.set(lid, "09:00")
    old = await sent_nudge(services, lid, clock.now() - timedelta(days=1))
    new = await sent_nudge(services, lid, clock.now() - timedelta(minutes=5))
    with pytest.raises(StaleNudge):
        await services.reminders.snooze(lid, old)
    until = await services.reminders.snooze(lid, new)
    assert until == (clock.now() + timedelta(hours=1)).replace(microsecond=0)
    status = await services.reminders.not_today(lid, new)
    async with services.sessions() as session:
        row = await session.get(Reminder, lid)
    assert row is not None and row.snoozed_until is None
    assert status.next_due is not None and status.next_due.astimezone(LONDON).date() == date(2026, 11, 3)
    with pytest.raises(StaleNudge):
        await services.reminders.snooze(lid, 999_999)
    clock.advance(timedelta(hours=13))
    with pytest.raises(StaleNudge):
        await services.reminders.not_today(lid, new)


async def test_practising_or_a_button_ends_the_backoff(services: Services, clock: FixedClock) -> None:
    lid = await learner_id(services)
    await services.reminders.set(lid, "09:00")
    async with services.sessions.begin() as session:
        row = await session.get(Reminder, lid)
        assert row is not None
        row.ignored_in_row, row.next_due_at = 4, datetime(2026, 11, 9, 9, tzinfo=UTC)
        session.add(row)
    await services.reminders.answered(lid)
    async with services.sessions() as session:
        row = await session.get(Reminder, lid)
    assert row is not None and row.ignored_in_row == 0
    assert row.next_due_at is not None and row.next_due_at.replace(tzinfo=UTC) == datetime(
        2026, 11, 3, 9, tzinfo=UTC
    )
