"""The "That's not right" button under feedback (`dis:open:<attempt>`): the learner picks the
marking point the coach got wrong (`dis:pt:<attempt>:<n>`), it is stored (bot.practice.disputes)
and acknowledged kindly. The feedback message itself is left as it was."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.practice.disputes import DisputeError
from bot.render.disputes import PICK, acknowledge
from bot.render.feedback import HTML
from handlers.callback import ATTEMPT, Callback, number
from handlers.common import learner_for, replace_message, reply, take_press
from handlers.context import Context

OPEN = Callback("dis:open", attempt=ATTEMPT)
POINT = Callback("dis:pt", attempt=ATTEMPT, index=number(2))
BUTTON_CHARS = 60


def open_button(attempt_id: int) -> InlineKeyboardButton:
    """That's not right, under the feedback of one attempt."""
    return OPEN.button("That's not right", attempt_id)


def _label(text: str, met: bool) -> str:
    text = " ".join(text.split())
    if len(text) > BUTTON_CHARS:
        text = text[: BUTTON_CHARS - 1] + "…"
    return ("✅ " if met else "🔎 ") + text


async def open_points(update: Update, context: Context) -> None:
    """That's not right: list the answer's marking points as buttons."""
    found = await take_press(update, OPEN, close=False)
    if found is None:
        return
    learner = await learner_for(update, context)
    assert learner.id is not None
    attempt_id = int(found["attempt"])
    try:
        points = await context.services.disputes.points(learner.id, attempt_id)
    except DisputeError as exc:
        await reply(update, context, HTML.esc(str(exc)))
        return
    keyboard = InlineKeyboardMarkup(
        [[POINT.button(_label(p.text, p.met), attempt_id, p.index)] for p in points]
    )
    await reply(update, context, PICK, reply_markup=keyboard)


async def pick_point(update: Update, context: Context) -> None:
    """Store the disagreement and thank the learner, in place of the list of points."""
    found = await take_press(update, POINT, close=False)
    if found is None:
        return
    learner = await learner_for(update, context)
    assert learner.id is not None
    try:
        done = await context.services.disputes.dispute(
            learner.id, int(found["attempt"]), int(found["index"])
        )
    except DisputeError as exc:
        await reply(update, context, HTML.esc(str(exc)))
        return
    await replace_message(update, context, acknowledge(done, HTML))


def handlers() -> list[BaseHandler[Update, Context, None]]:
    return [
        CallbackQueryHandler(open_points, pattern=OPEN.pattern),
        CallbackQueryHandler(pick_point, pattern=POINT.pattern),
    ]
