"""/mydata and /deleteme: a copy of everything stored about the learner, and erasure.

Flow for erasure: /deleteme says what will go and asks, with "Yes, delete everything" and
"No, keep it" buttons (`priv:delete:yes:<account token>` / `priv:delete:no:<account token>`);
"yes" erases the learner row and, by ON DELETE CASCADE, every answer and draft. Neither command
creates a learner: asking about your data must not store any. A press after the data is gone
is answered kindly.
"""

from __future__ import annotations

import json

from telegram import InlineKeyboardMarkup, Update

from bot.learners.privacy import export_filename
from handlers import texts
from handlers.answers import send_book_file
from handlers.callback import Callback, choice, number
from handlers.common import reply, take_press
from handlers.context import Context
from storage.models import Learner, aware

# Yes or No, with the account the question was asked for.
DELETE = Callback("priv:delete", answer=choice("yes", "no"), account=number(20))


def account_token(learner: Learner) -> str:
    """Names this account, not just this user: an old "Yes" pressed after erasing and starting
    again must not erase the new record (SQLite may even reuse the row id)."""
    return str(int(aware(learner.created_at).timestamp() * 1_000_000))


def delete_keyboard(learner: Learner) -> InlineKeyboardMarkup:
    token = account_token(learner)
    return InlineKeyboardMarkup(
        [[DELETE.button(texts.DELETE_YES_BUTTON, "yes", token),
          DELETE.button(texts.DELETE_NO_BUTTON, "no", token)]]
    )


async def _existing_learner(update: Update, context: Context) -> Learner | None:
    user = update.effective_user
    assert user is not None  # registered for user updates only
    return await context.services.privacy.find(f"tg:{user.id}")


def _answers(n: int) -> str:
    if n == 0:
        return texts.ANSWERS_NONE
    return texts.ANSWERS_ONE if n == 1 else texts.ANSWERS_MANY.format(n=n)


async def mydata(update: Update, context: Context) -> None:
    """/mydata: send everything stored about the learner as a JSON file."""
    chat = update.effective_chat
    learner = await _existing_learner(update, context)
    if learner is None or learner.id is None or chat is None:
        await reply(update, context, texts.NOTHING_STORED)
        return
    data = await context.services.privacy.export(learner.id)
    if not data:  # erased between the lookup and the export
        await reply(update, context, texts.NOTHING_STORED)
        return
    payload = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    await context.bot.send_document(
        chat.id,
        document=payload,
        filename=export_filename(data),
        caption=texts.MYDATA_CAPTION.format(answers=_answers(len(data["attempts"]))),
    )
    if data["attempts"]:
        # Beside the JSON, the same answers as a person reads them (questions by their text).
        await send_book_file(
            update, context, learner,
            texts.MYDATA_ANSWERS_CAPTION.format(answers=_answers(len(data["attempts"]))),
        )


async def deleteme(update: Update, context: Context) -> None:
    """/deleteme: say what would be erased and ask for confirmation."""
    learner = await _existing_learner(update, context)
    if learner is None or learner.id is None:
        await reply(update, context, texts.NOTHING_STORED)
        return
    counts = await context.services.privacy.counts(learner.id)
    answers = counts.get("attempt", 0)
    items = ""
    if answers:
        items += texts.DELETE_ANSWERS_ONE if answers == 1 else texts.DELETE_ANSWERS_MANY.format(n=answers)
    if counts.get("draft"):
        items += texts.DELETE_DRAFT
    await reply(
        update, context, texts.DELETE_CONFIRM.format(items=items), reply_markup=delete_keyboard(learner)
    )


async def delete_button(update: Update, context: Context) -> None:
    """The answer to the erasure question (callback data `priv:delete:yes|no:<account token>`)."""
    found = await take_press(update, DELETE)
    if found is None:
        return
    learner = await _existing_learner(update, context)
    if learner is None or learner.id is None or found["account"] != account_token(learner):
        await reply(update, context, texts.DELETE_STALE)
        return
    if found["answer"] != "yes":
        await reply(update, context, texts.DELETE_KEPT)
        return
    erased = await context.services.privacy.erase(learner.id)
    # Nothing about the learner stays in this process's memory either.
    for memory in (context.user_data, context.chat_data):
        if memory is not None:
            memory.clear()
    await reply(update, context, texts.DELETED if erased else texts.DELETE_STALE)
