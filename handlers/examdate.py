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
from handlers.common import learner_for, reply, take_press
from handlers.consent import require_consent
from handlers.context import Context
from storage.models import Learner

PATTERN = r"^exam:(?P<action>menu|std)(?::(?P<arg>[a-z0-9_]{1,40}))?$"
AUTO = "auto"


def settings_button() -> list[InlineKeyboardButton]:
    """The row /settings adds for the standard and the assessment date."""
    return [InlineKeyboardButton("🎓 Standard and assessment date", callback_data="exam:menu")]


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


async def button(update: Update, context: Context) -> None:
    """`exam:menu` (from /settings) and `exam:std:<id|auto>`."""
    found = await take_press(update, PATTERN)
    if found is None:
        return
    learner = await learner_for(update, context)
    assert learner.id is not None
    content = context.services.content
    action, arg = found.group("action"), found.group("arg")
    if action == "std" and arg is not None and (arg == AUTO or arg in content.standards):
        learner = await context.services.learners.set_standard(learner.id, None if arg == AUTO else arg)
        profile = describe_profile(learner, context)
        await reply(update, context, f"Your standard: <b>{profile['standard']}</b>.")
        return
    profile = describe_profile(learner, context)
    rows = [
        [InlineKeyboardButton(f"{s.code} {s.title} (Level {s.level})", callback_data=f"exam:std:{s.id}")]
        for s in sorted(content.standards.values(), key=lambda s: s.level)
    ]
    level_default = LEVEL_STANDARDS.get(learner.level or 0)
    if level_default:
        rows.append([InlineKeyboardButton("From my level", callback_data=f"exam:std:{AUTO}")])
    await reply(
        update, context,
        f"<b>Standard:</b> {profile['standard']}\n<b>Assessment date:</b> {profile['exam']}\n\n"
        f"Choose your apprenticeship standard below. {HOW}",
        reply_markup=InlineKeyboardMarkup(rows),
    )


def handlers() -> list[BaseHandler]:
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("examdate", examdate, filters=private),
        CallbackQueryHandler(button, pattern=PATTERN),
    ]
