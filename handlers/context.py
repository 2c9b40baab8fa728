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
    # Updates the inbox (bot.app.inbox) is running that may be tried again after a database
    # failure, and those the error handler marked so (no apology: they run again shortly).
    deferrable: set[int] = field(default_factory=set)
    deferred: set[int] = field(default_factory=set)
    # Updates flood control asked the inbox to run again after this many seconds.
    later: dict[int, float] = field(default_factory=dict)
    # Updates being run again because the process died inside them (their replies may be lost).
    reruns: set[int] = field(default_factory=set)
    # Updates whose text had characters that cannot be stored (NUL, a lone surrogate) replaced.
    cleaned: set[int] = field(default_factory=set)

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
    # Voice answers (handlers.voice): a transcript heard with no question open, with its voice
    # note's message id, waiting for the learner to pick one (it is also in the chat, so a
    # restart loses nothing typed or said); and the id of the last "I heard" status line with
    # the part it shows (the voice note's message id), which a reply to that line replaces.
    voice_pending: tuple[int, str] | None = None
    voice_heard: tuple[int, int] | None = None
    # A profile question (level, sector, nation) is on screen before the first feedback: a short
    # typed reply answers it (handlers.answering.typed_profile). Lost on a restart, or on another
    # instance: the message then simply goes into the answer, as any message does.
    profile_asked: bool = False

    def clear(self) -> None:
        self.bucket, self.quiet = None, False
        self.live_keyboards = []
        self.voice_pending = self.voice_heard = None
        self.profile_asked = False


class Context(CallbackContext[ExtBot[None], UserData, dict[Any, Any], BotData]):
    @property
    def services(self) -> Services:
        return self.bot_data.services


CONTEXT_TYPES = ContextTypes(context=Context, bot_data=BotData, user_data=UserData)

# The application type these callbacks run in (bot.app.application builds it with CONTEXT_TYPES).
App = Application[ExtBot[None], Context, UserData, dict[Any, Any], BotData, JobQueue[Context]]
