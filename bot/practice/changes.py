"""What changed between two tries at one prompt: score, marking points, items named."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.assessment import Assessment


@dataclass(frozen=True)
class Changes:
    score_before: int
    score_after: int
    newly_met: list[str]  # marking point texts met now but not before
    newly_missed: list[str]
    newly_named: list[str]  # canonical names named now but not before

    @property
    def delta(self) -> int:
        return self.score_after - self.score_before


def compare(before: dict[str, Any], after: Assessment) -> Changes:
    """`before` is a stored result (Assessment.to_dict()), `after` the new assessment."""
    was_met = {p["id"] for p in before.get("marking_points", []) if p.get("met")}
    named_before = {e["name"] for e in before.get("entities", [])}
    return Changes(
        score_before=int(before.get("score", 0)),
        score_after=after.score,
        newly_met=[p.text for p in after.marking_points if p.met and p.id not in was_met],
        newly_missed=[p.text for p in after.marking_points if not p.met and p.id in was_met],
        newly_named=[e.name for e in after.entities if e.name not in named_before],
    )
