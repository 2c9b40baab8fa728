"""Fixtures shared by every test folder: content, settings on a temporary database, services."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
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

PG_URL = os.environ.get("TEST_DATABASE_URL")
PG_SKIP_REASON = "PostgreSQL tests need TEST_DATABASE_URL (e.g. postgresql+asyncpg://postgres@127.0.0.1:5432/test)"


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
