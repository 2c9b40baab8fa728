"""Logging set-up: readable text by default, one JSON object a line with LOG_FORMAT=json.

Every handler gets the redacting filter (bot.app.redact), so no secret is printed whatever logs
it. At INFO the log holds start-up, webhook requests, warnings and errors; the chatter of the
libraries underneath (APScheduler's "Running job" every poll, httpx's request lines, Alembic's
steps) is shown only at DEBUG.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

from bot.app.redact import install

# Attributes every LogRecord has; anything else was passed in `extra=` and is worth keeping.
_STANDARD = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {"message", "asctime"}

# Libraries that log routine work at INFO: quiet unless LOG_LEVEL=DEBUG.
CHATTY = ("apscheduler", "httpx", "alembic")
# Libraries that log every query or connection step: quiet even at DEBUG (SQLAlchemy's INFO is
# every statement with its parameters, answer text included).
NOISY = ("aiosqlite", "asyncio", "httpcore", "sqlalchemy", "matplotlib", "PIL")
# python-telegram-bot's DEBUG lines that carry a whole update or a Bot API call's parameters and
# result, that is the learners' words and the bot's replies: dropped at any LOG_LEVEL (its other
# DEBUG lines stay).
PRIVATE = ("telegram.Bot", "telegram.ext.ExtBot", "telegram.ext.Application")
PRIVATE_DETAIL = (
    "Processing update", "Dropping pending update", "Calling Bot API endpoint",
    "Call to Bot API endpoint",
)


class DropPrivateDetail(logging.Filter):
    """Drops the records above; on the loggers themselves, so every handler is spared them."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (isinstance(record.msg, str) and record.msg.startswith(PRIVATE_DETAIL))


def hide_private_details() -> None:
    for name in PRIVATE:
        logger = logging.getLogger(name)
        if not any(isinstance(f, DropPrivateDetail) for f in logger.filters):
            logger.addFilter(DropPrivateDetail())


_HANDLER_NAME = "star-coach"


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        entry.update(
            {k: v for k, v in record.__dict__.items() if k not in _STANDARD and not k.startswith("_")}
        )
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exc"] = record.exc_text
        return json.dumps(entry, default=str, ensure_ascii=False)


def configure(level: str, fmt: str) -> None:
    handler = logging.StreamHandler()
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.set_name(_HANDLER_NAME)
    root = logging.getLogger()
    # Replace the handler set up before (a second call must not print twice); keep any other,
    # and give every one of them the redacting filter.
    root.handlers[:] = [h for h in root.handlers if h.get_name() != _HANDLER_NAME] + [handler]
    install(root.handlers)
    root.setLevel(level.upper())
    debug = root.level <= logging.DEBUG
    for name in CHATTY:
        logging.getLogger(name).setLevel(logging.NOTSET if debug else logging.WARNING)
    for name in NOISY:
        logging.getLogger(name).setLevel(logging.WARNING)
    hide_private_details()
