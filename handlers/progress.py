"""/progress: mastery by topic and skill, streak and key-legislation coverage, then a chart.

The numbers and their wording come from bot.mastery.progress (shared with the terminal); this handler
only sends them: the summary as a message, then the chart of scores as a photo, if there is one.
"""

from __future__ import annotations

import asyncio

from telegram import InlineKeyboardMarkup, Update

from bot.mastery.progress import CHART_POINTS
from bot.render.feedback import HTML
from bot.render.progress import progress_chart, render_progress, render_progress_summary
from handlers import texts
from handlers.answers import my_answers_button
from handlers.callback import Callback
from handlers.common import learner_for, replace_message, reply, take_press
from handlers.context import Context

DETAILS = Callback("prog:details")


async def details(update: Update, context: Context) -> None:
    """Details under /progress: every topic and skill with its bar, and the key Acts by name."""
    if await take_press(update, DETAILS, close=False) is None:
        return
    learner = await learner_for(update, context)
    assert learner.id is not None
    summary = await context.services.progress.summary(learner.id)
    await replace_message(update, context, render_progress(summary, HTML), reply_markup=InlineKeyboardMarkup(
        [[my_answers_button(texts.MY_ANSWERS_BUTTON)]]
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
            [DETAILS.button(texts.PROGRESS_DETAILS_BUTTON)],
            [my_answers_button(texts.MY_ANSWERS_BUTTON)],
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
