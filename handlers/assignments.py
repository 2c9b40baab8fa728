"""Set work in Telegram: the assessor's /setwork, the learner's "Answer it now" (`work:go:<id>`),
set work first in /practice, and who has done it under /cohort (bot.cohorts.assignments)."""

from __future__ import annotations

import contextlib

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.cohorts.assignments import TOPIC, Work
from bot.cohorts.service import CohortError
from bot.render.assessor import due_text
from bot.render.feedback import HTML, render_prompt
from handlers import texts
from handlers.assessor import refuse, user_id
from handlers.callback import ATTEMPT, Callback
from handlers.common import answer_in_progress, close_live_keyboards, reply, take_press
from handlers.consent import require_consent
from handlers.context import Context
from handlers.mock import step_aside

esc = HTML.esc
GO = Callback("work:go", work=ATTEMPT)  # Answer it now (the assignment's id)


def work_rows(open_work: list[Work], limit: int = 3) -> list[list[InlineKeyboardButton]]:
    """Buttons for the learner's set work, soonest due first, above the topics in /practice."""
    rows = []
    for work in open_work[:limit]:
        title = work.label if len(work.label) <= 48 else work.label[:47] + "…"
        rows.append([GO.button(f"📌 {title}{due_text(work)}", work.id)])
    return rows


async def setwork(update: Update, context: Context) -> None:
    """/setwork <who> <what> [by <date>]: set a topic or a question for a learner or everyone."""
    svc = context.services
    try:
        scope = await svc.cohorts.scope(user_id(update))
        try:
            sent, work = await svc.assignments.assign(scope, context.args or [])
        except CohortError as exc:
            if str(exc) != "usage":
                raise
            topics = "\n".join(f"{n}. {esc(title)}" for n, title in svc.assignments.topics())
            await reply(update, context, texts.SETWORK_USAGE.format(topics=topics))
            return
    except CohortError as exc:
        await refuse(update, context, exc)
        return
    names = ", ".join(esc(lr.first_name or f"#{lr.id}") for lr, _ in sent)
    await reply(update, context, texts.SETWORK_DONE.format(
        what=esc(work.label), due=due_text(work), names=names,
    ))
    for learner, assignment_id in sent:
        if learner.telegram_user_id is None:
            continue
        markup = InlineKeyboardMarkup(
            [[GO.button("Answer it now", assignment_id)]]
        )
        with contextlib.suppress(TelegramError):  # a learner who stopped the bot still sees it in /practice
            await context.bot.send_message(
                learner.telegram_user_id,
                texts.SETWORK_TO_LEARNER.format(
                    assessor=esc(scope.assessor.first_name or "Your assessor"),
                    what=esc(work.label), due=due_text(work),
                ),
                reply_markup=markup,
            )


async def go_button(update: Update, context: Context) -> None:
    """Answer it now: the set question, or a question on the set topic."""
    found = await take_press(update, GO, close=False)
    if found is None:
        return
    learner = await require_consent(update, context)
    if learner is None:
        return
    assert learner.id is not None
    svc = context.services
    try:
        work = await svc.assignments.get(learner.id, int(found["work"]))
    except CohortError as exc:
        await reply(update, context, esc(str(exc)))
        return
    if await answer_in_progress(update, context, learner.id):
        return  # an answer is being written: it is never dropped by an older button
    await close_live_keyboards(context)
    await step_aside(update, context, learner.id)  # a running mock pauses for the work
    if work.kind == TOPIC:
        prompt = await svc.practice.start(learner.id, topic_id=work.target)
    else:
        prompt = await svc.practice.start(learner.id, prompt_id=work.target)
    await reply(update, context, render_prompt(prompt, svc.content.topics[prompt.topic].title, HTML))


def handlers() -> list[BaseHandler]:
    return [
        CommandHandler("setwork", setwork, filters=filters.ChatType.PRIVATE),
        CallbackQueryHandler(go_button, pattern=GO.pattern),
    ]
