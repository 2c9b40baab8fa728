"""The Telegram slice, offline: /start, /practice, answers in parts, Submit and /done, errors."""

from __future__ import annotations

from typing import Any

from telegram import Sticker

from bot.app.application import build_application
from bot.app.services import Services
from bot.app.settings import Settings
from storage import queries

# The shared steps live in tests/handlers/flow.py; other modules import them from here too.
from tests.handlers.flow import ANSWER, apologies, ask, buttons, details, feedback_text, onboard
from tests.handlers.offline import OfflineRequest, UpdateFactory


async def test_start_welcomes_and_asks_for_consent(harness) -> None:
    app, request, users = harness
    await app.process_update(users.message("/start"))
    (welcome,) = request.texts()  # one message: welcome and the privacy notice in brief
    assert "Hello Alex" in welcome and "STAR Coach" in welcome and "Your privacy" in welcome
    assert "/practice" not in welcome  # nothing to type before consent
    assert buttons(request.sent()[-1]) == ["onb:privacy:yes", "onb:privacy:no", "onb:read"]


async def test_name_is_escaped_in_html_replies(harness, services: Services) -> None:
    app, request, _ = harness
    users = UpdateFactory(app.bot, user_id=77, first_name="<b>Bo & Co</b>")
    await app.process_update(users.message("/start"))
    assert "&lt;b&gt;Bo &amp; Co&lt;/b&gt;" in request.texts()[0]


async def test_full_slice_practice_answer_in_parts_submit_button(harness, services: Services) -> None:
    app, request, users = harness
    await onboard(app, users)
    await ask(app, users)
    prompt_text = request.last_text()
    assert "STAR" in prompt_text

    half = len(ANSWER) // 2
    cut = ANSWER.rindex(" ", 0, half)
    await app.process_update(users.message(ANSWER[:cut]))
    first_status = request.sent()[-1]
    assert "1 message" in first_status["text"]
    await app.process_update(users.message(ANSWER[cut + 1 :]))
    status = request.sent()[-1]
    assert f"{len(ANSWER.split())} words" in status["text"]
    assert "2 messages" in status["text"]
    submit = next(d for d in buttons(status) if d.startswith("prac:submit:"))

    request.clear()
    await app.process_update(users.press(submit))
    summary = feedback_text(request)
    assert "Fix first" in summary or "Good:" in summary
    feedback = await details(app, users, request)
    assert "Consumer Rights Act 2015" in feedback
    assert "refund and returns policy" in feedback
    assert "Situation ✅" in feedback and "Result ✅" in feedback
    assert any(c.method == "answerCallbackQuery" for c in request.calls)

    # Stored: one attempt holding the whole answer; the answer draft is closed (what stays
    # open, if anything, is an empty reply to the assessor's follow-up probe).
    learner = await services.practice.learner(key="tg:42")
    async with services.sessions() as session:
        attempts = await queries.list_attempts(session, learner_id=learner.id)
        draft = await queries.get_draft(session, learner_id=learner.id)
    assert draft is None or (draft.mode == "probe" and draft.text == "")
    assert len(attempts) == 1
    assert attempts[0].text.replace("\n", " ") == ANSWER
    assert "Consumer Rights Act 2015" in {e["name"] for e in attempts[0].result["entities"]}


async def test_done_command_submits_too(harness) -> None:
    app, request, users = harness
    await onboard(app, users)
    await ask(app, users)
    await app.process_update(users.message(ANSWER))
    await app.process_update(users.message("/done"))
    assert "Consumer Rights Act 2015" in feedback_text(request)


async def test_done_without_a_question_says_how_to_start(harness) -> None:
    app, request, users = harness
    await app.process_update(users.message("/done"))
    assert "Send /start to begin" in request.last_text()  # no record yet: nothing stored
    await onboard(app, users)
    await app.process_update(users.message("/cancel"))  # the first question, dropped
    await app.process_update(users.message("/done"))
    assert "/practice" in request.last_text()


async def test_submit_of_empty_answer_is_refused_kindly(harness) -> None:
    app, request, users = harness
    await onboard(app, users)
    await ask(app, users)
    await app.process_update(users.message("/done"))
    assert "empty" in request.last_text()


async def test_text_without_a_question_points_to_practice(harness) -> None:
    """A learner who has agreed and has no question open (before agreeing, text asks for
    consent: test_loop)."""
    app, request, users = harness
    await onboard(app, users)
    await app.process_update(users.message("/cancel"))  # the first question, opened by agreeing
    await app.process_update(users.message("hello there"))
    assert "/practice" in request.last_text()


async def test_stale_submit_button_is_answered_kindly(harness) -> None:
    app, request, users = harness
    await onboard(app, users)
    await ask(app, users)
    await app.process_update(users.message(ANSWER))
    submit = next(d for d in buttons(request.sent()[-1]) if d.startswith("prac:submit:"))
    await app.process_update(users.press(submit))
    request.clear()
    await app.process_update(users.press(submit))  # the same button again
    assert "earlier question" in request.last_text()
    assert not any("Grade:" in t for t in request.texts())


async def test_unknown_button_gets_an_alert(harness) -> None:
    app, request, users = harness
    await app.process_update(users.press("zz:forged:payload"))
    answers = [c for c in request.calls if c.method == "answerCallbackQuery"]
    assert answers and "recognise" in answers[0].params["text"]


async def test_cancel_drops_the_draft(harness, services: Services) -> None:
    app, request, users = harness
    await onboard(app, users)
    await ask(app, users)
    await app.process_update(users.message("one two three"))
    await app.process_update(users.message("/cancel"))
    assert "3 words" in request.last_text()
    await app.process_update(users.message("/cancel"))
    assert "nothing to cancel" in request.last_text()


async def test_sticker_gets_typed_answers_explanation(harness) -> None:
    app, request, users = harness
    sticker = Sticker("f", "u", 512, 512, False, False, Sticker.REGULAR)
    await app.process_update(users.message(None, sticker=sticker))
    assert "typed" in request.last_text()


async def test_unknown_command_is_answered(harness) -> None:
    app, request, users = harness
    await app.process_update(users.message("/frobnicate"))
    assert "/help" in request.last_text()


async def test_help_lists_commands(harness) -> None:
    app, request, users = harness
    await app.process_update(users.message("/help"))
    for command in ("/practice", "/done", "/cancel", "/privacy"):
        assert command in request.last_text()


async def test_error_handler_logs_and_apologises(harness, monkeypatch, caplog) -> None:
    app, request, users = harness
    services: Services = app.bot_data.services

    async def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("database on fire")

    await onboard(app, users)
    monkeypatch.setattr(services.practice, "start", broken)
    await app.process_update(users.press("prac:topic:any"))
    assert apologies(request) == [request.last_text()]
    assert any(r.exc_info and "database on fire" in str(r.exc_info[1]) for r in caplog.records)


async def test_commands_menu_is_set_at_start(settings: Settings, services: Services) -> None:
    request = OfflineRequest()
    app = build_application(settings, services, request=request)
    async with app:
        await app.post_init(app)  # type: ignore[misc]
    commands = [c for c in request.calls if c.method == "setMyCommands"]
    assert commands
    names = {c["command"] for c in commands[0].params["commands"]}
    assert {"start", "practice", "done", "cancel", "help", "privacy", "settings"} <= names




async def test_a_mistyped_command_gets_the_close_one(harness) -> None:
    """UK learners write /practise; it got "I don't know that command" and nothing more."""
    app, request, users = harness
    await onboard(app, users)
    for typed, meant in (("/practise", "/practice"), ("/prgress 2", "/progress"), ("/remnid", "/remind")):
        request.clear()
        await app.process_update(users.message(typed))
        (said,) = request.texts()
        assert f"Did you mean {meant}?" in said and "/help" in said, said
    request.clear()
    await app.process_update(users.message("/xyzzy"))
    assert request.texts() == ["I don't know that command. Send /help to see what I can do."]
