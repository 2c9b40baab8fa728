"""Does the mock report say what an assessor would? Areas evidenced, engine against hand labels.

    python benchmarks/mock_agreement.py [--set tuning|dev2|all]

The marking set (tests/data/marking/, labelled under docs/assessment-labelling.md) gives, for each
answer to a prompt, which of the prompt's marking points a human marker found met. For every answer
to a prompt in ST0072's evidence map, each area of the standard the prompt's points map to is
judged twice, exactly as the mock's report does it (an area is evidenced when a mapped point is
met): from the engine's marking, and from the hand labels. The script prints how often the two
agree on each (answer, area) judgement, the engine's precision and recall for "evidenced", and the
areas where they disagree most. Not a test: the figures are recorded in docs/mock.md.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.assessment import Assessor  # noqa: E402
from content.loader import load_content  # noqa: E402

SETS = {"tuning": ["tuning"], "dev2": ["dev2"], "all": ["tuning", "dev2"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--set", default="all", choices=sorted(SETS))
    args = parser.parse_args()
    labels = [
        item for name in SETS[args.set]
        for item in yaml.safe_load((ROOT / "tests" / "data" / "marking" / f"{name}.yaml").read_text("utf-8"))
    ]
    content = load_content()
    assessor = Assessor(content)
    standard = content.standards["st0072"]
    mapped = {link.prompt: link.points for link in standard.evidence}
    answers = agree = total = tp = fp = fn = 0
    wrong: Counter[str] = Counter()
    for label in labels:
        points = mapped.get(label["prompt"])
        prompt = content.prompts.get(label["prompt"])
        if points is None or prompt is None:
            continue
        answers += 1
        kwargs = {"nation": label["nation"]} if "nation" in label else {}
        result = assessor.assess(
            label["text"], prompt=prompt, sector=label.get("sector", "general"), **kwargs
        )
        engine = {r.id: r.met for r in result.marking_points}
        gold_areas: dict[str, bool] = {}
        engine_areas: dict[str, bool] = {}
        for point_id, areas in points.items():
            gold = bool(label["points"].get(point_id))
            for area in areas:
                gold_areas[area] = gold_areas.get(area, False) or gold
                engine_areas[area] = engine_areas.get(area, False) or engine[point_id]
        for area, gold in gold_areas.items():
            said = engine_areas[area]
            total += 1
            agree += gold == said
            tp += gold and said
            fp += said and not gold
            fn += gold and not said
            if gold != said:
                wrong[area] += 1
    print(f"marking set: {args.set}; answers to mapped prompts: {answers} of {len(labels)}")
    print(f"(answer, area) judgements: {total}")
    print(f"agreement: {agree / total:.3f}")
    print(f"evidenced: precision {tp / max(1, tp + fp):.3f}, recall {tp / max(1, tp + fn):.3f} "
          f"(engine said yes {tp + fp}, labels say yes {tp + fn})")
    print("disagreements by area: " + (", ".join(f"{a} {n}" for a, n in wrong.most_common()) or "none"))


if __name__ == "__main__":
    main()
