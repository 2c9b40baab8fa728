"""`star-coach stats`: counts as an operator reads them."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.app import stats
from bot.app.cli import main
from bot.app.services import Services
from storage import queries
from storage.db import current_revision, make_engine, upgrade_database
from storage.models import Cohort, NudgeLog, Reminder

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


async def test_counts(services: Services) -> None:
    async with services.sessions.begin() as s:
        a = await queries.get_or_create_learner(s, key="tg:1")
        b = await queries.get_or_create_learner(s, key="tg:2")
        await queries.get_or_create_learner(s, key="tg:3")
        assert a.id and b.id
        for who, when in [(a.id, NOW - timedelta(hours=1)), (a.id, NOW - timedelta(days=2)),
                          (b.id, NOW - timedelta(days=9))]:
            await queries.add_attempt(
                s, learner_id=who, prompt_id="p", topic_id="t", text="x", score=50,
                grade="pass", result={}, now=when,
            )
        s.add(Reminder(learner_id=a.id, local_time="18:00"))
        s.add(Reminder(learner_id=b.id, local_time="18:00", enabled=False))
        s.add(NudgeLog(learner_id=a.id, due_at=NOW - timedelta(hours=3),
                       sent_at=NOW - timedelta(hours=3), status="sent"))
        s.add(NudgeLog(learner_id=b.id, due_at=NOW - timedelta(hours=2), status="blocked"))
        s.add(NudgeLog(learner_id=b.id, due_at=NOW - timedelta(days=3),
                       sent_at=NOW - timedelta(days=3), status="sent"))
        s.add(Cohort(assessor_id=a.id, name="Group A"))
    async with services.sessions() as s:
        result = await stats.collect(s, now=NOW)
    assert result.to_dict() == {
        "learners": 3, "active_7_days": 1, "attempts_today": 1, "attempts_total": 3,
        "reminders_enabled": 1, "nudges_due_24h": 2, "nudges_sent_24h": 1, "cohorts": 1,
    }
    assert "Learners" in stats.render(result)


def test_cli_stats_json_on_a_new_database(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 's.db'}")
    assert main(["db", "upgrade"]) == 0
    capsys.readouterr()
    assert main(["stats", "--json"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""  # at the newest revision: nothing to warn about
    data = json.loads(captured.out)
    assert data["learners"] == 0 and set(data) >= {"active_7_days", "nudges_sent_24h", "cohorts"}


def test_cli_stats_never_creates_a_database(tmp_path: Path, capsys, monkeypatch) -> None:
    path = tmp_path / "missing.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{path}")
    assert main(["stats"]) == 2  # a setting to fix (docs/operations.md, exit statuses)
    assert "star-coach db upgrade" in capsys.readouterr().err
    assert not path.exists()


def test_cli_stats_does_not_migrate(tmp_path: Path, capsys, monkeypatch) -> None:
    """A read-only command leaves the schema where it found it, and says it is behind."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'old.db'}"

    async def prepare(revision: str | None) -> str | None:
        engine = make_engine(url)
        try:
            if revision is not None:
                await upgrade_database(engine, revision)
            return await current_revision(engine)
        finally:
            await engine.dispose()

    assert asyncio.run(prepare("0003")) == "0003"
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["stats", "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["learners"] == 0
    assert "0003" in captured.err and "star-coach db upgrade" in captured.err
    assert asyncio.run(prepare(None)) == "0003"


def test_cli_stats_on_an_empty_database_explains(tmp_path: Path, capsys, monkeypatch) -> None:
    path = tmp_path / "empty.db"
    sqlite3.connect(path).close()
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{path}")
    assert main(["stats"]) == 2
    assert "no STAR Coach schema" in capsys.readouterr().err
