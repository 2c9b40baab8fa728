"""One Settings class, read from the environment or `.env` (every field is in `.env.example`)."""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.voice import whisper

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///star_coach.db"


def register_secrets(settings: Settings) -> None:
    """The bot token, the webhook secret and the database password, for bot.app.redact."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from bot.app.redact import register

    for secret in (settings.telegram_bot_token, settings.webhook_secret):
        if secret is not None:
            register(secret.get_secret_value())
    # Not a URL at all: the start-up check says so, and the URL rule still masks a password.
    with suppress(ArgumentError, ValueError):
        register(make_url(settings.database_url).password)


def _split_list(value: object) -> object:
    """Accept `1,2 3` from the environment as well as a real list."""
    if isinstance(value, str):
        return [part for part in value.replace(",", " ").split() if part]
    if isinstance(value, int):
        return [value]
    return value


class Settings(BaseSettings):
    """Configuration for every entry point (bot, terminal, CLI tools)."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # Optional so `star-coach chat` and `assess` work without one; `run` checks for it.
    telegram_bot_token: SecretStr | None = None
    database_url: str = DEFAULT_DATABASE_URL
    # Another Bot API server (self-hosted, or a test emulator), in python-telegram-bot's form.
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    telegram_file_base_url: str = "https://api.telegram.org/file/bot"
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    # Where the webhook server listens (behind a reverse proxy that terminates TLS).
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8080
    admin_user_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    default_timezone: str = "Europe/London"
    # Operator content packs: folders with the same layout as content/data (see docs/content.md).
    content_pack_dirs: Annotated[list[Path], NoDecode] = Field(default_factory=list)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "debug", "info", "warning", "error"] = "INFO"
    # "json" writes one JSON object a line, for log collectors.
    log_format: Literal["text", "json"] = "text"
    # Flood control per user: a burst of this many updates, then this many a second.
    flood_burst: int = Field(default=20, ge=1)
    flood_rate: float = Field(default=3.0, gt=0)
    # How often the reminder dispatcher looks for due nudges (seconds); the database says what is due.
    reminder_poll_seconds: float = Field(default=20.0, ge=0.2, le=3600)
    # Nudges a second from this instance (Telegram allows about 30 a second per bot, in all).
    reminder_send_rate: float = Field(default=25.0, gt=0, le=30)
    # How long `run` keeps trying a database or Bot API it cannot reach yet before it gives up
    # (exit status 3): long enough for a server booting with the bot.
    startup_wait_seconds: float = Field(default=30.0, ge=0, le=600)
    # Voice answers (docs/voice.md): the recogniser, and limits so one long note cannot hog the machine.
    # pocketsphinx (installed with the coach), or faster-whisper (the `whisper` extra) with its
    # tiny.en model, or "faster-whisper:/path/to/model" for a CTranslate2 Whisper model folder.
    # Unset or blank: faster-whisper when the extra is installed, else pocketsphinx.
    voice_engine: str = Field(default_factory=whisper.default_engine)
    voice_max_seconds: float = Field(default=180.0, gt=0, le=1200)
    voice_max_bytes: int = Field(default=10_000_000, ge=1000, le=20_000_000)
    voice_jobs: int = Field(default=1, ge=1, le=16)
    # Worker processes that transcribe; a long note is cut at its pauses and its parts heard by
    # the workers at once (2 suits a 2-core machine; each worker holds the model: about 200 MB
    # resident with pocketsphinx, 350 MB with faster-whisper tiny.en, docs/voice.md).
    voice_workers: int = Field(default=2, ge=1, le=16)

    def model_post_init(self, context: object, /) -> None:
        """Whatever reads these settings, their secrets are masked in every log line from now on."""
        register_secrets(self)

    @field_validator("admin_user_ids", "content_pack_dirs", mode="before")
    @classmethod
    def _lists(cls, value: object, info: ValidationInfo) -> object:
        items = _split_list(value)
        if info.field_name == "admin_user_ids":
            # Each id a number: `bob` is named, not reported as pydantic's `ADMIN_USER_IDS.0`.
            for item in items if isinstance(items, list) else []:
                if isinstance(item, str) and not item.isdigit():
                    raise ValueError(f"{item!r} is not a Telegram user id (a number such as 111111111)")
        return items

    @field_validator("webhook_port")
    @classmethod
    def _port(cls, value: int) -> int:
        if not 1 <= value <= 65535:
            raise ValueError(f"{value} is not a TCP port: use a number from 1 to 65535")
        return value

    @field_validator("default_timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"{value!r} is not an IANA time zone such as Europe/London") from exc
        return value

    @field_validator("voice_engine")
    @classmethod
    def _voice_engine(cls, value: str) -> str:
        if not value.strip():
            return whisper.default_engine()  # VOICE_ENGINE= in .env, as if unset
        base, _, model = value.partition(":")
        if base == "pocketsphinx" and not model:
            return value
        if base != whisper.NAME:
            raise ValueError(f"{value!r} is not a voice engine: use pocketsphinx or {whisper.NAME}")
        try:
            whisper.check(model)  # a missing package or model stops the start, not a voice note
        except whisper.EngineUnavailable as exc:
            raise ValueError(str(exc)) from None
        return value

    @field_validator("webhook_url", "webhook_secret", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("telegram_bot_token", mode="before")
    @classmethod
    def _blank_token(cls, value: object) -> object:
        return None if value == "" else value
