"""The one error handler: log the traceback first, then tell the user kindly.

A database failure inside an update the durable inbox is running (bot.app.inbox) is not the
learner's problem: the update is marked to be tried again shortly, in order, and nothing is said.
"""

from __future__ import annotations

import logging

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from telegram import Update
from telegram.error import TelegramError

from bot.practice.service import NotStarted
from handlers import texts
from handlers.context import Context

log = logging.getLogger(__name__)


def _database_failure(error: BaseException | None) -> bool:
    """The database was unreachable or busy (worth trying again), as against a statement it
    refused (a bug, or bad data: trying again cannot help)."""
    if isinstance(error, TelegramError):
        return False
    if isinstance(error, OperationalError | InterfaceError | PoolTimeout | OSError):
        return True
    return isinstance(error, DBAPIError) and error.connection_invalidated


async def _not_started(update: object, context: Context) -> bool:
    """Someone with no record (erased by /deleteme, or never started) pressed an old button or
    wrote: tell them how to begin; nothing was stored (handlers.common.learner_for)."""
    if not isinstance(context.error, NotStarted):
        return False
    if isinstance(update, Update) and update.effective_chat is not None:
        text = texts.NOT_STARTED_BUTTON if update.callback_query else texts.NOT_STARTED
        try:
            await context.bot.send_message(update.effective_chat.id, text)
        except TelegramError:
            log.warning("Could not tell a user with no record to /start", exc_info=True)
    return True


async def on_error(update: object, context: Context) -> None:
    """Log the exception with its traceback, then apologise to the user if there is one."""
    if await _not_started(update, context):
        return
    if (
        isinstance(update, Update)
        and update.update_id in context.bot_data.deferrable
        and _database_failure(context.error)
    ):
        context.bot_data.deferred.add(update.update_id)
        log.warning(
            "Database failure in update %s (%s); it will run again",
            update.update_id, type(context.error).__name__,
        )
        return
    if update is None:
        # A job or a background task (the nudge dispatcher's drain), not a learner's update.
        log.error("Unhandled error in a background job", exc_info=context.error)
        return
    log.error("Unhandled error while handling an update", exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            await context.bot.send_message(update.effective_chat.id, texts.ERROR)
        except TelegramError:
            log.warning("Could not send the error message to the user", exc_info=True)
