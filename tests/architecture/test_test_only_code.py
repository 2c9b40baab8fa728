"""Production code carries nothing only the tests use: every function and class defined at the
top of a module in bot/, handlers/, storage/ or content/ is named somewhere else in those packages
or in benchmarks/. Helpers for tests live in tests/helpers.py."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "handlers", "storage", "content")


def _sources() -> dict[Path, str]:
    found = {
        path: path.read_text()
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    }
    return found


def test_no_function_or_class_is_used_only_by_the_tests() -> None:
    sources = _sources()
    users = "\n".join([*sources.values(), *(p.read_text() for p in (ROOT / "benchmarks").rglob("*.py"))])
    defined = [
        (path.relative_to(ROOT).as_posix(), node.name)
        for path, text in sources.items()
        for node in ast.parse(text).body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
    ]
    unused = [
        f"{where}: {name}" for where, name in defined
        if len(re.findall(rf"\b{re.escape(name)}\b", users)) < 2  # its definition alone
    ]
    assert len(defined) > 100 and unused == [], "\n".join(unused)
