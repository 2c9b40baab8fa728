"""The marking set itself (tests/data/marking): sound labels on real prompts and points, the holdout
split as written, and enough answers of every kind. Runs without the engine, so the holdout stays
unscored. The labelling rule is docs/assessment-labelling.md."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from bot.assessment.marking_set import (
    HOLDOUT_EVERY,
    NATIONS,
    STYLES,
    Labelled,
    check_item,
    load_set,
)
from content.loader import Content

# Next to the tests, not beside an installed package.
DATA = Path(__file__).resolve().parents[2] / "data" / "marking"


@pytest.fixture(scope="module")
def tuning() -> list[Labelled]:
    return load_set("tuning", DATA / "tuning.yaml")


@pytest.fixture(scope="module")
def holdout() -> list[Labelled]:
    return load_set("holdout", DATA / "holdout.yaml")


def test_every_label_is_sound(tuning: list[Labelled], holdout: list[Labelled], content: Content) -> None:
    problems = [p for item in tuning + holdout for p in check_item(item, content)]
    assert not problems, "\n".join(problems)


def test_the_holdout_is_exactly_every_fourth_answer(
    tuning: list[Labelled], holdout: list[Labelled]
) -> None:
    numbers = sorted(i.number for i in tuning + holdout)
    assert numbers == list(range(1, len(numbers) + 1)), "answers are numbered m001.. in writing order"
    assert all(i.id == f"m{i.number:03d}" for i in tuning + holdout)
    assert {i.number for i in holdout} == {n for n in numbers if n % HOLDOUT_EVERY == 0}
    assert all(i.number % HOLDOUT_EVERY for i in tuning)


def test_the_set_covers_what_the_issue_asks(
    tuning: list[Labelled], holdout: list[Labelled], content: Content
) -> None:
    items = tuning + holdout
    assert len(items) >= 300
    assert len({i.prompt for i in items}) >= 50
    assert {i.nation for i in items} == set(NATIONS)
    assert {i.style for i in items} == set(STYLES)
    assert {i.level for i in items} == {2, 3, 4, 5}
    grades = Counter(i.grade for i in items)
    assert min(grades.values()) >= 50, grades
    topics = Counter(content.prompts[i.prompt].topic for i in items if i.grade == "distinction")
    assert set(topics) == set(content.topics), "distinction-level answers on every topic"
    assert min(topics.values()) >= 5, topics
    misses = Counter(met for i in items for met in i.points.values())
    assert misses[True] >= 0.3 * sum(misses.values()) and misses[False] >= 0.3 * sum(misses.values())
