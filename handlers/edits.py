"""Edited messages. Telegram sends an edit as a new update carrying the same message id; before,
it was added to the answer as one more part (the typo and its fix both submitted), landed in the
next question's answer when the message belonged to an older one, and an edit into "/cancel"
ran the command and dropped the draft.

Now an edit of a message that is a part of the answer being written replaces that part (the
status line says which); an edit of anything else is left as it was, with a kind note (during a
mock, one that says to send the correction as a new message); and an edit never runs a command.
This runs before every other handler and stops the update there.
"""

from __future__ import annotations

import html

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from handlers import texts
from handlers.common import learner_for, reply
from handlers.context import Context
from handlers.practice import show_status


async def edited(update: Update, context: Context) -> None:
    try:
        await _edited(update, context)
    finally:
        raise ApplicationHandlerStop


async def _edited(update: Update, context: Context) -> None:
    message = update.edited_message
    if message is None or update.effective_user is None:
        return
    text = message.text
    if text is not None and text.lstrip().startswith("/"):
        command = text.split()[0]
        await reply(update, context, texts.EDIT_NOT_A_COMMAND.format(command=html.escape(command)))
        return
    learner = await learner_for(update, context)
    status = None
    if text is not None and learner.id is not None:
        status = await context.services.practice.replace_part(learner.id, message.message_id, text)
    if status is None or learner.id is None:
        # A running mock keeps no message ids per part (bot.mock), so its parts cannot be edited.
        ignored = texts.EDIT_IN_MOCK if learner.mock_running else texts.EDIT_IGNORED
        await reply(update, context, ignored)
        return
    await show_status(
        update, context, learner.id, status, note=texts.EDIT_APPLIED.format(number=status.edited)
    )
