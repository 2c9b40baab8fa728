"""Checks at start, in the order an operator fixes things: settings, content, database, Bot API, port.

Each check turns a mistake into an OperatorError (bot.app.failures): one line on what is wrong,
one on what to do, and the exit status. `star-coach run` runs them all before the bot starts, so a
wrong token or an absent database never reaches python-telegram-bot's start-up (which would log
it with a traceback); `chat`, `stats` and `db upgrade` use the content and database ones.

A database or Bot API that cannot be reached yet (a server booting with the bot) is tried again
for STARTUP_WAIT_SECONDS before `run` gives up; the other commands give up at once.
"""

from __future__ import annotations

import asyncio
import logging
import re
import socket
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar
from urllib.parse import urlsplit

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app.failures import (
    UNAVAILABLE,
    OperatorError,
    content_error,
    database_error,
    port_error,
    token_rejected,
)
from bot.app.settings import Settings
from content.loader import Content, ContentError

log = logging.getLogger(__name__)

# What @BotFather hands out: the bot's numeric id, a colon, then letters, digits, _ and -.
TOKEN_SHAPE = re.compile(r"^\d+:[A-Za-z0-9_-]+$")
# Telegram's rule for a webhook secret_token.
SECRET_SHAPE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
# The ports Telegram's own Bot API sends webhooks to (setWebhook: "Ports currently supported").
WEBHOOK_PORTS = (443, 80, 88, 8443)
TELEGRAM_API = "https://api.telegram.org/bot"

NO_TOKEN = OperatorError(
    "no bot token (TELEGRAM_BOT_TOKEN is not set). `star-coach chat` works without one.",
    "Create a bot with @BotFather in Telegram, then put TELEGRAM_BOT_TOKEN=<token> in a .env "
    "file here (see .env.example).",
)

T = TypeVar("T")


def check_run_settings(settings: Settings) -> None:
    """What `run` needs beyond what Settings validates: a token of the right shape, and for a
    webhook an https URL Telegram can send to and a secret it accepts."""
    if settings.telegram_bot_token is None:
        raise NO_TOKEN
    token = settings.telegram_bot_token.get_secret_value()
    if not TOKEN_SHAPE.match(token):
        raise OperatorError(
            "TELEGRAM_BOT_TOKEN does not look like a bot token (digits, a colon, then letters and "
            "digits, like 123456789:AA...).",
            "Copy it again from @BotFather (/mybots, your bot, API Token), without quotes, spaces "
            "or a URL around it.",
        )
    if not settings.webhook_url:
        return
    url = urlsplit(settings.webhook_url)
    if url.scheme != "https" or not url.hostname:
        raise OperatorError(
            "WEBHOOK_URL must be an https:// address: Telegram sends updates over HTTPS only.",
            "Set it to the public https address of your reverse proxy, e.g. "
            "https://coach.example.org/tg/hook (or leave it empty for long polling).",
        )
    try:
        port = url.port or 443
    except ValueError:
        port = -1
    if settings.telegram_api_base_url == TELEGRAM_API and port not in WEBHOOK_PORTS:
        raise OperatorError(
            f"WEBHOOK_URL uses port {port}; Telegram sends webhooks only to ports 443, 80, 88 or 8443.",
            "Use one of those in WEBHOOK_URL (443 when it has none); WEBHOOK_PORT, where the coach "
            "listens behind the proxy, can stay as it is.",
        )
    if settings.webhook_secret is None:
        raise OperatorError(
            "WEBHOOK_URL is set but WEBHOOK_SECRET is not.",
            "Set WEBHOOK_SECRET to a long random string (1-256 of A-Z a-z 0-9 _ -).",
        )
    if not SECRET_SHAPE.match(settings.webhook_secret.get_secret_value()):
        raise OperatorError(
            "WEBHOOK_SECRET has characters Telegram does not accept.",
            "Use 1-256 of A-Z a-z 0-9 _ - (for example the output of `openssl rand -hex 32`).",
        )


def load_checked_content(settings: Settings) -> Content:
    """The shipped content and the operator's packs, or an OperatorError naming the broken file."""
    from content.loader import load_content

    for folder in settings.content_pack_dirs:
        if not folder.is_dir():
            raise OperatorError(
                f"CONTENT_PACK_DIRS names {folder}, which is not a folder.",
                "Correct the path (absolute, or relative to the folder the coach runs in), or "
                "remove it from CONTENT_PACK_DIRS.",
            )
    try:
        return load_content(settings.content_pack_dirs)
    except ContentError as exc:
        raise content_error(exc) from exc


async def _patiently(
    attempt: Callable[[], Awaitable[T]], explain: Callable[[Exception], OperatorError | None],
    wait: float, what: str,
) -> T:
    """Run `attempt`; while it fails as UNAVAILABLE, try again until `wait` seconds have passed."""
    deadline = time.monotonic() + wait
    pause = 1.0
    while True:
        try:
            return await attempt()
        except Exception as exc:
            err = explain(exc)
            if err is None:
                raise
            if err.status != UNAVAILABLE or time.monotonic() + pause > deadline:
                raise err from exc
            log.warning(
                "%s: %s; trying again for up to %.0f s",
                what, err.what.rstrip("."), deadline - time.monotonic(),
            )
            await asyncio.sleep(pause)
            pause = min(pause * 2, 5.0)


async def open_database(settings: Settings, *, upgrade: bool = True, wait: float = 0.0) -> AsyncEngine:
    """An engine on DATABASE_URL that has answered, its schema brought up to date (or, without
    `upgrade`, only connected); every failure an operator can fix becomes an OperatorError."""
    from sqlalchemy import text

    from storage.db import make_engine, upgrade_database

    url = settings.database_url
    try:
        engine = make_engine(url)
        _open_sqlite_file(engine)
    except Exception as exc:
        err = database_error(exc, url)
        if err is None:
            raise
        raise err from exc

    async def connect() -> None:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    try:
        await _patiently(connect, lambda exc: database_error(exc, url), wait, "Database")
        if upgrade:
            await upgrade_database(engine)
    except OperatorError:
        await engine.dispose()
        raise
    except Exception as exc:
        await engine.dispose()
        err = database_error(exc, url)
        if err is None:
            raise
        raise err from exc
    return engine


def _open_sqlite_file(engine: AsyncEngine) -> None:
    """Open a SQLite file once directly: aiosqlite, failing to open one, answers from its thread
    after the event loop has closed and prints a traceback of its own."""
    import sqlite3

    path = engine.url.database
    if engine.dialect.name != "sqlite" or not path or path == ":memory:" or path.startswith("file:"):
        return
    try:
        conn = sqlite3.connect(path, timeout=15)
        try:
            conn.execute("PRAGMA schema_version")
        finally:
            conn.close()
    except sqlite3.Error:
        # The engine was never used; nothing to close.
        raise


async def check_bot_api(settings: Settings, *, wait: float = 0.0) -> str:
    """Ask the Bot API who the token belongs to: the bot's username, or an OperatorError for a
    rejected token or an API that cannot be reached."""
    from telegram import Bot
    from telegram.error import InvalidToken, NetworkError

    assert settings.telegram_bot_token is not None
    custom = settings.telegram_api_base_url != TELEGRAM_API

    def explain(exc: Exception) -> OperatorError | None:
        if isinstance(exc, InvalidToken):
            err = token_rejected()
            if custom:
                err.todo += f" Or correct TELEGRAM_API_BASE_URL ({settings.telegram_api_base_url})."
            return err
        if isinstance(exc, NetworkError):
            host = urlsplit(settings.telegram_api_base_url).netloc
            return OperatorError(
                f"cannot reach the Telegram Bot API at {host}: {exc.message}.",
                "Check this machine's internet connection and proxy (HTTPS_PROXY)"
                + (", and TELEGRAM_API_BASE_URL." if custom else "."),
                UNAVAILABLE,
            )
        return None

    async def get_me() -> str:
        bot = Bot(
            settings.telegram_bot_token.get_secret_value(),  # type: ignore[union-attr]
            base_url=settings.telegram_api_base_url,
            base_file_url=settings.telegram_file_base_url,
        )
        async with bot:
            return bot.username

    return await _patiently(get_me, explain, wait, "Bot API")


def check_port(settings: Settings) -> None:
    """The webhook server's address is free (a taken port is named before Telegram is told)."""
    try:
        infos = socket.getaddrinfo(settings.webhook_listen, settings.webhook_port, type=socket.SOCK_STREAM)
        family, kind, proto, _name, address = infos[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
    except OSError as exc:
        err = port_error(exc, settings.webhook_listen, settings.webhook_port)
        if err is None:
            raise
        raise err from exc


async def preflight_run(settings: Settings) -> None:
    """Everything `run` needs, checked before the bot starts (the database is also upgraded)."""
    wait = settings.startup_wait_seconds
    engine = await open_database(settings, upgrade=True, wait=wait)
    await engine.dispose()
    username = await check_bot_api(settings, wait=wait)
    if settings.webhook_url:
        check_port(settings)
    log.debug("Start-up checks passed for @%s", username)

