"""The mock discussion's domain: questions, no marks on the way, pause and resume, the report."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.app.services import Services
from bot.app.settings import Settings
from bot.mock import plan
from bot.mock.service import MockError, MockInProgress, NoStandard
from content.loader import Content
from storage.models import AreaCard
from tests.helpers import FixedClock

ROLE = (
    "My role is customer adviser in the contact centre and I am responsible for first-line "
    "queries. Our customers are account holders, and internal customers in billing rely on my notes. "
    "I work within the Consumer Rights Act 2015 and I follow our complaints procedure on every call."
)
VAGUE = "I help people with their problems and try to be nice."


async def learner(services: Services, level: int = 2) -> int:
    row = await services.practice.learner(key="tg:5", telegram_user_id=5, first_name="Ann")
    assert row.id is not None
    await services.learners.set_level(row.id, level)
    return row.id


async def test_a_mock_opens_with_an_open_invitation_and_gives_no_marks(services: Services) -> None:
    lid = await learner(services)
    view = await services.mock.start(lid, 20)
    assert view.question.kind == plan.OPENER and view.question.prompt_id == "op_role_and_rules"
    assert view.standard.code == "ST0072" and view.number == 1
    await services.mock.add_text(lid, ROLE)
    step = await services.mock.submit(lid)
    assert step.report is None and step.view is not None
    # The first opener evidenced four areas, so the next question moves on rather than probing.
    assert step.view.question.kind == plan.OPENER
    assert step.view.question.prompt_id == "op_products_and_systems"


async def test_a_missed_point_gets_the_assessor_s_probe_once(services: Services) -> None:
    lid = await learner(services)
    await services.mock.start(lid, 20)
    await services.mock.add_text(lid, VAGUE)
    step = await services.mock.submit(lid)
    assert step.view is not None and step.view.question.kind == plan.PROBE
    assert step.view.question.parent_turn == 1
    await services.mock.add_text(lid, "Not sure.")
    step = await services.mock.submit(lid)
    assert step.view is not None and step.view.question.kind != plan.PROBE


async def test_pause_stops_the_clock_and_resume_carries_on(services: Services, clock: FixedClock) -> None:
    lid = await learner(services)
    await services.mock.start(lid, 20)
    await services.mock.add_text(lid, "My role is")
    clock.advance(timedelta(minutes=5))
    paused = await services.mock.pause(lid)
    assert paused.status == "paused" and paused.used_minutes == 5
    assert not await services.mock.is_taking_answers(lid)
    clock.advance(timedelta(hours=3))
    resumed = await services.mock.resume(lid)
    assert resumed.used_minutes == 5 and resumed.words == 3
    with pytest.raises(MockInProgress):
        await services.mock.start(lid, 40)


async def test_an_open_mock_survives_new_services(
    services: Services, settings: Settings, content: Content, clock: FixedClock
) -> None:
    lid = await learner(services)
    await services.mock.start(lid, 20)
    await services.mock.add_text(lid, ROLE)
    await services.close()
    again = await Services.create(settings, content=content, clock=clock)
    try:
        view = await again.mock.current(lid)
        assert view is not None and view.words == len(ROLE.split())
        step = await again.mock.submit(lid)
        assert step.view is not None and step.view.number == 2
    finally:
        await again.close()


async def test_time_up_ends_with_a_report_naming_what_was_and_was_not_evidenced(
    services: Services, clock: FixedClock
) -> None:
    lid = await learner(services)
    await services.mock.start(lid, 20)
    await services.mock.add_text(lid, ROLE)
    clock.advance(timedelta(minutes=21))
    step = await services.mock.submit(lid)
    assert step.view is None and step.report is not None
    report = step.report
    areas = {a["id"]: a for a in report["areas"]}
    assert areas["regulations_legislation"]["evidenced"]
    assert "Consumer Rights Act 2015" in areas["regulations_legislation"]["quote"]
    assert "My role is customer adviser" in areas["role_responsibility"]["quote"]
    assert not areas["team_working"]["evidenced"] and areas["team_working"]["quote"] is None
    assert report["evidenced"] == 4 and report["total"] == 18
    assert report["band"] == "not_yet"
    assert report["lift"][0].startswith("Evidence what you have not shown yet")
    assert len(report["practise"]) == 3
    assert await services.mock.current(lid) is None
    assert (await services.mock.reports(lid))[0]["evidenced"] == 4


async def test_the_three_things_to_practise_become_due(services: Services, clock: FixedClock) -> None:
    lid = await learner(services)
    await services.mock.start(lid, 20)
    await services.mock.add_text(lid, ROLE)
    report = await services.mock.end(lid)
    async with services.sessions() as session:
        for item in report["practise"]:
            card = await session.get(AreaCard, (lid, item["topic"], item["skill"]))
            assert card is not None and card.due_at.replace(tzinfo=None) <= clock.now().replace(tzinfo=None)
    async with services.sessions() as session:
        focus = await services.review.focus(session, learner_id=lid, now=clock.now())
    assert (focus.topic_id, focus.skill) in {(p["topic"], p["skill"]) for p in report["practise"]}


async def test_a_whole_mock_runs_to_its_question_budget(services: Services) -> None:
    lid = await learner(services)
    await services.mock.start(lid, 20)
    for _ in range(plan.budget(20) + 2):
        await services.mock.add_text(lid, ROLE)
        step = await services.mock.submit(lid)
        if step.report is not None:
            break
    assert step.report is not None and step.report["questions"] == plan.budget(20)


async def test_level_three_without_confirmed_areas_is_told_why(services: Services) -> None:
    lid = await learner(services, level=3)
    with pytest.raises(NoStandard, match="could not be confirmed"):
        await services.mock.start(lid, 20)
    await services.learners.set_standard(lid, "st0072")
    assert (await services.mock.start(lid, 20)).standard.code == "ST0072"


async def test_level_four_must_choose_a_standard(services: Services) -> None:
    lid = await learner(services, level=4)
    with pytest.raises(NoStandard, match="/settings"):
        await services.mock.start(lid, 20)


async def test_bad_lengths_and_empty_answers_are_refused_kindly(services: Services) -> None:
    lid = await learner(services)
    with pytest.raises(MockError, match="20, 40 or 60"):
        await services.mock.start(lid, 30)
    await services.mock.start(lid, 20)
    with pytest.raises(MockError, match="empty"):
        await services.mock.submit(lid)


async def test_mydata_holds_the_mock_and_deleteme_erases_it(services: Services) -> None:
    lid = await learner(services)
    await services.mock.start(lid, 20)
    await services.mock.add_text(lid, ROLE)
    await services.mock.end(lid)
    data = await services.privacy.export(lid)
    assert data["mock_session"][0]["report"]["evidenced"] == 4
    assert "Consumer Rights Act 2015" in data["mock_session"][0]["turns"][0]["answer"]
    assert (await services.privacy.counts(lid))["mock_session"] == 1
    await services.privacy.erase(lid)
    assert await services.mock.reports(lid) == []


async def test_the_report_of_a_one_question_mock_reads_one_question(services: Services) -> None:
    from bot.render.feedback import PLAIN
    from bot.render.mock import render_report

    lid = await learner(services)
    await services.mock.start(lid, 20)
    await services.mock.add_text(lid, ROLE)
    report = await services.mock.end(lid)
    assert report["questions"] == 1
    shown = render_report(report, PLAIN)
    assert "1 question in " in shown and "1 questions" not in shown
