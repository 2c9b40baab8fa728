"""`DEFAULT_TIMEZONE` is the zone of every learner who has not chosen one."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from bot.app.services import Services
from bot.app.settings import Settings
from content.loader import Content
from tests.helpers import FixedClock


@pytest.fixture
async def kolkata(settings: Settings, content: Content, clock: FixedClock) -> AsyncIterator[Services]:
    svc = await Services.create(
        settings.model_copy(update={"default_timezone": "Asia/Kolkata"}), clock=clock, content=content
    )
    yield svc
    await svc.close()


async def test_a_new_learner_starts_in_the_default_zone(kolkata: Services) -> None:
    learner = await kolkata.practice.learner(key="tg:42", telegram_user_id=42)
    assert learner.timezone == "Asia/Kolkata"
    terminal = await kolkata.practice.learner(key="term:sam", first_name="sam")
    assert terminal.timezone == "Asia/Kolkata"


async def test_reminder_times_are_read_in_the_default_zone(kolkata: Services) -> None:
    learner = await kolkata.practice.learner(key="tg:42", telegram_user_id=42)
    assert learner.id is not None
    status = await kolkata.reminders.set(learner.id, "18:30")
    assert status.timezone == "Asia/Kolkata"
    # 18:30 in Kolkata (UTC+5:30) on 2 November 2026 is 13:00 UTC; the clock says 09:30 UTC.
    assert status.next_due == datetime(2026, 11, 2, 13, 0, tzinfo=UTC)


async def test_a_learner_who_chose_a_zone_keeps_it(kolkata: Services) -> None:
    learner = await kolkata.practice.learner(key="tg:42", telegram_user_id=42)
    assert learner.id is not None
    await kolkata.learners.set_timezone(learner.id, "Europe/London")
    again = await kolkata.practice.learner(key="tg:42", telegram_user_id=42)
    assert again.timezone == "Europe/London"
