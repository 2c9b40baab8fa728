"""/start and /settings.

/start: one welcome message that carries the privacy notice in brief, with I agree, No thanks
and Read all (the full notice, in place). Agreeing brings the first question at once; level and
sector are asked when that answer is submitted (handlers.answering), each choice echoed where it
was made. /settings shows the settings in one message that each change returns to: Level,
Sector and Time zone open their buttons in place, and the choice brings the settings back with
what was saved. A time zone can be typed (a city, a country, an IANA name).
"""

from __future__ import annotations

import html
import re

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.learners.onboarding import COMMON_TIMEZONES, SettingError, typing_timezone
from handlers import examdate, keyboards, reminders, texts
from handlers.answering import ask_first, continue_profile
from handlers.callback import Callback
from handlers.cohort_invites import deep_link, privacy_then_join_keyboard
from handlers.common import close_buttons, learner_for, replace_message, reply, take_press
from handlers.consent import describe, settings_line
from handlers.context import Context
from handlers.onboarding_buttons import (
    CHANGE,
    LEVEL,
    NATION,
    PRIVACY,
    READ,
    SECTOR,
    SETTINGS,
    TIMEZONE,
    TIMEZONE_OTHER,
    levels_keyboard,
    nations_keyboard,
    privacy_keyboard,
    sectors_keyboard,
    settings_keyboard,
    timezones_keyboard,
)
from storage.models import Learner


async def start(update: Update, context: Context) -> None:
    """Welcome with the privacy notice in brief to accept, or a welcome back. The one place a
    Telegram learner is made (with an invite's or an assessor link's code too)."""
    learner = await learner_for(update, context, start=True)
    assert learner.id is not None
    name = html.escape(learner.first_name or "there")
    learner = await context.services.learners.begin(learner.id)
    if context.args and await deep_link(update, context, learner, context.args[0]):
        return
    if learner.privacy_accepted_at is None:
        await reply(update, context, texts.WELCOME.format(name=name),
                    reply_markup=privacy_keyboard())
    else:
        await reply(update, context, texts.WELCOME_BACK.format(name=name),
                    reply_markup=keyboards.ask_me_keyboard())


async def settings_view(
    context: Context, learner: Learner, saved: str = ""
) -> tuple[str, InlineKeyboardMarkup]:
    """The /settings message: what is set, and a button for each change."""
    assert learner.id is not None
    reminder = settings_line(await context.services.reminders.status(learner.id))
    markup = settings_keyboard()
    text = texts.SETTINGS.format(
        **describe(learner, context), **examdate.describe_profile(learner, context), reminder=reminder
    )
    if saved:
        text = texts.SETTINGS_SAVED.format(what=saved) + text
    return text, InlineKeyboardMarkup(
        [*markup.inline_keyboard, reminders.settings_button(), examdate.settings_button()]
    )


async def settings(update: Update, context: Context) -> None:
    """/settings: show level, sector, nation, time zone and reminder, with buttons to change each."""
    learner = await learner_for(update, context)
    if learner.privacy_accepted_at is None:
        await start(update, context)
        return
    text, markup = await settings_view(context, learner)
    await reply(update, context, text, reply_markup=markup)


async def privacy_button(update: Update, context: Context) -> None:
    """I agree (then the first question) or No thanks, in place of the notice."""
    found = await take_press(update, PRIVACY, close=False)
    if found is None:
        return
    learner = await learner_for(update, context)
    assert learner.id is not None
    if found["answer"] == "no":
        await replace_message(update, context, texts.PRIVACY_DECLINED)
    elif learner.privacy_accepted_at is not None:
        await replace_message(update, context, texts.PRIVACY_AGREED_BEFORE)
    else:
        learner = await context.services.learners.accept_privacy(learner.id)
        await replace_message(update, context, texts.PRIVACY_AGREED)
        await ask_first(update, context, learner)


async def read_button(update: Update, context: Context) -> None:
    """Read all: the full notice in place, keeping the choice (and an invite's code) under it."""
    found = await take_press(update, READ, close=False)
    if found is None:
        return
    user = update.effective_user
    assert user is not None
    # Reading stores nothing: under /privacy from someone with no record (never started, or
    # erased), the notice is shown all the same, only to read.
    learner = await context.services.privacy.find(f"tg:{user.id}")
    if learner is None or learner.privacy_accepted_at is not None:
        markup = None  # from /privacy: only to read
    elif found["code"]:
        markup = privacy_then_join_keyboard(found["code"], read_all=False)
    else:
        markup = privacy_keyboard(read_all=False)
    await replace_message(update, context, texts.PRIVACY, reply_markup=markup)


async def _agreed(update: Update, context: Context, kind: Callback) -> tuple[re.Match[str], Learner] | None:
    """The press and the learner, if they have agreed to the privacy notice (else ask again)."""
    found = await take_press(update, kind, close=False)
    if found is None:
        return None
    learner = await learner_for(update, context)
    if learner.privacy_accepted_at is None:
        await close_buttons(update)
        await reply(update, context, texts.PRIVACY_ASK, reply_markup=privacy_keyboard())
        return None
    return found, learner


async def _saved(update: Update, context: Context, learner: Learner, echo: str, then_submit: bool) -> None:
    """Before the first feedback, on to the next question of the profile (or the feedback);
    in /settings, the settings again with what was saved."""
    if then_submit:
        await continue_profile(update, context, learner, echo)
        return
    text, markup = await settings_view(context, learner, saved=echo.removeprefix("✓ "))
    await replace_message(update, context, text, reply_markup=markup)


async def _refuse(update: Update, context: Context) -> None:
    """A level, sector or nation this version does not offer (an old or forged button)."""
    await close_buttons(update)
    await reply(update, context, texts.UNKNOWN_BUTTON)


async def level_button(update: Update, context: Context) -> None:
    if (pressed := await _agreed(update, context, LEVEL)) is None:
        return
    found, learner = pressed
    assert learner.id is not None
    try:
        learner = await context.services.learners.set_level(learner.id, int(found["level"]))
    except ValueError:  # SettingError, or a value out of range
        await _refuse(update, context)
        return
    await _saved(update, context, learner, texts.ECHO_LEVEL.format(level=learner.level), bool(found["then"]))


async def sector_button(update: Update, context: Context) -> None:
    if (pressed := await _agreed(update, context, SECTOR)) is None:
        return
    found, learner = pressed
    assert learner.id is not None
    try:
        learner = await context.services.learners.set_sector(learner.id, found["sector"])
    except ValueError:  # SettingError, or a value out of range
        await _refuse(update, context)
        return
    echo = texts.ECHO_SECTOR.format(sector=describe(learner, context)["sector"])
    await _saved(update, context, learner, echo, bool(found["then"]))


async def nation_button(update: Update, context: Context) -> None:
    if (pressed := await _agreed(update, context, NATION)) is None:
        return
    found, learner = pressed
    assert learner.id is not None
    try:
        learner = await context.services.learners.set_nation(learner.id, found["nation"])
    except ValueError:  # SettingError, or a value out of range
        await _refuse(update, context)
        return
    echo = texts.ECHO_NATION.format(nation=describe(learner, context)["nation"])
    await _saved(update, context, learner, echo, bool(found["then"]))


async def timezone_button(update: Update, context: Context) -> None:
    """One of the common time zones; the reminder keeps its wall-clock time in the new zone."""
    if (pressed := await _agreed(update, context, TIMEZONE)) is None:
        return
    found, learner = pressed
    lid = learner.id
    assert lid is not None
    index = int(found["index"])
    if index >= len(COMMON_TIMEZONES):
        await _refuse(update, context)
        return
    learner = await context.services.learners.set_timezone(lid, COMMON_TIMEZONES[index])
    await context.services.reminders.replan(lid)
    await _saved(update, context, learner, f"time zone {html.escape(learner.timezone)}", False)


async def timezone_other_button(update: Update, context: Context) -> None:
    """Another zone: the next message is taken as its name (typed_timezone)."""
    if (pressed := await _agreed(update, context, TIMEZONE_OTHER)) is None:
        return
    assert pressed[1].id is not None
    await context.services.learners.expect_typed_timezone(pressed[1].id)
    await replace_message(update, context, texts.TYPE_TIMEZONE)


async def change_button(update: Update, context: Context) -> None:
    """Level, Sector, Time zone or Nation in /settings (or under a reminder's confirmation)."""
    if (pressed := await _agreed(update, context, CHANGE)) is not None:
        await change(update, context, pressed[0]["what"])


async def settings_button(update: Update, context: Context) -> None:
    """Back: the settings, in place."""
    if (pressed := await _agreed(update, context, SETTINGS)) is not None:
        text, markup = await settings_view(context, pressed[1])
        await replace_message(update, context, text, reply_markup=markup)


def handlers() -> list[BaseHandler]:
    return [
        CommandHandler("start", start, filters=filters.ChatType.PRIVATE),
        CommandHandler("settings", settings, filters=filters.ChatType.PRIVATE),
        CallbackQueryHandler(privacy_button, pattern=PRIVACY.pattern),
        CallbackQueryHandler(read_button, pattern=READ.pattern),
        CallbackQueryHandler(level_button, pattern=LEVEL.pattern),
        CallbackQueryHandler(sector_button, pattern=SECTOR.pattern),
        CallbackQueryHandler(nation_button, pattern=NATION.pattern),
        CallbackQueryHandler(timezone_button, pattern=TIMEZONE.pattern),
        CallbackQueryHandler(timezone_other_button, pattern=TIMEZONE_OTHER.pattern),
        CallbackQueryHandler(change_button, pattern=CHANGE.pattern),
        CallbackQueryHandler(settings_button, pattern=SETTINGS.pattern),
    ]


async def change(update: Update, context: Context, what: str) -> None:
    """One setting's buttons, in place of the settings message."""
    content = context.services.content
    if what == "level":
        await replace_message(update, context, texts.ASK_LEVEL, reply_markup=levels_keyboard())
    elif what == "sector":
        await replace_message(update, context, texts.ASK_SECTOR,
                              reply_markup=sectors_keyboard(content))
    elif what == "nation":
        await replace_message(update, context, texts.ASK_NATION,
                              reply_markup=nations_keyboard())
    else:
        await replace_message(update, context, texts.ASK_TIMEZONE,
                              reply_markup=timezones_keyboard())


# A place is a few words at most ("Isle of Man", "Bosnia and Herzegovina"); more is a sentence.
ZONE_WORDS = 4


async def cancel_typed_timezone(update: Update, context: Context, learner: Learner) -> bool:
    """/cancel while a typed time zone is awaited stops only that (the answer stays); True if so."""
    if not typing_timezone(learner):
        return False
    assert learner.id is not None
    learner = await context.services.learners.stop_typed_timezone(learner.id)
    await reply(update, context, texts.TIMEZONE_CANCELLED.format(zone=html.escape(learner.timezone)))
    return True


async def typed_timezone(
    update: Update, context: Context, learner: Learner, text: str
) -> bool:
    """If a time zone is being typed, take this message as the answer; True if taken."""
    if not typing_timezone(learner):
        return False
    lid = learner.id
    assert lid is not None
    try:
        learner = await context.services.learners.set_timezone(lid, text)
        await context.services.reminders.replan(lid)  # same wall-clock time, new zone
    except SettingError as exc:
        if len(text.split()) > ZONE_WORDS:
            # A sentence, not a place: the learner went back to their answer. Keep it there.
            learner = await context.services.learners.stop_typed_timezone(lid)
            await reply(update, context, texts.TIMEZONE_LEFT.format(zone=html.escape(learner.timezone)))
            return False
        await reply(update, context, html.escape(str(exc)))
        return True
    view, markup = await settings_view(context, learner, saved=f"time zone {html.escape(learner.timezone)}")
    await reply(update, context, view, reply_markup=markup)
    return True
