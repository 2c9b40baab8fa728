"""`check_content`, the logic behind `star-coach content check [--json]`."""

from __future__ import annotations

import io
import json
from pathlib import Path

from content.check import check_content
from content.loader import Content
from content.models import Kind
from tests.content.packs import ACME_PACK, GOOD_PROMPT, write


def run(extra: list[Path], as_json: bool) -> tuple[int, str]:
    out = io.StringIO()
    code = check_content(extra, as_json, out)
    return code, out.getvalue()


def test_json_counts_match_the_loaded_content(content: Content) -> None:
    code, text = run([], as_json=True)
    assert code == 0
    report = json.loads(text)
    assert report["ok"] is True
    assert report["error"] is None
    assert report["topics"] == len(content.topics)
    assert report["prompts"]["total"] == len(content.prompts)
    assert sum(report["prompts"]["by_topic"].values()) == len(content.prompts)
    assert report["prompts"]["by_topic"]["rules_and_law"] == len(content.prompts_for("rules_and_law"))
    assert report["catalogue"] == {k.value: len(content.entries_of(k)) for k in Kind}


def test_human_summary_lists_every_count(content: Content) -> None:
    code, text = run([], as_json=False)
    assert code == 0
    assert "Content check passed" in text
    assert f"prompts: {len(content.prompts)}" in text
    for topic in content.topics:
        assert f"{topic}: {len(content.prompts_for(topic))}" in text
    assert f"legislation: {len(content.entries_of(Kind.LEGISLATION))}" in text
    assert f"standard: {len(content.entries_of(Kind.STANDARD))}" in text


def test_an_operator_pack_is_counted(content: Content) -> None:
    code, text = run([ACME_PACK], as_json=True)
    assert code == 0
    report = json.loads(text)
    assert report["prompts"]["total"] == len(content.prompts) + 1
    assert report["prompts"]["by_topic"]["policies_procedures"] == (
        len(content.prompts_for("policies_procedures")) + 1
    )
    assert report["catalogue"]["policy"] == len(content.entries_of(Kind.POLICY)) + 1


def test_a_broken_pack_fails_with_file_entry_and_field_in_json(tmp_path: Path) -> None:
    path = write(tmp_path, "prompts/p.yaml", GOOD_PROMPT.replace("topic: rules_and_law", "topic: nope"))
    code, text = run([tmp_path], as_json=True)
    assert code == 1
    report = json.loads(text)
    assert report["ok"] is False
    assert report["error"] == {
        "file": str(path),
        "entry": "pack_prompt",
        "field": "topic",
        "message": "unknown topic 'nope'",
    }


def test_a_broken_pack_fails_with_file_entry_and_field_in_text(tmp_path: Path) -> None:
    path = write(tmp_path, "prompts/p.yaml", GOOD_PROMPT.replace("- point: law", "- point: nope"))
    code, text = run([tmp_path], as_json=False)
    assert code == 1
    assert "FAILED" in text
    assert str(path) in text
    assert "pack_prompt" in text
    assert "probes" in text


def test_broken_yaml_reports_no_entry(tmp_path: Path) -> None:
    write(tmp_path, "topics.yaml", "- id: [unclosed\n")
    code, text = run([tmp_path], as_json=True)
    assert code == 1
    error = json.loads(text)["error"]
    assert error["entry"] is None
    assert error["field"] is None
    assert error["file"].endswith("topics.yaml")


def test_a_missing_pack_folder_fails(tmp_path: Path) -> None:
    code, text = run([tmp_path / "absent"], as_json=False)
    assert code == 1
    assert "absent" in text
