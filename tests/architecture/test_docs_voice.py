"""The documentation speaks of the product, not of how it was built: no "this issue", no issue
numbers, no "ours"; a reader has the product and the docs, not the tracker."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])
TRACKER_TALK = re.compile(
    r"\bthis issue\b|\bthe issue's\b|\bissues? \d+|\bissue #\d+|\(ours\)|\bnot owned here\b",
    re.IGNORECASE,
)


@pytest.mark.parametrize("path", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_docs_speak_of_the_product(path: Path) -> None:
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if TRACKER_TALK.search(line)
    ]
    assert not found, "\n".join(found)
