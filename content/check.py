"""`star-coach content check`: validate the shipped content and any operator packs, and count it.

The CLI (bot/cli.py) only parses arguments and calls ``check_content``; everything the command
prints and the exit code it returns are decided here, so they can be tested without a process.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any, TextIO

from content.loader import Content, ContentError, load_content
from content.models import Kind

OK = 0
CONTENT_ERROR = 1


def summarise(content: Content) -> dict[str, Any]:
    """Counts of topics, prompts (in total and per topic) and catalogue entries per kind."""
    per_topic = Counter(p.topic for p in content.prompts.values())
    return {
        "topics": len(content.topics),
        "prompts": {
            "total": len(content.prompts),
            # Every topic appears, even one without prompts, so a gap is visible.
            "by_topic": {tid: per_topic.get(tid, 0) for tid in content.topics},
        },
        "catalogue": {kind.value: len(content.entries_of(kind)) for kind in Kind},
        "sectors": len(content.sectors),
        "standards": {
            sid: {
                "code": std.code,
                "level": std.level,
                "areas": len(std.areas),
                "openers": len(std.openers),
                "mapped_prompts": len(std.evidence),
                "confirmed": not std.unconfirmed,
            }
            for sid, std in content.standards.items()
        },
    }


def _empty_summary() -> dict[str, Any]:
    return {
        "topics": 0,
        "prompts": {"total": 0, "by_topic": {}},
        "catalogue": {kind.value: 0 for kind in Kind},
        "sectors": 0,
        "standards": {},
    }


def check_content(extra_dirs: list[Path], as_json: bool, out: TextIO) -> int:
    """Load everything, print a summary (or the error) to ``out``, and return the exit code.

    0 when all content is valid; 1 when any file is broken, with the file, entry and field named.
    """
    dirs = [Path(d) for d in extra_dirs]
    try:
        content = load_content(dirs)
    except ContentError as exc:
        error = {"file": exc.file, "entry": exc.entry, "field": exc.field, "message": exc.problem}
        if as_json:
            report = {"ok": False, **_empty_summary(), "error": error}
            out.write(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        else:
            out.write("Content check FAILED\n")
            out.write(f"  file:    {exc.file}\n")
            out.write(f"  entry:   {exc.entry or '-'}\n")
            out.write(f"  field:   {exc.field or '-'}\n")
            out.write(f"  problem: {exc.problem}\n")
        return CONTENT_ERROR

    summary = summarise(content)
    if as_json:
        out.write(json.dumps({"ok": True, **summary, "error": None}, indent=2) + "\n")
        return OK

    packs = ", ".join(str(d) for d in dirs) if dirs else "none"
    prompts = summary["prompts"]
    out.write("Content check passed\n")
    out.write(f"  operator packs: {packs}\n")
    out.write(f"  topics: {summary['topics']}\n")
    out.write(f"  sectors: {summary['sectors']}\n")
    out.write(f"  prompts: {prompts['total']}\n")
    for tid, count in prompts["by_topic"].items():
        out.write(f"    {tid}: {count}  ({content.topics[tid].title})\n")
    out.write("  catalogue:\n")
    for kind, count in summary["catalogue"].items():
        out.write(f"    {kind}: {count}\n")
    out.write("  standards:\n")
    for std in summary["standards"].values():
        if std["confirmed"]:
            out.write(f"    {std['code']} (Level {std['level']}): {std['areas']} areas, "
                      f"{std['openers']} openers, {std['mapped_prompts']} prompts mapped\n")
        else:
            out.write(f"    {std['code']} (Level {std['level']}): areas not confirmed, no mock\n")
    return OK
