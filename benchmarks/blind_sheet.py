"""A blind labelling sheet for a second labeller (issue 13: how far two labellers agree).

    python benchmarks/blind_sheet.py                 # every 3rd answer of tuning2, dev3 and dev4
    python benchmarks/blind_sheet.py --every 3 --sets dev4

For each sampled answer it prints the id, prompt text, sector, nation, level, the answer text and
each marking point's id and text, and nothing else: not the first labeller's point labels,
full_star, example, to_correct, grade, note, or the style the answer was written to (the style
names such as "weak" or "distinction" would hint at the grade). The second labeller labels from
this sheet alone by docs/assessment-labelling.md into tests/data/marking/second_labels.yaml;
benchmarks/labeller_agreement.py then compares the two. Never runs the marking engine.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from content.loader import load_content  # noqa: E402

DATA_DIR = ROOT / "tests" / "data" / "marking"
# The fixed sample: the answers at positions 3, 6, 9, ... of each file (t2-003, t2-006, ...).
# dev3 was holdout2 and dev4 was holdout3 when their samples were labelled. For a held-out set,
# the sheet prints only
# what an answer's writer gave (never its labels, note or style), so the sample can be labelled
# blind and compared without scoring the set.
SAMPLE_SETS = ("tuning2", "dev3", "dev4")
SAMPLE_EVERY = 3


def sample(name: str, every: int = SAMPLE_EVERY) -> list[dict[str, Any]]:
    """Every `every`-th answer of the set, in file order, as the raw rows."""
    rows: list[dict[str, Any]] = yaml.safe_load((DATA_DIR / f"{name}.yaml").read_text(encoding="utf-8")) or []
    return rows[every - 1 :: every]


def sheet(name: str, every: int = SAMPLE_EVERY) -> list[str]:
    """The blind sheet for one set's sample: what the answer's writer gave, and no label."""
    prompts = load_content().prompts
    lines: list[str] = []
    for row in sample(name, every):
        prompt = prompts[str(row["prompt"])]
        lines += [
            f"=== {row['id']}  [{name}]  prompt {prompt.id}  sector {row['sector']}  nation {row['nation']}"
            f"  level {row['level']}",
            *textwrap.wrap("PROMPT: " + " ".join(prompt.text.split()), 110),
            *textwrap.wrap("ANSWER: " + " ".join(str(row["text"]).split()), 110),
        ]
        lines += [f"  - {p.id}: {' '.join(p.text.split())}" for p in prompt.marking_points]
        lines.append("")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--every", type=int, default=SAMPLE_EVERY)
    parser.add_argument("--sets", nargs="+", choices=SAMPLE_SETS, default=list(SAMPLE_SETS))
    args = parser.parse_args(argv)
    for name in args.sets:
        print("\n".join(sheet(name, args.every)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
