"""Webhook mode: an aiohttp server that takes Telegram's POSTs and answers /healthz.

Telegram sends each update to WEBHOOK_URL with the header X-Telegram-Bot-Api-Secret-Token set to
WEBHOOK_SECRET; a request without the right secret is refused before anything is parsed. Several
instances may run behind one URL: every piece of learner state is in the shared database.

An update is answered 200 only after it has been handled. Telegram sends again whatever got no
2xx answer, so an instance killed half-way through an update loses nothing (the retry may reach
another instance), and Telegram's one-at-a-time delivery per chat keeps a learner's messages in
order across instances.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import signal
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from sqlalchemy import text
from telegram import Update
from telegram.error import BadRequest
from telegram.ext import Application

from bot.app.settings import Settings
from content.loader import Content

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Telegram's own limit on a webhook body is far below this; anything larger is not Telegram.
MAX_BODY = 1_000_000
# How long an update waits for an unreachable database before the webhook answers 503.
DATABASE_WAIT = 10.0


def webhook_path(url: str) -> str:
    return urlsplit(url).path or "/"


AnyApplication = Application[Any, Any, Any, Any, Any, Any]


def make_web_app(application: AnyApplication, settings: Settings) -> web.Application:
    """The HTTP side: POST <path of WEBHOOK_URL> for updates, GET /healthz for load balancers."""
    assert settings.webhook_url and settings.webhook_secret
    secret = settings.webhook_secret.get_secret_value().encode()

    async def receive(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, secret):
            log.warning("Webhook request with a missing or wrong secret from %s", request.remote)
            return web.Response(status=403, text="forbidden")
        try:
            data = json.loads(await request.read())
            update = Update.de_json(data, application.bot)
        except (ValueError, TypeError, KeyError):
            return web.Response(status=400, text="not an update")
        if update is None:
            return web.Response(status=400, text="not an update")
        # Handled here rather than queued, so the 200 below means "done" (see the docstring).
        await application.update_processor.process_update(
            update, application.process_update(update)
        )
        if update.update_id in application.bot_data.not_handled:
            application.bot_data.not_handled.discard(update.update_id)
            return web.Response(status=503, text="database unreachable; send it again")
        return web.Response(text="ok")

    async def healthz(_request: web.Request) -> web.Response:
        services = application.bot_data.built
        try:
            assert services is not None
            async with services.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
        except Exception:  # any failure at all means "not healthy"
            log.exception("Health check failed")
            return web.json_response({"ok": False, "database": "unreachable"}, status=503)
        return web.json_response({"ok": True, "database": "ok"})

    app = web.Application(client_max_size=MAX_BODY)
    app.router.add_post(webhook_path(settings.webhook_url), receive)
    app.router.add_get("/healthz", healthz)
    return app


async def serve(settings: Settings, content: Content | None = None) -> None:
    """Run until SIGINT/SIGTERM: listen, register the webhook, serve, then shut down cleanly.

    The server listens before Telegram is told the URL, so a port that is taken ends the start
    (exit status 3, bot.app.failures) with the webhook left as it was."""
    from bot.app.application import build_application
    from bot.app.failures import OperatorError, port_error

    assert settings.webhook_url and settings.webhook_secret
    application = build_application(settings, updater=False, content=content)
    application.bot_data.database_wait = DATABASE_WAIT
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with application:
        if application.post_init:
            await application.post_init(application)
        runner = web.AppRunner(make_web_app(application, settings))
        await runner.setup()
        started = False
        try:
            site = web.TCPSite(runner, settings.webhook_listen, settings.webhook_port)
            try:
                await site.start()
            except OSError as exc:
                err = port_error(exc, settings.webhook_listen, settings.webhook_port)
                if err is None:
                    raise
                raise err from exc
            try:
                await application.bot.set_webhook(
                    url=settings.webhook_url,
                    secret_token=settings.webhook_secret.get_secret_value(),
                    allowed_updates=Update.ALL_TYPES,
                )
            except BadRequest as exc:
                raise OperatorError(
                    f"Telegram refused WEBHOOK_URL {settings.webhook_url}: {exc.message}.",
                    "It must be a public https address with a valid certificate, on port 443, 80, "
                    "88 or 8443, that reaches this instance through the reverse proxy.",
                ) from exc
            await application.start()
            started = True
            log.info("Webhook mode: listening on %s:%s", settings.webhook_listen, settings.webhook_port)
            await stop.wait()
        finally:
            await runner.cleanup()
            if started:
                await application.stop()
            if application.post_shutdown:
                await application.post_shutdown(application)
