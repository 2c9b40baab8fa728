"""No reply text nobody sends: each constant in handlers/texts.py is used outside that file."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEXTS = ROOT / "handlers" / "texts.py"


def test_every_reply_text_is_used() -> None:
    names = [
        target.id
        for node in ast.parse(TEXTS.read_text()).body
        if isinstance(node, ast.Assign | ast.AnnAssign)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name) and target.id.isupper()
    ]
    code = "\n".join(
        path.read_text()
        for package in ("bot", "handlers")
        for path in (ROOT / package).rglob("*.py")
        if path != TEXTS
    )
    texts = TEXTS.read_text()
    unused = [
        name for name in names
        if not re.search(rf"\b{name}\b", code) and len(re.findall(rf"\b{name}\b", texts)) == 1
    ]
    assert names and unused == []
