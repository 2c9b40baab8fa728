"""Settings from the environment and `.env`."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.app.settings import DEFAULT_DATABASE_URL, Settings


def test_defaults_need_no_token() -> None:
    s = Settings()
    assert s.telegram_bot_token is None
    assert s.database_url == DEFAULT_DATABASE_URL
    assert s.default_timezone == "Europe/London"
    assert s.telegram_api_base_url == "https://api.telegram.org/bot"


def test_reads_dotenv_in_working_directory(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(
        "TELEGRAM_BOT_TOKEN=1:abc\nADMIN_USER_IDS=1, 2 3\nWEBHOOK_URL=\n"
        "TELEGRAM_API_BASE_URL=http://127.0.0.1:8081/bot\n"
    )
    s = Settings()
    assert s.telegram_bot_token is not None
    assert s.telegram_bot_token.get_secret_value() == "1:abc"
    assert "1:abc" not in repr(s)  # secrets never appear in logs
    assert s.admin_user_ids == [1, 2, 3]
    assert s.webhook_url is None
    assert s.telegram_api_base_url == "http://127.0.0.1:8081/bot"


def test_environment_beats_dotenv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".env").write_text("DATABASE_URL=sqlite+aiosqlite:///a.db\n")
    monkeypatch.setenv("DATABASE_URL", "sqlite+aiosqlite:///b.db")
    assert Settings().database_url.endswith("b.db")


def test_bad_timezone_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEFAULT_TIMEZONE", "Mars/Olympus")
    with pytest.raises(ValidationError, match="IANA"):
        Settings()


def test_env_example_documents_every_field() -> None:
    example = (Path(__file__).resolve().parents[3] / ".env.example").read_text()
    for name in Settings.model_fields:
        assert f"{name.upper()}=" in example, f"{name.upper()} is missing from .env.example"


def test_json_logs_are_one_object_a_line(capsys: pytest.CaptureFixture[str]) -> None:
    import json
    import logging

    from bot.app.logs import configure

    configure("INFO", "json")
    try:
        logging.getLogger("star.test").info("hello %s", "there", extra={"update_id": 7})
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            logging.getLogger("star.test").exception("failed")
    finally:
        configure("WARNING", "text")
    lines = [json.loads(line) for line in capsys.readouterr().err.strip().splitlines()]
    assert lines[0]["msg"] == "hello there" and lines[0]["update_id"] == 7
    assert lines[0]["level"] == "INFO" and lines[0]["logger"] == "star.test"
    assert "RuntimeError: boom" in lines[1]["exc"]


def test_bad_log_level_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOG_LEVEL", "LOUD")
    with pytest.raises(ValidationError):
        Settings()


def test_operations_guide_documents_every_setting() -> None:
    guide = (Path(__file__).resolve().parents[3] / "docs" / "operations.md").read_text()
    for name in Settings.model_fields:
        assert f"`{name.upper()}`" in guide, f"{name.upper()} is missing from docs/operations.md"
