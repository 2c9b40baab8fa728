"""The typed context every callback receives: `context.services`, and the process's own memory
(`bot_data`, `user_data`) as classes with named fields instead of string keys (the pattern of
python-telegram-bot's examples/contexttypesbot.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot, JobQueue

from bot.app.services import Services
from bot.reminders.dispatcher import Dispatcher
from handlers.bucket import Bucket


@dataclass
class BotData:
    """What one process keeps for the whole bot. `services` is set once, in post_init (or by a
    test that hands ready services in)."""

    built: Services | None = None
    # The nudge dispatcher, built by the composition root with a Telegram sender (handlers.reminders).
    dispatcher: Dispatcher | None = None
    # How long an update waits for the database (None: for ever; webhook mode sets a limit).
    database_wait: float | None = None
    # Ids of updates given up on because of the database (the webhook then answers 503).
    not_handled: set[int] = field(default_factory=set)

    @property
    def services(self) -> Services:
        if self.built is None:
            raise RuntimeError("services are built in post_init, before any update is handled")
        return self.built


@dataclass
class UserData:
    """What one process keeps per user: flood control and which buttons to close (everything
    else is in the database)."""

    bucket: Bucket | None = None
    quiet: bool = False  # over the flood limit: store text, but do not reply
    # (chat id, message id) of buttons that belong to the current question (handlers.common).
    live_keyboards: list[tuple[int, int]] = field(default_factory=list)

    def clear(self) -> None:
        self.bucket, self.quiet = None, False
        self.live_keyboards = []


class Context(CallbackContext[ExtBot[None], UserData, dict[Any, Any], BotData]):
    @property
    def services(self) -> Services:
        return self.bot_data.services


CONTEXT_TYPES = ContextTypes(context=Context, bot_data=BotData, user_data=UserData)

# The application type these callbacks run in (bot.app.application builds it with CONTEXT_TYPES).
App = Application[ExtBot[None], Context, UserData, dict[Any, Any], BotData, JobQueue[Context]]
