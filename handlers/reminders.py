"""/remind, the reminder menu in /settings, the nudge's buttons, and the Telegram side of sending.

Flow: `/remind 18:30 [weekdays]` sets a daily nudge at that local time, `/remind off` stops it,
`/remind` alone says what is set and how to change it. /settings has a "Daily reminder" button
(`rem:menu`) with a few times, the days of the week (`rem:day:<0-6>`) and "Turn off". A nudge
(bot.reminders.dispatcher) carries "Practise now" (`rem:go:<topic>[:<skill>]`), "Snooze 1 hour"
(`rem:snooze:<nudge id>`) and "Not today" (`rem:skip:<nudge id>`).

The JobQueue job `reminders:dispatch` only wakes the dispatcher; the database says what is due.
"""

from __future__ import annotations

import html
import logging
import re
from datetime import timedelta

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.app.sending import at_most_once
from bot.practice.service import PracticeError
from bot.reminders.dispatcher import SendOutcome, SendResult
from bot.reminders.planning import (
    DAY_NAMES,
    EVERY_DAY,
    WEEKDAYS,
    ReminderInputError,
    ReminderStatus,
    StaleNudge,
    describe_days,
    describe_when,
    parse_remind,
)
from bot.render.feedback import HTML, render_prompt
from bot.render.nudge import Nudge, NudgeAction, NudgeButton
from handlers import mock, onboarding_buttons, texts
from handlers.callback import ATTEMPT, ID, Callback, Field, choice, optional
from handlers.common import answer_in_progress, close_live_keyboards, reply, take_press
from handlers.consent import require_consent
from handlers.context import App, Context
from storage.models import RemindersOff

log = logging.getLogger(__name__)

JOB_NAME = "reminders:dispatch"
# Offered in the menu; any other time can be typed with /remind.
PRESET_TIMES = ("07:30", "12:30", "18:00", "20:00")
# The menu (from /settings), its times and days, and the three buttons of a nudge.
MENU = Callback("rem:menu")
TIME = Callback("rem:time", at=Field(r"\d{4}", "2359", "0000"))  # HHMM; checked by button_time
OFF = Callback("rem:off")
DAYS = Callback("rem:days", preset=optional(choice("all", "wk")))
DAY = Callback("rem:day", day=Field("[0-6]", "6", "0"))  # toggles one day, 0 = Monday
GO = Callback("rem:go", topic=ID, skill=optional(Field("[a-z]{1,12}", "a" * 12, "a")))
SNOOZE = Callback("rem:snooze", nudge=ATTEMPT)  # the nudge log id
SKIP = Callback("rem:skip", nudge=ATTEMPT)


def handlers() -> list[BaseHandler]:
    return [
        CommandHandler("remind", remind, filters=filters.ChatType.PRIVATE),
        CallbackQueryHandler(menu_button, pattern=MENU.pattern),
        CallbackQueryHandler(time_button, pattern=TIME.pattern),
        CallbackQueryHandler(off_button, pattern=OFF.pattern),
        CallbackQueryHandler(days_button, pattern=DAYS.pattern),
        CallbackQueryHandler(day_button, pattern=DAY.pattern),
        CallbackQueryHandler(go_button, pattern=GO.pattern),
        CallbackQueryHandler(snooze_button, pattern=SNOOZE.pattern),
        CallbackQueryHandler(skip_button, pattern=SKIP.pattern),
    ]


def settings_button() -> list[InlineKeyboardButton]:
    """The daily-reminder row that /settings adds under its own buttons."""
    return [MENU.button("⏰ Daily reminder")]


def button_time(digits: str) -> str | None:
    """`HHMM` from a time button as `HH:MM`, or None if it is not a time of day (a forged press)."""
    hours, minutes = int(digits[:2]), int(digits[2:])
    return f"{digits[:2]}:{digits[2:]}" if hours < 24 and minutes < 60 else None


def nudge_button(button: NudgeButton) -> InlineKeyboardButton:
    """A nudge's button (bot.render.nudge) as Telegram's."""
    if button.action is NudgeAction.PRACTISE:
        return GO.button(button.label, button.topic, button.skill or None)
    if button.action is NudgeAction.MOCK:
        return mock.LENGTH.button(button.label, button.minutes)
    kind = SNOOZE if button.action is NudgeAction.SNOOZE else SKIP
    return kind.button(button.label, button.log_id)


# -- sending ----------------------------------------------------------------------------------


class TelegramSender:
    """bot.reminders.dispatcher's Sender over python-telegram-bot: Telegram's answers become outcomes."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send(self, chat_id: int, nudge: Nudge) -> SendResult:
        markup = InlineKeyboardMarkup([[nudge_button(b) for b in row] for row in nudge.buttons])
        try:
            with at_most_once():  # a timed-out nudge may have arrived: never sent twice
                message = await self.bot.send_message(
                    chat_id, nudge.text, parse_mode=ParseMode.HTML, reply_markup=markup
                )
        except Forbidden as exc:
            return SendResult(SendOutcome.BLOCKED, detail=str(exc))
        except RetryAfter as exc:
            period = exc.retry_after  # a timedelta: the coach opts in to PTB 23's type (bot/__init__.py)
            wait = period.total_seconds() if isinstance(period, timedelta) else float(period)
            return SendResult(SendOutcome.RETRY, retry_after=wait, detail=str(exc))
        except BadRequest as exc:  # a NetworkError subclass in PTB: before it
            if "chat not found" in str(exc).lower():
                return SendResult(SendOutcome.BLOCKED, detail=str(exc))
            return SendResult(SendOutcome.FAILED, detail=str(exc))
        except TimedOut as exc:
            # Waiting for a free connection means nothing was sent; a read timeout may have been.
            pooled = "pool" in str(exc).lower()
            return SendResult(SendOutcome.RETRY if pooled else SendOutcome.UNKNOWN, detail=str(exc))
        except NetworkError as exc:
            return SendResult(SendOutcome.RETRY, detail=str(exc))
        except TelegramError as exc:
            return SendResult(SendOutcome.RETRY, detail=str(exc))
        return SendResult(SendOutcome.SENT, message_id=message.message_id)


def schedule(app: App) -> None:
    """Build the dispatcher and wake it every REMINDER_POLL_SECONDS (one named job)."""
    if app.job_queue is None:
        return
    svc = app.bot_data.services
    app.bot_data.dispatcher = svc.dispatcher(TelegramSender(app.bot))
    for job in app.job_queue.get_jobs_by_name(JOB_NAME):
        job.schedule_removal()
    interval = svc.settings.reminder_poll_seconds
    app.job_queue.run_repeating(wake, interval=interval, first=min(interval, 5.0), name=JOB_NAME)


async def wake(context: Context) -> None:
    """Job: start a drain unless one is running; a mass send outlives many ticks."""
    dispatcher = context.bot_data.dispatcher
    app = context.application
    if dispatcher is None or dispatcher.busy or not app.running:
        return
    # A task, not an await: the job returns at once, and stopping the app stops the drain.
    app.create_task(dispatcher.drain(keep_going=lambda: app.running), name="reminders:drain")


# -- /remind and the menu ---------------------------------------------------------------------


def _status_text(status: ReminderStatus, now_text: str) -> str:
    if status.enabled and status.local_time:
        return texts.REMIND_STATUS_ON.format(
            time=status.local_time, days=describe_days(status.days),
            timezone=html.escape(status.timezone), next=now_text,
        )
    if status.disabled_reason == RemindersOff.BLOCKED:
        return texts.REMIND_STATUS_BLOCKED
    return texts.REMIND_STATUS_OFF


def _when(context: Context, status: ReminderStatus) -> str:
    if status.next_due is None:
        return ""
    svc = context.services
    when = describe_when(status.next_due, svc.clock.now(), svc.reminders.zone_named(status.timezone))
    return when + (texts.REMIND_SKIPPED_TODAY if status.skipped_today else "")


def menu_keyboard(status: ReminderStatus) -> InlineKeyboardMarkup:
    rows = [[TIME.button(t, t.replace(":", "")) for t in PRESET_TIMES]]
    if status.enabled:
        rows.append([DAYS.button("Days of the week"), OFF.button("Turn off")])
    rows.append([onboarding_buttons.SETTINGS.button(texts.BACK_BUTTON)])  # back to /settings
    return InlineKeyboardMarkup(rows)


def days_keyboard(days: str) -> InlineKeyboardMarkup:
    toggles = [
        DAY.button(("✅ " if str(i) in days else "") + name, i) for i, name in enumerate(DAY_NAMES)
    ]
    return InlineKeyboardMarkup([
        toggles[:4], toggles[4:],
        [DAYS.button("Every day", "all"), DAYS.button("Weekdays", "wk"), MENU.button("Done")],
    ])


async def remind(update: Update, context: Context) -> None:
    """/remind HH:MM [days], /remind off, /remind on, or /remind alone for what is set."""
    learner = await require_consent(update, context)
    if learner is None or learner.id is None:
        return
    svc = context.services.reminders
    text = " ".join(context.args or [])
    try:
        request = parse_remind(text)
    except ReminderInputError as exc:
        wording = {"range": texts.REMIND_BAD_RANGE, "days": texts.REMIND_BAD_DAYS}
        await reply(update, context, wording.get(exc.code, texts.REMIND_BAD_FORMAT).format(
            given=html.escape(exc.given[:40])))
        return
    if request.action == "off":
        await svc.off(learner.id)
        await reply(update, context, texts.REMIND_OFF)
        return
    if request.action == "show":
        status = await svc.status(learner.id)
        if status.enabled:
            await reply(update, context, _status_text(status, _when(context, status)) + "\n"
                        + texts.REMIND_EXAMPLE, reply_markup=menu_keyboard(status))
        else:
            await reply(update, context, texts.REMIND_HOW.format(timezone=html.escape(status.timezone)))
        return
    if request.action == "on":
        status = await svc.on(learner.id)
        if not status.enabled:
            await reply(update, context, texts.REMIND_NOTHING_TO_RESUME)
            return
    else:
        assert request.local_time is not None
        status = await svc.set(learner.id, request.local_time, request.days)
    await _confirm(update, context, status)


async def _confirm(update: Update, context: Context, status: ReminderStatus) -> None:
    """The reminder as set, with its time zone to change: the one place the zone matters, so
    it is asked here rather than before the first question."""
    await reply(update, context, texts.REMIND_SET.format(
        time=status.local_time, days=describe_days(status.days),
        timezone=html.escape(status.timezone), next=_when(context, status),
    ), reply_markup=onboarding_buttons.change_timezone_keyboard())


# -- buttons ----------------------------------------------------------------------------------


async def _pressed(
    update: Update, context: Context, kind: Callback, *, close: bool = True
) -> tuple[re.Match[str], int] | None:
    """The press's fields and the learner, once the press is answered (and, with `close`, its
    keyboard closed); None for an unknown press or a learner who has not agreed yet."""
    found = await take_press(update, kind, close=close)
    if found is None:
        return None
    learner = await require_consent(update, context)
    if learner is None or learner.id is None:
        return None
    return found, learner.id


async def menu_button(update: Update, context: Context) -> None:
    """The reminder menu, in place of the message it was opened from."""
    pressed = await _pressed(update, context, MENU, close=False)
    if pressed is None:
        return
    status = await context.services.reminders.status(pressed[1])
    text = texts.REMIND_MENU.format(status=_status_text(status, _when(context, status)))
    await _edit(update, context, text, menu_keyboard(status))


async def time_button(update: Update, context: Context) -> None:
    pressed = await _pressed(update, context, TIME)
    if pressed is None:
        return
    at = button_time(pressed[0]["at"])
    if at is None:
        await reply(update, context, texts.UNKNOWN_BUTTON)
        return
    await _confirm(update, context, await context.services.reminders.set(pressed[1], at))


async def off_button(update: Update, context: Context) -> None:
    pressed = await _pressed(update, context, OFF)
    if pressed is not None:
        await context.services.reminders.off(pressed[1])
        await reply(update, context, texts.REMIND_OFF)


async def days_button(update: Update, context: Context) -> None:
    """The days of the week (in place), or Every day / Weekdays chosen there."""
    pressed = await _pressed(update, context, DAYS, close=False)
    if pressed is None:
        return
    found, lid = pressed
    svc = context.services.reminders
    if found["preset"] is None:
        await _show_days(update, context, await svc.status(lid))
    else:
        days = EVERY_DAY if found["preset"] == "all" else WEEKDAYS
        await _show_days(update, context, await svc.set_days(lid, days))


async def day_button(update: Update, context: Context) -> None:
    """One day switched on or off."""
    pressed = await _pressed(update, context, DAY, close=False)
    if pressed is not None:
        found, lid = pressed
        await _show_days(update, context, await context.services.reminders.toggle_day(lid, int(found["day"])))


async def _show_days(update: Update, context: Context, status: ReminderStatus) -> None:
    if not status.enabled or status.local_time is None:
        await reply(update, context, texts.REMIND_NOTHING_TO_RESUME)
        return
    await _edit(update, context, texts.REMIND_DAYS.format(
        time=status.local_time, timezone=html.escape(status.timezone)), days_keyboard(status.days))


async def go_button(update: Update, context: Context) -> None:
    """A nudge's Practise now: a question on the area it named."""
    pressed = await _pressed(update, context, GO)
    if pressed is None:
        return
    found, lid = pressed
    svc = context.services
    await svc.reminders.answered(lid)
    topic = found["topic"]
    if topic not in svc.content.topics:
        await reply(update, context, texts.STALE_BUTTON)
        return
    if await answer_in_progress(update, context, lid):
        return  # an answer is being written: it is never dropped by a nudge's button
    await close_live_keyboards(context)
    await mock.step_aside(update, context, lid)  # a running mock pauses for the practice
    try:
        prompt = await svc.practice.start(lid, topic_id=topic, skill=found["skill"])
    except PracticeError as exc:
        await reply(update, context, html.escape(str(exc)))
        return
    await reply(update, context, render_prompt(prompt, svc.content.topics[prompt.topic].title, HTML))


async def snooze_button(update: Update, context: Context) -> None:
    """A nudge's Snooze 1 hour."""
    pressed = await _pressed(update, context, SNOOZE)
    if pressed is None:
        return
    found, lid = pressed
    svc = context.services.reminders
    try:
        until = await svc.snooze(lid, int(found["nudge"]))
    except StaleNudge:
        await reply(update, context, texts.REMIND_STALE)
        return
    local = until.astimezone(svc.zone_named((await svc.status(lid)).timezone))
    await reply(update, context, texts.REMIND_SNOOZED.format(time=local.strftime("%H:%M")))


async def skip_button(update: Update, context: Context) -> None:
    """A nudge's Not today."""
    pressed = await _pressed(update, context, SKIP)
    if pressed is None:
        return
    found, lid = pressed
    try:
        status = await context.services.reminders.not_today(lid, int(found["nudge"]))
    except StaleNudge:
        await reply(update, context, texts.REMIND_STALE)
        return
    if status.next_due is None:
        await reply(update, context, texts.REMIND_NOT_TODAY_OFF)
    else:
        await reply(update, context, texts.REMIND_NOT_TODAY.format(next=_when(context, status)))


async def _edit(
    update: Update, context: Context, text: str, markup: InlineKeyboardMarkup
) -> None:
    """Show the menu in place (the message the button was on); a new message if that fails."""
    query = update.callback_query
    if query is not None and query.message is not None:
        try:
            await query.edit_message_text(text, reply_markup=markup)
            return
        except BadRequest as exc:
            if "not modified" in str(exc).lower():
                return
            log.debug("Could not edit the reminder menu: %s", exc)
    await reply(update, context, text, reply_markup=markup)
