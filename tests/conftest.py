"""Fixtures shared by every test folder: content, settings on a temporary database, services."""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import make_url, text

from bot.app.services import Services
from bot.app.settings import Settings
from bot.assessment import Assessor
from content.loader import Content, load_content
from storage.db import head_revision, make_engine, upgrade_database
from tests.helpers import FixedClock

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



def _database_of_this_worker(url: str | None) -> str | None:
    """TEST_DATABASE_URL itself, or under pytest-xdist a database of this worker's own beside it
    (`test` -> `test_gw0`), so that workers never empty each other's tables; made at configure."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not url or not worker:
        return url
    base = make_url(url)
    return base.set(database=f"{base.database}_{worker}").render_as_string(hide_password=False)


PG_URL = _database_of_this_worker(os.environ.get("TEST_DATABASE_URL"))
PG_SKIP_REASON = "PostgreSQL tests need TEST_DATABASE_URL (e.g. postgresql+asyncpg://postgres@127.0.0.1:5432/test)"


# -- pytest-xdist: plain `pytest` runs on every core ------------------------------------------------
#
# The suite is mostly waiting (the e2e tests start the real bot and wait for its replies) and
# parsing; on two cores two workers take it from about 12 minutes to about half that. Each worker
# has its own temporary folder (so its own SQLite files) and, for PostgreSQL, its own database.


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist's own, which reads -n
def pytest_cmdline_main(config: pytest.Config) -> None:
    """`pytest` with no paths (the whole suite, from testpaths) runs one worker per core when
    pytest-xdist is installed (the `test` extra brings it). A path, `-n`, `-p no:xdist`, `--pdb` or
    `--collect-only` keeps the usual single process; `-n 0` does too."""
    if not config.pluginmanager.hasplugin("xdist") or hasattr(config, "workerinput"):
        return
    if config.option.numprocesses is not None or config.args_source != pytest.Config.ArgsSource.TESTPATHS:
        return
    if config.getoption("usepdb") or config.getoption("collectonly"):
        return
    config.option.numprocesses = "logical"
    config.option.dist = "worksteal"  # the e2e tests are long: a free worker takes over queued ones


def pytest_configure(config: pytest.Config) -> None:
    """A worker's own PostgreSQL database (see `_database_of_this_worker`) is made on its first run
    and kept: the schema in it is migrated once and emptied between tests like the main one."""
    admin_url = os.environ.get("TEST_DATABASE_URL")
    if admin_url and PG_URL and admin_url != PG_URL:
        asyncio.run(_create_database(admin_url, make_url(PG_URL).database or ""))


async def _create_database(admin_url: str, name: str) -> None:
    engine = make_engine(admin_url).execution_options(isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as conn:
            found = await conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
            if found.scalar() is None:
                await conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        await engine.dispose()


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
    from bot.app.logs import NOISY, hide_private_details
    from bot.app.redact import install

    scan = _LogScan()
    install([scan])
    root = logging.getLogger()
    level = root.level
    root.addHandler(scan)
    root.setLevel(logging.DEBUG)
    for name in NOISY:
        logging.getLogger(name).setLevel(logging.WARNING)
    hide_private_details()
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
    """An empty schema, for tests of the migrations themselves and of a first start."""
    engine = make_engine(url)
    async with engine.begin() as conn:
        await conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        await conn.execute(text("CREATE SCHEMA public"))
    await engine.dispose()


# -- migrate once per test session, then copy ----------------------------------------------------
#
# Running every migration for every test was most of the suite's database time. The schema is
# migrated once per session: SQLite into a template file that each test copies, PostgreSQL in
# place, emptied between tests (TRUNCATE ... RESTART IDENTITY, so ids start at 1 as on a new
# database). tests/storage runs the migrations themselves on empty databases (`db_url`).


async def _migrate(url: str) -> None:
    engine = make_engine(url)
    try:
        await upgrade_database(engine)
    finally:
        await engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file at the newest revision, made once per test session."""
    path = tmp_path_factory.mktemp("template") / "migrated.db"
    with ThreadPoolExecutor(1) as pool:  # no event loop may be running here
        pool.submit(asyncio.run, _migrate(f"sqlite+aiosqlite:///{path}")).result()
    assert not path.with_name(path.name + "-wal").exists()  # all written to the file itself
    return path


def copy_of(template: Path, target: Path) -> str:
    """The URL of a fresh, migrated SQLite database at `target`."""
    shutil.copyfile(template, target)
    return f"sqlite+aiosqlite:///{target}"


async def empty_postgres(url: str) -> None:
    """A PostgreSQL schema at the newest revision with no rows: migrated once per session
    (or again if a test left another revision), emptied for each test."""
    engine = make_engine(url)
    try:
        async with engine.begin() as conn:
            tables = [row[0] for row in await conn.execute(text(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            ))]
            revision = None
            if "alembic_version" in tables:
                revision = (await conn.execute(text("SELECT version_num FROM alembic_version"))).scalar()
            if revision == head_revision():
                names = ", ".join(f'"{t}"' for t in tables if t != "alembic_version")
                await conn.execute(text(f"TRUNCATE TABLE {names} RESTART IDENTITY CASCADE"))
                return
        await reset_postgres(url)
        await upgrade_database(engine)
    finally:
        await engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
async def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database (no schema): SQLite always, PostgreSQL when TEST_DATABASE_URL is set."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'test.db'}"
    if not PG_URL:
        pytest.skip(PG_SKIP_REASON)
    await reset_postgres(PG_URL)
    return PG_URL


@pytest.fixture(params=["sqlite", "postgresql"])
async def migrated_db_url(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> str:
    """A database at the newest revision with no rows: SQLite always, PostgreSQL when
    TEST_DATABASE_URL is set."""
    if request.param == "sqlite":
        return copy_of(sqlite_template, tmp_path / "test.db")
    if not PG_URL:
        pytest.skip(PG_SKIP_REASON)
    await empty_postgres(PG_URL)
    return PG_URL


@pytest.fixture
def sqlite_url(tmp_path: Path, sqlite_template: Path) -> str:
    """A migrated SQLite database of this test's own, `coach.db` in its temporary folder."""
    return copy_of(sqlite_template, tmp_path / "coach.db")


@pytest.fixture
def settings(sqlite_url: str) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        telegram_bot_token="123456:TEST-token",
        database_url=sqlite_url,
        # Offline tests send updates back to back, far faster than a person; flood control
        # has its own tests (tests/handlers/test_bad_input.py) with the default limits.
        flood_burst=10_000,
    )


@pytest.fixture
async def services(
    settings: Settings, content: Content, clock: FixedClock
) -> AsyncIterator[Services]:
    # The database is a copy of the migrated template: nothing to upgrade.
    svc = await Services.create(settings, clock=clock, content=content, upgrade=False)
    svc.practice.rng.seed(7)
    yield svc
    await svc.close()
