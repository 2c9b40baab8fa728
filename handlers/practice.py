"""/practice, answer messages, Submit (/done), Cancel (/cancel), and what follows feedback.

Flow: /practice offers the topics ("my weakest area", "surprise me"); the chosen prompt opens a
draft in the database; each text message is added to it and acknowledged by one quiet status line
(the previous one is removed) with Submit and Cancel; Submit assesses the whole draft, stores the
attempt and sends the feedback. Then the assessor's follow-up probe, which the learner may answer
(merged into the attempt), and Try again / Model answer outline / Next question / Stop.
"""

from __future__ import annotations

import html
import logging
from datetime import UTC, datetime

from telegram import InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.practice.service import DraftStatus, PracticeError
from bot.render.feedback import HTML, render_prompt, render_status
from handlers import after_feedback, keyboards, mock, texts, voice_buttons
from handlers.answering import reask_profile, resend_lost_feedback, submit, typed_profile
from handlers.assignments import work_rows
from handlers.callback import Callback
from handlers.common import (
    answer_in_progress,
    close_live_keyboards,
    correcting,
    learner_for,
    quote_heard,
    reply,
    reply_live,
    take_press,
)
from handlers.consent import require_consent
from handlers.context import Context
from handlers.onboarding import cancel_typed_timezone, typed_timezone
from handlers.throttle import quiet
from storage.models import AnswerMode

log = logging.getLogger(__name__)


def as_utc(moment: datetime) -> datetime:
    """SQLite hands back naive UTC times; PostgreSQL aware ones."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


async def practice(update: Update, context: Context) -> None:
    """Offer the topics, with any work the learner's assessor set first."""
    learner = await require_consent(update, context)
    if learner is None:
        return
    assert learner.id is not None
    topics = keyboards.topics_keyboard(context.services.content)
    open_work = await context.services.assignments.open_for(learner.id)
    if open_work:
        markup = InlineKeyboardMarkup([*work_rows(open_work), *topics.inline_keyboard])
        await reply_live(update, context, texts.CHOOSE_TOPIC_WITH_WORK, reply_markup=markup)
        return
    await reply_live(update, context, texts.CHOOSE_TOPIC, reply_markup=topics)


async def _ask(
    update: Update, context: Context, *, topic: str | None = None,
    weakest: bool = False,
) -> None:
    svc = context.services
    learner = await require_consent(update, context)
    if learner is None:
        return
    assert learner.id is not None
    await mock.step_aside(update, context, learner.id)
    await close_live_keyboards(context)
    prompt = await svc.practice.start(learner.id, topic_id=topic, weakest=weakest)
    await reply(update, context, render_prompt(prompt, svc.content.topics[prompt.topic].title, HTML))
    pending = context.user_data.voice_pending if context.user_data else None
    if pending is not None and context.user_data is not None:
        # A voice note sent with no question open starts the answer to the question picked.
        context.user_data.voice_pending = None
        part, heard = pending
        status = await svc.practice.add_text(learner.id, heard, message_id=part)
        await show_status(update, context, learner.id, status, heard=heard, heard_part=part)


async def answer_text(update: Update, context: Context) -> None:
    """Add a message to the answer being written (or take a typed time zone)."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    svc = context.services
    learner = await learner_for(update, context)
    assert learner.id is not None
    if learner.privacy_accepted_at is None:
        # Nothing is stored before consent: ask for it (as /practice and a voice note do),
        # rather than "no question open, send /practice", which only asks for it next.
        await require_consent(update, context)
        return
    if await typed_timezone(update, context, learner, message.text):
        return
    if await mock.take_text(update, context, learner, message.text):
        return  # a mock discussion is running: the message is part of its answer
    if await typed_profile(update, context, learner, message.text):
        return  # "level 3" typed to the level question on screen, not more of the answer
    try:
        status = await svc.practice.add_text(
            learner.id, message.text, message_id=message.message_id,
            replacing=correcting(update, context),
        )
    except PracticeError as exc:
        await reply(update, context, html.escape(str(exc)))
        return
    if quiet(context) or status.repeated:
        return  # flooding (the status line can wait), or added and shown before a crash
    if await reask_profile(update, context, learner, status.words):
        return  # kept in the answer; the profile question on screen is asked again
    await show_status(update, context, learner.id, status, for_part=message.message_id)


async def show_status(
    update: Update, context: Context, learner_id: int, status: DraftStatus, note: str = "",
    *, for_part: int | None = None, heard: str | None = None, heard_part: int | None = None,
) -> None:
    """The one quiet status line under the answer being written (the previous one removed).
    After a voice note it quotes what was heard, with "Replace this part" (handlers.voice) for
    the voice note `heard_part`; a reply to it replaces that part too (see `correcting`)."""
    svc = context.services
    text = render_status(status.words, status.parts)
    if status.replaced is not None:
        text = f"{texts.REPLACED.format(number=status.replaced)}\n{text}"
    elif status.replace_missed:
        text = f"{texts.REPLACE_MISSED}\n{text}"
    if status.truncated:
        text = f"{texts.TRUNCATED}\n{text}"
    if update.update_id in context.bot_data.cleaned:
        text = f"{texts.CLEANED}\n{text}"
    if note:
        text = f"{note}\n{text}"
    if heard is not None:
        text = f"{texts.VOICE_HEARD.format(heard=quote_heard(heard))}\n{text}"
    chat = update.effective_chat
    assert chat is not None
    markup = keyboards.draft_keyboard(status.prompt.id, status.token)
    if heard_part is not None:
        markup = InlineKeyboardMarkup([*markup.inline_keyboard, voice_buttons.replace_row(heard_part)])
    sent = await context.bot.send_message(
        chat.id, text, disable_notification=True, reply_markup=markup,
    )
    if context.user_data is not None:
        context.user_data.voice_heard = None if heard_part is None else (sent.message_id, heard_part)
    previous = await svc.practice.set_status_message(learner_id, sent.message_id, for_part=for_part)
    if previous is not None:
        # One quiet status line at the bottom of the chat, not one per message.
        try:
            await context.bot.delete_message(chat.id, previous)
        except TelegramError:
            log.debug("Old status line %s already gone", previous)


async def done(update: Update, context: Context) -> None:
    """/done: submit the answer for feedback (or, in a mock, hand the answer in)."""
    if await mock.take_done(update, context):
        return
    await submit(update, context)


async def cancel(update: Update, context: Context) -> None:
    """/cancel: drop the answer being written (a running mock is paused instead); always gets
    the learner out."""
    learner = await learner_for(update, context)
    assert learner.id is not None
    if await cancel_typed_timezone(update, context, learner):
        return  # only the time zone being typed: the answer stays
    if await mock.take_cancel(update, context):
        return
    dropped = await context.services.practice.cancel(learner.id)
    if dropped is None or (dropped.mode == AnswerMode.PROBE and dropped.words == 0):
        await reply(update, context, texts.NOTHING_TO_CANCEL)
    else:
        await reply(update, context, texts.CANCELLED.format(words=dropped.words))


async def _draft_press(update: Update, context: Context, kind: Callback) -> int | None:
    """The learner, if the Submit or Cancel pressed belongs to the answer open now; otherwise
    the feedback a crash may have lost is sent again, or the press is explained."""
    found = await take_press(update, kind)
    if found is None:
        return None
    learner = await learner_for(update, context)
    assert learner.id is not None
    current = await context.services.practice.current(learner.id)
    if current is None or (current.prompt.id, str(current.token)) != (found["prompt"], found["token"]):
        if not await resend_lost_feedback(update, context, learner.id):
            await reply(update, context, texts.STALE_BUTTON)
        return None
    return learner.id


async def submit_button(update: Update, context: Context) -> None:
    if await _draft_press(update, context, keyboards.SUBMIT) is not None:
        await submit(update, context)


async def cancel_button(update: Update, context: Context) -> None:
    if await _draft_press(update, context, keyboards.CANCEL) is not None:
        await cancel(update, context)


async def topic_button(update: Update, context: Context) -> None:
    """A topic from the menu, "My weakest area" or "Surprise me": its first question."""
    found = await take_press(update, keyboards.TOPIC)
    if found is None:
        return
    svc = context.services
    learner = await learner_for(update, context)
    assert learner.id is not None
    topic = found["topic"]
    if topic not in svc.content.topics and topic not in (keyboards.WEAKEST, keyboards.ANY):
        await reply(update, context, texts.STALE_BUTTON)
        return
    current = await svc.practice.current(learner.id)
    query = update.callback_query
    sent = query.message.date if query is not None and query.message is not None else None
    if (current is not None and current.started_at is not None and sent is not None
            and sent < as_utc(current.started_at)
            and await answer_in_progress(update, context, learner.id)):
        return  # a menu older than the answer being written: keep the answer
    await _ask(
        update, context, topic=topic if topic in svc.content.topics else None,
        weakest=topic == keyboards.WEAKEST,
    )


def handlers() -> list[BaseHandler]:
    """/practice, /done, /cancel, and the `prac:` buttons (those under the feedback are
    handlers.after_feedback's)."""
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("practice", practice, filters=private),
        CommandHandler("done", done, filters=private),
        CommandHandler("cancel", cancel, filters=private),
        CallbackQueryHandler(submit_button, pattern=keyboards.SUBMIT.pattern),
        CallbackQueryHandler(cancel_button, pattern=keyboards.CANCEL.pattern),
        CallbackQueryHandler(topic_button, pattern=keyboards.TOPIC.pattern),
        *after_feedback.handlers(),
    ]


async def unknown_button(update: Update, context: Context) -> None:
    """Any button this version does not know (an old message, or a malformed payload)."""
    query = update.callback_query
    assert query is not None
    await query.answer(texts.UNKNOWN_BUTTON, show_alert=True)
