"""/progress: mastery by topic and skill, streak and key-legislation coverage, then a chart.

The numbers and their wording come from bot.mastery.progress (shared with the terminal); this handler
only sends them: the summary as a message, then the chart of scores as a photo, if there is one.
"""

from __future__ import annotations

import asyncio

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.mastery.progress import CHART_POINTS
from bot.render.feedback import HTML
from bot.render.progress import progress_chart, render_progress
from handlers import texts
from handlers.answers import page_data
from handlers.common import learner_for, reply
from handlers.context import Context


async def progress(update: Update, context: Context) -> None:
    """Show the learner's progress, and a chart of their scores when they have answered."""
    chat = update.effective_chat
    learner = await learner_for(update, context)
    assert learner.id is not None
    summary = await context.services.progress.summary(learner.id)
    markup = None
    if summary.answers:
        # "My answers" is one tap from /progress.
        markup = InlineKeyboardMarkup(
            [[InlineKeyboardButton("📚 My answers", callback_data=page_data(0))]]
        )
    await reply(update, context, render_progress(summary, HTML), reply_markup=markup)
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
