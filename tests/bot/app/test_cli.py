"""The `star-coach` command as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.app.cli import main

CRA_ANSWER = (
    "A customer came in last week with a faulty kettle. My task was to sort out a refund. "
    "Under the Consumer Rights Act 2015 I offered a full refund because it was within 30 days. "
    "As a result she left a 5 star review.\n"
)


def run_cli(*args: str, stdin: str = "", cwd: Path, env: dict[str, str] | None = None):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True,
        cwd=cwd, env=full_env, timeout=120,
    )


def test_run_without_token_says_how_to_get_one(tmp_path: Path) -> None:
    result = run_cli("run", cwd=tmp_path)
    assert result.returncode == 2
    assert "BotFather" in result.stderr and ".env" in result.stderr
    assert "Traceback" not in result.stderr
    # What is wrong, then what to do.
    assert len(result.stderr.strip().splitlines()) == 2


def test_piped_chat_gives_feedback_naming_the_act(tmp_path: Path) -> None:
    result = run_cli("chat", stdin=CRA_ANSWER + "/done\n", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "STAR" in out  # the prompt's instructions
    assert "Legislation: Consumer Rights Act 2015" in out
    assert "GRADE:" in out
    # One answer in, one prompt and one feedback out: no second question printed.
    assert out.count("Answer in STAR form") == 1
    assert (tmp_path / "star_coach.db").exists()  # default SQLite file in the working dir


def test_piped_chat_keeps_an_unfinished_answer_for_next_time(tmp_path: Path) -> None:
    first = run_cli("chat", stdin="The Equality Act 2010 applied because\n", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    second = run_cli("chat", stdin="she needed a large-print letter.\n/done\n", cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    assert "unfinished answer" in second.stdout
    assert "Equality Act 2010" in second.stdout


def test_assess_json_has_the_contract_fields(tmp_path: Path, capsys, monkeypatch) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_text(CRA_ANSWER)
    assert main(["assess", "--json", str(answer)]) == 0
    data = json.loads(capsys.readouterr().out)
    for key in ("entities", "star", "measurable_result", "reasoning", "hints",
                "marking_points", "score", "grade"):
        assert key in data
    cra = next(e for e in data["entities"] if e["name"] == "Consumer Rights Act 2015")
    assert cra["kind"] == "legislation"
    assert CRA_ANSWER[cra["start"] : cra["end"]] == cra["text"] == "Consumer Rights Act 2015"
    assert cra["flags"] == []
    assert set(data["star"]) == {"situation", "task", "action", "result"}
    assert data["grade"] in {"not_yet", "pass", "distinction"}
    assert 0 <= data["score"] <= 100


def test_assess_with_prompt_marks_its_points(tmp_path: Path, capsys) -> None:
    answer = tmp_path / "a.txt"
    answer.write_text(CRA_ANSWER)
    assert main(["assess", "--json", "--prompt", "rl_refund_dispute", str(answer)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["prompt"] == "rl_refund_dispute"
    assert data["marking_points"] and all({"id", "met"} <= set(p) for p in data["marking_points"])


def test_assess_unknown_prompt_is_a_clear_error(tmp_path: Path, capsys) -> None:
    answer = tmp_path / "a.txt"
    answer.write_text("x")
    assert main(["assess", "--prompt", "nope", str(answer)]) == 2
    err = capsys.readouterr().err
    assert "unknown prompt id 'nope'" in err and "`star-coach content list prompts` lists them" in err
    assert "did you mean" not in err  # nothing is close to "nope"


def test_assess_mistyped_ids_get_the_close_matches(tmp_path: Path, capsys) -> None:
    answer = tmp_path / "a.txt"
    answer.write_text(CRA_ANSWER)
    assert main(["assess", "--prompt", "rl_refund_dispte", str(answer)]) == 2
    assert "(did you mean rl_refund_dispute?)" in capsys.readouterr().err
    assert main(["assess", "--sector", "retial", str(answer)]) == 2
    err = capsys.readouterr().err
    assert "unknown sector id 'retial' (did you mean retail?)" in err
    assert "star-coach content list sectors" in err
    # An unknown sector used to be accepted silently.
    assert main(["assess", "--sector", "space", str(answer)]) == 2
    assert "unknown sector id 'space'" in capsys.readouterr().err
    assert main(["assess", "--sector", "retail", str(answer)]) == 0


def test_content_list_shows_the_ids_assess_takes(capsys) -> None:
    from content.loader import load_content

    content = load_content()
    assert main(["content", "list"]) == 0
    out = capsys.readouterr().out
    assert "Prompts (star-coach assess --prompt ID):" in out and "Sectors" in out
    for pid in content.prompts:
        assert f"    {pid} " in out
    assert main(["content", "list", "sectors"]) == 0
    out = capsys.readouterr().out
    assert "Prompts" not in out
    for sector in content.sectors.values():
        assert f"  {sector.id}" in out and sector.label in out
    assert main(["content", "list", "prompts"]) == 0
    assert "Sectors" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["run"], "long polling, or a webhook server"),
        (["chat"], "/settings sets your level"),
        (["assess"], "each result line keeps its id"),
        (["content", "list"], "List the prompt ids"),
        (["content", "check"], "naming the file, the entry and the field"),
        (["stats"], "nudges due and sent"),
        (["db", "upgrade"], "Bring the database schema up to date"),
        (["disputes", "export"], "as a labelled example"),
    ],
)
def test_every_command_help_describes_it(argv: list[str], words: str, capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        main([*argv, "--help"])
    assert stop.value.code == 0
    assert words in " ".join(capsys.readouterr().out.split())


def test_assess_jsonl_keeps_ids_and_reports_bad_lines(tmp_path: Path) -> None:
    lines = "\n".join([
        json.dumps({"id": "a1", "text": "I followed the Equality Act 2010."}),
        json.dumps({"id": 7, "text": "Data Protection Act 1998 and the ICO"}),
        "not json",
        json.dumps({"id": "x", "text": "hi", "prompt": "missing_prompt"}),
        '{"id": "b2", "text": "cut off in the midd',  # broken JSON, but its id is readable
        json.dumps({"id": "s1", "text": "hello", "sector": "retial"}),
        json.dumps({"id": "n1", "text": 5}),
    ]) + "\n"
    result = run_cli("assess", "--jsonl", "-", stdin=lines, cwd=tmp_path)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r.get("id") for r in rows] == ["a1", 7, None, "x", "b2", "s1", "n1"]
    assert rows[0]["entities"][0]["name"] == "Equality Act 2010"
    assert "ico" in {e["id"] for e in rows[1]["entities"]}
    assert all("error" in row for row in rows[2:])
    assert rows[4]["line"] == 5 and "not JSON" in rows[4]["error"]
    assert "did you mean retail?" in rows[5]["error"]
    assert result.returncode == 1  # some lines failed


def test_assess_nation_flag_and_jsonl_field(tmp_path: Path, capsys) -> None:
    answer = tmp_path / "a.txt"
    answer.write_text("I work in Belfast and followed the Disability Discrimination Act 1995.")
    assert main(["assess", "--json", "--nation", "ni", str(answer)]) == 0
    assert json.loads(capsys.readouterr().out)["nation"] == "northern_ireland"
    # Without --nation, the answer's "Belfast" places the learner, and the DDA is not outdated.
    assert main(["assess", "--json", str(answer)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["nation"] == "northern_ireland" and data["entities"][0]["flags"] == []
    plain = tmp_path / "b.txt"
    plain.write_text("I followed the Disability Discrimination Act 1995.")
    assert main(["assess", "--json", str(plain)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["nation"] == "unknown" and data["entities"][0]["flags"] == ["outdated"]
    lines = "\n".join([
        json.dumps({"id": 1, "text": "FOI request", "nation": "scotland"}),
        json.dumps({"id": 2, "text": "FOI request"}),
        json.dumps({"id": 3, "text": "FOI request", "nation": "mars"}),
    ]) + "\n"
    result = run_cli("assess", "--jsonl", "--nation", "wales", "-", stdin=lines, cwd=tmp_path)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r.get("nation") for r in rows[:2]] == ["scotland", "wales"]
    assert "unknown nation" in rows[2]["error"] and result.returncode == 1


def test_assess_bad_nation_flag_is_named(tmp_path: Path) -> None:
    result = run_cli("assess", "--nation", "atlantis", "-", stdin="hi", cwd=tmp_path)
    assert result.returncode == 2 and "not a UK nation" in result.stderr
    assert "Traceback" not in result.stderr


def test_assess_missing_file_is_a_clear_error(tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["assess", str(tmp_path / "nope.txt")])
    assert exc.value.code == 2
    assert "cannot read" in capsys.readouterr().err


@pytest.mark.parametrize("flag", [[], ["--jsonl"]])
def test_assess_a_file_that_is_not_text_is_a_clear_error(flag: list[str], tmp_path: Path, capsys) -> None:
    """A Word document or a PDF given by mistake: a traceback before, now what to do."""
    doc = tmp_path / "answer.docx"
    doc.write_bytes(b"PK\x03\x04\x14\x00\x06\x00\xd0\xcf\x11\xe0 not text")
    assert main(["assess", *flag, str(doc)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "is not plain text" in err and "answer.docx" in err


def test_db_upgrade_creates_the_schema(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'x.db'}"
    result = run_cli("db", "upgrade", cwd=tmp_path, env={"DATABASE_URL": url})
    assert result.returncode == 0, result.stderr
    assert "revision" in result.stdout
    assert (tmp_path / "x.db").exists()


def test_bad_setting_is_named_without_traceback(tmp_path: Path) -> None:
    result = run_cli("chat", cwd=tmp_path, env={"DEFAULT_TIMEZONE": "Nowhere/Land"})
    assert result.returncode == 2
    assert "DEFAULT_TIMEZONE" in result.stderr and "Traceback" not in result.stderr
