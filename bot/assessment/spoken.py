"""Answers as they really arrive: spoken (as a speech recogniser writes them) and typed in haste.

The matcher reads a written form of the answer, and every span it finds is mapped back to the
answer as the learner gave it, so ``Found.text``, ``start`` and ``end`` still quote their words.

* Spelled letters that make a known acronym: "g d p r" is GDPR, "the i c o" the ICO. Only runs
  that spell an acronym in the catalogue are joined ("i c o", never "i a m").
* Years as words: "twenty fifteen", "two thousand and ten", "nineteen ninety eight" are 2015,
  2010 and 1998.
* An acronym glued to its year: "CRA15", "DPA18", "HSWA74" are "CRA 15" and so on (two digits are
  read as the year of the entry named, see ``years``).
* Fillers ("um", "uh", "er", "erm") are dropped, so they split neither a name nor a name and its
  year ("the data protection act uh eighteen").
* A name the recogniser split in two is joined when the two words make a one-word catalogue name:
  "of com", "off gem", "nip so".
* Short capitals inside names, spelled: "n i" is NI ("the licensing n i order"), "u k" is UK.
* A year said in two words or fewer right after a name: "d p a eighteen", "c r a fifteen", "the act
  oh eight" are "DPA 18", "CRA 15", "act 08"; "twenty oh two" is 2002.
* A number said after the word a name carries it on: "challenge twenty five" is Challenge 25
  (only that name's numbers after that word: "twenty five customers" stays a count).
* A year corrected as it is said: "nineteen ninety eight sorry i mean twenty eighteen" is 2018.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9,
}
_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
# Counts said in words that stand for a figure wherever they are ("seventy percent", "nine out of
# ten"); "one" is left out, as "one day" and "one lady" are no figures.
NUMBER_WORDS = frozenset(set(_UNITS) | set(_TEENS) | set(_TENS) | {"hundred"}) - {"one"}
_UNIT = "|".join(_UNITS)
_TEEN = "|".join(_TEENS)
_TEN = "|".join(_TENS)
# 1 to 99 in words: "seven", "fifteen", "ninety eight", "twenty-four".
_TWO_DIGITS = rf"(?:(?:{_TEN})(?:[\s-]+(?:{_UNIT}))?|{_TEEN}|{_UNIT})"
_YEAR_WORDS = re.compile(
    rf"\b(?:(?P<century>nineteen|twenty)[\s-]+(?P<rest>oh[\s-]+(?:{_UNIT})|{_TWO_DIGITS})"
    rf"|two[\s-]+thousand(?:[\s-]+and)?(?:[\s-]+(?P<after>{_TWO_DIGITS}))?)\b",
    re.I,
)
_LETTERS = re.compile(r"\b[a-zA-Z](?:[ .]+[a-zA-Z]\b){1,5}\.?")
_GLUED = re.compile(r"\b([A-Za-z]{2,6})(\d{2}|\d{4})\b")
# What a speaker says while thinking; never part of a name.
# Words a name ends on, after which a short spoken number is its year ("the act oh eight").
NAME_ENDS = frozenset({"act", "acts", "regulations", "regs", "order", "measure"})
# Two words with a space between, the first short enough to be half of a split name.
_HEAD_PAIR = re.compile(r"\b([A-Za-z]{2,5})[ \t]+(?=([A-Za-z]{2,})\b)")
# A short spoken year, and the name it may follow (looked for only behind a number word).
# (The lookahead on the first letter halves the scan: most positions fail at once.)
_SHORT_YEAR = re.compile(
    rf"(?<![A-Za-z])(?=[otefsn])(?P<num>oh[\s-]+(?:{_UNIT})|(?:{_TEN})(?:[\s-]+(?:{_UNIT}))?|{_TEEN})\b",
    re.I,
)
_NAME_BEFORE = re.compile(r"\b(?P<name>[A-Za-z]+)(?P<gap>\s+(?:of\s+)?)$")
_CORRECTED_YEAR = re.compile(
    r"\b(?:1[89]\d\d|20\d\d)\s+(?:(?:no\s+)?(?:sorry|i mean|i meant|no wait|or rather)|no)"
    # ... "no the twenty oh three one": the year put right, said as which one.
    r"(?:\s+(?:i mean|i meant|it's|it was|its|the))?\s+(?P<year>(?:1[89]|20)\d\d)\b(?:\s+one\b)?",
    re.I,
)


def words_to_number(words: str) -> int | None:
    """1 to 99 written in words, or None."""
    parts = [w for w in re.split(r"[\s-]+", words.lower().strip()) if w]
    if not parts:
        return None
    if len(parts) == 1:
        return _UNITS.get(parts[0]) or _TEENS.get(parts[0]) or _TENS.get(parts[0])
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _UNITS:
        return _TENS[parts[0]] + _UNITS[parts[1]]
    return None


def _year(match: re.Match[str]) -> str | None:
    if match.group("century"):
        rest = match.group("rest").lower()
        last = re.split(r"[\s-]+", rest)[-1]
        oh = rest.startswith("oh")
        tail = _UNITS.get(last) if oh else words_to_number(rest)
        if tail is None:
            return None
        year = (1900 if match.group("century").lower() == "nineteen" else 2000) + tail
        # "twenty twenty" is 2020 but "twenty five" is a count, not 2005: below 2010 a year starts
        # "two thousand", or says its "oh" ("twenty oh two").
        if match.group("century").lower() == "twenty" and tail < 10 and not oh:
            return None
        return str(year)
    after = match.group("after")
    tail = words_to_number(after) if after else 0
    return None if tail is None else str(2000 + tail)


@dataclass(frozen=True)
class Written:
    """The answer in written form, with a map from its offsets back to the original's."""

    text: str
    starts: tuple[int, ...]  # for each character of ``text``, where it starts in the original
    ends: tuple[int, ...]  # ... and where it ends

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of ``text[start:end]``."""
        if not self.starts:
            return start, end
        return self.starts[start], self.ends[max(start, end - 1)]


def _rewrite(
    text: str, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str | None]
) -> list[tuple[int, int, str]]:
    out = []
    for m in pattern.finditer(text):
        new = replace(m)
        if new is not None and new != m.group(0):
            out.append((m.start(), m.end(), new))
    return out


def _spelled(text: str, acronyms: Collection[str]) -> list[tuple[int, int, str]]:
    """Runs of single letters, and within each the longest stretch that spells a known acronym
    ("so a g d p r request": the "a" is an article, "g d p r" is GDPR)."""
    out = []
    for m in _LETTERS.finditer(text):
        letters = [(x.start(), x.end(), x.group(0)) for x in re.finditer(r"[a-zA-Z]", m.group(0))]
        letters = [(m.start() + a, m.start() + b, c) for a, b, c in letters]
        best: tuple[int, int, str] | None = None
        for i in range(len(letters)):
            for j in range(len(letters), i + 1, -1):
                word = "".join(c for _a, _b, c in letters[i:j])
                if word.lower() in acronyms and (best is None or j - i > len(best[2])):
                    best = (letters[i][0], letters[j - 1][1], word.upper())
                    break
        if best is not None:
            out.append(best)
    return out


# --- the answer as the STAR, result and reason cues read it ------------------------------------

# Fillers a recogniser writes and a reader skips: "and um he took it" is "and he took it".
_FILLER = re.compile(
    r"\s*\b(?:u+m+|u+h+|e+r+m+|e+h+m+|e+r+|hmm+|you know)\b,?\s*"
    # "like" as a filler: between commas, or before a figure ("like from six minutes to nine").
    r"|,\s*like\s*,\s*|\blike\s+(?=(?:from|about|around|nearly|almost|\d)\b)",
    re.I,
)
# Counts in words as digits, so "nine out of ten", "from plus twenty to plus thirty five" and
# "three hundred pound" read as the typed answers do. "one" stays a word ("one day", "one lady").
_COUNT_WORDS = re.compile(
    rf"\b(?P<n>(?:{_TEN})(?:[\s-]+(?:{_UNIT}))?|{_TEEN}|(?!one\b)(?:{_UNIT}))"
    rf"(?:\s+(?P<h>hundred|thousand))?\b",
    re.I,
)
# Chat shorthand a reader resolves without doubt (docs/assessment-labelling.md).
SHORTHAND = {
    "cx": "customer", "cust": "customer", "custs": "customers", "mgr": "manager",
    "tl": "team leader", "gm": "general manager", "bc": "because", "b/c": "because", "w/": "with",
    "w/o": "without",
    "thru": "through", "tho": "though", "ppl": "people", "msg": "message", "msgd": "messaged",
    "appt": "appointment", "info": "information", "acc": "account", "acct": "account",
    "n": "and", "&": "and", "+": "and", "wk": "week", "wks": "weeks", "hrs": "hours",
    "u": "you", "ur": "your", "cos": "because", "coz": "because", "cuz": "because", "bout": "about",
}
_SHORT = re.compile(
    r"(?<![\w/])(?:" + "|".join(re.escape(k) for k in sorted(SHORTHAND, key=len, reverse=True))
    + r")(?![\w/])",
    re.I,
)


def _count(m: re.Match[str]) -> str | None:
    n = words_to_number(m.group("n"))
    if n is None:
        return None
    if m.group("h"):
        n *= 100 if m.group("h").lower() == "hundred" else 1000
    return str(n)


def for_cues(text: str) -> Written:
    """The answer as the STAR, measurable and reason cues read it (``bot.assessment.structure``):
    fillers dropped, counts and years in words as digits, chat shorthand written out. Spans found
    in ``Written.text`` map back to the learner's words with ``Written.span``."""
    edits = _rewrite(text, _YEAR_WORDS, _year)
    edits += _rewrite(text, _FILLER, lambda m: ", " if "," in m.group(0) else " ")
    edits += _rewrite(text, _COUNT_WORDS, _count)
    edits += _rewrite(text, _SHORT, lambda m: SHORTHAND[m.group(0).lower()])
    # A year in words ("twenty nineteen") wins over the counts inside it.
    return _apply(text, sorted(edits, key=lambda e: (e[0], -e[1])))


def _apply(text: str, edits: list[tuple[int, int, str]]) -> Written:
    if not edits:
        return Written(text, (), ())
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for a, b, new in edits:
        if a < pos:
            continue  # overlapping rewrites: the first wins
        pieces.append(text[pos:a])
        starts.extend(range(pos, a))
        ends.extend(range(pos + 1, a + 1))
        pieces.append(new)
        starts.extend([a] * len(new))
        ends.extend([b] * len(new))
        pos = b
    pieces.append(text[pos:])
    starts.extend(range(pos, len(text)))
    ends.extend(range(pos + 1, len(text) + 1))
    return Written("".join(pieces), tuple(starts), tuple(ends))


def _compose(first: Written, second: Written) -> Written:
    """``second`` rewrote ``first.text``: map its offsets through ``first`` to the original."""
    if not second.starts:
        return Written(second.text, first.starts, first.ends)
    if not first.starts:
        return second
    starts = tuple(first.starts[i] for i in second.starts)
    ends = tuple(first.ends[max(0, e - 1)] for e in second.ends)
    return Written(second.text, starts, ends)


def to_written(
    text: str, acronyms: Collection[str], joins: Collection[str] = (), letters: Collection[str] = (),
    numbered: Mapping[str, Collection[int]] | None = None,
) -> Written:
    """``text`` with fillers dropped, split names and spelled acronyms joined, years as digits and
    glued years split. ``joins`` are the one-word names a split may make ("ofcom"), ``letters``
    further words a run of spelled letters may make ("ni", "uk"), ``numbered`` the words a name
    carries a number after, with those numbers ("challenge": 21 and 25, so "challenge twenty five"
    is Challenge 25 and "challenge twenty nine" stays words)."""
    numbered = numbered or {}

    def glued(m: re.Match[str]) -> str | None:
        if m.group(1).lower() not in acronyms:
            return None
        return f"{m.group(1)} {m.group(2)}"

    spellable = set(acronyms) | set(letters)
    # A filler between two words leaves one space; at either end, nothing.
    edits = _rewrite(text, _FILLER, lambda m: " " if m.start() > 0 and m.end() < len(text) else "")
    edits += _spelled(text, spellable) + _rewrite(text, _YEAR_WORDS, _year)
    edits += _rewrite(text, _GLUED, glued)
    if joins:
        edits += _pair_joins(text, joins)
    first = _apply(text, sorted(edits))

    second: list[tuple[int, int, str]] = []
    for m in _SHORT_YEAR.finditer(first.text):
        before = _NAME_BEFORE.search(first.text, max(0, m.start() - 40), m.start())
        if before is None:
            continue
        name = before.group("name").casefold()
        if name not in acronyms and name not in NAME_ENDS and name not in numbered:
            continue
        num = m.group("num").lower()
        oh = num.startswith("oh")
        value = _UNITS.get(re.split(r"[\s-]+", num)[-1]) if oh else words_to_number(num)
        if name in numbered and name not in acronyms and name not in NAME_ENDS:
            value = value if value in numbered[name] else None
        if value is not None:
            second.append((m.start(), m.end(), f"{value:02d}"))
    second += _rewrite(first.text, _CORRECTED_YEAR, lambda m: m.group("year"))
    return _compose(first, _apply(first.text, sorted(second)))


@functools.lru_cache(maxsize=8)
def _heads(joins: frozenset[str]) -> frozenset[str]:
    """The first halves a one-word name can be split into ("of" and "off" for "ofcom", "offcom")."""
    return frozenset(w[:k] for w in joins for k in range(2, len(w) - 1))


def _pair_joins(text: str, joins: Collection[str]) -> list[tuple[int, int, str]]:
    """Adjacent words that together make a one-word name in ``joins`` ("of com" is "ofcom")."""
    names = frozenset(joins)
    heads = _heads(names)
    out: list[tuple[int, int, str]] = []
    for m in _HEAD_PAIR.finditer(text):
        first, second = m.group(1), m.group(2)
        if first.casefold() in heads and (first + second).casefold() in names:
            out.append((m.start(), m.end() + len(second), first + second))
    return out
