"""The assessor's /setref in Telegram: the full name and ULN or learner number their exports file
a learner under (bot.cohorts.evidence). The exports themselves are /export (handlers.assessor)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, filters

from bot.cohorts.service import CohortError
from bot.render.feedback import HTML
from handlers import texts
from handlers.assessor import refuse, user_id
from handlers.common import reply
from handlers.context import Context

esc = HTML.esc


async def setref(update: Update, context: Context) -> None:
    """/setref <learner> <reference> [full name]: what the exports file a learner under."""
    svc = context.services
    try:
        scope = await svc.cohorts.scope(user_id(update))
        try:
            learner, filing = await svc.evidence.set_reference(scope, context.args or [])
        except CohortError as exc:
            if str(exc) != "usage":
                raise
            await reply(update, context, texts.SETREF_USAGE)
            return
    except CohortError as exc:
        await refuse(update, context, exc)
        return
    await reply(update, context, texts.SETREF_DONE.format(
        name=esc(learner.first_name), id=learner.id, ref=esc(filing.reference),
        full=esc(filing.full_name) if filing.full_name else "(no full name yet)",
    ))


def handlers() -> list[BaseHandler]:
    return [CommandHandler("setref", setref, filters=filters.ChatType.PRIVATE)]
