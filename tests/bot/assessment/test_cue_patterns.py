"""The cue patterns compiled with their word-boundary alternatives factored (`cues.alternation`)
match exactly what their plain form matches: same places, same spans, on every marking-set answer
and on the edge cases of the splitting itself."""

from __future__ import annotations

import re

import pytest

from bot.assessment import cues
from bot.assessment.marking_set import SETS, load_set
from bot.assessment.spoken import for_cues


def test_splitting_keeps_groups_classes_and_escapes_whole() -> None:
    assert cues._branches(r"\ba|(b|c)|[|)]d|\|e|[]|]f") == [r"\ba", "(b|c)", "[|)]d", r"\|e", "[]|]f"]
    assert cues.factor_boundaries(r"\bA|\bB|C|\b(?=x)D") == r"\b(?:(?=\w)(?:A|B))|C|\b(?:(?=x)D)"
    assert cues.factor_boundaries("x|y") == "x|y"
    # Only alternatives that cannot start with anything but a letter or digit go behind (?=\w).
    assert cues.factor_boundaries(r"\b(a|an)\s|\b(a|)x|\b\w+ing|\b'cause|\bx?y") == (
        r"\b(?:(?=\w)(?:(a|an)\s)|(a|)x|(?=\w)(?:\w+ing)|'cause|x?y)"
    )


def test_the_big_cue_lists_are_factored() -> None:
    for rx in (cues.REASONING, cues.SITUATION, cues.QUANTITY, cues.ACTION, cues.RESULT):
        assert rx in cues.FACTORED.values()
        assert rx.pattern.count(r"\b(?:") >= 1


@pytest.fixture(scope="module")
def texts() -> list[str]:
    # Every fourth answer of every set (about 480), as the cues read them (speech written out).
    answers = [i.text for name in SETS for i in load_set(name)][::4]
    return [for_cues(t).text for t in answers]


def test_factored_patterns_match_as_their_plain_form(texts: list[str]) -> None:
    assert len(cues.FACTORED) >= 15
    for source, factored in cues.FACTORED.items():
        plain = re.compile(source, factored.flags)
        for text in texts:
            got = [m.span() for m in factored.finditer(text)]
            want = [m.span() for m in plain.finditer(text)]
            assert got == want, (source[:80], text[:80])
