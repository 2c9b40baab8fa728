"""Disputes as data: stored once per point, in /mydata, erased by /deleteme, exported by operators
(the terminal's /wrong and `star-coach disputes export`)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from bot.app.services import Services
from bot.practice.disputes import to_csv, to_jsonl
from tests.bot.app.test_cli import run_cli

ANSWER = (
    "Last week a customer brought back a kettle that leaked. My task was to decide on a refund. I "
    "refunded her under the Consumer Rights Act 2015 because it was faulty. She was happy."
)


async def answered(services: Services) -> tuple[int, int]:
    learner = await services.practice.learner(key="tg:77", telegram_user_id=77, first_name="Ana")
    assert learner.id is not None
    prompt = services.content.prompts["rl_refund_dispute"]
    await services.practice.start(learner.id, prompt_id=prompt.id)
    await services.practice.add_text(learner.id, ANSWER)
    sub = await services.practice.submit(learner.id)
    return learner.id, sub.attempt_id


async def test_a_dispute_is_kept_in_mydata_exported_and_erased(services: Services) -> None:
    lid, attempt = await answered(services)
    points = await services.disputes.points(lid, attempt)
    missed = next(p for p in points if not p.met)
    first = await services.disputes.dispute(lid, attempt, missed.index)
    again = await services.disputes.dispute(lid, attempt, missed.index)
    assert not first.already and again.already

    data = await services.privacy.export(lid)
    (row,) = data["point_dispute"]
    assert row["point_id"] == missed.id and row["coach_met"] is False

    (example,) = await services.disputes.examples()
    assert example["learner_met"] is True and example["text"] == ANSWER
    assert json.loads(to_jsonl([example]))["point"] == missed.id
    (csv_row,) = list(csv.DictReader(io.StringIO(to_csv([example]))))
    assert csv_row["point_text"] == missed.text

    assert await services.privacy.erase(lid) > 0
    assert await services.disputes.examples() == []


def test_wrong_in_the_terminal_and_the_operators_export(tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'c.db'}"}
    chat = run_cli("chat", stdin=f"{ANSWER}\n/done\n/wrong\n/wrong 1\n", cwd=tmp_path, env=env)
    assert chat.returncode == 0, chat.stderr
    assert "Which point did I get wrong?" in chat.stdout and "Thank you for telling me" in chat.stdout
    out = run_cli("disputes", "export", cwd=tmp_path, env=env)
    assert out.returncode == 0, out.stderr
    (line,) = out.stdout.splitlines()
    example = json.loads(line)
    assert example["learner_met"] is not example["coach_met"] and example["text"] == ANSWER
    written = run_cli("disputes", "export", "--format", "csv", "--out", "d.csv", cwd=tmp_path, env=env)
    assert written.returncode == 0 and "Wrote 1 dispute to d.csv." in written.stderr
    assert (tmp_path / "d.csv").read_text().startswith("dispute_id,")


def test_the_export_only_reads_and_never_creates_a_database(tmp_path: Path) -> None:
    """Run from the wrong folder, the export says there is no database (status 2) instead of
    creating and migrating an empty one and printing nothing."""
    env = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'missing.db'}"}
    out = run_cli("disputes", "export", cwd=tmp_path, env=env)
    assert out.returncode == 2 and out.stdout == ""
    assert "there is no database at" in out.stderr and "Traceback" not in out.stderr
    assert not (tmp_path / "missing.db").exists()


def test_an_export_file_that_cannot_be_written_is_named(tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'c.db'}"}
    assert run_cli("db", "upgrade", cwd=tmp_path, env=env).returncode == 0
    out = run_cli("disputes", "export", "--out", "no-such-folder/d.csv", cwd=tmp_path, env=env)
    assert out.returncode == 2, out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 2 and "Traceback" not in out.stderr, out.stderr
    assert "cannot write no-such-folder/d.csv" in lines[0] and "--out" in lines[1]
    one = run_cli("disputes", "export", "--out", "d.jsonl", cwd=tmp_path, env=env)
    assert one.returncode == 0 and "Wrote 0 disputes to d.jsonl" in one.stderr
