"""No reaching into a library's (or another object's) private attributes: they change without
notice between releases. `self._x` and `cls._x` are the object's own."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "handlers", "content", "storage")
# Public despite the underscore: SQLAlchemy's Row._mapping and namedtuple's _asdict/_fields/_replace;
# argparse._SubParsersAction, the type add_subparsers() returns (typeshed's; there is no other).
# Ours: `_redacted`, the mark bot/app/redact.py leaves on a log record it has cleaned.
PUBLIC = {"_mapping", "_asdict", "_fields", "_replace", "_SubParsersAction", "_redacted"}


def test_no_private_attributes_of_other_objects() -> None:
    offenders = []
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "versions" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if not isinstance(node, ast.Attribute) or not node.attr.startswith("_"):
                    continue
                if node.attr.endswith("__") or node.attr in PUBLIC:
                    continue
                if isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
                    continue
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {ast.unparse(node)}")
    assert offenders == []
