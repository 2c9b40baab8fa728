"""Voice notes in Telegram, offline, transcribed for real by the shipped engine (in a thread here;
the worker process is tested in tests/bot/voice)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

import pytest
from telegram import Message, Voice

from bot.app.services import Services
from bot.voice.service import VoiceLimits, VoiceService
from storage import queries
from tests.bot.voice.audio import clip
from tests.handlers.flow import ask, buttons, onboard
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
    # The mock's own status line counts the spoken words; practice never saw them.
    assert request.last_text().startswith(f"✍️ {len(HEARD.split())} words so far")
    await app.process_update(users.message("/done"))
    assert "Question 2" in request.last_text()  # handed in: the discussion moves on
