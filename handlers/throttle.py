"""Flood control: a learner sending dozens of updates a second is slowed down, kindly, once.

A token bucket per user (FLOOD_BURST updates, refilled at FLOOD_RATE a second; 20 and 3 by
default, far above what a person types or taps) runs before everything else. Over
the limit, commands and buttons are dropped; plain text is still added to the answer being
written (nothing typed is lost) but gets no status reply. The learner is told once per burst.
The bucket lives in this process's memory: it protects one instance from one noisy chat, which
is all it needs to do (Telegram itself caps what a user can send).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from telegram import Update
from telegram.ext import ApplicationHandlerStop, ContextTypes, filters

from handlers import texts
from handlers.common import services

QUIET_KEY = "throttled"


@dataclass
class Bucket:
    capacity: float
    rate: float
    tokens: float = -1.0
    stamp: float = field(default_factory=time.monotonic)
    warned: bool = False

    def take(self, now: float) -> bool:
        if self.tokens < 0:
            self.tokens = self.capacity
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            if self.tokens >= self.capacity / 2:
                self.warned = False  # the burst is over
            return True
        return False


async def throttle(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    if user is None or context.user_data is None:
        return
    settings = services(context).settings
    bucket = context.user_data.setdefault(
        "bucket", Bucket(float(settings.flood_burst), settings.flood_rate)
    )
    allowed = bucket.take(time.monotonic())
    context.user_data[QUIET_KEY] = not allowed
    if allowed:
        return
    if not bucket.warned and update.effective_chat is not None:
        bucket.warned = True
        await context.bot.send_message(update.effective_chat.id, texts.SLOW_DOWN)
    is_plain_text = filters.TEXT.check_update(update) and not filters.COMMAND.check_update(update)
    if not is_plain_text:
        raise ApplicationHandlerStop


def quiet(context: ContextTypes.DEFAULT_TYPE) -> bool:
    """True while the learner is over the limit: store, but do not reply."""
    return bool((context.user_data or {}).get(QUIET_KEY))
