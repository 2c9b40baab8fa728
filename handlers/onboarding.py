"""/start and /settings: privacy consent, then level, sector and time zone, one question at a
time with buttons (a time zone can also be typed). The open question lives in the database."""

from __future__ import annotations

import html

from telegram import Update

from bot.learners.onboarding import COMMON_TIMEZONES, TYPED_TIMEZONE, SettingError
from handlers import examdate, keyboards, texts
from handlers.cohort_invites import deep_link
from handlers.common import close_buttons, learner_for, reply
from handlers.consent import ask_step, describe, settings_line
from handlers.context import Context
from storage.models import Learner


async def start(update: Update, context: Context) -> None:
    """Welcome; then the privacy notice to accept, or a welcome back."""
    learner = await learner_for(update, context)
    assert learner.id is not None
    name = html.escape(learner.first_name or "there")
    await reply(update, context, texts.WELCOME.format(name=name))
    learner = await context.services.learners.begin(learner.id)
    if context.args and await deep_link(update, context, learner, context.args[0]):
        return
    if learner.onboarding_step is not None:
        await ask_step(update, context, learner)


async def settings(update: Update, context: Context) -> None:
    """/settings: show level, sector, time zone and nation, with buttons to change each."""
    learner = await learner_for(update, context)
    if learner.privacy_accepted_at is None:
        await start(update, context)
        return
    assert learner.id is not None
    reminder = settings_line(await context.services.reminders.status(learner.id))
    markup = keyboards.settings_keyboard()
    await reply(
        update, context,
        texts.SETTINGS.format(
            **describe(learner, context), **examdate.describe_profile(learner, context), reminder=reminder
        ),
        reply_markup=type(markup)(
            [*markup.inline_keyboard, keyboards.reminder_settings_button(), examdate.settings_button()]
        ),
    )


async def button(update: Update, context: Context) -> None:
    """Every `onb:` button: consent, level, sector, time zone, and the /settings changes."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    await close_buttons(update)
    learner = await learner_for(update, context)
    lid = learner.id
    assert lid is not None
    svc = context.services.learners
    action, args = keyboards.parse(query.data)
    try:
        if query.data == keyboards.PRIVACY_ACCEPT:
            learner = await svc.accept_privacy(lid)
        elif query.data == keyboards.PRIVACY_DECLINE:
            await reply(update, context, texts.PRIVACY_DECLINED)
            return
        elif action == keyboards.LEVEL:
            learner = await svc.set_level(lid, int(args[0]))
        elif action == keyboards.SECTOR:
            learner = await svc.set_sector(lid, args[0])
        elif query.data == keyboards.TIMEZONE_OTHER:
            await svc.expect_typed_timezone(lid)
            await reply(update, context, texts.TYPE_TIMEZONE)
            return
        elif action == keyboards.TIMEZONE:
            learner = await svc.set_timezone(lid, COMMON_TIMEZONES[int(args[0])])
            await context.services.reminders.replan(lid)  # same wall-clock time, new zone
        elif action == keyboards.NATION:
            learner = await svc.set_nation(lid, args[0])
        elif action == keyboards.REMINDER:
            if args[0] != "off":
                at = keyboards.button_time(args[0])
                if at is None:
                    raise ValueError(args[0])
                await context.services.reminders.set(lid, at)
            learner = await svc.finish_reminder_step(lid)
        elif action == "onb:change":
            await change(update, context, args[0])
            return
    except (SettingError, ValueError, IndexError):
        await reply(update, context, texts.UNKNOWN_BUTTON)
        return
    await ask_step(update, context, learner)


async def change(update: Update, context: Context, what: str) -> None:
    content = context.services.content
    if what == "level":
        await reply(update, context, texts.ASK_LEVEL, reply_markup=keyboards.levels_keyboard())
    elif what == "sector":
        await reply(update, context, texts.ASK_SECTOR, reply_markup=keyboards.sectors_keyboard(content))
    elif what == "nation":
        await reply(update, context, texts.ASK_NATION, reply_markup=keyboards.nations_keyboard())
    else:
        await reply(update, context, texts.ASK_TIMEZONE, reply_markup=keyboards.timezones_keyboard())


async def typed_timezone(
    update: Update, context: Context, learner: Learner, text: str
) -> bool:
    """If a time zone is being asked for, take this message as the answer; True if taken."""
    if learner.onboarding_step not in ("timezone", TYPED_TIMEZONE):
        return False
    lid = learner.id
    assert lid is not None
    try:
        learner = await context.services.learners.set_timezone(lid, text)
        await context.services.reminders.replan(lid)  # same wall-clock time, new zone
    except SettingError as exc:
        await reply(update, context, html.escape(str(exc)))
        return True
    await ask_step(update, context, learner)
    return True
