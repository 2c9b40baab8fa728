"""Flood control: a learner sending dozens of updates a second is slowed down, kindly, once.

A token bucket per user (FLOOD_BURST updates, refilled at FLOOD_RATE a second; 20 and 3 by
default, far above what a person types or taps) runs before everything else. Over
the limit, plain text is still added to the answer being written (nothing typed is lost) but
gets no status reply; commands and buttons wait until the bucket has room (the durable inbox runs
them again then, bot.app.inbox), so a /done sent in a flood is answered a moment later. The
learner is told once per burst.
The bucket lives in this process's memory: it protects one instance from one noisy chat, which
is all it needs to do (Telegram itself caps what a user can send).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from telegram import Update
from telegram.ext import ApplicationHandlerStop, filters

from handlers import texts
from handlers.bucket import Bucket
from handlers.context import Context

# What fills the buckets: read at each update, so a test can stand time still and count exactly.
monotonic: Callable[[], float] = time.monotonic


async def throttle(update: Update, context: Context) -> None:
    user = update.effective_user
    memory = context.user_data
    if user is None or memory is None:
        return
    settings = context.services.settings
    now = monotonic()
    if memory.bucket is None:
        memory.bucket = Bucket(float(settings.flood_burst), settings.flood_rate, stamp=now)
    bucket = memory.bucket
    allowed = bucket.take(now)
    memory.quiet = not allowed
    if allowed:
        return
    if not bucket.warned and update.effective_chat is not None:
        bucket.warned = True
        await context.bot.send_message(update.effective_chat.id, texts.SLOW_DOWN)
    is_plain_text = filters.TEXT.check_update(update) and not filters.COMMAND.check_update(update)
    if is_plain_text:
        return
    if update.update_id in context.bot_data.deferrable:
        # Run from the durable inbox: the command or button waits its turn (in order with the
        # chat's later messages) instead of being dropped.
        context.bot_data.later[update.update_id] = bucket.wait()
    elif update.callback_query is not None:
        # Dropped: at least stop the button's spinner.
        await update.callback_query.answer(texts.SLOW_DOWN_BUTTON)
    raise ApplicationHandlerStop


def quiet(context: Context) -> bool:
    """True while the learner is over the limit: store, but do not reply."""
    return context.user_data is not None and context.user_data.quiet
