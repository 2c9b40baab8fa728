"""The consent gate, shared by every handler that needs a learner who has accepted the privacy
notice (onboarding, practice, reminders, invites), and the words for a learner's settings."""

from __future__ import annotations

import html

from telegram import Update

from bot.reminders.planning import ReminderStatus, describe_days, describe_when
from content import nations
from handlers import texts
from handlers.common import learner_for, reply
from handlers.context import Context
from handlers.onboarding_buttons import privacy_keyboard
from storage.models import Learner


async def ask_consent(update: Update, context: Context) -> None:
    """The privacy notice in brief, with I agree / No thanks / Read all: one message."""
    await reply(update, context, texts.PRIVACY_ASK, reply_markup=privacy_keyboard())


async def reminder_line(context: Context, learner: Learner) -> str:
    """What the reminder will really do, or the offer of one: never both."""
    assert learner.id is not None
    svc = context.services
    status = await svc.reminders.status(learner.id)
    if not (status.enabled and status.local_time and status.next_due):
        return texts.PROFILE_REMINDER_OFF
    when = describe_when(status.next_due, svc.clock.now(), svc.reminders.zone_named(status.timezone))
    return texts.PROFILE_REMINDER_ON.format(
        time=status.local_time, days=describe_days(status.days),
        next=when + (texts.REMIND_SKIPPED_TODAY if status.skipped_today else ""),
    )


def describe(learner: Learner, context: Context) -> dict[str, str]:
    sectors = context.services.content.sectors
    sector = sectors.get(learner.sector)
    return {
        "level": f"Level {learner.level}" if learner.level else "not set",
        "sector": html.escape(sector.label if sector else learner.sector),
        "timezone": html.escape(learner.timezone),
        "nation": nations.label(learner.nation),
    }


async def require_consent(update: Update, context: Context) -> Learner | None:
    """The learner, if they have accepted the privacy notice; otherwise ask them to."""
    learner = await learner_for(update, context)
    assert learner.id is not None
    if learner.privacy_accepted_at is None:
        await context.services.learners.begin(learner.id)
        await ask_consent(update, context)
        return None
    return learner


def settings_line(status: ReminderStatus) -> str:
    """The reminder line of /settings."""
    if status.enabled and status.local_time:
        return texts.SETTINGS_REMINDER_ON.format(time=status.local_time, days=describe_days(status.days))
    return texts.SETTINGS_REMINDER_OFF
