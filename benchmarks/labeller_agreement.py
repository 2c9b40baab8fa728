"""How far two human labellers agree on the marking set (issue 13): the ceiling for any engine.

    python benchmarks/labeller_agreement.py [--list] [--sets dev4]
    python benchmarks/labeller_agreement.py --second tests/data/marking/second_labels_holdout5.yaml \
        --sets dev6

Compares tests/data/marking/second_labels.yaml (labeller2, labelled blind from
benchmarks/blind_sheet.py) with the first labeller's labels in tuning2.yaml, dev3.yaml (was
holdout2.yaml) and dev4.yaml (was holdout3.yaml; a held-out set's labels are read here only to
compare two humans):
per-point agreement, Cohen's kappa (the same Confusion code as marking_eval, first labeller as the
"label", second as the "got"), and grade agreement, separately per set. With --list, every point
and grade disagreement. Humans only: it never runs the marking engine.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.blind_sheet import SAMPLE_SETS  # noqa: E402
from bot.assessment.marking_set import GRADES, SETS, Confusion, Labelled, load_set  # noqa: E402

SECOND = ROOT / "tests" / "data" / "marking" / "second_labels.yaml"


def load_second(path: Path = SECOND) -> dict[str, dict[str, Any]]:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def answer_level(item: Labelled, mine: dict[str, Any]) -> list[str]:
    """The answer-level labels the two labellers set differently (they feed the grade, so a grade
    disagreement with every point agreed is explained here)."""
    pairs = {
        "full_star": (item.full_star, bool(mine["full_star"])),
        "example": (item.example, bool(mine["example"])),
        "to_correct": (sorted(item.to_correct), sorted(mine["to_correct"] or [])),
    }
    return [f"{item.id} {k}: first {a}, second {b}" for k, (a, b) in pairs.items() if a != b]


def compare(name: str, second: dict[str, dict[str, Any]]) -> tuple[list[str], list[str]]:
    first = {item.id: item for item in load_set(name)}
    ids = [i for i in second if i in first]
    points, grades = Confusion(), Counter[tuple[str, str]]()
    errors: list[str] = []
    answer_errors = 0
    for i in ids:
        item, mine = first[i], second[i]
        level = answer_level(item, mine)
        answer_errors += len(level)
        errors += level
        for point, label in item.points.items():
            other = bool(mine["points"][point])
            points.add(label, other)
            if label != other:
                errors.append(f"{i} {item.prompt}.{point}: first {label}, second {other}")
        grades[(item.grade, str(mine["grade"]))] += 1
        if item.grade != mine["grade"]:
            errors.append(f"{i} grade: first {item.grade}, second {mine['grade']}")
    same = sum(n for (a, b), n in grades.items() if a == b)
    lines = [
        f"{name}: answers {len(ids)}, marking points {points.total}",
        f"  per-point agreement {points.accuracy:.3f} ({points.tp + points.tn}/{points.total}); "
        f"Cohen's kappa {points.kappa:.3f}; first met {points.tp + points.fn}, "
        f"second met {points.tp + points.fp}",
        f"  grade agreement {same / len(ids):.3f} ({same}/{len(ids)}); answer-level labels "
        f"(full_star, example, to_correct) set differently {answer_errors} of {3 * len(ids)}",
        "  grades (rows first, columns second): "
        + "; ".join(f"{a}: " + " ".join(str(grades[(a, b)]) for b in GRADES) for a in GRADES),
    ]
    return lines, errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", action="store_true", help="list every disagreement")
    parser.add_argument("--sets", nargs="+", choices=SETS, default=list(SAMPLE_SETS))
    parser.add_argument(
        "--second", type=Path, default=SECOND,
        help="the second labels (default second_labels.yaml; dev5 and dev6 have their own)",
    )
    args = parser.parse_args(argv)
    second = load_second(args.second)
    for name in args.sets:
        lines, errors = compare(name, second)
        print("\n".join(lines))
        if args.list:
            print("\n".join("    " + e for e in errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
