"""The one error handler: log the traceback first, then tell the user kindly."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError

from handlers import texts
from handlers.context import Context

log = logging.getLogger(__name__)


async def on_error(update: object, context: Context) -> None:
    """Log the exception with its traceback, then apologise to the user if there is one."""
    log.error("Unhandled error while handling an update", exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            await context.bot.send_message(update.effective_chat.id, texts.ERROR)
        except TelegramError:
            log.warning("Could not send the error message to the user", exc_info=True)
