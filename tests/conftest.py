"""Fixtures shared by every test folder: content, settings on a temporary database, services."""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.app.services import Services
from bot.app.settings import Settings
from bot.assessment import Assessor
from bot.clock import FixedClock
from content.loader import Content, load_content
from storage.db import make_engine

#: Every secret the tests hand the bot (tokens, webhook secrets, a database password). None of
#: them may appear in any log line the suite produces (see `_no_secret_in_any_log`).
TEST_SECRETS = (
    "123456:TEST-token",
    "123456:TESTTOKEN_abc",
    "multi-Instance_secret-42",
    "s3cret-Hook_value",
    "Pg-pa55word-hidden",
)

#: Words of the answers the tests type (tests/handlers/flow.py, tests/e2e/test_bot_e2e.py): no log
#: line at any level may carry what a learner wrote (issue 20, item 3).
ANSWER_WORDS = ("kettle that stopped working",)

PG_URL = os.environ.get("TEST_DATABASE_URL")
PG_SKIP_REASON = "PostgreSQL tests need TEST_DATABASE_URL (e.g. postgresql+asyncpg://postgres@127.0.0.1:5432/test)"


class _LogScan(logging.Handler):
    """Formats every record the suite logs, through the bot's own redacting filter, and keeps
    the lines that still hold a test secret."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        self.records = 0
        self.leaks: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records += 1
        line = self.format(record)
        if any(secret in line for secret in (*TEST_SECRETS, *ANSWER_WORDS)):
            self.leaks.append(line[:2000])


@pytest.fixture(scope="session", autouse=True)
def _no_secret_in_any_log() -> Iterator[_LogScan]:
    """Greps every log record of the whole run (at DEBUG) for the test secrets and the words of
    the test answers; a leak fails the run at the end, naming the lines. The bot installs the
    same filter on every handler (bot.app.logs.configure); processes the tests start are checked
    in tests/e2e/conftest.py."""
    from bot.app.logs import NOISY, PRIVATE
    from bot.app.redact import install

    scan = _LogScan()
    install([scan])
    root = logging.getLogger()
    level = root.level
    root.addHandler(scan)
    root.setLevel(logging.DEBUG)
    for name in NOISY:
        logging.getLogger(name).setLevel(logging.WARNING)
    for name in PRIVATE:
        logging.getLogger(name).setLevel(logging.INFO)
    yield scan
    root.removeHandler(scan)
    root.setLevel(level)
    if scan.leaks:
        pytest.fail(
            f"{len(scan.leaks)} of {scan.records} log records hold a test secret:\n"
            + "\n".join(scan.leaks[:5]),
            pytrace=False,
        )


@pytest.fixture(autouse=True)
def _scan_logs(_no_secret_in_any_log: _LogScan) -> None:
    """A test that configured logging itself (the CLI does) must not switch the scan off."""
    root = logging.getLogger()
    if _no_secret_in_any_log not in root.handlers:
        root.addHandler(_no_secret_in_any_log)
    root.setLevel(logging.DEBUG)


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's .env or real token: run from an empty folder."""
    for name in list(os.environ):
        if name.startswith(("TELEGRAM_", "WEBHOOK_", "DATABASE_URL", "ADMIN_USER_IDS",
                            "CONTENT_PACK_DIRS", "DEFAULT_TIMEZONE")):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="session")
def content() -> Content:
    return load_content()


@pytest.fixture(scope="session")
def assessor(content: Content) -> Assessor:
    return Assessor(content)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 2, 9, 30, tzinfo=UTC))


async def reset_postgres(url: str) -> None:
    """Start every PostgreSQL test from an empty schema."""
    engine = make_engine(url)
    async with engine.begin() as conn:
        await conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        await conn.execute(text("CREATE SCHEMA public"))
    await engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
async def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh database URL: SQLite always, PostgreSQL when TEST_DATABASE_URL is set."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'test.db'}"
    if not PG_URL:
        pytest.skip(PG_SKIP_REASON)
    await reset_postgres(PG_URL)
    return PG_URL


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        telegram_bot_token="123456:TEST-token",
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'coach.db'}",
        # Offline tests send updates back to back, far faster than a person; flood control
        # has its own tests (tests/handlers/test_bad_input.py) with the default limits.
        flood_burst=10_000,
    )


@pytest.fixture
async def services(
    settings: Settings, content: Content, clock: FixedClock
) -> AsyncIterator[Services]:
    svc = await Services.create(settings, clock=clock, content=content)
    svc.practice.rng.seed(7)
    yield svc
    await svc.close()
