"""Voice notes in Telegram, offline, transcribed for real by the shipped engine (in a thread here;
the worker process is tested in tests/bot/voice)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

import pytest
from telegram import Message, Update, Voice

from bot.app.services import Services
from bot.voice.service import VoiceLimits, VoiceService
from handlers.common import quote_heard
from storage import mock_queries, queries
from tests.bot.voice.audio import clip
from tests.handlers.flow import ask, buttons, last_shown, onboard
from tests.handlers.test_mock import level_two

HEARD = "i listened to the customer and apologized for the delay"


@pytest.fixture
def voice_harness(harness: Any, services: Services) -> Any:
    services.voice = VoiceService(VoiceLimits(), executor=ThreadPoolExecutor(1))
    yield harness
    services.voice.close()


def voice_note(request: Any, users: Any, name: str = "listened_gb.ogg", **extra: Any) -> Any:
    data = clip(name)
    file_id = f"voice{len(request.files)}"
    request.files[file_id] = data
    note = Voice(file_id, f"u{file_id}", duration=4, mime_type="audio/ogg",
                 file_size=extra.pop("file_size", len(data)))
    return users.message(None, voice=note, **extra)


async def draft_text(services: Services) -> str:
    learner = await services.practice.learner(key="tg:42", telegram_user_id=42, first_name="Alex")
    async with services.sessions() as session:
        draft = await queries.get_draft(session, learner_id=learner.id)
    assert draft is not None
    return draft.text


async def test_a_voice_note_joins_the_answer_and_is_shown(voice_harness, services: Services) -> None:
    app, request, users = voice_harness
    await onboard(app, users)
    await ask(app, users)
    await app.process_update(users.message("A customer rang about a late refund."))
    request.clear()
    await app.process_update(voice_note(request, users))
    assert any(c.method == "sendChatAction" and c.params["action"] == "typing" for c in request.calls)
    status = request.sent()[-1]
    assert f"I heard: <i>{HEARD}</i>" in status["text"]
    assert "2 messages" in status["text"]
    assert any(d.startswith("prac:submit:") for d in buttons(status))
    assert await draft_text(services) == f"A customer rang about a late refund.\n{HEARD}"


async def test_a_reply_to_the_heard_line_corrects_it(voice_harness, services: Services) -> None:
    app, request, users = voice_harness
    await onboard(app, users)
    await ask(app, users)
    await app.process_update(voice_note(request, users))
    status = request.sent()[-1]
    # The learner swipes to reply to the status line (its id is the one stored with the draft).
    bot_message = users._stamp(
        Message(await _status_message_id(services), datetime.now(UTC), users.chat, text=status["text"])
    )
    fixed = "I listened to the customer and apologised for the delay in her refund."
    await app.process_update(users.message(fixed, reply_to_message=bot_message))
    assert await draft_text(services) == fixed
    assert "1 message" in request.sent()[-1]["text"]
    assert status["text"].startswith("🎙")


async def _status_message_id(services: Services) -> int:
    learner = await services.practice.learner(key="tg:42", telegram_user_id=42, first_name="Alex")
    async with services.sessions() as session:
        draft = await queries.get_draft(session, learner_id=learner.id)
    assert draft is not None and draft.status_message_id is not None
    return int(draft.status_message_id)


async def test_with_no_question_open_the_note_waits_for_a_topic(voice_harness, services: Services) -> None:
    app, request, users = voice_harness
    await onboard(app, users)
    await app.process_update(users.message("/cancel"))  # agreeing opened a first question
    request.clear()
    await app.process_update(voice_note(request, users))
    picked = request.sent()[-1]
    assert HEARD in picked["text"] and "no question open" in picked["text"]
    topic = next(d for d in buttons(picked) if d.startswith("prac:topic:"))
    await app.process_update(users.press(topic))
    assert "STAR" in request.texts()[-2]  # the question, then the status line with the transcript
    assert HEARD in request.last_text()
    assert await draft_text(services) == HEARD


async def test_a_note_too_large_is_refused_kindly(voice_harness, services: Services) -> None:
    app, request, users = voice_harness
    await onboard(app, users)
    await ask(app, users)
    request.clear()
    await app.process_update(voice_note(request, users, file_size=50_000_000))
    assert "larger than 10 MB" in request.last_text() and "type your answer" in request.last_text()
    assert not any(c.method == "getFile" for c in request.calls)


async def test_a_note_that_is_not_audio_is_refused_kindly(voice_harness, services: Services) -> None:
    app, request, users = voice_harness
    await onboard(app, users)
    await ask(app, users)
    request.files["bad"] = b"not audio"
    note = Voice("bad", "ubad", duration=1, mime_type="audio/ogg", file_size=9)
    request.clear()
    await app.process_update(users.message(None, voice=note))
    assert "could not read that recording" in request.last_text()
    assert await draft_text(services) == ""


async def test_a_voice_note_during_a_mock_is_part_of_its_answer(voice_harness: Any) -> None:
    app, request, users = voice_harness
    await level_two(app, users)
    await app.process_update(users.message("/mock"))
    await app.process_update(users.press("mock:len:20"))
    assert "Tell me about your role" in request.last_text()
    await app.process_update(voice_note(request, users))
    # The mock's own status line quotes and counts the spoken words; practice never saw them.
    assert request.last_text().startswith(f"🎙 I heard: <i>{HEARD}</i>")
    assert f"✍️ {len(HEARD.split())} words so far" in request.last_text()
    await app.process_update(users.message("/done"))
    assert "Question 2" in request.last_text()  # handed in: the discussion moves on


# -- Replace this part: the phone-friendly correction ------------------------------------------

TYPED = "A customer rang about a late refund."
FIXED = "I listened to the customer and apologised for the delay in her refund."


async def _spoken_after_typed(app: Any, request: Any, users: Any) -> dict[str, Any]:
    """A typed part, then a voice note; the "I heard" status line (its params)."""
    await onboard(app, users)
    await ask(app, users)
    await app.process_update(users.message(TYPED))
    await app.process_update(voice_note(request, users))
    return request.sent()[-1]


def _replace_button(status: dict[str, Any]) -> str:
    (data,) = [d for d in buttons(status) if d.startswith("voice:fix:")]
    return data


async def test_replace_this_part_then_typed_words_take_its_place(
    voice_harness: Any, services: Services
) -> None:
    app, request, users = voice_harness
    status = await _spoken_after_typed(app, request, users)
    assert "Replace this part" in status["text"]
    assert any(d.startswith("prac:submit:") for d in buttons(status))  # Submit stays one tap away
    on = await _status_message_id(services)
    await app.process_update(users.press(_replace_button(status), on_message_id=on))
    waiting = last_shown(request)
    assert "Send the right words now" in waiting["text"] and HEARD in waiting["text"]
    assert [d for d in buttons(waiting) if d.startswith("voice:keep:")]
    await app.process_update(users.message(FIXED))
    assert await draft_text(services) == f"{TYPED}\n{FIXED}"  # replaced, not added
    shown = request.last_text()
    assert "in place of part 2" in shown and "2 messages" in shown


async def test_a_new_voice_note_can_replace_the_part(voice_harness: Any, services: Services) -> None:
    app, request, users = voice_harness
    status = await _spoken_after_typed(app, request, users)
    await app.process_update(users.press(_replace_button(status)))
    await app.process_update(voice_note(request, users, name="refund_us.ogg"))
    again = request.sent()[-1]
    heard = again["text"].split("I heard: <i>", 1)[1].split("</i>", 1)[0]
    assert heard and heard != HEARD
    typed, spoken = (await draft_text(services)).split("\n", 1)
    assert typed == TYPED and quote_heard(spoken) == heard  # a long one quoted by start and end
    assert "in place of part 2" in again["text"]
    # The new transcript has its own Replace button: it can be corrected in turn.
    assert _replace_button(again) != _replace_button(status)


async def test_keep_what_i_said_leaves_it_and_the_next_message_is_added(
    voice_harness: Any, services: Services
) -> None:
    app, request, users = voice_harness
    status = await _spoken_after_typed(app, request, users)
    await app.process_update(users.press(_replace_button(status)))
    keep = next(d for d in buttons(last_shown(request)) if d.startswith("voice:keep:"))
    await app.process_update(users.press(keep))
    assert "I kept what I heard" in request.last_text()
    assert any(d.startswith("prac:submit:") for d in buttons(request.sent()[-1]))
    await app.process_update(users.message("Then I refunded her."))
    assert await draft_text(services) == f"{TYPED}\n{HEARD}\nThen I refunded her."


async def test_a_second_press_waits_kindly_and_changes_nothing(
    voice_harness: Any, services: Services
) -> None:
    app, request, users = voice_harness
    status = await _spoken_after_typed(app, request, users)
    await app.process_update(users.press(_replace_button(status)))
    await app.process_update(users.press(_replace_button(status)))
    assert "already waiting for the words to replace" in request.last_text()
    await app.process_update(users.message(FIXED))
    assert await draft_text(services) == f"{TYPED}\n{FIXED}"


async def test_a_stale_replace_button_loses_nothing(voice_harness: Any, services: Services) -> None:
    app, request, users = voice_harness
    status = await _spoken_after_typed(app, request, users)
    await app.process_update(users.message("/done"))  # submitted with the transcript in it
    assert "Grade:" in " ".join(request.texts())
    await app.process_update(users.press(_replace_button(status)))
    assert "no longer in an answer you're writing" in request.last_text()
    await ask(app, users)
    await app.process_update(users.message("A new answer."))
    assert await draft_text(services) == "A new answer."  # the old press armed nothing


async def test_a_part_replaced_already_is_not_replaced_twice(
    voice_harness: Any, services: Services
) -> None:
    app, request, users = voice_harness
    status = await _spoken_after_typed(app, request, users)
    await app.process_update(users.press(_replace_button(status)))
    await app.process_update(users.message(FIXED))
    await app.process_update(users.press(_replace_button(status)))  # the first transcript's button
    assert "replaced already" in request.last_text()
    await app.process_update(users.message("Then I refunded her."))
    assert await draft_text(services) == f"{TYPED}\n{FIXED}\nThen I refunded her."


async def test_a_voice_note_delivered_twice_is_added_once(voice_harness: Any, services: Services) -> None:
    app, request, users = voice_harness
    await onboard(app, users)
    await ask(app, users)
    update = voice_note(request, users)
    await app.process_update(update)
    await app.process_update(update)  # run again, as the inbox does after a crash inside it
    assert await draft_text(services) == HEARD


async def test_a_corrected_transcript_survives_an_edit_of_another_part(
    voice_harness: Any, services: Services
) -> None:
    """A reply correction is kept in the parts, so editing an earlier message keeps it."""
    app, request, users = voice_harness
    await onboard(app, users)
    await ask(app, users)
    first = users.message(TYPED)
    await app.process_update(first)
    await app.process_update(voice_note(request, users))
    status = request.sent()[-1]
    bot_message = users._stamp(
        Message(await _status_message_id(services), datetime.now(UTC), users.chat, text=status["text"])
    )
    await app.process_update(users.message(FIXED, reply_to_message=bot_message))
    assert await draft_text(services) == f"{TYPED}\n{FIXED}"
    edited = Message(first.message.message_id, datetime.now(UTC), users.chat, from_user=users.user,
                     text="A customer rang about a refund that was late.")
    await app.process_update(users._stamp(Update(9_000_001, edited_message=users._stamp(edited))))
    assert await draft_text(services) == f"A customer rang about a refund that was late.\n{FIXED}"


async def test_with_faster_whisper_the_note_is_heard_and_can_be_replaced(
    harness: Any, services: Services
) -> None:
    """VOICE_ENGINE=faster-whisper (the `whisper` extra's tiny.en model), end to end in Telegram."""
    services.voice = VoiceService(VoiceLimits(engine="faster-whisper"), executor=ThreadPoolExecutor(1))
    app, request, users = harness
    try:
        await onboard(app, users)
        await ask(app, users)
        await app.process_update(voice_note(request, users))
    finally:
        services.voice.close()
    status = request.sent()[-1]
    assert "I heard: <i>I listened to the customer" in status["text"]
    await app.process_update(users.press(_replace_button(status)))
    await app.process_update(users.message(FIXED))
    assert await draft_text(services) == FIXED


async def _mock_answer(services: Services) -> str:
    learner = await services.practice.learner(key="tg:42", telegram_user_id=42, first_name="Alex")
    async with services.sessions() as session:
        row = await mock_queries.open_mock(session, learner_id=learner.id)
    assert row is not None
    return row.answer


async def test_in_a_mock_the_transcript_can_be_replaced_too(voice_harness: Any, services: Services) -> None:
    app, request, users = voice_harness
    await level_two(app, users)
    await app.process_update(users.message("/mock"))
    await app.process_update(users.press("mock:len:20"))
    await app.process_update(users.message(TYPED))
    await app.process_update(voice_note(request, users))
    status = request.sent()[-1]
    assert "Replace this part" in status["text"]
    assert any(d.startswith("mock:next:") for d in buttons(status))
    await app.process_update(users.press(_replace_button(status)))
    assert "Send the right words now" in last_shown(request)["text"]
    await app.process_update(users.message(FIXED))
    assert await _mock_answer(services) == f"{TYPED}\n{FIXED}"
    assert "in place of the last part" in request.last_text()
    # Keep: armed again, then kept; the next message is added.
    await app.process_update(voice_note(request, users))
    again = request.sent()[-1]
    await app.process_update(users.press(_replace_button(again)))
    keep = next(d for d in buttons(last_shown(request)) if d.startswith("voice:keep:"))
    await app.process_update(users.press(keep))
    assert "I kept what I heard" in request.last_text()
    await app.process_update(users.message("Then I refunded her."))
    assert await _mock_answer(services) == f"{TYPED}\n{FIXED}\n{HEARD}\nThen I refunded her."
    # Handed in: that answer's button changes nothing.
    await app.process_update(users.message("/done"))
    assert "Question 2" in request.last_text()
    await app.process_update(users.press(_replace_button(again)))
    assert "no longer in an answer you're writing" in request.last_text()
    assert await _mock_answer(services) == ""
