"""/progress: mastery by topic and skill, streak and key-legislation coverage, then a chart.

The numbers and their wording come from bot.mastery.progress (shared with the terminal); this handler
only sends them: the summary as a message, then the chart of scores as a photo, if there is one.
"""

from __future__ import annotations

import asyncio

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.mastery.progress import CHART_POINTS
from bot.render.feedback import HTML
from bot.render.progress import progress_chart, render_progress, render_progress_summary
from handlers import texts
from handlers.answers import page_data
from handlers.common import learner_for, replace_message, reply
from handlers.context import Context

DETAILS = "prog:details"


async def details(update: Update, context: Context) -> None:
    """Details under /progress: every topic and skill with its bar, and the key Acts by name."""
    query = update.callback_query
    assert query is not None
    if query.data != DETAILS:
        # PTB hands a button with empty data to the first button handler: not ours.
        await query.answer(texts.UNKNOWN_BUTTON, show_alert=True)
        return
    await query.answer()
    learner = await learner_for(update, context)
    assert learner.id is not None
    summary = await context.services.progress.summary(learner.id)
    await replace_message(update, context, render_progress(summary, HTML), reply_markup=InlineKeyboardMarkup(
        [[InlineKeyboardButton(texts.MY_ANSWERS_BUTTON, callback_data=page_data(0))]]
    ) if summary.answers else None)


async def progress(update: Update, context: Context) -> None:
    """Show the learner's progress, and a chart of their scores when they have answered."""
    chat = update.effective_chat
    learner = await learner_for(update, context)
    assert learner.id is not None
    summary = await context.services.progress.summary(learner.id)
    markup = None
    if summary.answers:
        # "My answers" is one tap from /progress; the bars and lists are one tap too.
        markup = InlineKeyboardMarkup([
            [InlineKeyboardButton(texts.PROGRESS_DETAILS_BUTTON, callback_data=DETAILS)],
            [InlineKeyboardButton(texts.MY_ANSWERS_BUTTON, callback_data=page_data(0))],
        ])
    await reply(update, context, render_progress_summary(summary, HTML), reply_markup=markup)
    # Drawing takes tens of milliseconds of CPU: keep it off the event loop.
    png = await asyncio.to_thread(progress_chart, summary)
    if png is not None and chat is not None:
        total = len(summary.scores)
        if total > CHART_POINTS:
            answers = f"your last {CHART_POINTS} of {total} answers"
        else:
            answers = "your answer" if total == 1 else f"your {total} answers"
        await context.bot.send_photo(
            chat.id,
            photo=png,
            filename="star-coach-progress.png",
            caption=texts.PROGRESS_CHART.format(
                answers=answers, pass_mark=summary.pass_mark, distinction=summary.distinction_mark
            ),
        )
