"""Database engine, async sessions and schema upgrades (Alembic, run in-process)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import event, text
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

SessionFactory = async_sessionmaker[AsyncSession]


def normalise_url(url: str) -> str:
    """Accept the plain forms operators copy from elsewhere and pick the async driver."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+asyncpg://" + url[len("postgresql://") :]
    if url.startswith("sqlite:///") or url == "sqlite://":
        url = "sqlite+aiosqlite://" + url[len("sqlite://") :]
    return url


class DatabaseUrlError(ValueError):
    """DATABASE_URL names no database this coach can use; the message says which forms work."""


SUPPORTED = "sqlite+aiosqlite:///star_coach.db or postgresql+asyncpg://user:password@host/dbname"
_DRIVERS = {"sqlite": "aiosqlite", "postgresql": "asyncpg"}


def check_url(url: str) -> URL:
    """The normalised URL, or DatabaseUrlError for a malformed one or an unsupported database or
    driver (say `mysql://`), before any driver is imported."""
    try:
        parsed = make_url(normalise_url(url))
    except ArgumentError as exc:
        raise DatabaseUrlError(f"DATABASE_URL is not a database URL (use {SUPPORTED}).") from exc
    backend, driver = parsed.get_backend_name(), parsed.get_driver_name()
    if backend not in _DRIVERS:
        raise DatabaseUrlError(
            f"DATABASE_URL names a {backend} database; STAR Coach works with SQLite or PostgreSQL "
            f"(use {SUPPORTED})."
        )
    if driver != _DRIVERS[backend]:
        raise DatabaseUrlError(
            f"DATABASE_URL asks for the {driver} driver; STAR Coach uses {_DRIVERS[backend]} for "
            f"{backend} (write {backend}+{_DRIVERS[backend]}://..., or just {backend}://...)."
        )
    return parsed


def make_engine(url: str) -> AsyncEngine:
    check_url(url)
    url = normalise_url(url)
    kwargs: dict[str, Any] = {}
    if make_url(url).get_backend_name() == "sqlite":
        # The bot and a CLI tool may use one file at once: wait for a lock rather than fail.
        kwargs["connect_args"] = {"timeout": 15}
    else:
        kwargs["pool_pre_ping"] = True
    # An error's message never carries the SQL parameters: they are learners' words.
    engine = create_async_engine(url, hide_parameters=True, **kwargs)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            # With WAL, NORMAL syncs at checkpoints rather than at every commit: a killed process
            # loses nothing (the WAL is in the file), a power cut may lose the last commits.
            # FULL cost the durable inbox's three small commits ~50 ms an update instead of ~7.
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

    return engine


def make_session_factory(engine: AsyncEngine) -> SessionFactory:
    return async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def _upgrade(connection: Connection, revision: str) -> None:
    cfg = alembic_config()
    cfg.attributes["connection"] = connection
    command.upgrade(cfg, revision)


# Any fixed number: the advisory lock that lets one instance at a time upgrade a PostgreSQL schema.
MIGRATION_LOCK = 7_305_712_018


async def upgrade_database(engine: AsyncEngine, revision: str = "head") -> None:
    """Bring the schema up to `revision` (head by default); safe to run at every start.

    On PostgreSQL several instances may start at once: the lock makes the others wait until the
    first has committed, and they then find nothing left to do.
    """
    async with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            await conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        await conn.run_sync(_upgrade, revision)


def _current(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


async def current_revision(engine: AsyncEngine) -> str | None:
    async with engine.connect() as conn:
        return await conn.run_sync(_current)


def head_revision() -> str:
    """The newest revision in `storage/migrations/versions/` (the schema has one head)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revision(revision: str) -> bool:
    """Whether this version's migrations hold `revision` (False: a newer version wrote it)."""
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except CommandError:
        return False


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None for PostgreSQL or an in-memory database)."""
    parsed = make_url(normalise_url(url))
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)
