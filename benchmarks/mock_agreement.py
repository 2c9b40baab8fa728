"""Does the mock report say what a marker would? Areas evidenced, engine against hand labels.

    python benchmarks/mock_agreement.py [--set devset|holdout|fresh|all]

The labelled answers in tests/data carry what a marker found in each answer (the laws, regulators,
policies and standards named, the STAR parts, a measurable result, reasoning), labelled by hand
under docs/assessment.md's rule. For every labelled answer and every bank prompt in ST0072's
evidence map, each marking point whose check those labels decide (names_*, star_complete,
measurable_result, explains_why; not `mentions` or `escalation`, which are not labelled) is judged
twice: by the engine, and from the labels. An area of the standard is "evidenced" when a mapped
point is met, exactly as in the mock's report. The script prints how often the two agree on each
(answer, prompt, area) judgement, and the engine's precision and recall for "evidenced".
Not a test: the figures are recorded in docs/mock.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.assessment import Assessor  # noqa: E402
from content.loader import Content, load_content  # noqa: E402
from content.models import Check, Kind, MarkingPoint  # noqa: E402

DECIDED = {
    Check.NAMES_LEGISLATION, Check.NAMES_REGULATOR, Check.NAMES_POLICY, Check.NAMES_STANDARD,
    Check.NAMES_ANY_OF, Check.STAR_COMPLETE, Check.MEASURABLE_RESULT, Check.EXPLAINS_WHY,
}
KINDS = {
    Check.NAMES_LEGISLATION: Kind.LEGISLATION, Check.NAMES_REGULATOR: Kind.REGULATOR,
    Check.NAMES_POLICY: Kind.POLICY, Check.NAMES_STANDARD: Kind.STANDARD,
}


def gold_met(point: MarkingPoint, label: dict[str, Any], content: Content) -> bool | None:
    """Whether the labels say the point is met; None when they cannot decide it."""
    if point.check not in DECIDED or point.params.get("sector_specific"):
        return None
    credited = [
        eid for eid, flags in (label.get("entities") or {}).items()
        if eid in content.catalogue and "outdated" not in (flags or [])
    ]
    minimum = int(point.params.get("min", 1))
    if point.check in KINDS:
        return sum(content.catalogue[e].kind is KINDS[point.check] for e in credited) >= minimum
    if point.check is Check.NAMES_ANY_OF:
        return len(set(credited) & set(point.params["ids"])) >= minimum
    if point.check is Check.STAR_COMPLETE:
        return set(str(label.get("star") or "")) >= set("STAR")
    if point.check is Check.MEASURABLE_RESULT:
        return bool(label.get("measurable"))
    return bool(label.get("reasoning"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="all", choices=["devset", "holdout", "fresh", "all"])
    args = parser.parse_args()
    names = ["devset", "holdout", "fresh"] if args.set == "all" else [args.set]
    labels = [
        item for name in names
        for item in yaml.safe_load((ROOT / "tests" / "data" / f"{name}.yaml").read_text(encoding="utf-8"))
    ]
    content = load_content()
    assessor = Assessor(content)
    standard = content.standards["st0072"]
    agree = total = tp = fp = fn = 0
    for label in labels:
        for link in standard.evidence:
            prompt = content.prompts.get(link.prompt)
            if prompt is None:
                continue  # an opener: its points are `mentions`, not labelled
            points = {m.id: m for m in prompt.marking_points}
            result = assessor.assess(label["text"], prompt=prompt, sector=label.get("sector", "general"))
            engine = {r.id: r.met for r in result.marking_points}
            gold_areas: dict[str, bool] = {}
            engine_areas: dict[str, bool] = {}
            for point_id, areas in link.points.items():
                gold = gold_met(points[point_id], label, content)
                if gold is None:
                    continue
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
    print(f"labelled answers: {len(labels)} ({', '.join(names)}); prompts mapped: "
          f"{sum(1 for e in standard.evidence if e.prompt in content.prompts)}")
    print(f"(answer, prompt, area) judgements: {total}")
    print(f"agreement: {agree / total:.3f}")
    print(f"evidenced: precision {tp / max(1, tp + fp):.3f}, recall {tp / max(1, tp + fn):.3f} "
          f"(engine said yes {tp + fp}, labels say yes {tp + fn})")


if __name__ == "__main__":
    main()
