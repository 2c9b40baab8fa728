"""/mock: the mock professional discussion in Telegram (domain in bot/mock, words in bot/render/mock).

Flow: /mock offers 20, 40 or 60 minutes (`mock:len:<m>`); the first open invitation follows. Each
text message adds to the answer (one quiet status line with Next, Pause and End); Next (or /done)
hands the answer in and the assessor's next question comes, with no marks, until the time or the
question budget is spent, or End is pressed: then the readiness report. /mock during a mock shows
the question again, or Resume for a paused one; /cancel pauses. Everything is in the database, so
a restart in the middle changes nothing for the learner.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from telegram import InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.mock.service import MockError, MockView, NoStandard, Step
from bot.render.feedback import HTML
from bot.render.mock import render_intro, render_paused, render_question, render_report, render_status
from handlers import texts, voice_buttons
from handlers.callback import ATTEMPT, Callback, number, optional
from handlers.common import correcting, learner_for, quote_heard, reply, take_press
from handlers.consent import require_consent
from handlers.context import Context
from handlers.throttle import quiet
from storage.models import Learner, MockStatus

log = logging.getLogger(__name__)

T = TypeVar("T")

# Each button names its mock (and Next the question it hands the answer in for), so a press
# on an older one is recognised.
LENGTH = Callback("mock:len", minutes=number(2))
NEXT = Callback("mock:next", session=ATTEMPT, n=optional(number(4)))
PAUSE = Callback("mock:pause", session=ATTEMPT)
RESUME = Callback("mock:resume", session=ATTEMPT)
END = Callback("mock:end", session=ATTEMPT)
CHOOSE_LENGTH = (
    "<b>Mock professional discussion</b>\nHow long? The real one is about an hour; a shorter mock "
    "rehearses the opening and a few areas. (/mock report shows your last report.)"
)
NOTHING_OPEN = "There is no mock running. Send /mock to start one."
ENDED = "<b>Thank you: that is the end of the discussion.</b> Here is your readiness report."
STALE = "That button belongs to an earlier question. Your mock is still here: send /mock."


def lengths_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[LENGTH.button(f"{m} minutes", m) for m in (20, 40, 60)]])


def answer_keyboard(view: MockView) -> InlineKeyboardMarkup:
    sid = view.session_id
    return InlineKeyboardMarkup([
        [NEXT.button("Next ▶", sid, view.number)],
        [PAUSE.button("Pause", sid), END.button("End and report", sid)],
    ])


def paused_keyboard(view: MockView) -> InlineKeyboardMarkup:
    sid = view.session_id
    return InlineKeyboardMarkup(
        [[RESUME.button("Resume", sid), END.button("End and report", sid)]]
    )


async def _show_question(update: Update, context: Context, view: MockView, area: str | None = None) -> None:
    text = render_question(view, HTML, area_title=area)
    await reply(update, context, text, reply_markup=answer_keyboard(view))


async def mock(update: Update, context: Context) -> None:
    """/mock [20|40|60|pause|end|report]: start, show, pause or end the mock; the last report."""
    learner = await require_consent(update, context)
    if learner is None:
        return
    assert learner.id is not None
    svc = context.services.mock
    arg = (context.args or [""])[0].lower() if context.args else ""
    current = await svc.current(learner.id)
    if arg == "pause" and current is not None:
        view = await svc.pause(learner.id)
        await reply(update, context, render_paused(view, HTML), reply_markup=paused_keyboard(view))
    elif arg == "end" and current is not None:
        await _send_report(update, context, await svc.end(learner.id))
    elif current is not None and current.status == MockStatus.PAUSED:
        await reply(update, context, render_paused(current, HTML), reply_markup=paused_keyboard(current))
    elif current is not None:
        await _show_question(update, context, current)
    elif arg in ("20", "40", "60"):
        await _start(update, context, learner, int(arg))
    elif arg in ("end", "pause"):
        await reply(update, context, NOTHING_OPEN)
    elif arg == "report":
        reports = await svc.reports(learner.id, limit=1)
        if reports:
            await _send_report(update, context, reports[0])
        else:
            await reply(update, context, "You haven't finished a mock yet. Send /mock to start one.")
    else:
        try:
            svc.standard_for(learner)
        except NoStandard as exc:
            await reply(update, context, html.escape(str(exc)))
            return
        await reply(update, context, CHOOSE_LENGTH, reply_markup=lengths_keyboard())


async def _start(update: Update, context: Context, learner: Learner, minutes: int) -> None:
    assert learner.id is not None
    try:
        view = await context.services.mock.start(learner.id, minutes)
    except MockError as exc:
        await reply(update, context, html.escape(str(exc)))
        return
    # A practice answer being written stays saved; the mock takes the messages from now on.
    await reply(update, context, render_intro(view, HTML))
    await _show_question(update, context, view)


async def _send_report(update: Update, context: Context, report: dict[str, Any]) -> None:
    await reply(update, context, render_report(report, HTML))


async def _after(update: Update, context: Context, step: Step) -> None:
    if step.report is not None:
        await reply(update, context, ENDED)
        await _send_report(update, context, step.report)
    elif step.view is not None:
        await _show_question(update, context, step.view, step.area_title)


STEPPED_ASIDE = (
    "Your mock discussion is paused while you practise (the clock is stopped). /mock resumes it."
)


async def step_aside(update: Update, context: Context, learner_id: int) -> None:
    """A practice question is starting: pause a running mock, so the answers go to practice."""
    if await context.services.mock.pause_if_running(learner_id):
        await reply(update, context, STEPPED_ASIDE)


async def take_text(
    update: Update, context: Context, learner: Learner, text: str, *, spoken: bool = False
) -> bool:
    """Add a message to the mock answer if a mock is running; False leaves it to practice.
    `spoken`: the text is a voice note's transcript, shown with "Replace this part"."""
    assert learner.id is not None
    svc = context.services.mock
    if not learner.mock_running:  # read with the learner: no extra query for practice
        return False
    message = update.effective_message
    part = message.message_id if message is not None else None
    try:
        view = await svc.add_text(learner.id, text, message_id=part, replacing=correcting(update, context))
    except MockError:
        return False  # ended between the two reads: practice takes it
    if quiet(context) or view.repeated:
        return True  # flooding, or added and its status line sent before a crash
    await show_status(
        update, context, learner.id, view, for_part=part, heard=text if spoken else None,
    )
    return True


async def show_status(
    update: Update, context: Context, learner_id: int, view: MockView, note: str = "",
    *, for_part: int | None = None, heard: str | None = None,
) -> None:
    """The one quiet status line under the mock answer (the previous one removed); after a voice
    note (message `for_part`) it quotes what was heard, with "Replace this part"."""
    text = render_status(view)
    if view.replaced:
        text = f"{texts.REPLACED_LAST}\n{text}"
    elif view.replace_missed:
        text = f"{texts.REPLACE_MISSED}\n{text}"
    if note:
        text = f"{note}\n{text}"
    markup = answer_keyboard(view)
    if heard is not None and for_part is not None:
        text = f"{texts.VOICE_HEARD.format(heard=quote_heard(heard))}\n{text}"
        markup = InlineKeyboardMarkup([*markup.inline_keyboard, voice_buttons.replace_row(for_part)])
    chat = update.effective_chat
    assert chat is not None
    sent = await context.bot.send_message(chat.id, text, disable_notification=True, reply_markup=markup)
    if context.user_data is not None:
        context.user_data.voice_heard = (
            (sent.message_id, for_part) if heard is not None and for_part is not None else None
        )
    previous = await context.services.mock.set_status_message(learner_id, sent.message_id, for_part=for_part)
    if previous is not None:
        try:
            await context.bot.delete_message(chat.id, previous)
        except TelegramError:
            log.debug("Old mock status line %s already gone", previous)


async def take_done(update: Update, context: Context) -> bool:
    """/done during a mock hands the answer in; False leaves /done to practice."""
    learner = await learner_for(update, context)
    assert learner.id is not None
    svc = context.services.mock
    if not learner.mock_running:
        return False
    try:
        step = await svc.submit(learner.id)
    except MockError as exc:
        await reply(update, context, html.escape(str(exc)))
        return True
    await _after(update, context, step)
    return True


async def take_cancel(update: Update, context: Context) -> bool:
    """/cancel during a mock pauses it (nothing is lost); False leaves /cancel to practice."""
    learner = await learner_for(update, context)
    assert learner.id is not None
    svc = context.services.mock
    if not learner.mock_running:
        return False
    view = await svc.pause(learner.id)
    await reply(update, context, render_paused(view, HTML), reply_markup=paused_keyboard(view))
    return True


async def length_button(update: Update, context: Context) -> None:
    """20, 40 or 60 minutes: the mock starts."""
    found = await take_press(update, LENGTH)
    if found is not None:
        await _start(update, context, await learner_for(update, context), int(found["minutes"]))


async def _pressed(update: Update, context: Context, kind: Callback) -> tuple[int, MockView] | None:
    """The learner and their mock, if the button pressed belongs to the mock open now."""
    found = await take_press(update, kind)
    if found is None:
        return None
    learner = await learner_for(update, context)
    assert learner.id is not None
    current = await context.services.mock.current(learner.id)
    if current is None or current.session_id != int(found["session"]):
        await reply(update, context, NOTHING_OPEN)
        return None
    if kind is NEXT and (current.status != MockStatus.ACTIVE or found["n"] is None
                         or int(found["n"]) != current.number):
        await reply(update, context, STALE)
        return None
    return learner.id, current


async def _act(
    update: Update, context: Context, kind: Callback, act: Callable[[int], Awaitable[T]]
) -> T | None:
    """A mock button's press and its action on the learner's mock (`act` on their id); None
    when the press is old or the action is refused (both said so)."""
    pressed = await _pressed(update, context, kind)
    if pressed is None:
        return None
    try:
        return await act(pressed[0])
    except MockError as exc:
        await reply(update, context, html.escape(str(exc)))
        return None


async def next_button(update: Update, context: Context) -> None:
    """Next: hand the answer in; the next question (or the report) follows."""
    if (step := await _act(update, context, NEXT, context.services.mock.submit)) is not None:
        await _after(update, context, step)


async def pause_button(update: Update, context: Context) -> None:
    if (view := await _act(update, context, PAUSE, context.services.mock.pause)) is not None:
        await reply(update, context, render_paused(view, HTML), reply_markup=paused_keyboard(view))


async def resume_button(update: Update, context: Context) -> None:
    if (view := await _act(update, context, RESUME, context.services.mock.resume)) is not None:
        await reply(update, context, "<b>Welcome back.</b> The clock is running again.")
        await _show_question(update, context, view)


async def end_button(update: Update, context: Context) -> None:
    """End and report: the readiness report now."""
    if (report := await _act(update, context, END, context.services.mock.end)) is not None:
        await _send_report(update, context, report)


def handlers() -> list[BaseHandler]:
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("mock", mock, filters=private),
        CallbackQueryHandler(length_button, pattern=LENGTH.pattern),
        CallbackQueryHandler(next_button, pattern=NEXT.pattern),
        CallbackQueryHandler(pause_button, pattern=PAUSE.pattern),
        CallbackQueryHandler(resume_button, pattern=RESUME.pattern),
        CallbackQueryHandler(end_button, pattern=END.pattern),
    ]
