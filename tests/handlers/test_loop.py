"""The loop around an answer, offline: onboarding, settings, topics, probes, retries, model
answers, stop, the quiet status line and duplicate deliveries."""

from __future__ import annotations

import pytest

from bot.app.services import Services
from storage import queries
from tests.handlers.test_practice_flow import ask, buttons, feedback_text, onboard

WEAK_ANSWER = "A customer was upset about a late parcel. I said sorry and sent a new one."


async def test_onboarding_records_each_choice(harness, services: Services) -> None:
    app, request, users = harness
    await app.process_update(users.message("/start"))
    await app.process_update(users.press("onb:privacy:yes"))
    assert buttons(request.sent()[-1])[0] == "onb:level:2"
    await app.process_update(users.press("onb:level:4"))
    assert "onb:sector:finance" in buttons(request.sent()[-1])
    await app.process_update(users.press("onb:sector:finance"))
    await app.process_update(users.press("onb:tz:other"))
    await app.process_update(users.message("Mars/Base"))
    assert "not a time zone" in request.last_text()
    await app.process_update(users.message("america/new_york"))
    assert "daily nudge" in request.last_text()
    await app.process_update(users.press("onb:rem:1800"))
    assert "all set" in request.last_text()
    learner = await services.practice.learner(key="tg:42")
    assert (learner.level, learner.sector, learner.timezone) == (4, "finance", "America/New_York")
    assert learner.privacy_accepted_at is not None and learner.onboarding_step is None
    status = await services.reminders.status(learner.id)
    assert status.enabled and status.local_time == "18:00"


async def test_timezone_typed_from_settings_does_not_reopen_onboarding(harness, services) -> None:
    app, request, users = harness
    await onboard(app, users)
    await app.process_update(users.message("/settings"))
    await app.process_update(users.press("onb:change:tz"))
    await app.process_update(users.press("onb:tz:other"))
    await app.process_update(users.message("Asia/Dubai"))
    assert "all set" in request.last_text()
    learner = await services.practice.learner(key="tg:42")
    assert learner.timezone == "Asia/Dubai" and learner.onboarding_step is None
    await app.process_update(users.message("an answer line"))  # not taken as a time zone
    assert "/practice" in request.last_text()


async def test_practice_before_consent_asks_for_it(harness) -> None:
    app, request, users = harness
    await app.process_update(users.message("/practice"))
    assert any("privacy notice" in t for t in request.texts())
    assert buttons(request.sent()[-1]) == ["onb:privacy:yes", "onb:privacy:no"]


async def test_settings_change_sector(harness, services: Services) -> None:
    app, request, users = harness
    await onboard(app, users)
    await app.process_update(users.message("/settings"))
    assert "Retail" in request.last_text()
    await app.process_update(users.press("onb:change:sector"))
    await app.process_update(users.press("onb:sector:energy"))
    learner = await services.practice.learner(key="tg:42")
    assert learner.sector == "energy"


async def test_settings_change_nation_is_stored_shown_exported_and_judged_by(harness, services) -> None:
    app, request, users = harness
    await onboard(app, users)
    await app.process_update(users.message("/settings"))
    assert "Nation: not set" in request.last_text()
    assert "onb:change:nation" in buttons(request.sent()[-1])
    await app.process_update(users.press("onb:change:nation"))
    assert buttons(request.sent()[-1]) == [
        "onb:nation:england", "onb:nation:wales", "onb:nation:scotland", "onb:nation:northern_ireland",
    ]
    await app.process_update(users.press("onb:nation:northern_ireland"))
    learner = await services.practice.learner(key="tg:42")
    assert learner.nation == "northern_ireland" and learner.onboarding_step is None
    await app.process_update(users.message("/settings"))
    assert "Nation: Northern Ireland" in request.last_text()
    exported = await services.privacy.export(learner.id)
    assert exported["learner"]["nation"] == "northern_ireland"
    await ask(app, users)
    await app.process_update(users.message("I followed the Disability Discrimination Act 1995."))
    await app.process_update(users.message("/done"))
    attempts = (await services.privacy.export(learner.id))["attempts"]
    assert [a["result"]["nation"] for a in attempts] == ["northern_ireland"]


async def test_a_forged_nation_button_is_refused_kindly(harness, services) -> None:
    app, request, users = harness
    await onboard(app, users)
    await app.process_update(users.press("onb:nation:atlantis"))
    learner = await services.practice.learner(key="tg:42")
    assert learner.nation == "unknown"
    assert "button" in request.last_text().lower()


async def test_topics_offered_and_weakest_area_picks_an_untried_topic(harness, services) -> None:
    app, request, users = harness
    await onboard(app, users)
    await app.process_update(users.message("/practice"))
    offered = buttons(request.sent()[-1])
    assert "prac:topic:weak" in offered and "prac:topic:any" in offered
    assert {f"prac:topic:{t}" for t in services.content.topics} <= set(offered)
    await app.process_update(users.press("prac:topic:weak"))
    learner = await services.practice.learner(key="tg:42")
    status = await services.practice.current(learner.id)
    assert status is not None
    assert status.prompt.topic == min(services.content.topics)  # none tried: first by id


async def test_probe_answer_is_merged_and_shows_what_changed(harness, services) -> None:
    app, request, users = harness
    await onboard(app, users)
    await ask(app, users)
    await app.process_update(users.message(WEAK_ANSWER))
    await app.process_update(users.message("/done"))
    assert "The assessor asks:" in request.last_text()
    request.clear()
    await app.process_update(users.message(
        "I followed our complaints procedure and the Consumer Rights Act 2015 because the "
        "parcel was late, and as a result she rated us 5 out of 5."
    ))
    await app.process_update(users.message("/done"))
    text = feedback_text(request)
    assert "Since your last try" in text
    assert "Now named: Consumer Rights Act 2015" in text
    learner = await services.practice.learner(key="tg:42")
    async with services.sessions() as s:
        attempts = await queries.list_attempts(s, learner_id=learner.id)
    assert attempts[0].kind == "probe" and attempts[0].parent_id == attempts[1].id
    assert WEAK_ANSWER in attempts[0].text  # merged with the first answer
    assert attempts[0].score > attempts[1].score


async def test_try_again_model_answer_and_stop(harness, services) -> None:
    app, request, users = harness
    await onboard(app, users)
    await ask(app, users)
    await app.process_update(users.message(WEAK_ANSWER))
    await app.process_update(users.message("/done"))
    after = buttons(request.sent()[-1])
    retry = next(b for b in after if b.startswith("prac:retry:"))
    model = next(b for b in after if b.startswith("prac:model:"))

    await app.process_update(users.press(model))
    assert "Model answer outline" in request.last_text()
    assert request.last_text().count("•") >= 3

    await app.process_update(users.press(retry))
    assert "Try again" in request.texts()[-2]
    await app.process_update(users.message(WEAK_ANSWER + " Under the Equality Act 2010 I helped."))
    await app.process_update(users.message("/done"))
    assert "Now named: Equality Act 2010" in feedback_text(request)

    await app.process_update(users.press("prac:stop"))
    assert "Good work" in request.last_text()
    learner = await services.practice.learner(key="tg:42")
    assert await services.practice.current(learner.id) is None


async def test_retry_of_someone_elses_attempt_is_refused(harness, services) -> None:
    app, request, users = harness
    await onboard(app, users)
    await app.process_update(users.press("prac:retry:999999"))
    assert "earlier question" in request.last_text()


async def test_one_quiet_status_line(harness) -> None:
    app, request, users = harness
    await onboard(app, users)
    await ask(app, users)
    await app.process_update(users.message("first part"))
    first_id = None
    for call in request.calls:
        if call.method == "sendMessage" and "so far" in call.params["text"]:
            first_id = call
    await app.process_update(users.message("second part"))
    deleted = [c for c in request.calls if c.method == "deleteMessage"]
    assert len(deleted) == 1
    assert first_id is not None and first_id.params.get("disable_notification") is True


async def test_duplicate_update_is_handled_once(harness, services) -> None:
    app, _request, users = harness
    await onboard(app, users)
    await ask(app, users)
    update = users.message("only once please")
    await app.process_update(update)
    await app.process_update(update)  # Telegram delivered it again
    learner = await services.practice.learner(key="tg:42")
    status = await services.practice.current(learner.id)
    assert status is not None and status.parts == 1 and status.words == 3


async def test_commands_work_while_answering(harness) -> None:
    app, request, users = harness
    await onboard(app, users)
    await ask(app, users)
    await app.process_update(users.message("half an answer"))
    await app.process_update(users.message("/help"))
    assert "/practice" in request.last_text()
    await app.process_update(users.message("/cancel"))
    assert "3 words" in request.last_text()


@pytest.mark.parametrize("press", ["onb:level:3", "prac:topic:any"])
async def test_a_button_on_a_message_that_is_gone_still_works(harness, press) -> None:
    """Removing the pressed keyboard can fail (message deleted or too old); the press must
    still do its job, with no apology."""
    app, request, users = harness
    await onboard(app, users)
    await app.process_update(users.message("/settings"))
    request.failing.add("editMessageReplyMarkup")
    request.clear()
    await app.process_update(users.press(press))
    assert any(c.method == "editMessageReplyMarkup" for c in request.calls)
    assert request.texts(), "the press did nothing"
    assert not any("went wrong" in t for t in request.texts())
