"""Tokens of an answer, normalised the way catalogue forms are (``content.loader.normalise_form``)."""

from __future__ import annotations

import re
from typing import NamedTuple

TOKEN = re.compile(r"\w+(?:['’]\w+)*")
# A year as learners write it beside an Act. 2100-2199 is accepted so that a mistyped "2105" is
# still read as a (wrong) year rather than ignored.
YEAR = re.compile(r"^(1[89]\d\d|2[01]\d\d)$")
# Words a learner may drop from, or add to, a long name ("Supply of Goods & Services Act",
# "Ombudsman Services for Communications") without it becoming another name.
STOPWORDS = frozenset({"and", "of", "the", "for", "etc", "in", "on", "at", "to", "a"})


class Token(NamedTuple):
    # A NamedTuple, not a dataclass: an answer has hundreds of tokens, and building them is a
    # measurable share of the time per answer (benchmarks/assess_bench.py).
    raw: str
    norm: str  # folded as catalogue forms are: "Commissioner's" -> "commissioners"
    base: str  # without a possessive: "FCA's" -> "fca"
    start: int
    end: int

    @property
    def is_caps(self) -> bool:
        return self.raw.isupper()


def normalise_word(raw: str) -> str:
    word = raw.casefold()
    if "'" in word or "’" in word:
        word = word.replace("’", "'").replace("'s", "s").replace("'", "")
    return word


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    for m in TOKEN.finditer(text):
        raw = m.group()
        norm = normalise_word(raw)
        base = norm
        end = m.end()
        if raw[-2:] in ("'s", "’s", "'S", "’S"):
            # The possessive is not part of the name: "the ICO's website" names the ICO.
            base = norm[:-1]
            end -= 2
        tokens.append(Token(raw[: end - m.start()], norm, base, m.start(), end))
    return tokens


# A newline is not a break: an answer sent in several messages is joined with newlines, and a
# name may straddle two of them.
SENTENCE_BREAK = re.compile(r"[!?]|\.(?<!etc\.)(?=\s|$)", re.I)


def same_sentence(text: str, start: int, end: int) -> bool:
    """True when no sentence ends between two offsets ("etc." inside a name does not count)."""
    return SENTENCE_BREAK.search(text, start, end) is None
