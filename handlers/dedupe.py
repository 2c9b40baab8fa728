"""Telegram delivers at least once: an update handled before is not handled again.

The check runs before every other handler (group -1) and the update is recorded after them
(group 1), so an update the bot was killed in the middle of is handled again after a restart
rather than lost. Records older than two days are pruned: Telegram keeps updates for 24 hours.
"""

from __future__ import annotations

from datetime import timedelta

from telegram import Update
from telegram.ext import ApplicationHandlerStop, ContextTypes

from handlers.common import services
from storage import queries

KEEP = timedelta(days=2)


async def skip_seen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stop here if this update id was handled already."""
    async with services(context).sessions() as session:
        if await queries.update_seen(session, update_id=update.update_id):
            raise ApplicationHandlerStop


async def mark_handled(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Record the update id once the handlers have run."""
    svc = services(context)
    async with svc.sessions.begin() as session:
        await queries.mark_update(session, update_id=update.update_id, now=svc.clock.now())


async def prune(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Job: forget update ids Telegram can no longer resend."""
    svc = services(context)
    async with svc.sessions.begin() as session:
        await queries.prune_updates(session, before=svc.clock.now() - KEEP)
