"""/examdate and the standard: the assessment date the review schedule aims at, and the
apprenticeship standard the mock discussion maps to (both also reached from /settings).

`/examdate 12 March` sets the date (`/examdate off` clears it) and brings every review within the
aim at once (bot.mastery.review.aim_at_exam); nudges then count down and, the week before,
suggest a mock. The `exam:` buttons choose the standard, or go back to reading it from the level.
"""

from __future__ import annotations

import html

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.clock import zone
from bot.learners.examdate import HOW, DateError, parse_exam_date
from bot.learners.standards import LEVEL_STANDARDS, standard_of
from handlers.callback import ID, Callback
from handlers.common import learner_for, reply, take_press
from handlers.consent import require_consent
from handlers.context import Context
from storage.models import Learner

# `exam:menu` (from /settings) and `exam:std:<standard id|auto>`.
MENU = Callback("exam:menu")
STANDARD = Callback("exam:std", standard=ID)
AUTO = "auto"


def settings_button() -> list[InlineKeyboardButton]:
    """The row /settings adds for the standard and the assessment date."""
    return [MENU.button("🎓 Standard and assessment date")]


def describe_profile(learner: Learner, context: Context) -> dict[str, str]:
    """The standard and assessment date, as /settings shows them."""
    standard = standard_of(learner, context.services.content)
    if standard is None:
        named = "not set (choose it for the mock)"
    else:
        how = "" if learner.standard else " (from your level)"
        named = f"{standard.code} {standard.title}{how}"
    exam = learner.exam_date.strftime("%A %-d %B %Y") if learner.exam_date else "not set (/examdate)"
    return {"standard": html.escape(named), "exam": html.escape(exam)}


async def examdate(update: Update, context: Context) -> None:
    """/examdate [date|off]: show, set or clear the assessment date."""
    learner = await require_consent(update, context)
    if learner is None:
        return
    assert learner.id is not None
    tz = zone(learner.timezone, context.services.settings.default_timezone)
    today = context.services.clock.now().astimezone(tz).date()
    text = " ".join(context.args or [])
    if not text:
        if learner.exam_date is None:
            await reply(update, context, f"You haven't given your assessment date. {HOW}")
        else:
            days = (learner.exam_date - today).days
            await reply(update, context, f"Your assessment: <b>{learner.exam_date:%A %-d %B %Y}</b> "
                        f"({days} days). {HOW}")
        return
    try:
        day = parse_exam_date(text, today)
    except DateError as exc:
        await reply(update, context, html.escape(str(exc)))
        return
    await context.services.learners.set_exam_date(
        learner.id, day, default_timezone=context.services.settings.default_timezone
    )
    if day is None:
        await reply(update, context, "Assessment date cleared. Reviews follow your progress alone.")
        return
    days = (day - today).days
    await reply(
        update, context,
        f"Your assessment: <b>{day:%A %-d %B %Y}</b>, in {days} days. Reviews now aim at it: "
        "they come closer together as the day nears, and none falls on it. Your reminders count "
        "down, and the week before they suggest a mock discussion (/mock).",
    )


async def menu_button(update: Update, context: Context) -> None:
    if await take_press(update, MENU) is not None:
        await _menu(update, context, await learner_for(update, context))


async def _menu(update: Update, context: Context, learner: Learner) -> None:
    """The standard and the date as set, with a button for each standard."""
    content = context.services.content
    profile = describe_profile(learner, context)
    rows = [
        [STANDARD.button(f"{s.code} {s.title} (Level {s.level})", s.id)]
        for s in sorted(content.standards.values(), key=lambda s: s.level)
    ]
    if LEVEL_STANDARDS.get(learner.level or 0):
        rows.append([STANDARD.button("From my level", AUTO)])
    await reply(
        update, context,
        f"<b>Standard:</b> {profile['standard']}\n<b>Assessment date:</b> {profile['exam']}\n\n"
        f"Choose your apprenticeship standard below. {HOW}",
        reply_markup=InlineKeyboardMarkup(rows),
    )


async def standard_button(update: Update, context: Context) -> None:
    """A standard chosen (or "From my level"); one no longer in the content shows the menu."""
    found = await take_press(update, STANDARD)
    if found is None:
        return
    learner = await learner_for(update, context)
    assert learner.id is not None
    chosen = found["standard"]
    if chosen != AUTO and chosen not in context.services.content.standards:
        await _menu(update, context, learner)
        return
    learner = await context.services.learners.set_standard(learner.id, None if chosen == AUTO else chosen)
    profile = describe_profile(learner, context)
    await reply(update, context, f"Your standard: <b>{profile['standard']}</b>.")


def handlers() -> list[BaseHandler]:
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("examdate", examdate, filters=private),
        CallbackQueryHandler(menu_button, pattern=MENU.pattern),
        CallbackQueryHandler(standard_button, pattern=STANDARD.pattern),
    ]
