"""The assessment date as learners type it, and the review schedule aiming at it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.app.services import Services
from bot.learners.examdate import DateError, parse_exam_date
from bot.mastery.review import aim_at_exam, start_of_day
from storage.models import AreaCard
from tests.helpers import FixedClock

TODAY = date(2026, 11, 2)
LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("12 March", date(2027, 3, 12)),
        ("12th March 2027", date(2027, 3, 12)),
        ("March 12", date(2027, 3, 12)),
        ("2026-12-01", date(2026, 12, 1)),
        ("1/12/2026", date(2026, 12, 1)),
        ("1/12/26", date(2026, 12, 1)),
        ("2 Nov", TODAY),  # today counts
        ("1 Nov", date(2027, 11, 1)),  # without a year: the next one to come
        ("off", None),
    ],
)
def test_dates_as_typed(typed: str, expected: date | None) -> None:
    assert parse_exam_date(typed, TODAY) == expected


@pytest.mark.parametrize(
    ("typed", "words"),
    [("31 February", "not a real date"), ("2025-01-01", "has passed"), ("2035-01-01", "years away"),
     ("next week", "Type the day"), ("12 Smarch", "Type the day")],
)
def test_dates_that_cannot_be_used_say_why(typed: str, words: str) -> None:
    with pytest.raises(DateError, match=words):
        parse_exam_date(typed, TODAY)


def test_reviews_come_closer_as_the_day_nears_and_never_on_it() -> None:
    now = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    far = now + timedelta(days=60)
    exam = TODAY + timedelta(days=30)
    assert aim_at_exam(far, now=now, exam=exam, tz=LONDON) == start_of_day(TODAY + timedelta(days=15), LONDON)
    exam = TODAY + timedelta(days=10)
    assert aim_at_exam(far, now=now, exam=exam, tz=LONDON) == start_of_day(TODAY + timedelta(days=5), LONDON)
    exam = TODAY + timedelta(days=1)
    assert aim_at_exam(far, now=now, exam=exam, tz=LONDON) == start_of_day(TODAY, LONDON)
    near = now + timedelta(days=2)
    assert aim_at_exam(near, now=now, exam=TODAY + timedelta(days=30), tz=LONDON) == near
    # No date, or one passed: FSRS decides.
    assert aim_at_exam(far, now=now, exam=None, tz=LONDON) == far
    assert aim_at_exam(far, now=now, exam=TODAY - timedelta(days=1), tz=LONDON) == far


async def test_setting_the_date_moves_the_schedule_and_new_reviews_aim_at_it(
    services: Services, clock: FixedClock
) -> None:
    row = await services.practice.learner(key="tg:8", telegram_user_id=8, first_name="Jo")
    assert row.id is not None
    far = clock.now() + timedelta(days=40)
    async with services.sessions.begin() as session:
        session.add(AreaCard(learner_id=row.id, topic_id="rules_and_law", skill="legislation", due_at=far))
    exam = TODAY + timedelta(days=20)
    learner = await services.learners.set_exam_date(row.id, exam, default_timezone="Europe/London")
    assert learner.exam_date == exam
    async with services.sessions() as session:
        card = await session.get(AreaCard, (row.id, "rules_and_law", "legislation"))
    assert card is not None
    assert card.due_at.replace(tzinfo=UTC) == start_of_day(TODAY + timedelta(days=10), LONDON)

    await services.practice.start(row.id, prompt_id="rl_refund_dispute")
    await services.practice.add_text(
        row.id, "A customer wanted a refund. My task was to check the Consumer Rights Act 2015 and "
        "our refund policy. I refunded her because it was within 30 days. She rated us 5 out of 5.",
    )
    await services.practice.submit(row.id)
    latest = start_of_day(TODAY + timedelta(days=10), LONDON)
    async with services.sessions() as session:
        cards = await services.review.cards(session, learner_id=row.id)
    assert cards and all(c.due_at.replace(tzinfo=UTC) <= latest for c in cards)
