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

from telegram import InlineKeyboardMarkup, Update

from bot.learners.onboarding import COMMON_TIMEZONES, SettingError, typing_timezone
from handlers import examdate, keyboards, reminders, texts
from handlers.answering import ask_first, continue_profile
from handlers.cohort_invites import deep_link, privacy_then_join_keyboard
from handlers.common import close_buttons, learner_for, replace_message, reply
from handlers.consent import describe, settings_line
from handlers.context import Context
from storage.models import Learner


async def start(update: Update, context: Context) -> None:
    """Welcome with the privacy notice in brief to accept, or a welcome back."""
    learner = await learner_for(update, context)
    assert learner.id is not None
    name = html.escape(learner.first_name or "there")
    learner = await context.services.learners.begin(learner.id)
    if context.args and await deep_link(update, context, learner, context.args[0]):
        return
    if learner.privacy_accepted_at is None:
        await reply(update, context, texts.WELCOME.format(name=name),
                    reply_markup=keyboards.privacy_keyboard())
    else:
        await reply(update, context, texts.WELCOME_BACK.format(name=name),
                    reply_markup=keyboards.ask_me_keyboard())


async def settings_view(
    context: Context, learner: Learner, saved: str = ""
) -> tuple[str, InlineKeyboardMarkup]:
    """The /settings message: what is set, and a button for each change."""
    assert learner.id is not None
    reminder = settings_line(await context.services.reminders.status(learner.id))
    markup = keyboards.settings_keyboard()
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


async def _consent(update: Update, context: Context, args: list[str], data: str) -> None:
    """I agree, No thanks, Read all."""
    svc = context.services
    learner = await learner_for(update, context)
    assert learner.id is not None
    if data == keyboards.PRIVACY_DECLINE:
        await replace_message(update, context, texts.PRIVACY_DECLINED)
    elif data.startswith(keyboards.PRIVACY_READ):
        code = args[0] if args else None
        if learner.privacy_accepted_at is not None:
            markup = None  # from /privacy: only to read
        elif code:
            markup = privacy_then_join_keyboard(code, read_all=False)
        else:
            markup = keyboards.privacy_keyboard(read_all=False)
        await replace_message(update, context, texts.PRIVACY, reply_markup=markup)
    elif learner.privacy_accepted_at is not None:
        await replace_message(update, context, texts.PRIVACY_AGREED_BEFORE)
    else:
        learner = await svc.learners.accept_privacy(learner.id)
        await replace_message(update, context, texts.PRIVACY_AGREED)
        await ask_first(update, context, learner)


async def button(update: Update, context: Context) -> None:
    """Every `onb:` button: consent, level, sector, time zone, and the /settings changes."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    data = query.data or ""
    action, args = keyboards.parse(data)
    if action in ("onb:privacy", keyboards.PRIVACY_READ):
        await _consent(update, context, args, data)
        return
    learner = await learner_for(update, context)
    lid = learner.id
    assert lid is not None
    if learner.privacy_accepted_at is None:
        await close_buttons(update)
        await reply(update, context, texts.PRIVACY_ASK, reply_markup=keyboards.privacy_keyboard())
        return
    svc = context.services
    then_submit = args[-1:] == [keyboards.THEN_SUBMIT]
    try:
        if action == keyboards.LEVEL:
            learner = await svc.learners.set_level(lid, int(args[0]))
            echo = texts.ECHO_LEVEL.format(level=learner.level)
        elif action == keyboards.SECTOR:
            learner = await svc.learners.set_sector(lid, args[0])
            echo = texts.ECHO_SECTOR.format(sector=describe(learner, context)["sector"])
        elif data == keyboards.TIMEZONE_OTHER:
            await svc.learners.expect_typed_timezone(lid)
            await replace_message(update, context, texts.TYPE_TIMEZONE)
            return
        elif action == keyboards.TIMEZONE:
            learner = await svc.learners.set_timezone(lid, COMMON_TIMEZONES[int(args[0])])
            await svc.reminders.replan(lid)  # same wall-clock time, new zone
            echo = f"time zone {html.escape(learner.timezone)}"
        elif action == keyboards.NATION:
            learner = await svc.learners.set_nation(lid, args[0])
            echo = texts.ECHO_NATION.format(nation=describe(learner, context)["nation"])
        elif action == "onb:change":
            await change(update, context, args[0])
            return
        else:  # onb:settings, the way back
            text, markup = await settings_view(context, learner)
            await replace_message(update, context, text, reply_markup=markup)
            return
    except (SettingError, ValueError, IndexError):
        await close_buttons(update)
        await reply(update, context, texts.UNKNOWN_BUTTON)
        return
    if then_submit:
        await continue_profile(update, context, learner, echo)
        return
    text, markup = await settings_view(context, learner, saved=echo.removeprefix("✓ "))
    await replace_message(update, context, text, reply_markup=markup)


async def change(update: Update, context: Context, what: str) -> None:
    """One setting's buttons, in place of the settings message."""
    content = context.services.content
    if what == "level":
        await replace_message(update, context, texts.ASK_LEVEL, reply_markup=keyboards.levels_keyboard())
    elif what == "sector":
        await replace_message(update, context, texts.ASK_SECTOR,
                              reply_markup=keyboards.sectors_keyboard(content))
    elif what == "nation":
        await replace_message(update, context, texts.ASK_NATION,
                              reply_markup=keyboards.nations_keyboard())
    else:
        await replace_message(update, context, texts.ASK_TIMEZONE,
                              reply_markup=keyboards.timezones_keyboard())


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
        await reply(update, context, html.escape(str(exc)))
        return True
    view, markup = await settings_view(context, learner, saved=f"time zone {html.escape(learner.timezone)}")
    await reply(update, context, view, reply_markup=markup)
    return True
