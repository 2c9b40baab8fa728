"""/answers ("My answers"): every question the learner has answered, their best answer, its grade,
what the coach found and the model outline, to revise from before the assessment.

The index is one message that pages in place (`ans:p:<page>`); a number opens that question in full
(`ans:q:<prompt id>`), with "Answer it again" (the practice flow's retry); "Download all" sends the
whole book as an HTML file. Built by bot.mastery.answers and worded by bot.render.answers.
"""

from __future__ import annotations

import contextlib
import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.clock import zone
from bot.mastery.answers import AnswerBook
from bot.render.answers import (
    answers_filename,
    answers_html,
    page_items,
    pages,
    render_index,
    render_question,
)
from bot.render.feedback import HTML
from handlers import texts
from handlers.common import learner_for, reply
from handlers.context import Context
from storage.models import Learner

PREFIX = "ans"
PAGE_PATTERN = r"^ans:p:(?P<page>\d{1,3})$"
QUESTION_PATTERN = r"^ans:q:(?P<prompt>[a-z0-9_]{1,40})$"
FILE_PATTERN = r"^ans:file$"


def page_data(page: int) -> str:
    return f"{PREFIX}:p:{page}"


def question_data(prompt_id: str) -> str:
    return f"{PREFIX}:q:{prompt_id}"


FILE_DATA = f"{PREFIX}:file"


def _match(context: Context) -> re.Match[str] | None:
    """The pattern's match, or None: python-telegram-bot lets a button with empty data through
    every pattern, so a handler never assumes it matched."""
    found = context.matches[0] if context.matches else None
    return found if isinstance(found, re.Match) else None


def index_keyboard(book: AnswerBook, page: int) -> InlineKeyboardMarkup | None:
    if not book.questions:
        return None
    numbers = [
        InlineKeyboardButton(str(n), callback_data=question_data(q.prompt_id))
        for n, q in page_items(book, page)
    ]
    rows = [numbers[i : i + 3] for i in range(0, len(numbers), 3)]
    nav = []
    if page > 0:
        nav.append(InlineKeyboardButton("◀ Newer", callback_data=page_data(page - 1)))
    if page + 1 < pages(book):
        nav.append(InlineKeyboardButton("Older ▶", callback_data=page_data(page + 1)))
    if nav:
        rows.append(nav)
    rows.append([InlineKeyboardButton("📄 Download all", callback_data=FILE_DATA)])
    return InlineKeyboardMarkup(rows)


def question_keyboard(attempt_id: int | None) -> InlineKeyboardMarkup:
    row = [InlineKeyboardButton("◀ My answers", callback_data=page_data(0))]
    if attempt_id is not None:
        row.insert(0, InlineKeyboardButton("🔁 Answer it again", callback_data=f"prac:retry:{attempt_id}"))
    return InlineKeyboardMarkup([row])


async def _book(context: Context, learner: Learner) -> AnswerBook:
    assert learner.id is not None
    return await context.services.answers.book(learner.id)


async def answers(update: Update, context: Context) -> None:
    """/answers: the index; `/answers N` opens question N of the list."""
    learner = await learner_for(update, context)
    book = await _book(context, learner)
    if context.args and context.args[0].isdigit() and book.questions:
        number = int(context.args[0])
        if 1 <= number <= len(book.questions):
            q = book.questions[number - 1]
            tz = zone(learner.timezone, context.services.settings.default_timezone)
            markup = question_keyboard(q.best_id)
            await reply(update, context, render_question(q, HTML, tz), reply_markup=markup)
            return
        await reply(update, context, texts.ANSWERS_NOT_FOUND)
        return
    await reply(update, context, render_index(book, HTML, 0), reply_markup=index_keyboard(book, 0))


async def page_button(update: Update, context: Context) -> None:
    """Turn the index to another page, in place."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    if (found := _match(context)) is None:
        await reply(update, context, texts.UNKNOWN_BUTTON)
        return
    learner = await learner_for(update, context)
    book = await _book(context, learner)
    page = min(int(found.group("page")), pages(book) - 1)
    text, markup = render_index(book, HTML, page), index_keyboard(book, page)
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest:
        # The message is too old to edit, or is the question view: send the page anew.
        await reply(update, context, text, reply_markup=markup)


async def question_button(update: Update, context: Context) -> None:
    """One question in full."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    if (found := _match(context)) is None:
        await reply(update, context, texts.UNKNOWN_BUTTON)
        return
    learner = await learner_for(update, context)
    q = (await _book(context, learner)).find(found.group("prompt"))
    if q is None:
        await reply(update, context, texts.ANSWERS_NOT_FOUND)
        return
    tz = zone(learner.timezone, context.services.settings.default_timezone)
    await reply(update, context, render_question(q, HTML, tz), reply_markup=question_keyboard(q.best_id))


async def send_book_file(update: Update, context: Context, learner: Learner, caption: str) -> None:
    """The whole book as an HTML document (also sent by /mydata)."""
    chat = update.effective_chat
    if chat is None:
        return
    book = await _book(context, learner)
    tz = zone(learner.timezone, context.services.settings.default_timezone)
    now = context.services.clock.now()
    page = answers_html(book, name=learner.first_name or "Learner", generated_at=now, tz=tz)
    await context.bot.send_document(
        chat.id, document=page.encode("utf-8"), filename=answers_filename(now, tz), caption=caption
    )


async def file_button(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None
    with contextlib.suppress(BadRequest):
        await query.answer("Preparing your file…")
    learner = await learner_for(update, context)
    await send_book_file(update, context, learner, texts.ANSWERS_FILE_CAPTION)


def handlers() -> list[BaseHandler]:
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("answers", answers, filters=private),
        CallbackQueryHandler(page_button, pattern=PAGE_PATTERN),
        CallbackQueryHandler(question_button, pattern=QUESTION_PATTERN),
        CallbackQueryHandler(file_button, pattern=FILE_PATTERN),
    ]
