"""The second labeller's file (issue 13) is well-formed: its ids, points and grades match the set."""

from __future__ import annotations

import sys
from pathlib import Path

from bot.assessment.marking_set import CORRECTIONS, label_grade
from content.loader import load_content

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "benchmarks"))

from blind_sheet import SAMPLE_EVERY, SAMPLE_SETS, sample
from labeller_agreement import load_second


def test_second_labels_cover_only_the_blind_sample_with_every_point() -> None:
    second = load_second()
    assert len(second) >= 40
    # The points come from each sampled answer's prompt, as on the blind sheet, so this check never
    # reads a set's labels (dev4, which was holdout3, is sampled too).
    prompts = load_content().prompts
    sampled = {str(r["id"]): str(r["prompt"]) for name in SAMPLE_SETS for r in sample(name, SAMPLE_EVERY)}
    assert {i[:3] for i in second} >= {"t2-", "h2-", "h3-"}, "every sampled set has second labels"
    for answer_id, row in second.items():
        assert answer_id in sampled, f"{answer_id} is not in the fixed every-3rd sample"
        assert set(row["points"]) == {p.id for p in prompts[sampled[answer_id]].marking_points}, answer_id
        assert all(isinstance(v, bool) for v in row["points"].values()), answer_id
        assert set(row["to_correct"]) <= set(CORRECTIONS), answer_id
        want = label_grade(row["points"], row["full_star"], row["example"], tuple(row["to_correct"]))
        assert row["grade"] == want, answer_id
