"""The marking engine against the hand-labelled marking set (issue 13 item 5).

    python benchmarks/marking_eval.py --set tuning [--errors]
    python benchmarks/marking_eval.py --set dev2           # the first holdout, development data now
    python benchmarks/marking_eval.py --set tuning2 [--errors]   # the second collection
    python benchmarks/marking_eval.py --set dev3           # the second holdout (holdout2), development now
    python benchmarks/marking_eval.py --set dev4           # the third holdout (holdout3), development now
    python benchmarks/marking_eval.py --set dev5           # the fourth holdout (holdout4), development now
    python benchmarks/marking_eval.py --set dev6           # the fifth holdout (holdout5), development now
    python benchmarks/marking_eval.py --set dev7           # the sixth holdout (holdout6), development now
    python benchmarks/marking_eval.py --set dev8           # the seventh holdout (holdout7), development now
    python benchmarks/marking_eval.py --set dev9           # the eighth holdout (holdout8), development now
    python benchmarks/marking_eval.py --set dev10          # the ninth holdout (holdout9), development now
    python benchmarks/marking_eval.py --set dev11          # the tenth holdout (holdout10), development now
    python benchmarks/marking_eval.py --set dev12          # the eleventh holdout (holdout11), development now
    python benchmarks/marking_eval.py --set dev13          # the twelfth holdout (holdout12), development now
    python benchmarks/marking_eval.py --set dev14          # the 13th holdout (holdout13), development now
    python benchmarks/marking_eval.py --set dev15          # the 14th holdout (holdout14), development now
    python benchmarks/marking_eval.py --set dev16          # the 15th holdout (holdout15), development now
    python benchmarks/marking_eval.py --set dev17          # the 16th holdout (holdout16), development now
    python benchmarks/marking_eval.py --set dev18          # the 17th holdout (holdout17), development now
    python benchmarks/marking_eval.py --set dev19          # the 18th holdout (holdout18), development now
    python benchmarks/marking_eval.py --set dev20          # the 19th holdout (holdout19), development now
    python benchmarks/marking_eval.py --set dev21          # the 20th holdout (holdout20), development now
    python benchmarks/marking_eval.py --set dev22          # the 21st holdout (holdout21), development now
    python benchmarks/marking_eval.py --set dev23          # the 22nd holdout (holdout22), development now
    python benchmarks/marking_eval.py --set dev24          # the 23rd holdout (holdout23), development now

Prints per-point accuracy, Cohen's kappa, grade agreement, distinction recall and precision, a
confusion table per kind of check and per answer style, and the grade confusion matrix. With
--errors, every disagreement first (answer id, prompt.point, check, missed / wrongly met, style,
nation and the start of the answer), then every grade that differs. The labelling rule is
docs/assessment-labelling.md; the figures and what they mean are in docs/assessment.md under
"How marking is measured". Never tune on a held-out set.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.assessment.engine import Assessor  # noqa: E402
from bot.assessment.marking_set import SETS, load_set, score  # noqa: E402
from content.loader import load_content  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=SETS, required=True, help="which part of the marking set")
    parser.add_argument("--errors", action="store_true", help="list every disagreement first")
    args = parser.parse_args(argv)

    items = load_set(args.set)
    assessor = Assessor(load_content())
    started = time.perf_counter()
    result = score(assessor, items)
    elapsed = time.perf_counter() - started
    if args.errors:
        print(f"point disagreements ({len(result.point_errors)}):")
        print("\n".join(result.point_errors))
        print(f"\ngrade disagreements ({len(result.grade_errors)}):")
        print("\n".join(result.grade_errors))
        print()
    print(f"marking set: {args.set}")
    print("\n".join(result.table()))
    print(f"\nassessed in {elapsed:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
