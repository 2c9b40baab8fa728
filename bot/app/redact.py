"""Secrets never reach an output: a redactor for text and a logging filter built on it.

The bot token (it is also part of every Bot API URL), the webhook secret and the database password
are registered here when the settings are read (`Settings` does it), and every log handler gets
`RedactingFilter`, so a message, its arguments, a traceback or an `extra=` field that happens to
hold one of them is printed with `[REDACTED]` in its place. Error lines the CLI prints go through
`redact` too. Three patterns catch what was never registered (a Bot made elsewhere with its own
token): anything shaped like a bot token, the token in a Bot API URL (`/bot<token>`), and the
password in a database URL (`scheme://user:password@host`).

Other modules may register more values (`register`), or add their own rules (`add_rule`) for data
that is private rather than secret; both apply to every handler at once.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Iterable

MASK = "[REDACTED]"

# A Telegram bot token: the bot's numeric id, a colon, then 30+ URL-safe characters.
_TOKEN_SHAPE = re.compile(r"\b\d{5,12}:[A-Za-z0-9_-]{30,}")
# A token in a Bot API URL (`.../bot<token>/getMe`, `.../file/bot<token>/...`), whatever its length.
_URL_TOKEN = re.compile(r"(?<=/bot)\d+:[A-Za-z0-9_-]+")
# The password part of `scheme://user:password@host` (a database or proxy URL); the word
# "password" itself is an example in a hint, not a secret.
_URL_PASSWORD = re.compile(
    r"(?P<head>\b[a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\s]*:)(?!(?i:password|pass)@)(?P<pw>[^@\s/]+)(?=@)"
)

# Shorter values would mask ordinary words; no real secret is this short.
_MIN_SECRET = 4

_lock = threading.Lock()
_secrets: set[str] = set()
_pattern: re.Pattern[str] | None = None
_rules: list[Callable[[str], str]] = []


def register(*values: str | None) -> None:
    """Mask these exact values (a token, a secret, a password) in everything redacted from now on."""
    global _pattern
    fresh = {v for v in values if v and len(v) >= _MIN_SECRET} - _secrets
    if not fresh:
        return
    with _lock:
        _secrets.update(fresh)
        # Longest first, so a secret containing another is masked whole.
        ordered = sorted(_secrets, key=len, reverse=True)
        _pattern = re.compile("|".join(re.escape(s) for s in ordered))


def add_rule(rule: Callable[[str], str]) -> None:
    """Another rewrite every redacted text goes through (for example one masking answer text)."""
    with _lock:
        if rule not in _rules:
            _rules.append(rule)


def redact(text: str) -> str:
    """`text` with every registered secret, token-shaped string and URL password masked."""
    if not text:
        return text
    pattern = _pattern
    if pattern is not None:
        text = pattern.sub(MASK, text)
    text = _TOKEN_SHAPE.sub(MASK, text)
    text = _URL_TOKEN.sub(MASK, text)
    text = _URL_PASSWORD.sub(lambda m: m["head"] + MASK, text)
    for rule in list(_rules):
        text = rule(text)
    return text


def _redact_value(value: object) -> object:
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {k: _redact_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_redact_value(v) for v in value)
    return value


class RedactingFilter(logging.Filter):
    """Rewrites a record in place so no handler after it can print a secret.

    The message is formatted once with its arguments and redacted; the traceback and stack are
    formatted and redacted into `exc_text`/`stack_info` (which formatters print as they are);
    string fields passed with `extra=` are redacted too. The record is never dropped.
    """

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "_redacted", False):
            return True
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: keep what there is, still redacted
            message = f"{record.msg!s} {record.args!r}"
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        for key, value in list(record.__dict__.items()):
            if key not in _STANDARD and not key.startswith("_"):
                record.__dict__[key] = _redact_value(value)
        record._redacted = True
        return True


_STANDARD = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {"message", "asctime"}


def install(handlers: Iterable[logging.Handler]) -> None:
    """Give each handler the redacting filter (once)."""
    for handler in handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())
