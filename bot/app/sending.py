"""One retry policy for everything the bot sends to Telegram.

The application's rate limiter (bot.app.application.RetryingRateLimiter) waits out a 429 and
sends again after a 5xx answer or a dropped connection. A read timeout is different: the message
may have arrived. For a learner's feedback a rare duplicate beats a lost reply, so it is sent
again; for a nudge a second copy is worse than none, and the reminder dispatcher has its own
policy for an unknown outcome (it records it and does not send again). A sender that wants that
wraps its call in `at_most_once()`, and the limiter then hands it the timeout instead of
repeating the request. (Before, the limiter repeated a timed-out nudge underneath the
dispatcher: learners got two.)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_AT_MOST_ONCE: ContextVar[bool] = ContextVar("star_coach_at_most_once", default=False)


@contextmanager
def at_most_once() -> Iterator[None]:
    """Within this block, a request that timed out is not sent again by the limiter."""
    token = _AT_MOST_ONCE.set(True)
    try:
        yield
    finally:
        _AT_MOST_ONCE.reset(token)


def resend_after_timeout() -> bool:
    """False inside `at_most_once()`."""
    return not _AT_MOST_ONCE.get()
