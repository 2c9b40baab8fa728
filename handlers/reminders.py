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
import warnings
from datetime import timedelta

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters
from telegram.warnings import PTBDeprecationWarning

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
from bot.render.nudge import Nudge
from handlers import keyboards, texts
from handlers.common import answer_in_progress, close_buttons, close_live_keyboards, reply
from handlers.consent import require_consent
from handlers.context import App, Context
from handlers.mock import step_aside
from storage.models import RemindersOff

log = logging.getLogger(__name__)

JOB_NAME = "reminders:dispatch"
# Offered in the menu; any other time can be typed with /remind.
PRESET_TIMES = ("07:30", "12:30", "18:00", "20:00")
PATTERN = (
    r"^rem:(menu|off|days|days:(all|wk)|day:[0-6]|time:\d{4}"
    r"|go:[a-z0-9_]{1,40}(:[a-z]{1,12})?|snooze:\d{1,9}|skip:\d{1,9})$"
)


def handlers() -> list[BaseHandler]:
    return [
        CommandHandler("remind", remind, filters=filters.ChatType.PRIVATE),
        CallbackQueryHandler(button, pattern=PATTERN),
    ]


# -- sending ----------------------------------------------------------------------------------


class TelegramSender:
    """bot.reminders.dispatcher's Sender over python-telegram-bot: Telegram's answers become outcomes."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send(self, chat_id: int, nudge: Nudge) -> SendResult:
        markup = InlineKeyboardMarkup(
            [[InlineKeyboardButton(label, callback_data=data) for label, data in row]
             for row in nudge.buttons]
        )
        try:
            with at_most_once():  # a timed-out nudge may have arrived: never sent twice
                message = await self.bot.send_message(
                    chat_id, nudge.text, parse_mode=ParseMode.HTML, reply_markup=markup
                )
        except Forbidden as exc:
            return SendResult(SendOutcome.BLOCKED, detail=str(exc))
        except RetryAfter as exc:
            with warnings.catch_warnings():
                # PTB 22 gives whole seconds with a deprecation warning; a timedelta with
                # PTB_TIMEDELTA=true, and always from PTB 23.
                warnings.simplefilter("ignore", PTBDeprecationWarning)
                period = exc.retry_after
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
    times = [InlineKeyboardButton(t, callback_data=f"rem:time:{t.replace(':', '')}") for t in PRESET_TIMES]
    rows = [times]
    if status.enabled:
        rows.append([InlineKeyboardButton("Days of the week", callback_data="rem:days"),
                     InlineKeyboardButton("Turn off", callback_data="rem:off")])
    rows.append([InlineKeyboardButton(texts.BACK_BUTTON, callback_data="onb:settings")])  # /settings
    return InlineKeyboardMarkup(rows)


def days_keyboard(days: str) -> InlineKeyboardMarkup:
    toggles = [
        InlineKeyboardButton(("✅ " if str(i) in days else "") + name, callback_data=f"rem:day:{i}")
        for i, name in enumerate(DAY_NAMES)
    ]
    return InlineKeyboardMarkup([
        toggles[:4], toggles[4:],
        [InlineKeyboardButton("Every day", callback_data="rem:days:all"),
         InlineKeyboardButton("Weekdays", callback_data="rem:days:wk"),
         InlineKeyboardButton("Done", callback_data="rem:menu")],
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
    ), reply_markup=keyboards.change_timezone_keyboard())


# -- buttons ----------------------------------------------------------------------------------


async def button(update: Update, context: Context) -> None:
    """Every `rem:` button: the menu, times, days, and the three buttons of a nudge."""
    query = update.callback_query
    assert query is not None
    if not re.match(PATTERN, query.data or ""):
        # PTB hands a button with empty data to the first button handler: not ours.
        await query.answer(texts.UNKNOWN_BUTTON, show_alert=True)
        return
    await query.answer()
    learner = await require_consent(update, context)
    if learner is None or learner.id is None:
        return
    lid = learner.id
    svc = context.services
    parts = (query.data or "").split(":")
    action, args = parts[1], parts[2:]
    if action in ("go", "snooze", "skip"):
        await _nudge_button(update, context, lid, action, args)
        return
    if action == "time":
        at = keyboards.button_time(args[0])
        if at is None:
            await reply(update, context, texts.UNKNOWN_BUTTON)
            return
        status = await svc.reminders.set(lid, at)
        await close_buttons(update)
        await _confirm(update, context, status)
    elif action == "off":
        await svc.reminders.off(lid)
        await close_buttons(update)
        await reply(update, context, texts.REMIND_OFF)
    elif action in ("days", "day"):
        if action == "day":
            status = await svc.reminders.toggle_day(lid, int(args[0]))
        elif args:
            status = await svc.reminders.set_days(lid, EVERY_DAY if args[0] == "all" else WEEKDAYS)
        else:
            status = await svc.reminders.status(lid)
        if not status.enabled or status.local_time is None:
            await reply(update, context, texts.REMIND_NOTHING_TO_RESUME)
            return
        await _edit(update, context, texts.REMIND_DAYS.format(
            time=status.local_time, timezone=html.escape(status.timezone)), days_keyboard(status.days))
    else:  # menu
        status = await svc.reminders.status(lid)
        text = texts.REMIND_MENU.format(status=_status_text(status, _when(context, status)))
        await _edit(update, context, text, menu_keyboard(status))


async def _nudge_button(
    update: Update, context: Context, lid: int, action: str, args: list[str]
) -> None:
    svc = context.services
    await close_buttons(update)
    if action == "go":
        await svc.reminders.answered(lid)
        topic = args[0]
        skill = args[1] if len(args) > 1 else None
        if topic not in svc.content.topics:
            await reply(update, context, texts.STALE_BUTTON)
            return
        if await answer_in_progress(update, context, lid):
            return  # an answer is being written: it is never dropped by a nudge's button
        await close_live_keyboards(context)
        await step_aside(update, context, lid)  # a running mock pauses for the practice
        try:
            prompt = await svc.practice.start(lid, topic_id=topic, skill=skill)
        except PracticeError as exc:
            await reply(update, context, html.escape(str(exc)))
            return
        await reply(update, context, render_prompt(prompt, svc.content.topics[prompt.topic].title, HTML))
        return
    try:
        if action == "snooze":
            until = await svc.reminders.snooze(lid, int(args[0]))
            status = await svc.reminders.status(lid)
            local = until.astimezone(svc.reminders.zone_named(status.timezone))
            await reply(update, context, texts.REMIND_SNOOZED.format(time=local.strftime("%H:%M")))
        else:
            status = await svc.reminders.not_today(lid, int(args[0]))
            if status.next_due is None:
                await reply(update, context, texts.REMIND_NOT_TODAY_OFF)
            else:
                await reply(update, context, texts.REMIND_NOT_TODAY.format(next=_when(context, status)))
    except StaleNudge:
        await reply(update, context, texts.REMIND_STALE)


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
