"""Build the Telegram Application from Settings and register every handler, in one place.

The entry point only runs what this returns; the tests build the same application.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import BotCommand, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, NetworkError, TimedOut
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import BaseRequest

from bot.app.inbox import KEEP, STOP_GRACE, Inbox, InboxQueue
from bot.app.sending import resend_after_timeout
from bot.app.services import Services
from bot.app.settings import Settings
from content.loader import Content
from handlers import (
    answers,
    assessor,
    assignments,
    cohort_invites,
    comments,
    disputes,
    edits,
    errors,
    evidence,
    examdate,
    mock,
    onboarding,
    practice,
    privacy,
    progress,
    reminders,
    start,
    texts,
    throttle,
    voice,
)
from handlers.context import CONTEXT_TYPES, App, Context
from storage import inbox_queries
from storage.models import utcnow

log = logging.getLogger(__name__)

PRIVATE = filters.ChatType.PRIVATE


class RetryingRateLimiter(AIORateLimiter):
    """AIORateLimiter waits out a 429's retry_after; this also sends again after a 5xx answer, a
    dropped connection or a timeout, a few times with a growing pause. Without it, feedback that
    met one such fault was lost: the attempt was stored, the learner only saw an apology. A
    timed-out send may have arrived after all: it is sent again (a rare duplicate beats lost
    feedback) unless the sender asked for at most once (bot.app.sending: the nudges)."""

    PAUSES = (0.5, 1.0, 2.0)

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        for pause in (*self.PAUSES, None):
            try:
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
            except BadRequest:
                raise  # our mistake, not the network's: sending it again cannot help
            except NetworkError as exc:  # TimedOut, a 5xx, a refused or dropped connection
                if pause is None:
                    raise
                if isinstance(exc, TimedOut) and not resend_after_timeout():
                    raise  # it may have arrived: the sender decides (bot.app.sending)
                log.warning("Bot API %s failed (%s); again in %.1fs", endpoint, exc, pause)
                await asyncio.sleep(pause)
        raise AssertionError("unreachable")


def handlers() -> list[BaseHandler]:
    """Order matters: commands first, then known buttons, then the catch-alls."""
    return [
        # /start, /settings and the `onb:` buttons (privacy notice, level, sector, nation, time zone).
        *onboarding.handlers(),
        CommandHandler("help", start.help_command, filters=PRIVATE),
        CommandHandler("privacy", start.privacy, filters=PRIVATE),
        # /practice, /done, /cancel and the `prac:` buttons (topics, Submit, Cancel, and those
        # under the feedback).
        *practice.handlers(),
        CommandHandler("progress", progress.progress, filters=PRIVATE),
        CommandHandler("mydata", privacy.mydata, filters=PRIVATE),
        # /mock and its `mock:` buttons (the mock discussion); /examdate and `exam:` (standard, date).
        *mock.handlers(),
        *examdate.handlers(),
        # The `voice:` buttons under a voice note's transcript (Replace this part, Keep it).
        *voice.handlers(),
        # /answers and its `ans:` buttons (My answers).
        *answers.handlers(),
        # /remind and the `rem:` buttons (menu, days, and a nudge's Practise now/Snooze/Not today).
        *reminders.handlers(),
        CommandHandler("deleteme", privacy.deleteme, filters=PRIVATE),
        CallbackQueryHandler(progress.details, pattern=progress.DETAILS.pattern),
        CallbackQueryHandler(privacy.delete_button, pattern=privacy.DELETE.pattern),
        # Assessors, cohorts and invites (commands and `coh:` buttons).
        *assessor.handlers(),
        *cohort_invites.handlers(),
        # /comment and the learner's Reply button (`cmt:`).
        *comments.handlers(),
        # /setwork and the learner's Answer it now (`work:`).
        *assignments.handlers(),
        # /setref: the full name and ULN the exports file a learner under.
        *evidence.handlers(),
        # "That's not right" under feedback, and the point picked (`dis:`).
        *disputes.handlers(),
        # A stale keyboard from an older version, or a forged payload.
        CallbackQueryHandler(practice.unknown_button),
        # A text sent as a Telegram reply may be the reply to an assessor's comment.
        comments.reply_handler(),
        MessageHandler(PRIVATE & filters.TEXT & ~filters.COMMAND, practice.answer_text),
        MessageHandler(PRIVATE & filters.COMMAND, start.unknown_command),
        MessageHandler(PRIVATE & (filters.VOICE | filters.AUDIO | filters.VIDEO_NOTE), voice.voice),
        MessageHandler(PRIVATE & ~filters.TEXT & ~filters.StatusUpdate.ALL, start.not_text),
    ]


def build_application(
    settings: Settings,
    services: Services | None = None,
    *,
    request: BaseRequest | None = None,
    updater: bool = True,
    update_queue: asyncio.Queue[object] | None = None,
    content: Content | None = None,
) -> Application:
    """The whole bot: services are created in post_init (so the schema upgrade runs inside
    the application's event loop) unless a test hands ready ones in."""
    if settings.telegram_bot_token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")

    async def post_init(app: App) -> None:
        if app.bot_data.built is None:
            app.bot_data.built = await Services.create(settings, content=content)
        await app.bot.set_my_commands([BotCommand(c, d) for c, d in texts.COMMANDS])
        if app.job_queue is not None:
            app.job_queue.run_repeating(
                _prune_inbox, interval=6 * 3600, first=60, name="prune:updates"
            )
        # Daily nudges: a named job wakes the dispatcher, which reads what is due from the database.
        reminders.schedule(app)
        # Weekly digests (due times read from the database), pruning wrong invite codes, menus.
        assessor.schedule(app)
        me = app.bot.username
        log.info("STAR Coach is up as @%s", me)

    async def post_shutdown(app: App) -> None:
        svc = app.bot_data.built
        if svc is not None and services is None:
            await svc.close()

    builder = ApplicationBuilder().context_types(CONTEXT_TYPES)
    if update_queue is not None:
        # Polling through the durable inbox: the Updater's queue stores before it confirms.
        builder = builder.update_queue(update_queue)
    if not updater:
        # Webhook mode feeds updates in itself (bot.app.webhook); no polling updater.
        builder = builder.updater(None)
    if request is not None:
        # Tests hand in an offline request object; nothing then reaches the network.
        builder = builder.request(request).get_updates_request(request)
    app = (
        builder.token(settings.telegram_bot_token.get_secret_value())
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.telegram_file_base_url)
        .rate_limiter(RetryingRateLimiter(max_retries=3))
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .defaults(Defaults(parse_mode=ParseMode.HTML))
        .build()
    )
    if services is not None:
        app.bot_data.built = services
    # Group -2 slows a flood; 0 handles the update. (An update delivered twice never gets this
    # far: the durable inbox, bot.app.inbox, stores and runs each update id once.)
    app.add_handler(TypeHandler(Update, throttle.throttle), group=-2)
    # An edited message never reaches the commands or the answer (handlers/edits.py).
    app.add_handler(MessageHandler(PRIVATE & filters.UpdateType.EDITED_MESSAGE, edits.edited), group=-1)
    app.add_handlers(handlers())
    app.add_error_handler(errors.on_error)
    return app


async def _prune_inbox(context: Context) -> None:
    """Job: forget handled update ids Telegram can no longer resend."""
    async with context.services.sessions.begin() as session:
        await inbox_queries.prune(session, before=utcnow() - KEEP)


def run(settings: Settings, content: Content | None = None) -> None:
    """Long polling through the durable inbox until interrupted (Ctrl+C or SIGTERM); `content`
    if it was loaded already."""
    asyncio.run(poll(settings, content))


async def poll(settings: Settings, content: Content | None = None) -> None:
    """Fetch with python-telegram-bot's Updater into the inbox, run updates from the inbox.

    Stopping is bounded: the Updater stops fetching (what it fetched and did not store is not
    confirmed, so Telegram sends it again), the update in hand gets STOP_GRACE seconds, then
    the application stops.
    """
    queue = InboxQueue()
    app = build_application(settings, update_queue=queue, content=content)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with app:
        if app.post_init:
            await app.post_init(app)
        inbox = Inbox(app)
        queue.inbox = inbox
        # The only instance (getUpdates allows one): a killed predecessor's claims are free now.
        await inbox.release_all()
        assert app.updater is not None
        await app.updater.start_polling(allowed_updates=Update.ALL_TYPES, drop_pending_updates=False)
        await app.start()
        await inbox.start()
        try:
            await stop.wait()
        finally:
            log.info("Stopping: no new updates; the one in hand gets %.0fs", STOP_GRACE)
            if app.updater.running:
                await app.updater.stop()
            await inbox.stop(STOP_GRACE)
            await app.stop()
            if app.post_shutdown:
                await app.post_shutdown(app)
