"""`star-coach stats`: counts as an operator reads them."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.app import stats
from bot.app.cli import main
from bot.app.services import Services
from storage import queries
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
    assert main(["stats", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["learners"] == 0 and set(data) >= {"active_7_days", "nudges_sent_24h", "cohorts"}
