"""Helpers shared by the handlers: the services, the learner behind an update, replying."""

from __future__ import annotations

import contextlib
from typing import Any

from telegram import Update
from telegram.error import TelegramError

from bot.app.services import Services
from handlers.context import Context
from storage.models import Learner


def services(context: Context) -> Services:
    return context.bot_data.services


async def learner_for(update: Update, context: Context) -> Learner:
    user = update.effective_user
    assert user is not None  # every handler here is registered for user updates only
    return await context.services.practice.learner(
        key=f"tg:{user.id}", telegram_user_id=user.id, first_name=user.first_name or ""
    )


async def reply(
    update: Update, context: Context, text: str, **kwargs: Any
) -> None:
    """Answer in the chat the update came from (as HTML, the application's default)."""
    chat = update.effective_chat
    if chat is None:
        return
    await context.bot.send_message(chat.id, text, **kwargs)  # HTML: the application's Defaults


async def close_buttons(update: Update) -> None:
    """Remove the keyboard a button was pressed on: one answer per question, so a second press
    cannot act twice. If the message is gone or has no buttons left, carry on regardless."""
    query = update.callback_query
    if query is not None and query.message is not None:
        with contextlib.suppress(TelegramError):
            await query.edit_message_reply_markup(reply_markup=None)


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
