"""The engine against the hand-labelled answers in tests/data (labelling rule: docs/assessment.md).

Thresholds are the issue's: named legislation and regulators at 0.95 precision and recall, flag
recall 0.90, STAR part accuracy 0.85. Measurable, reasoning and hints have gates of their own
so that a regression there shows too. If a threshold fails, fix the engine, not the labels.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.assessment import Assessor
from bot.assessment.evaluate import Report, evaluate, load_items

DATA = Path(__file__).resolve().parents[2] / "data"
FILES = ["devset.yaml", "devset2.yaml", "fresh.yaml"]


@pytest.fixture(scope="module")
def report(assessor: Assessor) -> Report:
    items = [i for name in FILES for i in load_items(DATA / name)]
    result = evaluate(assessor, items)
    print("\n" + "\n".join(result.lines()))  # shown with -s, and in the report on failure
    return result


def test_the_set_is_big_and_varied_enough() -> None:
    items = [i for name in FILES for i in load_items(DATA / name)]
    assert len(items) >= 150
    assert len({i.id for i in items}) == len(items), "ids must be unique"
    flags = {f for i in items for fs in i.entities.values() for f in fs}
    assert flags == {"wrong_year", "missing_year", "outdated"}
    assert {"vague_law", "policy_as_law"} <= {h for i in items for h in i.hints}
    assert sum(1 for i in items if not i.entities) >= 20, "traps and off-topic answers"


def test_named_legislation_and_regulators(report: Report) -> None:
    named = report.named
    assert named.precision >= 0.95, named.errors
    assert named.recall >= 0.95, named.errors


def test_flag_recall(report: Report) -> None:
    assert report.flags.recall >= 0.90, report.flags.errors


def test_star_part_accuracy(report: Report) -> None:
    assert report.star.value >= 0.85, report.star.errors


def test_measurable_and_reasoning(report: Report) -> None:
    assert report.measurable.value >= 0.85, report.measurable.errors
    assert report.reasoning.value >= 0.85, report.reasoning.errors


def test_hints(report: Report) -> None:
    assert report.hints.recall >= 0.85, report.hints.errors
    assert report.hints.precision >= 0.85, report.hints.errors
