"""Score the engine against a hand-labelled development set and list what it got wrong.

Run ``python -m bot.assessment.evaluate tests/data/devset.yaml`` to print the metrics and every
error; the test suite uses the same functions and fails below the thresholds in docs/assessment.md.
The labelling rule the files follow is written down in docs/assessment.md.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.assessment.engine import Assessor
from bot.assessment.types import Assessment
from content.loader import Content, load_content

NAMED_KINDS = ("legislation", "regulator")
OTHER_KINDS = ("policy", "standard")
PARTS = {"S": "situation", "T": "task", "A": "action", "R": "result"}


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    sector: str
    entities: dict[str, tuple[str, ...]]
    star: dict[str, bool]
    measurable: bool
    reasoning: bool
    hints: frozenset[str]
    # Where the learner set their nation; "unknown" when the answer must say it (issue 14).
    nation: str = "unknown"


def load_items(path: Path) -> list[Item]:
    raw: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    items = []
    for row in raw:
        letters = str(row.get("star") or "")
        items.append(
            Item(
                id=str(row["id"]),
                text=str(row["text"]),
                sector=str(row.get("sector") or "general"),
                entities={k: tuple(v or ()) for k, v in (row.get("entities") or {}).items()},
                star={name: letter in letters for letter, name in PARTS.items()},
                measurable=bool(row.get("measurable")),
                reasoning=bool(row.get("reasoning")),
                hints=frozenset(row.get("hints") or ()),
                nation=str(row.get("nation") or "unknown"),
            )
        )
    return items


@dataclass
class Tally:
    """True positives, false positives, false negatives, with the errors kept for reading."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, item: str, expected: set[str], got: set[str]) -> None:
        self.tp += len(expected & got)
        for miss in sorted(expected - got):
            self.fn += 1
            self.errors.append(f"{item}: missed {miss}")
        for extra in sorted(got - expected):
            self.fp += 1
            self.errors.append(f"{item}: spurious {extra}")


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 1.0

    def add(self, item: str, what: str, expected: bool, got: bool) -> None:
        self.total += 1
        if expected == got:
            self.right += 1
        else:
            self.errors.append(f"{item}: {what} expected {expected}, got {got}")


@dataclass
class Report:
    named: Tally = field(default_factory=Tally)
    other: Tally = field(default_factory=Tally)
    flags: Tally = field(default_factory=Tally)
    star: Accuracy = field(default_factory=Accuracy)
    measurable: Accuracy = field(default_factory=Accuracy)
    reasoning: Accuracy = field(default_factory=Accuracy)
    hints: Tally = field(default_factory=Tally)
    per_part: Counter[str] = field(default_factory=Counter)
    items: int = 0

    def lines(self) -> list[str]:
        n = self.named
        return [
            f"answers: {self.items}",
            f"named legislation+regulators: precision {n.precision:.3f} recall {n.recall:.3f} "
            f"F1 {n.f1:.3f} (tp {n.tp}, fp {n.fp}, fn {n.fn})",
            f"policies+standards: precision {self.other.precision:.3f} "
            f"recall {self.other.recall:.3f}",
            f"flags: recall {self.flags.recall:.3f} precision {self.flags.precision:.3f} "
            f"(tp {self.flags.tp}, fp {self.flags.fp}, fn {self.flags.fn})",
            f"STAR parts: accuracy {self.star.value:.3f} ({self.star.right}/{self.star.total}); "
            + ", ".join(f"{k} {v} wrong" for k, v in sorted(self.per_part.items())),
            f"measurable: accuracy {self.measurable.value:.3f}",
            f"reasoning: accuracy {self.reasoning.value:.3f}",
            f"hints: precision {self.hints.precision:.3f} recall {self.hints.recall:.3f}",
        ]

    def all_errors(self) -> list[str]:
        out: list[str] = []
        for name in ("named", "other", "flags", "star", "measurable", "reasoning", "hints"):
            errs = getattr(self, name).errors
            out += [f"[{name}] {e}" for e in errs]
        return out


def evaluate(
    assessor: Assessor, items: list[Item], hint_codes: frozenset[str] | None = None
) -> Report:
    """Score ``items``; ``hint_codes`` limits the hints scored to those codes (the nations files
    label only ``policy_as_law``, ``legal_claim`` and ``other_nation``)."""
    catalogue = assessor.content.catalogue
    report = Report(items=len(items))
    for item in items:
        result: Assessment = assessor.assess(item.text, sector=item.sector, nation=item.nation)
        got = {f.entry_id: f for f in result.entities}

        def of_kinds(ids: set[str], kinds: tuple[str, ...]) -> set[str]:
            return {i for i in ids if i in catalogue and catalogue[i].kind.value in kinds}

        expected_ids = set(item.entities)
        report.named.add(item.id, of_kinds(expected_ids, NAMED_KINDS), of_kinds(set(got), NAMED_KINDS))
        report.other.add(item.id, of_kinds(expected_ids, OTHER_KINDS), of_kinds(set(got), OTHER_KINDS))
        expected_flags = {f"{i}:{flag}" for i, flags in item.entities.items() for flag in flags}
        got_flags = {f"{i}:{flag}" for i, f in got.items() for flag in f.flags}
        # Flags are judged on the entities both sides agree were named; a missed entity is
        # already counted once above.
        both = expected_ids & set(got)
        report.flags.add(
            item.id,
            {f for f in expected_flags if f.split(":")[0] in both},
            {f for f in got_flags if f.split(":")[0] in both},
        )
        for name in PARTS.values():
            before = len(report.star.errors)
            report.star.add(item.id, name, item.star[name], result.star[name])
            if len(report.star.errors) > before:
                report.per_part[name] += 1
        report.measurable.add(item.id, "measurable", item.measurable, result.measurable_result)
        report.reasoning.add(item.id, "reasoning", item.reasoning, result.reasoning)
        got_hints = {h.code for h in result.hints}
        if hint_codes is not None:
            got_hints &= hint_codes
        report.hints.add(item.id, set(item.hints), got_hints)
    return report


def main(argv: list[str]) -> int:
    content: Content = load_content()
    assessor = Assessor(content)
    codes = next((a.split("=", 1)[1] for a in argv if a.startswith("--hints=")), None)
    paths = [Path(a) for a in argv if not a.startswith("--")] or [Path("tests/data/devset.yaml")]
    items = [i for p in paths for i in load_items(p)]
    report = evaluate(assessor, items, frozenset(codes.split(",")) if codes else None)
    for line in report.all_errors():
        print(line)
    print()
    for line in report.lines():
        print(line)
    return 0


if __name__ == "__main__":  # pragma: no cover - a developer's tool
    raise SystemExit(main(sys.argv[1:]))
