"""The "That's not right" button under feedback (`dis:open:<attempt>`): the learner picks the
marking point the coach got wrong (`dis:pt:<attempt>:<n>`), it is stored (bot.practice.disputes)
and acknowledged kindly. The feedback message itself is left as it was."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.practice.disputes import DisputeError
from bot.render.disputes import PICK, acknowledge
from bot.render.feedback import HTML
from handlers.common import learner_for, reply
from handlers.context import Context

OPEN_PATTERN = r"^dis:open:(?P<attempt>\d{1,9})$"
POINT_PATTERN = r"^dis:pt:(?P<attempt>\d{1,9}):(?P<index>\d{1,2})$"
BUTTON_CHARS = 60


def open_data(attempt_id: int) -> str:
    return f"dis:open:{attempt_id}"


def _label(text: str, met: bool) -> str:
    text = " ".join(text.split())
    if len(text) > BUTTON_CHARS:
        text = text[: BUTTON_CHARS - 1] + "…"
    return ("✅ " if met else "🔎 ") + text


async def open_points(update: Update, context: Context) -> None:
    """That's not right: list the answer's marking points as buttons."""
    query = update.callback_query
    assert query is not None and context.matches
    await query.answer()
    learner = await learner_for(update, context)
    assert learner.id is not None
    attempt_id = int(context.matches[0].group("attempt"))
    try:
        points = await context.services.disputes.points(learner.id, attempt_id)
    except DisputeError as exc:
        await reply(update, context, HTML.esc(str(exc)))
        return
    keyboard = InlineKeyboardMarkup(
        [[InlineKeyboardButton(_label(p.text, p.met), callback_data=f"dis:pt:{attempt_id}:{p.index}")]
         for p in points]
    )
    await reply(update, context, PICK, reply_markup=keyboard)


async def pick_point(update: Update, context: Context) -> None:
    """Store the disagreement and thank the learner, in place of the list of points."""
    query = update.callback_query
    assert query is not None and context.matches
    await query.answer()
    learner = await learner_for(update, context)
    assert learner.id is not None
    match = context.matches[0]
    try:
        done = await context.services.disputes.dispute(
            learner.id, int(match.group("attempt")), int(match.group("index"))
        )
    except DisputeError as exc:
        await reply(update, context, HTML.esc(str(exc)))
        return
    await query.edit_message_text(acknowledge(done, HTML))


def handlers() -> list[BaseHandler[Update, Context, None]]:
    return [
        CallbackQueryHandler(open_points, pattern=OPEN_PATTERN),
        CallbackQueryHandler(pick_point, pattern=POINT_PATTERN),
    ]
