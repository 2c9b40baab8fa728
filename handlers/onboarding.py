"""/start and /settings: privacy consent, then level, sector and time zone, one question at a
time with buttons (a time zone can also be typed). The open question lives in the database."""

from __future__ import annotations

import html

from telegram import Update
from telegram.ext import ContextTypes

from bot.onboarding import COMMON_TIMEZONES, TYPED_TIMEZONE, SettingError
from handlers import keyboards, texts
from handlers.common import close_buttons, learner_for, reply, services
from storage.models import Learner


async def ask_step(update: Update, context: ContextTypes.DEFAULT_TYPE, learner: Learner) -> None:
    """Ask the open onboarding question, or say that everything is set."""
    content = services(context).content
    step = learner.onboarding_step
    if step == "privacy":
        await reply(update, context, texts.PRIVACY, reply_markup=keyboards.privacy_keyboard())
    elif step == "level":
        await reply(update, context, texts.ASK_LEVEL, reply_markup=keyboards.levels_keyboard())
    elif step == "sector":
        await reply(update, context, texts.ASK_SECTOR, reply_markup=keyboards.sectors_keyboard(content))
    elif step in ("timezone", TYPED_TIMEZONE):
        await reply(update, context, texts.ASK_TIMEZONE, reply_markup=keyboards.timezones_keyboard())
    elif step == "reminder":
        await reply(update, context, texts.ASK_REMINDER, reply_markup=keyboards.reminder_keyboard())
    else:
        await reply(update, context, texts.ALL_SET.format(**describe(learner, context)))


def describe(learner: Learner, context: ContextTypes.DEFAULT_TYPE) -> dict[str, str]:
    sectors = services(context).content.sectors
    sector = sectors.get(learner.sector)
    return {
        "level": f"Level {learner.level}" if learner.level else "not set",
        "sector": html.escape(sector.label if sector else learner.sector),
        "timezone": html.escape(learner.timezone),
    }


async def require_consent(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Learner | None:
    """The learner, if they have accepted the privacy notice; otherwise ask them to."""
    learner = await learner_for(update, context)
    assert learner.id is not None
    if learner.privacy_accepted_at is None:
        learner = await services(context).learners.begin(learner.id)
        await reply(update, context, texts.NEEDS_CONSENT)
        await ask_step(update, context, learner)
        return None
    return learner


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Welcome; then the privacy notice to accept, or a welcome back."""
    learner = await learner_for(update, context)
    assert learner.id is not None
    name = html.escape(learner.first_name or "there")
    await reply(update, context, texts.WELCOME.format(name=name))
    learner = await services(context).learners.begin(learner.id)
    # `/start <payload>` from an invite link (imported here: cohort_invites builds on this module).
    from handlers.cohort_invites import deep_link

    if context.args and await deep_link(update, context, learner, context.args[0]):
        return
    if learner.onboarding_step is not None:
        await ask_step(update, context, learner)


async def settings(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/settings: show level, sector and time zone, with buttons to change each."""
    learner = await learner_for(update, context)
    if learner.privacy_accepted_at is None:
        await start(update, context)
        return
    # The daily reminder line and button (imported here: handlers.reminders builds on this module).
    from handlers.reminders import settings_button, settings_line

    assert learner.id is not None
    reminder = settings_line(await services(context).reminders.status(learner.id))
    markup = keyboards.settings_keyboard()
    await reply(
        update, context, texts.SETTINGS.format(**describe(learner, context), reminder=reminder),
        reply_markup=type(markup)([*markup.inline_keyboard, settings_button()]),
    )


async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Every `onb:` button: consent, level, sector, time zone, and the /settings changes."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    await close_buttons(update)
    learner = await learner_for(update, context)
    lid = learner.id
    assert lid is not None
    svc = services(context).learners
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
            await services(context).reminders.replan(lid)  # same wall-clock time, new zone
        elif action == keyboards.REMINDER:
            if args[0] != "off":
                await services(context).reminders.set(lid, f"{args[0][:2]}:{args[0][2:]}")
            learner = await svc.finish_reminder_step(lid)
        elif action == "onb:change":
            await change(update, context, args[0])
            return
    except (SettingError, ValueError, IndexError):
        await reply(update, context, texts.UNKNOWN_BUTTON)
        return
    await ask_step(update, context, learner)


async def change(update: Update, context: ContextTypes.DEFAULT_TYPE, what: str) -> None:
    content = services(context).content
    if what == "level":
        await reply(update, context, texts.ASK_LEVEL, reply_markup=keyboards.levels_keyboard())
    elif what == "sector":
        await reply(update, context, texts.ASK_SECTOR, reply_markup=keyboards.sectors_keyboard(content))
    else:
        await reply(update, context, texts.ASK_TIMEZONE, reply_markup=keyboards.timezones_keyboard())


async def typed_timezone(
    update: Update, context: ContextTypes.DEFAULT_TYPE, learner: Learner, text: str
) -> bool:
    """If a time zone is being asked for, take this message as the answer; True if taken."""
    if learner.onboarding_step not in ("timezone", TYPED_TIMEZONE):
        return False
    lid = learner.id
    assert lid is not None
    try:
        learner = await services(context).learners.set_timezone(lid, text)
        await services(context).reminders.replan(lid)  # same wall-clock time, new zone
    except SettingError as exc:
        await reply(update, context, html.escape(str(exc)))
        return True
    await ask_step(update, context, learner)
    return True
