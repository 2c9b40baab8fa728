"""The loop around an answer, offline: onboarding, settings, topics, probes, retries, model
answers, stop, the quiet status line and duplicate deliveries."""

from __future__ import annotations

import pytest

from bot.app.services import Services
from bot.app.settings import Settings
from storage import queries
from tests.handlers.flow import apologies, ask, buttons, details, feedback_text, last_shown, onboard

WEAK_ANSWER = "A customer was upset about a late parcel. I said sorry and sent a new one."


async def test_consent_brings_a_question_and_level_and_sector_come_before_the_first_feedback(
    harness, services: Services, settings: Settings
) -> None:
    app, request, users = harness
    await app.process_update(users.message("/start"))
    (welcome,) = request.texts()  # one message, the privacy notice in brief
    assert "Your privacy" in welcome and len(welcome) <= 600
    assert buttons(request.sent()[-1]) == ["onb:privacy:yes", "onb:privacy:no", "onb:read"]
    await app.process_update(users.press("onb:privacy:yes"))
    assert "first question" in request.last_text()  # one tap: a question, no command typed
    assert any(c.method == "editMessageText" and "agreed" in c.params["text"] for c in request.calls)
    learner = await services.practice.learner(key="tg:42")
    assert learner.timezone == settings.default_timezone  # not asked up front
    draft = await services.practice.current(learner.id)
    assert draft is not None and draft.prompt.topic == "service_foundations"

    await app.process_update(users.message(WEAK_ANSWER))
    request.clear()
    await app.process_update(users.message("/done"))
    assert "Before I mark it" in request.last_text() and "Which level" in request.last_text()
    assert buttons(request.sent()[-1]) == ["onb:level:2:s", "onb:level:3:s", "onb:level:4:s", "onb:level:5:s"]
    assert not any("Grade:" in t for t in request.texts())  # no feedback before the profile
    request.clear()
    await app.process_update(users.press("onb:level:4:s"))
    (edit,) = [c.params for c in request.calls if c.method == "editMessageText"]
    assert edit["text"].startswith("✓ Level 4") and "Which sector" in edit["text"]
    assert "onb:sector:finance:s" in buttons(edit)
    request.clear()
    await app.process_update(users.press("onb:sector:finance:s"))
    (edit,) = [c.params for c in request.calls if c.method == "editMessageText"]
    assert edit["text"].startswith("✓ Sector: Banking") and "Where do you work" in edit["text"]
    assert buttons(edit)[-1] == "onb:nation:northern_ireland:s"
    assert not any("Grade:" in t for t in request.texts())
    request.clear()
    await app.process_update(users.press("onb:nation:scotland:s"))
    (edit,) = [c.params for c in request.calls if c.method == "editMessageText"]
    assert edit["text"].startswith("✓ Level 4, Banking") and ", Scotland." in edit["text"]
    assert "/remind 18:30" in edit["text"]
    assert feedback_text(request)  # and now the feedback
    learner = await services.practice.learner(key="tg:42")
    assert (learner.level, learner.sector, learner.nation) == (4, "finance", "scotland")
    assert learner.privacy_accepted_at is not None and learner.onboarding_step is None
    request.clear()
    await ask(app, users)  # the second answer is marked at once
    await app.process_update(users.message(WEAK_ANSWER))
    await app.process_update(users.message("/done"))
    assert feedback_text(request) and not any("Which level" in t for t in request.texts())


async def test_the_time_zone_is_asked_with_a_reminder_and_settings_return_to_themselves(
    harness, services: Services
) -> None:
    app, request, users = harness
    await onboard(app, users)
    await app.process_update(users.message("/remind 18:00"))
    assert "Change time zone" in request.last_text()
    assert buttons(request.sent()[-1]) == ["onb:change:tz"]
    await app.process_update(users.press("onb:change:tz"))
    await app.process_update(users.press("onb:tz:other"))
    await app.process_update(users.message("Mars/Base"))
    assert "not a time zone" in request.last_text()
    await app.process_update(users.message("new york"))
    assert request.last_text().startswith("✓ Saved: time zone America/New_York")
    assert "Your settings" in request.last_text()
    learner = await services.practice.learner(key="tg:42")
    assert learner.timezone == "America/New_York" and learner.onboarding_step is None
    status = await services.reminders.status(learner.id)
    assert status.enabled and status.local_time == "18:00"
    await app.process_update(users.message("an answer line"))  # not taken as a time zone
    assert "Your settings" not in request.last_text()
    request.clear()
    await app.process_update(users.press("onb:level:5"))  # from /settings: back to /settings
    (edit,) = [c.params for c in request.calls if c.method == "editMessageText"]
    assert edit["text"].startswith("✓ Saved: Level 5") and "Your settings" in edit["text"]
    assert "onb:change:level" in buttons(edit)


async def test_typing_a_time_zone_keeps_the_profile_question_owed(harness, services) -> None:
    app, _, users = harness
    await app.process_update(users.message("/start"))
    await app.process_update(users.press("onb:privacy:yes"))
    await app.process_update(users.message("/settings"))
    await app.process_update(users.press("onb:tz:other"))
    await app.process_update(users.message("Toronto"))
    learner = await services.practice.learner(key="tg:42")
    assert learner.timezone == "America/Toronto" and learner.onboarding_step == "level"


async def test_an_answer_sent_while_a_time_zone_is_awaited_is_kept(harness, services) -> None:
    """After "Another" time zone, every message was taken as a zone: an answer went nowhere
    ("... is not a time zone I know") and /cancel said there was nothing to cancel."""
    app, request, users = harness
    await app.process_update(users.message("/start"))
    await app.process_update(users.press("onb:privacy:yes"))  # a question is open now
    await app.process_update(users.press("onb:tz:other"))
    request.clear()
    await app.process_update(users.message("Narnia"))  # a word or two: still taken as a zone
    assert "not a time zone I know" in request.last_text()
    request.clear()
    answer = "A customer wanted a refund, so I checked the Consumer Rights Act 2015 with my manager."
    await app.process_update(users.message(answer))
    assert any("time zone stays Europe/London" in t for t in request.texts())
    assert "words so far" in request.last_text()
    learner = await services.practice.learner(key="tg:42")
    async with services.sessions() as s:
        draft = await queries.get_draft(s, learner_id=learner.id)
    assert draft is not None and draft.text == answer
    assert learner.onboarding_step == "level"  # the profile question is still owed, no zone awaited


async def test_cancel_while_a_time_zone_is_awaited_stops_that_and_keeps_the_answer(
    harness, services
) -> None:
    app, request, users = harness
    await app.process_update(users.message("/start"))
    await app.process_update(users.press("onb:privacy:yes"))
    await app.process_update(users.message("Last week a customer asked for a refund."))
    await app.process_update(users.press("onb:tz:other"))
    request.clear()
    await app.process_update(users.message("/cancel"))
    assert "time zone stays Europe/London" in request.last_text()
    await app.process_update(users.message("Toronto"))  # no longer a zone: part of the answer
    learner = await services.practice.learner(key="tg:42")
    assert learner.timezone == "Europe/London"
    async with services.sessions() as s:
        draft = await queries.get_draft(s, learner_id=learner.id)
    assert draft is not None and draft.text == "Last week a customer asked for a refund.\nToronto"


async def test_practice_before_consent_asks_for_it(harness) -> None:
    """After /start (which makes the record: with none, /practice says to send /start and
    stores nothing, tests/handlers/test_deleted_learner.py), /practice asks for consent first."""
    app, request, users = harness
    await app.process_update(users.message("/start"))
    request.clear()
    await app.process_update(users.message("/practice"))
    (ask_consent,) = request.texts()
    assert "please agree" in ask_consent and len(ask_consent) <= 600
    assert buttons(request.sent()[-1]) == ["onb:privacy:yes", "onb:privacy:no", "onb:read"]
    request.clear()
    await app.process_update(users.press("onb:read"))
    (edit,) = [c.params for c in request.calls if c.method == "editMessageText"]
    assert "ico.org.uk" in edit["text"] and buttons(edit) == ["onb:privacy:yes", "onb:privacy:no"]


async def test_an_answer_typed_before_agreeing_gets_the_consent_question(harness) -> None:
    """Typed before agreeing, an answer was told "Send /practice", which then asked for consent:
    a detour a voice note never took. Now text asks for consent at once, and stores nothing."""
    app, request, users = harness
    await app.process_update(users.message("/start"))
    request.clear()
    await app.process_update(users.message("A customer wanted a refund for a faulty kettle."))
    (said,) = request.texts()
    assert "please agree" in said and "/practice" not in said
    assert buttons(request.sent()[-1]) == ["onb:privacy:yes", "onb:privacy:no", "onb:read"]


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
    await onboard(app, users, nation=None)
    await app.process_update(users.message("/settings"))
    assert "Nation: not set" in request.last_text()
    assert "onb:change:nation" in buttons(request.sent()[-1])
    await app.process_update(users.press("onb:change:nation"))
    assert buttons(last_shown(request)) == [
        "onb:nation:england", "onb:nation:wales", "onb:nation:scotland", "onb:nation:northern_ireland",
        "onb:settings",
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


async def test_the_model_answer_follows_the_learners_nation(harness, services) -> None:
    app, request, users = harness
    await onboard(app, users)
    await app.process_update(users.press("prac:model:rl_reasonable_adjustment"))
    assert "Equality Act 2010" in request.last_text()
    assert "Disability Discrimination Act 1995" not in request.last_text()
    await app.process_update(users.message("/settings"))
    await app.process_update(users.press("onb:change:nation"))
    await app.process_update(users.press("onb:nation:northern_ireland"))
    await app.process_update(users.press("prac:model:rl_reasonable_adjustment"))
    assert "Disability Discrimination Act 1995" in request.last_text()


async def test_a_forged_nation_button_is_refused_kindly(harness, services) -> None:
    app, request, users = harness
    await onboard(app, users, nation=None)
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
    summary = feedback_text(request)
    assert "Score " in summary and "→" in summary and "Well done" in summary
    text = await details(app, users, request)
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
    assert retry in buttons(request.sent()[-1])  # Try again stays after the outline

    await app.process_update(users.press(retry))
    assert "Try again" in request.last_text() and "STAR" in request.last_text()
    await app.process_update(users.message(WEAK_ANSWER + " Under the Equality Act 2010 I helped."))
    await app.process_update(users.message("/done"))
    assert "Equality Act 2010" in feedback_text(request)
    assert "Now named: Equality Act 2010" in await details(app, users, request)

    stop = next(b for b in buttons(request.sent()[-1]) if b.startswith("prac:stop"))
    await app.process_update(users.press(stop))
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
    request.failing.update({"editMessageReplyMarkup", "editMessageText"})
    request.clear()
    await app.process_update(users.press(press))
    assert any(c.method in request.failing for c in request.calls)
    assert request.texts(), "the press did nothing"
    assert not apologies(request)
