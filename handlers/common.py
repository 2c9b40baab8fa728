"""Helpers shared by the handlers: the services, the learner behind an update, replying."""

from __future__ import annotations

import contextlib
import html
import re
from typing import Any

from telegram import Message, Update
from telegram.error import BadRequest, TelegramError

from bot.app.services import Services
from bot.render.answers import short
from handlers import texts
from handlers.callback import Callback
from handlers.context import Context
from storage.models import AnswerMode, Learner


def services(context: Context) -> Services:
    return context.bot_data.services


async def learner_for(update: Update, context: Context, *, start: bool = False) -> Learner:
    """The learner behind the update. Only /start (`start=True`) makes one; anything else from
    someone with no record (never started, or erased by /deleteme) raises NotStarted, which the
    error handler answers kindly (handlers.errors), so nothing about them is stored again."""
    user = update.effective_user
    assert user is not None  # every handler here is registered for user updates only
    practice, key, name = context.services.practice, f"tg:{user.id}", user.first_name or ""
    if start:
        return await practice.learner(key=key, telegram_user_id=user.id, first_name=name)
    return await practice.known_learner(key=key, first_name=name)


async def reply(
    update: Update, context: Context, text: str, **kwargs: Any
) -> Message | None:
    """Answer in the chat the update came from (as HTML, the application's default)."""
    chat = update.effective_chat
    if chat is None:
        return None
    return await context.bot.send_message(chat.id, text, **kwargs)  # HTML: the application's Defaults


async def reply_live(
    update: Update, context: Context, text: str, **kwargs: Any
) -> Message | None:
    """A reply whose buttons belong to the current question (a topic menu, the feedback and
    what follows it): remembered, so that they close when the next question is asked."""
    sent = await reply(update, context, text, **kwargs)
    if sent is not None and context.user_data is not None:
        context.user_data.live_keyboards.append((sent.chat_id, sent.message_id))
    return sent


async def close_live_keyboards(context: Context) -> None:
    """The moment of the earlier buttons has passed: remove them (best effort; a press on one
    that stays, after a restart say, is still recognised as old by its handler)."""
    if context.user_data is None:
        return
    live, context.user_data.live_keyboards = context.user_data.live_keyboards, []
    for chat_id, message_id in live:
        with contextlib.suppress(TelegramError):
            await context.bot.edit_message_reply_markup(chat_id, message_id, reply_markup=None)


async def close_buttons(update: Update) -> None:
    """Remove the keyboard a button was pressed on: one answer per question, so a second press
    cannot act twice. If the message is gone or has no buttons left, carry on regardless."""
    query = update.callback_query
    if query is not None and query.message is not None:
        with contextlib.suppress(TelegramError):
            await query.edit_message_reply_markup(reply_markup=None)


# How much of a transcript a message quotes: a 3-minute voice note is some 2,500 characters, and
# every message fits one phone screen; the whole of it is in the answer (and in /details).
HEARD_START, HEARD_END = 170, 70


def quote_heard(heard: str) -> str:
    """What a voice note was heard as, escaped, for the "I heard" line and its replies: whole
    when short, else its start and its end, so the learner can still tell which part it is."""
    heard = " ".join(heard.split())
    if len(heard) > HEARD_START + HEARD_END:
        start = heard[:HEARD_START].rsplit(" ", 1)[0]
        end = heard[-HEARD_END:].split(" ", 1)[-1]
        heard = f"{start} … {end}"
    return html.escape(heard)


def correcting(update: Update, context: Context) -> int | None:
    """The part a reply to a voice note's "I heard" status line replaces (its voice note's
    message id, kept in user_data.voice_heard when the line was sent), or None."""
    message = update.effective_message
    heard = context.user_data.voice_heard if context.user_data else None
    if message is None or heard is None or message.reply_to_message is None:
        return None
    return heard[1] if message.reply_to_message.message_id == heard[0] else None


async def take_press(
    update: Update, kind: Callback, *, close: bool = True, notice: str | None = None
) -> re.Match[str] | None:
    """Match a pressed button's data against its kind (a button with empty data reaches every
    handler, so check again), answer the press (with `notice`, if given) and, unless `close` is
    False (a menu that edits itself in place), close its keyboard. An unknown press gets a kind
    alert and None. A press answered too late (Telegram forgets a press after a while: a
    restart in between) is still acted on."""
    query = update.callback_query
    assert query is not None
    found = kind.match(query.data)
    with contextlib.suppress(BadRequest):
        await (query.answer(notice) if found else query.answer(texts.UNKNOWN_BUTTON, show_alert=True))
    if found is not None and close:
        await close_buttons(update)
    return found


async def replace_message(
    update: Update, context: Context, text: str, **kwargs: Any
) -> None:
    """Show `text` in place of the message a button was pressed on (its keyboard goes with it,
    unless `reply_markup` gives a new one); a new message when there is nothing to edit.
    A choice echoed where it was made keeps the chat short on a phone."""
    query = update.callback_query
    if query is not None and query.message is not None:
        try:
            await query.edit_message_text(text, **kwargs)
            return
        except TelegramError as exc:
            if "not modified" in str(exc).lower():
                return
    await reply(update, context, text, **kwargs)


async def answer_in_progress(update: Update, context: Context, learner_id: int) -> bool:
    """True (and says so) when an answer with words in it is open that this press would drop."""
    current = await context.services.practice.current(learner_id)
    if current is None or current.words == 0 or current.mode == AnswerMode.PROBE:
        return False
    await reply(update, context, texts.ANSWER_IN_PROGRESS.format(
        words=current.words, question=html.escape(short(current.prompt.text))))
    return True
