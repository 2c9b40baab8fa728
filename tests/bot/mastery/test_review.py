"""The review model: ratings from marks, FSRS schedules by area, mastery, and "what is due"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from fsrs import Rating
from sqlmodel import select

from bot.app.services import Services
from bot.mastery.progress import recency_mastery
from bot.mastery.review import rating_for, skills_asked, updated_mastery
from content.loader import Content
from storage.models import AreaCard
from tests.helpers import FixedClock

GOOD_ANSWER = (
    "Last month a customer came in with a kettle that stopped working after three weeks. "
    "My task was to decide between a refund and a repair. I checked our refund and returns "
    "policy and the Consumer Rights Act 2015, because within 30 days she had the short-term "
    "right to reject. I refunded her in full. As a result she rated us 5 out of 5."
)
WEAK_ANSWER = "A customer was upset about a late parcel. I said sorry and sent a new one."
LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    ("mark", "grade", "kind", "rating"),
    [
        (0.0, "pass", "answer", Rating.Again),
        (0.25, "distinction", "answer", Rating.Again),  # only superseded law
        (0.5, "pass", "answer", Rating.Hard),  # a wrong year, or two STAR parts
        (0.75, "pass", "answer", Rating.Good),  # a missing year, or three STAR parts
        (1.0, "pass", "answer", Rating.Good),
        (1.0, "distinction", "answer", Rating.Easy),
        (1.0, "distinction", "probe", Rating.Good),  # prompted by the assessor's probe
        (1.0, "distinction", "retry", Rating.Good),
    ],
)
def test_rating_follows_the_mark(mark: float, grade: str, kind: str, rating: Rating) -> None:
    assert rating_for(mark, grade=grade, kind=kind) == rating


def test_incremental_mastery_equals_the_progress_formula() -> None:
    marks = [0.0, 1.0, 0.5, 1.0, 0.75]
    value = 0.0
    for n, mark in enumerate(marks):
        value = updated_mastery(value, n, mark)
    assert round(100 * value) == recency_mastery(marks)


def test_skills_asked_read_the_marking_points(content: Content) -> None:
    refund = content.prompts["rl_refund_dispute"]
    assert skills_asked(refund, content) == {"legislation", "policies", "star", "measurable"}
    # names_any_of counts the kinds of the entries it names (a regulator here).
    with_ico = [p for p in content.prompts.values()
                if any("ico" in m.params.get("ids", []) for m in p.marking_points)]
    assert with_ico and "regulators" in skills_asked(with_ico[0], content)


async def cards(services: Services, learner_id: int) -> dict[str, AreaCard]:
    async with services.sessions() as session:
        rows = (await session.exec(select(AreaCard).where(AreaCard.learner_id == learner_id))).all()
    return {f"{r.topic_id}/{r.skill}": r for r in rows}


async def answer(services: Services, learner_id: int, text: str, prompt: str = "rl_refund_dispute") -> None:
    await services.practice.start(learner_id, prompt_id=prompt)
    await services.practice.add_text(learner_id, text)
    await services.practice.submit(learner_id)
    await services.practice.cancel(learner_id)


async def test_an_attempt_reviews_the_areas_it_tests(services: Services, clock: FixedClock) -> None:
    learner = await services.practice.learner(key="tg:1")
    assert learner.id is not None
    await answer(services, learner.id, WEAK_ANSWER)
    found = await cards(services, learner.id)
    # Tested and missed: legislation, policies, measurable (lapses); STAR partly there.
    for skill in ("legislation", "policies", "measurable"):
        card = found[f"rules_and_law/{skill}"]
        assert card.card["rating"] == Rating.Again
        assert card.mastery == 0 and card.reviews == 1
    # Regulators and reasoning are not asked by this prompt and were not shown: no evidence.
    assert "rules_and_law/regulators" not in found
    assert "rules_and_law/reasoning" not in found
    # A lapse is due the next local day, from midnight in the learner's zone.
    tomorrow = clock.now().astimezone(LONDON).date() + timedelta(days=1)
    due = found["rules_and_law/legislation"].due_at
    assert due.astimezone(LONDON).date() == tomorrow
    assert due.astimezone(LONDON).hour == 0


async def test_good_answers_space_the_reviews_out(services: Services, clock: FixedClock) -> None:
    learner = await services.practice.learner(key="tg:2")
    assert learner.id is not None
    intervals = []
    for _ in range(4):
        await answer(services, learner.id, GOOD_ANSWER)
        card = (await cards(services, learner.id))["rules_and_law/legislation"]
        assert card.card["rating"] in (Rating.Good, Rating.Easy)
        intervals.append((card.due_at.astimezone(UTC) - clock.now()).days)
        clock.set(card.due_at.astimezone(UTC) + timedelta(hours=10))  # answer on the due day
    assert intervals == sorted(intervals) and intervals[-1] > intervals[0] + 3, intervals


async def test_weakest_area_prefers_what_is_due(
    services: Services, clock: FixedClock, content: Content
) -> None:
    learner = await services.practice.learner(key="tg:3")
    assert learner.id is not None
    # Nothing tried: the first topic by id (a new topic), as before.
    assert await services.practice.weakest_area(learner.id) == (min(content.topics), None)
    await answer(services, learner.id, WEAK_ANSWER)
    # Nothing is due today, so a topic never tried comes first.
    topic, skill = await services.practice.weakest_area(learner.id)
    assert topic != "rules_and_law" and skill is None
    # Tomorrow the lapses are due: the weakest due area wins, and its prompt tests that skill.
    clock.advance(timedelta(days=1))
    topic, skill = await services.practice.weakest_area(learner.id)
    assert topic == "rules_and_law" and skill in ("legislation", "measurable", "policies")
    prompt = await services.practice.start(learner.id, weakest=True)
    assert prompt.topic == "rules_and_law"
    assert skill in skills_asked(prompt, content)


async def test_due_day_follows_the_learner_time_zone(services: Services, clock: FixedClock) -> None:
    learner = await services.practice.learner(key="tg:4")
    assert learner.id is not None
    await services.learners.set_timezone(learner.id, "Asia/Kolkata")
    clock.set(datetime(2026, 11, 2, 20, 0, tzinfo=UTC))  # 01:30 on 3 Nov in Kolkata
    await answer(services, learner.id, WEAK_ANSWER)
    due = (await cards(services, learner.id))["rules_and_law/legislation"].due_at
    local = due.astimezone(ZoneInfo("Asia/Kolkata"))
    assert (local.date().isoformat(), local.hour, local.minute) == ("2026-11-04", 0, 0)
