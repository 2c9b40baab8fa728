"""Telegram delivers at least once: an update handled before is not handled again.

The check runs before every other handler (group -1) and the update is recorded after them
(group 1), so an update the bot was killed in the middle of is handled again when Telegram
sends it again rather than lost. Records older than two days are pruned: Telegram keeps updates
for 24 hours.

The check is also the first thing to touch the database. If the database cannot be reached (a
PostgreSQL restart, say) nothing has been done yet, so the update waits for it rather than
failing half-way: in polling mode as long as it takes (updates are handled one at a time, so
they stay in order); in webhook mode DATABASE_WAIT seconds, after which the webhook answers 503
and Telegram sends the update again later.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TypeVar

from sqlalchemy.exc import SQLAlchemyError
from telegram import Update
from telegram.ext import ApplicationHandlerStop

from handlers.context import Context
from storage import queries

log = logging.getLogger(__name__)
T = TypeVar("T")

KEEP = timedelta(days=2)


async def _patiently(
    context: Context, update_id: int, work: Callable[[], Awaitable[T]]
) -> T:
    """`work()` (one transaction), again and again while the database is unreachable, for up to
    `bot_data.database_wait` seconds (None: for ever); after that the last error is raised."""
    limit = context.bot_data.database_wait
    pause, waited = 0.25, 0.0
    while True:
        try:
            return await work()
        except (SQLAlchemyError, OSError) as exc:
            if limit is not None and waited >= limit:
                raise
            log.warning(
                "Database unreachable (%s); update %s waits %.2fs", type(exc).__name__, update_id, pause
            )
            await asyncio.sleep(pause)
            waited += pause
            pause = min(pause * 2, 5.0)


async def skip_seen(update: Update, context: Context) -> None:
    """Stop here if this update id was handled already; wait while the database is away."""
    sessions = context.services.sessions

    async def seen() -> bool:
        async with sessions() as session:
            return await queries.update_seen(session, update_id=update.update_id)

    try:
        if await _patiently(context, update.update_id, seen):
            raise ApplicationHandlerStop
    except (SQLAlchemyError, OSError) as exc:
        log.error("Database unreachable; update %s is left to be sent again", update.update_id)
        context.bot_data.not_handled.add(update.update_id)
        raise ApplicationHandlerStop from exc


async def mark_handled(update: Update, context: Context) -> None:
    """Record the update id once the handlers have run.

    The learner has had their answer by now: if the database went away meanwhile, wait for it,
    and if it stays away, log it rather than apologise for work that was done.
    """
    svc = context.services

    async def record() -> None:
        async with svc.sessions.begin() as session:
            await queries.mark_update(session, update_id=update.update_id, now=svc.clock.now())

    try:
        await _patiently(context, update.update_id, record)
    except (SQLAlchemyError, OSError):
        log.error("Update %s was handled but could not be recorded", update.update_id, exc_info=True)


async def prune(context: Context) -> None:
    """Job: forget update ids Telegram can no longer resend."""
    svc = context.services
    async with svc.sessions.begin() as session:
        await queries.prune_updates(session, before=svc.clock.now() - KEEP)
