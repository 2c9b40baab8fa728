"""Operator mistakes end in two plain lines (what is wrong, what to do) and a documented exit
status, 2 for a setting and 3 for a service that cannot be reached; --debug adds the traceback."""

from __future__ import annotations

import socket
import sqlite3
from pathlib import Path

import pytest

from bot.app.cli import main
from bot.app.failures import CONFIG, UNAVAILABLE
from tests.content.packs import GOOD_PROMPT, write

TOKEN = "123456:TEST-token"
PASSWORD = "Pg-pa55word-hidden"


def closed_port() -> int:
    """A local TCP port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fails(
    argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    status: int, **env: str,
) -> list[str]:
    """Run the command with these settings; assert the status and two plain lines; return them."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert main(argv) == status
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert "Traceback" not in err, err
    assert len(lines) == 2, err
    assert lines[0].startswith("star-coach: ") and lines[1].startswith("  ")
    for secret in (TOKEN, PASSWORD):
        assert secret not in err
    return lines


def test_missing_token(capsys, monkeypatch) -> None:
    what, todo = fails(["run"], capsys, monkeypatch, CONFIG)
    assert "TELEGRAM_BOT_TOKEN is not set" in what and "@BotFather" in todo and ".env" in todo


@pytest.mark.parametrize("token", ['"123456:abc"', "bot123456:abc", "123456 abc", "https://t.me/x"])
def test_malformed_token(token: str, capsys, monkeypatch) -> None:
    what, todo = fails(["run"], capsys, monkeypatch, CONFIG, TELEGRAM_BOT_TOKEN=token)
    assert "does not look like a bot token" in what and "without quotes" in todo
    assert token not in what + todo


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("mysql://coach:Pg-pa55word-hidden@localhost/coach", "names a mysql database"),
        ("postgresql+psycopg2://coach@localhost/coach", "asks for the psycopg2 driver"),
        ("localhost/coach", "is not a database URL"),
    ],
)
@pytest.mark.parametrize("command", [["stats"], ["db", "upgrade"], ["chat"], ["disputes", "export"]])
def test_wrong_database_url(url: str, words: str, command: list[str], capsys, monkeypatch) -> None:
    what, todo = fails(command, capsys, monkeypatch, CONFIG, DATABASE_URL=url)
    assert words in what and "DATABASE_URL" in todo


def test_wrong_driver_stops_run_before_telegram(capsys, monkeypatch) -> None:
    what, _todo = fails(
        ["run"], capsys, monkeypatch, CONFIG,
        TELEGRAM_BOT_TOKEN=TOKEN, DATABASE_URL="mysql://u:p@localhost/db",
    )
    assert "mysql" in what


def test_unreachable_database(capsys, monkeypatch) -> None:
    port = closed_port()
    url = f"postgresql://coach:{PASSWORD}@127.0.0.1:{port}/coach"
    what, todo = fails(["stats"], capsys, monkeypatch, UNAVAILABLE, DATABASE_URL=url)
    assert f"cannot reach PostgreSQL at 127.0.0.1:{port}" in what and "Start PostgreSQL" in todo


def test_run_waits_for_an_unreachable_database_then_gives_up(capsys, monkeypatch) -> None:
    """A database booting with the bot gets STARTUP_WAIT_SECONDS; one warning says so."""
    monkeypatch.setenv("DATABASE_URL", f"postgresql://coach@127.0.0.1:{closed_port()}/coach")
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("STARTUP_WAIT_SECONDS", "1.5")
    try:
        assert main(["run"]) == UNAVAILABLE
    finally:
        from bot.app.logs import configure

        configure("WARNING", "text")
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 3, lines
    assert "WARNING" in lines[0] and "trying again for up to 1 s" in lines[0]
    assert lines[1].startswith("star-coach: cannot reach PostgreSQL")


def test_unknown_database_host(capsys, monkeypatch) -> None:
    what, todo = fails(
        ["stats"], capsys, monkeypatch, UNAVAILABLE, DATABASE_URL="postgresql://u@no-such-host.invalid/x"
    )
    assert "cannot find the database host" in what and "host name" in todo


def test_sqlite_folder_missing(tmp_path: Path, capsys, monkeypatch) -> None:
    url = f"sqlite:///{tmp_path / 'nowhere' / 'coach.db'}"
    what, todo = fails(["chat"], capsys, monkeypatch, CONFIG, DATABASE_URL=url)
    assert "unable to open database file" in what and "folder" in todo


def test_sqlite_file_that_is_not_a_database(tmp_path: Path, capsys, monkeypatch) -> None:
    (tmp_path / "notes.db").write_text("shopping list\n" * 200)
    what, _todo = fails(["db", "upgrade"], capsys, monkeypatch, CONFIG, DATABASE_URL="sqlite:///notes.db")
    assert "not a database" in what


def _stamped(tmp_path: Path, revision: str) -> str:
    """A SQLite file whose schema version says `revision` but which has no tables."""
    path = tmp_path / "stamped.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        conn.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
    return f"sqlite:///{path}"


@pytest.mark.parametrize(
    "command", [["db", "upgrade"], ["chat"], ["stats"], ["disputes", "export"]]
)
def test_database_newer_than_the_code(command: list[str], tmp_path: Path, capsys, monkeypatch) -> None:
    url = _stamped(tmp_path, "9999_from_the_future")
    what, todo = fails(command, capsys, monkeypatch, CONFIG, DATABASE_URL=url)
    assert "schema is newer than this version" in what and "restore the backup" in todo


def test_database_not_migrated(tmp_path: Path, capsys, monkeypatch) -> None:
    from alembic.script import ScriptDirectory

    from storage.db import alembic_config

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    url = _stamped(tmp_path, head)  # says "at head" but its tables are gone
    what, todo = fails(["stats"], capsys, monkeypatch, CONFIG, DATABASE_URL=url)
    assert "not migrated" in what and "star-coach db upgrade" in todo


@pytest.mark.parametrize("url", ["http://coach.example.org/tg/hook", "coach.example.org/hook"])
def test_webhook_url_not_https(url: str, capsys, monkeypatch) -> None:
    what, _todo = fails(
        ["run"], capsys, monkeypatch, CONFIG, TELEGRAM_BOT_TOKEN=TOKEN, WEBHOOK_URL=url,
        WEBHOOK_SECRET="s3cret-Hook_value",
    )
    assert "WEBHOOK_URL must be an https:// address" in what


def test_webhook_url_on_a_port_telegram_does_not_send_to(capsys, monkeypatch) -> None:
    what, _todo = fails(
        ["run"], capsys, monkeypatch, CONFIG, TELEGRAM_BOT_TOKEN=TOKEN,
        WEBHOOK_URL="https://coach.example.org:8080/hook", WEBHOOK_SECRET="s3cret-Hook_value",
    )
    assert "port 8080" in what and "443, 80, 88 or 8443" in what


def test_webhook_secret_missing_or_bad(capsys, monkeypatch) -> None:
    env = {"TELEGRAM_BOT_TOKEN": TOKEN, "WEBHOOK_URL": "https://coach.example.org/hook"}
    what, _ = fails(["run"], capsys, monkeypatch, CONFIG, **env)
    assert "WEBHOOK_SECRET is not" in what
    what, _ = fails(["run"], capsys, monkeypatch, CONFIG, **env, WEBHOOK_SECRET="has spaces!")
    assert "characters Telegram does not accept" in what


def test_port_taken(tmp_path: Path, capsys, monkeypatch) -> None:
    """The port check runs after the database and the token: the Bot API is a stand-in here."""
    from bot.app import startup

    async def token_ok(*_args: object, **_kw: object) -> str:
        return "star_coach_test_bot"

    monkeypatch.setattr(startup, "check_bot_api", token_ok)
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        what, todo = fails(
            ["run"], capsys, monkeypatch, UNAVAILABLE, TELEGRAM_BOT_TOKEN=TOKEN,
            WEBHOOK_URL="https://coach.example.org/hook", WEBHOOK_SECRET="s3cret-Hook_value",
            WEBHOOK_PORT=str(port),
        )
    assert f"port 127.0.0.1:{port} is already in use" in what and "WEBHOOK_PORT" in todo


def test_listen_address_not_on_this_machine(capsys, monkeypatch) -> None:
    from bot.app import startup

    async def token_ok(*_args: object, **_kw: object) -> str:
        return "star_coach_test_bot"

    monkeypatch.setattr(startup, "check_bot_api", token_ok)
    what, _todo = fails(
        ["run"], capsys, monkeypatch, CONFIG, TELEGRAM_BOT_TOKEN=TOKEN,
        WEBHOOK_URL="https://coach.example.org/hook", WEBHOOK_SECRET="s3cret-Hook_value",
        WEBHOOK_LISTEN="192.0.2.1",  # TEST-NET-1: never an address of this machine
    )
    assert "WEBHOOK_LISTEN=192.0.2.1 is not an address of this machine" in what


def test_invalid_content_pack(tmp_path: Path, capsys, monkeypatch) -> None:
    pack = tmp_path / "pack"
    path = write(pack, "prompts/p.yaml", GOOD_PROMPT.replace("topic: rules_and_law", "topic: nope"))
    for command in (["chat"], ["run"], ["assess", "-"]):
        env = {"CONTENT_PACK_DIRS": str(pack), "TELEGRAM_BOT_TOKEN": TOKEN}
        what, todo = fails(command, capsys, monkeypatch, CONFIG, **env)
        assert str(path) in what and "unknown topic 'nope'" in what
        assert "star-coach content check" in todo


def test_content_pack_folder_missing(tmp_path: Path, capsys, monkeypatch) -> None:
    what, _todo = fails(
        ["chat"], capsys, monkeypatch, CONFIG, CONTENT_PACK_DIRS=str(tmp_path / "no-such-pack")
    )
    assert "which is not a folder" in what


def test_bad_setting_gets_two_lines(capsys, monkeypatch) -> None:
    monkeypatch.setenv("DEFAULT_TIMEZONE", "Mars/Olympus")
    with pytest.raises(SystemExit) as stop:
        main(["stats"])
    assert stop.value.code == CONFIG
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 2 and "DEFAULT_TIMEZONE" in lines[0] and ".env" in lines[1]


@pytest.mark.parametrize(
    "line", ['TELEGRAM_BOT_TOKEN="123456:TEST-token', "TELEGRAM_BOT_TOKEN : 123456:TEST-token"]
)
def test_a_line_of_env_that_cannot_be_read_is_named(
    line: str, tmp_path: Path, capsys, monkeypatch
) -> None:
    """python-dotenv skipped the line with a warning of its own, and `run` then said the token
    was not set, and to put it in .env, where it was."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    (tmp_path / ".env").write_text(f"LOG_LEVEL=INFO\n{line}\n", encoding="utf-8")
    with pytest.raises(SystemExit) as stop:
        main(["run"])
    assert stop.value.code == CONFIG
    err = capsys.readouterr().err
    what, todo = err.strip().splitlines()
    assert what == "star-coach: .env line 2 (TELEGRAM_BOT_TOKEN) cannot be read, so it would be ignored."
    assert "NAME=value" in todo and TOKEN not in err and "python-dotenv" not in err


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("ADMIN_USER_IDS", "111111111, bob", "'bob' is not a Telegram user id"),
        ("WEBHOOK_PORT", "99999", "1 to 65535"),
        ("WEBHOOK_PORT", "-1", "1 to 65535"),
    ],
)
def test_bad_setting_names_the_setting_and_the_value(
    name: str, value: str, words: str, capsys, monkeypatch
) -> None:
    """The setting as it is spelt in .env (not pydantic's `ADMIN_USER_IDS.1`), and a port out of
    range is refused at once instead of passing the checks and failing when the server binds."""
    monkeypatch.setenv(name, value)
    with pytest.raises(SystemExit) as stop:
        main(["stats"])
    assert stop.value.code == CONFIG
    what, todo = capsys.readouterr().err.strip().splitlines()
    assert what.startswith(f"star-coach: setting {name}: ") and words in what, what
    assert "Value error" not in what  # pydantic's prefix is no help to an operator
    assert f"Correct {name} in .env" in todo


@pytest.mark.parametrize("how", ["flag", "flag-after", "env"])
def test_debug_shows_the_traceback(how: str, capsys, monkeypatch) -> None:
    monkeypatch.setenv("DATABASE_URL", f"postgresql://coach:{PASSWORD}@127.0.0.1:{closed_port()}/x")
    argv = {"flag": ["--debug", "stats"], "flag-after": ["stats", "--debug"], "env": ["stats"]}[how]
    if how == "env":
        monkeypatch.setenv("LOG_LEVEL", "DEBUG")
    try:
        assert main(argv) == UNAVAILABLE
    finally:
        from bot.app.logs import configure

        configure("WARNING", "text")
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and "ConnectionRefusedError" in err
    assert err.rstrip().splitlines()[-2].startswith("star-coach: cannot reach PostgreSQL")
    assert PASSWORD not in err


def test_a_bug_keeps_its_traceback_and_status_1(capsys, monkeypatch) -> None:
    from bot.app import cli

    def broken(*_args: object) -> int:
        raise ZeroDivisionError("a real bug")

    monkeypatch.setattr(cli, "cmd_content_list", broken)
    try:
        assert main(["content", "list"]) == 1
    finally:
        from bot.app.logs import configure

        configure("WARNING", "text")
    err = capsys.readouterr().err
    assert "Traceback" in err and "ZeroDivisionError: a real bug" in err
