"""No secret in any output: the redactor, the logging filter on every handler, the CLI's lines."""

from __future__ import annotations

import io
import json
import logging

import pytest

from bot.app.logs import JsonFormatter, configure
from bot.app.redact import MASK, RedactingFilter, install, redact, register
from bot.app.settings import Settings

TOKEN = "123456:TEST-token"
HOOK = "s3cret-Hook_value"
PASSWORD = "Pg-pa55word-hidden"


def _settings() -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        telegram_bot_token=TOKEN,
        webhook_url="https://coach.example.org/hook",
        webhook_secret=HOOK,
        database_url=f"postgresql+asyncpg://coach:{PASSWORD}@db.example.org/coach",
    )


def test_settings_register_token_secret_and_password() -> None:
    _settings()
    text = f"token {TOKEN} in https://api.telegram.org/bot{TOKEN}/getMe, hook {HOOK}, pw {PASSWORD}"
    out = redact(text)
    for secret in (TOKEN, HOOK, PASSWORD):
        assert secret not in out
    assert out.count(MASK) == 4
    assert "https://api.telegram.org/bot[REDACTED]/getMe" in out


def test_token_shapes_and_url_passwords_are_masked_unregistered() -> None:
    real_shape = "7012345678:AAF0eXaMpLe_tOkEn-0123456789abcdefghi"
    out = redact(f"InvalidToken: The token `{real_shape}` was rejected")
    assert real_shape not in out and "The token `[REDACTED]` was rejected" in out
    # A short token nobody registered, in a Bot API URL (python-telegram-bot logs it at DEBUG).
    out = redact("Set Bot API URL: http://127.0.0.1:8081/bot42:short_one and /file/bot42:short_one/x")
    assert out == "Set Bot API URL: http://127.0.0.1:8081/bot[REDACTED] and /file/bot[REDACTED]/x"
    out = redact("cannot reach postgresql+asyncpg://app:other-pw@10.0.0.5:5432/coach")
    assert out == "cannot reach postgresql+asyncpg://app:[REDACTED]@10.0.0.5:5432/coach"
    # Ordinary text is left alone: times, ids, a URL without a password.
    plain = "nudge at 18:30 for learner 1234567, see https://example.org:8443/a?b=c"
    assert redact(plain) == plain


def _record_through(handler: logging.Handler, emit: object) -> str:
    log = logging.getLogger("star.test.redact")
    log.addHandler(handler)
    log.propagate = False
    try:
        assert callable(emit)
        emit(log)
    finally:
        log.removeHandler(handler)
        log.propagate = True
    stream = handler.stream  # type: ignore[attr-defined]
    return str(stream.getvalue())


def test_filter_masks_message_args_traceback_and_extra() -> None:
    _settings()
    handler = logging.StreamHandler(io.StringIO())
    handler.setFormatter(logging.Formatter("%(message)s"))
    install([handler])

    def emit(log: logging.Logger) -> None:
        log.warning("starting with %s", TOKEN)
        try:
            raise RuntimeError(f"The token `{TOKEN}` was rejected (hook {HOOK})")
        except RuntimeError:
            log.exception("failed for %s", PASSWORD)

    out = _record_through(handler, emit)
    assert "Traceback" in out and "RuntimeError: The token `[REDACTED]` was rejected" in out
    for secret in (TOKEN, HOOK, PASSWORD):
        assert secret not in out


def test_json_lines_are_masked_including_extra_fields() -> None:
    _settings()
    handler = logging.StreamHandler(io.StringIO())
    handler.setFormatter(JsonFormatter())
    install([handler])

    def emit(log: logging.Logger) -> None:
        log.info("url %s", f"https://api.telegram.org/bot{TOKEN}/getMe", extra={"dsn": PASSWORD})
        try:
            raise ValueError(HOOK)
        except ValueError:
            log.error("boom", exc_info=True)

    lines = [json.loads(line) for line in _record_through(handler, emit).splitlines()]
    assert lines[0]["msg"] == "url https://api.telegram.org/bot[REDACTED]/getMe"
    assert lines[0]["dsn"] == MASK
    assert "ValueError: [REDACTED]" in lines[1]["exc"]
    assert "_redacted" not in lines[0]


def test_configure_installs_the_filter_on_every_root_handler(capsys: pytest.CaptureFixture[str]) -> None:
    other = logging.StreamHandler(io.StringIO())
    root = logging.getLogger()
    root.addHandler(other)
    try:
        configure("INFO", "text")
        for handler in root.handlers:
            assert any(isinstance(f, RedactingFilter) for f in handler.filters), handler
        register(TOKEN)
        logging.getLogger("star.test").warning("token %s", TOKEN)
        assert TOKEN not in capsys.readouterr().err
        assert TOKEN not in other.stream.getvalue()
    finally:
        root.removeHandler(other)
        configure("WARNING", "text")


def test_scheduler_chatter_is_debug_only() -> None:
    try:
        configure("INFO", "text")
        assert not logging.getLogger("apscheduler.executors.default").isEnabledFor(logging.INFO)
        assert logging.getLogger("bot.app.application").isEnabledFor(logging.INFO)
        configure("DEBUG", "text")
        assert logging.getLogger("apscheduler.executors.default").isEnabledFor(logging.INFO)
        # Every statement with its parameters (answer text) stays out even at DEBUG.
        assert not logging.getLogger("sqlalchemy.engine.Engine").isEnabledFor(logging.INFO)
    finally:
        configure("WARNING", "text")
