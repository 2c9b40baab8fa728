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
    Confusion,
    Labelled,
    check_item,
    label_grade,
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


def test_the_grade_rule_reads_the_documented_bands() -> None:
    four = {"a": True, "b": True, "c": True, "d": True}
    assert label_grade(four, True, True, ()) == "distinction"
    assert label_grade(four, False, True, ()) == "pass", "a distinction needs all of STAR"
    assert label_grade(four, True, True, ("wrong_year",)) == "pass", "and nothing to correct"
    half = {"a": True, "b": True, "c": False, "d": False}
    assert label_grade(half, False, True, ()) == "pass"
    assert label_grade(half, False, False, ()) == "not_yet", "a pass needs a real example"
    five = {"a": True, "b": True, "c": False, "d": False, "e": False}
    assert label_grade(five, True, True, ()) == "not_yet", "2 of 5 is under half"


def test_kappa_and_accuracy_are_the_textbook_ones() -> None:
    c = Confusion(tp=20, fp=5, fn=10, tn=15)
    assert c.accuracy == pytest.approx(0.7)
    # p_o 0.7; p_e = 0.6 * 0.5 + 0.4 * 0.5 = 0.5; kappa = 0.2 / 0.5
    assert c.kappa == pytest.approx(0.4)
    assert Confusion(tp=3, tn=2).kappa == pytest.approx(1.0)
    assert Confusion(tp=5).kappa == 1.0, "all agree on one class"
    assert Confusion(fp=4, fn=4).kappa == pytest.approx(-1.0)


# --- the second collection (tuning2, holdout2): written later, labelled by the same rule ------------


@pytest.mark.parametrize("name", ["tuning2"])
def test_the_second_collection_is_sound_and_spread(name: str, content: Content) -> None:
    items = load_set(name, DATA / f"{name}.yaml")
    problems = [p for item in items for p in check_item(item, content)]
    assert not problems, "\n".join(problems)
    prefix = {"tuning2": "t2-", "holdout2": "h2-"}[name]
    assert [i.id for i in items] == [f"{prefix}{n:03d}" for n in range(1, len(items) + 1)]
    assert len(items) >= 100
    assert len({i.prompt for i in items}) >= 24
    assert {i.nation for i in items} == set(NATIONS)
    assert {i.style for i in items} == set(STYLES)
    assert {i.level for i in items} == {2, 3, 4, 5}
    assert set(Counter(i.grade for i in items)) == {"not_yet", "pass", "distinction"}
