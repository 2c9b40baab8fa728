"""/answers ("My answers"): every question the learner has answered, their best answer, its grade,
what the coach found and the model outline, to revise from before the assessment.

The index is one message that pages in place (`ans:p:<page>`); a number opens that question in full
(`ans:q:<prompt id>`), with "Answer it again" (the practice flow's retry); "Download all" sends the
whole book as an HTML file. Built by bot.mastery.answers and worded by bot.render.answers.
"""

from __future__ import annotations

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
from handlers import keyboards, texts
from handlers.callback import ID, Callback, number
from handlers.common import learner_for, reply, take_press
from handlers.context import Context
from storage.models import Learner

PAGE = Callback("ans:p", page=number(3))
QUESTION = Callback("ans:q", prompt=ID)
FILE = Callback("ans:file")


def my_answers_button(text: str = "◀ My answers") -> InlineKeyboardButton:
    """The index's first page (also under /progress)."""
    return PAGE.button(text, 0)


def index_keyboard(book: AnswerBook, page: int) -> InlineKeyboardMarkup | None:
    if not book.questions:
        return None
    numbers = [
        QUESTION.button(str(n), q.prompt_id)
        for n, q in page_items(book, page)
    ]
    rows = [numbers[i : i + 3] for i in range(0, len(numbers), 3)]
    nav = []
    if page > 0:
        nav.append(PAGE.button("◀ Newer", page - 1))
    if page + 1 < pages(book):
        nav.append(PAGE.button("Older ▶", page + 1))
    if nav:
        rows.append(nav)
    rows.append([FILE.button("📄 Download all")])
    return InlineKeyboardMarkup(rows)


def question_keyboard(attempt_id: int | None) -> InlineKeyboardMarkup:
    row = [my_answers_button()]
    if attempt_id is not None:
        row.insert(0, keyboards.retry_button(attempt_id))
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
    found = await take_press(update, PAGE, close=False)
    if found is None:
        return
    query = update.callback_query
    assert query is not None
    learner = await learner_for(update, context)
    book = await _book(context, learner)
    page = min(int(found["page"]), pages(book) - 1)
    text, markup = render_index(book, HTML, page), index_keyboard(book, page)
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest:
        # The message is too old to edit, or is the question view: send the page anew.
        await reply(update, context, text, reply_markup=markup)


async def question_button(update: Update, context: Context) -> None:
    """One question in full."""
    found = await take_press(update, QUESTION, close=False)
    if found is None:
        return
    learner = await learner_for(update, context)
    q = (await _book(context, learner)).find(found["prompt"])
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
    if await take_press(update, FILE, close=False, notice="Preparing your file…") is None:
        return
    learner = await learner_for(update, context)
    await send_book_file(update, context, learner, texts.ANSWERS_FILE_CAPTION)


def handlers() -> list[BaseHandler]:
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("answers", answers, filters=private),
        CallbackQueryHandler(page_button, pattern=PAGE.pattern),
        CallbackQueryHandler(question_button, pattern=QUESTION.pattern),
        CallbackQueryHandler(file_button, pattern=FILE.pattern),
    ]
