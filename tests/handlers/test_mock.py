"""/mock in Telegram, offline: choose a length, answer, probes without marks, pause, the report."""

from __future__ import annotations

from typing import Any

from telegram import Update

from tests.handlers.flow import ANSWER, buttons, onboard

ROLE = (
    "My role is customer adviser and I am responsible for first-line queries. Our customers are "
    "account holders and internal customers in billing. I work within the Consumer Rights Act 2015 "
    "and follow our complaints procedure."
)


async def level_two(app: Any, users: Any) -> None:
    await onboard(app, users)
    await app.process_update(users.message("/settings"))
    await app.process_update(users.press("onb:change:level"))
    await app.process_update(users.press("onb:level:2"))


async def test_level_three_learners_are_told_why_there_is_no_mock_yet(harness: Any) -> None:
    app, request, users = harness
    await onboard(app, users)  # Level 3: ST0071, whose areas are not confirmed
    await app.process_update(users.message("/mock"))
    assert "could not be confirmed" in request.last_text()


async def test_a_mock_from_length_to_report(harness: Any) -> None:
    app, request, users = harness
    await level_two(app, users)
    request.clear()
    await app.process_update(users.message("/mock"))
    assert buttons(request.sent()[-1]) == ["mock:len:20", "mock:len:40", "mock:len:60"]
    await app.process_update(users.press("mock:len:20"))
    assert "Mock professional discussion: 20 minutes" in request.texts()[-2]
    question = request.sent()[-1]
    assert "Tell me about your role" in question["text"]
    sid = buttons(question)[0].split(":")[2]
    assert buttons(question) == [f"mock:next:{sid}:1", f"mock:pause:{sid}", f"mock:end:{sid}"]

    await app.process_update(users.message(ROLE))
    assert request.last_text().startswith("✍️")
    await app.process_update(users.message("/done"))
    after = request.last_text()
    assert "Talk me through the products" in after
    # No marks during the mock.
    assert "Grade" not in after and "Pass" not in after and "score" not in after.lower()

    # /cancel pauses; text while paused goes to practice, not the mock.
    await app.process_update(users.message("/cancel"))
    assert "Mock paused." in request.last_text()
    await app.process_update(users.message("/mock"))
    assert buttons(request.sent()[-1]) == [f"mock:resume:{sid}", f"mock:end:{sid}"]
    await app.process_update(users.press(f"mock:resume:{sid}"))
    assert "Talk me through the products" in request.last_text()
    # A Next button from the first question is stale now.
    await app.process_update(users.press(f"mock:next:{sid}:1"))
    assert "earlier question" in request.last_text()

    await app.process_update(users.message(ANSWER))
    await app.process_update(users.press(f"mock:end:{sid}"))
    report = request.last_text()
    assert "Readiness report: ST0072 Customer service practitioner" in report
    assert "Evidenced, in your words" in report and "Consumer Rights Act 2015" in report
    assert "Not yet evidenced" in report and "Team working" in report
    assert "Practise next" in report
    await app.process_update(users.message("/mock"))
    assert buttons(request.sent()[-1]) == ["mock:len:20", "mock:len:40", "mock:len:60"]


async def test_practice_still_works_outside_a_mock(harness: Any) -> None:
    app, request, users = harness
    await level_two(app, users)
    await app.process_update(users.message("/practice"))
    await app.process_update(users.press("prac:topic:rules_and_law"))
    await app.process_update(users.message(ANSWER))
    await app.process_update(users.message("/done"))
    assert any("Grade" in t for t in request.texts())


async def test_examdate_sets_counts_and_refuses_kindly(harness: Any) -> None:
    app, request, users = harness
    await level_two(app, users)
    await app.process_update(users.message("/examdate"))
    assert "haven't given your assessment date" in request.last_text()
    await app.process_update(users.message("/examdate 31 February"))
    assert "not a real date" in request.last_text()
    await app.process_update(users.message("/examdate 2026-11-22"))
    assert "Sunday 22 November 2026</b>, in 20 days" in request.last_text()
    await app.process_update(users.message("/settings"))
    assert "Assessment date: Sunday 22 November 2026" in request.last_text()
    assert "Standard: ST0072 Customer service practitioner (from your level)" in request.last_text()
    assert "exam:menu" in buttons(request.sent()[-1])
    await app.process_update(users.message("/examdate off"))
    assert "cleared" in request.last_text()


async def test_the_standard_is_chosen_in_settings(harness: Any) -> None:
    app, request, users = harness
    await onboard(app, users)  # Level 3
    await app.process_update(users.press("exam:menu"))
    assert "ST0071 Customer service specialist (from your level)" in request.last_text()
    assert buttons(request.sent()[-1]) == ["exam:std:st0072", "exam:std:st0071", "exam:std:auto"]
    await app.process_update(users.press("exam:std:st0072"))
    assert "Your standard: <b>ST0072 Customer service practitioner</b>" in request.last_text()
    await app.process_update(users.message("/mock"))
    assert buttons(request.sent()[-1]) == ["mock:len:20", "mock:len:40", "mock:len:60"]


async def test_practice_during_a_mock_pauses_it_so_answers_go_to_practice(harness: Any) -> None:
    app, request, users = harness
    await level_two(app, users)
    await app.process_update(users.message("/mock 20"))
    await app.process_update(users.message("/practice"))
    await app.process_update(users.press("prac:topic:rules_and_law"))
    assert any("paused while you practise" in t for t in request.texts())
    await app.process_update(users.message(ANSWER))
    await app.process_update(users.message("/done"))
    assert any("Grade" in t for t in request.texts())
    await app.process_update(users.message("/mock"))
    assert buttons(request.sent()[-1])[0].startswith("mock:resume:")


async def test_the_last_report_can_be_read_again(harness: Any) -> None:
    app, request, users = harness
    await level_two(app, users)
    await app.process_update(users.message("/mock report"))
    assert "haven't finished a mock yet" in request.last_text()
    await app.process_update(users.message("/mock 20"))
    await app.process_update(users.message(ROLE))
    await app.process_update(users.message("/mock end"))
    first = request.last_text()
    await app.process_update(users.message("/mock report"))
    assert request.last_text() == first and "Readiness report" in first


async def test_a_mock_message_run_again_after_a_crash_gets_its_status_line(harness: Any, services) -> None:
    """The first run stored the message and died before its status line went out; the run again
    (bot.app.inbox) used to say nothing, leaving the learner no sign the words were taken."""
    app, request, users = harness
    await level_two(app, users)
    await app.process_update(users.message("/mock 20"))
    learner = await services.practice.learner(key="tg:42")
    message = users.message(ROLE)
    assert message.message is not None
    await services.mock.add_text(learner.id, ROLE, message_id=message.message.message_id)
    request.clear()
    await app.process_update(message)
    assert request.last_text().startswith("✍️")
    view = await services.mock.current(learner.id)
    assert view is not None and view.words == len(ROLE.split())  # stored once, not twice
    # Once its status line went out, the same message run again sends no second one.
    request.clear()
    again = Update.de_json({"update_id": 10**6, "message": message.message.to_dict()}, app.bot)
    assert again is not None
    await app.process_update(again)
    assert request.sent() == []


async def test_mock_end_or_pause_with_none_running_says_so(harness: Any) -> None:
    """They showed the "How long?" menu, as if asked to start one."""
    app, request, users = harness
    await level_two(app, users)
    for command in ("/mock end", "/mock pause"):
        request.clear()
        await app.process_update(users.message(command))
        assert request.texts() == ["There is no mock running. Send /mock to start one."]
