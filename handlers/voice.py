"""Voice notes, audio files and video notes as answers.

The recording is downloaded into memory, transcribed on this machine by bot.voice (in a worker
process, never on the event loop) and dropped: only the transcript is kept, as part of the answer.
The status line quotes what was heard, with Submit, Cancel and "Replace this part"
(voice_buttons.VOICE_FIX, the part being the voice note's message id): after that press the
learner's next message, typed or spoken, takes the transcript's place in the answer instead of
being added ("Keep what I said", voice_buttons.VOICE_KEEP, changes their mind). A reply to the
status line with the right words does the same in one step. A press on a part that has gone
(submitted, cancelled, replaced) changes nothing and says so. With no question open the transcript
waits for the learner to pick one (and is shown in the chat, so it is never lost).
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging

from telegram import Update
from telegram.constants import ChatAction
from telegram.error import TelegramError
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.practice.service import Arm, NoDraft, PracticeError
from bot.voice.decode import AudioError
from bot.voice.service import VoiceBusy
from handlers import keyboards, mock, texts, voice_buttons
from handlers.callback import Callback
from handlers.common import correcting, learner_for, quote_heard, replace_message, reply, take_press
from handlers.consent import require_consent
from handlers.context import Context
from handlers.practice import show_status
from storage.models import Learner

log = logging.getLogger(__name__)


async def _keep_typing(context: Context, chat_id: int) -> None:
    """Telegram shows "typing" for about 5 seconds; renew it while the recogniser works."""
    while True:
        with contextlib.suppress(TelegramError):
            await context.bot.send_chat_action(chat_id, ChatAction.TYPING)
        await asyncio.sleep(4)


async def voice(update: Update, context: Context) -> None:
    """Transcribe a voice note (or audio file, or video note) and add it to the answer."""
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None:
        return
    media = message.voice or message.audio or message.video_note
    if media is None:
        return
    learner = await require_consent(update, context)
    if learner is None:
        return
    assert learner.id is not None
    svc = context.services
    typing = asyncio.create_task(_keep_typing(context, chat.id))
    try:
        svc.voice.check_size(media.file_size)
        file = await context.bot.get_file(media.file_id)
        audio = bytes(await file.download_as_bytearray())
        transcript = await svc.voice.transcribe(audio)
        del audio  # the transcript is the answer; the recording is not kept
    except (AudioError, VoiceBusy) as exc:
        await reply(update, context, texts.VOICE_FAILED.format(reason=html.escape(str(exc))))
        return
    except TelegramError:
        log.warning("Could not download a voice note", exc_info=True)
        await reply(update, context, texts.VOICE_FAILED.format(reason="I could not fetch it."))
        return
    finally:
        typing.cancel()
    heard = transcript.text
    if not heard:
        await reply(update, context, texts.VOICE_EMPTY)
        return
    if await mock.take_text(update, context, learner, heard, spoken=True):
        return  # a mock discussion is running: what was said is part of its answer
    try:
        status = await svc.practice.add_text(
            learner.id, heard, message_id=message.message_id, replacing=correcting(update, context)
        )
    except NoDraft:
        if context.user_data is not None:
            context.user_data.voice_pending = (message.message_id, heard)
        await reply(
            update, context, texts.VOICE_PICK_QUESTION.format(heard=quote_heard(heard)),
            reply_markup=keyboards.topics_keyboard(svc.content),
        )
        return
    except PracticeError as exc:
        await reply(update, context, html.escape(str(exc)))
        return
    if status.repeated:
        return  # added and shown before a crash (the update is being run again)
    await show_status(
        update, context, learner.id, status, for_part=message.message_id, heard=heard,
        heard_part=message.message_id,
    )


async def _part_pressed(update: Update, context: Context, kind: Callback) -> tuple[Learner, int] | None:
    """Replace this part or Keep what I said: the learner and the part (its voice note's
    message id) the button is for; None for an unknown press (answered kindly)."""
    found = await take_press(update, kind)
    if found is None:
        return None
    return await learner_for(update, context), int(found["part"])


async def replace_button(update: Update, context: Context) -> None:
    """Replace this part: the next message, typed or spoken, takes the part's place (in the
    practice answer, or in the mock's answer while a mock is running)."""
    if (pressed := await _part_pressed(update, context, voice_buttons.VOICE_FIX)) is None:
        return
    learner, part = pressed
    assert learner.id is not None
    svc = context.services
    answer = svc.mock if learner.mock_running else svc.practice
    outcome, heard = await answer.arm_replace(learner.id, part)
    if outcome == Arm.GONE:
        await reply(update, context, texts.REPLACE_GONE)
    elif outcome == Arm.ALREADY:
        await reply(update, context, texts.REPLACE_ALREADY.format(heard=quote_heard(heard)))
    else:
        await replace_message(
            update, context, texts.REPLACE_WAITING.format(heard=quote_heard(heard)),
            reply_markup=voice_buttons.keep_keyboard(part),
        )


async def keep_button(update: Update, context: Context) -> None:
    """Keep what I said: the part stays, and the next message is added as usual."""
    if (pressed := await _part_pressed(update, context, voice_buttons.VOICE_KEEP)) is None:
        return
    learner, part = pressed
    assert learner.id is not None
    if learner.mock_running:
        view = await context.services.mock.keep_part(learner.id, part)
        if view is not None:
            await mock.show_status(update, context, learner.id, view, note=texts.REPLACE_KEPT)
            return
    else:
        status = await context.services.practice.keep_part(learner.id, part)
        if status is not None:
            await show_status(update, context, learner.id, status, note=texts.REPLACE_KEPT)
            return
    await reply(update, context, texts.REPLACE_GONE)


def handlers() -> list[BaseHandler]:
    return [
        CallbackQueryHandler(replace_button, pattern=voice_buttons.VOICE_FIX.pattern),
        CallbackQueryHandler(keep_button, pattern=voice_buttons.VOICE_KEEP.pattern),
    ]
