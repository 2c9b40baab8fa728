"""Years beside a name, which entry of a family they pick, and the flags and corrections that follow.

Flags (docs/assessment.md, "Flags"):
* ``wrong_year``: a year is written beside the name and it is not the entry's year;
* ``missing_year``: the entry is cited with its year (its canonical name ends with it) and no
  mention of it in the answer gives one;
* ``outdated``: the entry has been superseded where the learner works (the Disability
  Discrimination Act 1995 was replaced in Great Britain and is still the law in Northern Ireland),
  and the answer does not date the event before the replacement ("in 2012 ... the Sale of Goods
  Act 1979" was the law then). The Sale of Goods Act 1979 and the Supply of Goods and Services Act
  1982 still govern sales between businesses, so they are not outdated when the answer is about
  business customers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from bot.assessment.text import YEAR, Token, same_sentence
from bot.assessment.types import Flag
from bot.assessment.wording import join, the
from content import nations
from content.loader import Content
from content.models import CatalogueEntry, Kind, expand

BETWEEN = frozenset({"of", "from"})  # "the Equality Act of 2010"
# A year put right straight after it is said: "the data protection act 1998 no sorry the 2018 one".
YEAR_PUT_RIGHT = re.compile(
    r"\W+(no\W+)?(sorry|i mean|i meant|no wait|or rather)(\W+(i mean|i meant|the|it'?s|it was|its))*\W+$",
    re.I,
)
PUT_RIGHT_REACH = 6  # tokens after the first year where its correction may come
ARTICLES = frozenset({"the", "a", "an", "our", "their"})  # "the 2015 Consumer Rights Act"
B2B = re.compile(
    r"\b(b2b|business[- ]to[- ]business|between businesses|trade (customers?|counter|account)|"
    r"business (customers?|clients?)|commercial (customers?|clients?))\b",
    re.I,
)

# "In 2012 a customer ...", "back in March 2014": when the event happened, not when a law was made.
EVENT_YEAR = re.compile(
    r"\b(?:in|back in|during)\s+(?:(?:early|late|mid)[\s-]+)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|"
    r"sep|sept|oct|nov|dec)[a-z]*\s+)?((?:19|20)\d\d)\b(?!\s*(?:act|regulations?)\b)",
    re.I,
)


@lru_cache(maxsize=8)
def event_year(text: str) -> int | None:
    """The earliest year the answer dates its events by, if it gives one (asked of one answer
    many times in a row, once per entry it names: kept for the few latest answers)."""
    years = [int(m.group(1)) for m in EVENT_YEAR.finditer(text)]
    return min(years) if years else None


@dataclass(frozen=True, slots=True)
class Mention:
    """One place the answer names a catalogue entry (or one of a family sharing a name)."""

    family: frozenset[str]
    first: int  # token indices, inclusive
    last: int


def _as_year(tok: Token, family_years: set[int]) -> int | None:
    if YEAR.match(tok.base):
        return int(tok.base)
    # "the Data Protection Act 18": two digits count only when they finish one of the years.
    if len(tok.base) == 2 and tok.base.isdigit():
        return next((y for y in family_years if y % 100 == int(tok.base)), None)
    return None


def written_year(
    text: str, tokens: list[Token], m: Mention, years: set[int], same_entry: set[str]
) -> tuple[int | None, int]:
    """The year written beside a mention, and the offset where the mention (with year) ends."""
    end = tokens[m.last].end
    k = m.last + 1
    # Skip an abbreviation of the same name in brackets: "Data Protection Act (DPA) 2018".
    if k < len(tokens) and tokens[k].base in same_entry:
        k += 1
    if k < len(tokens) and tokens[k].norm in BETWEEN:
        k += 1
    if k < len(tokens) and same_sentence(text, end, tokens[k].start):
        year = _as_year(tokens[k], years)
        if year is not None:
            for q in range(k + 1, min(len(tokens), k + 1 + PUT_RIGHT_REACH)):
                later = _as_year(tokens[q], years)
                if later is not None and YEAR_PUT_RIGHT.match(text[tokens[k].end : tokens[q].start]):
                    return later, tokens[q].end
            return year, tokens[k].end
    j = m.first - 1
    if (
        j >= 0
        and YEAR.match(tokens[j].base)
        and not text[tokens[j].end : tokens[m.first].start].strip()
        and (j == 0 or tokens[j - 1].norm in ARTICLES)
    ):
        return int(tokens[j].base), end
    return None, end


def _format_date(value: date) -> str:
    return f"{value.day} {value.strftime('%B %Y')}"


def outdated_correction(content: Content, entry: CatalogueEntry) -> str:
    direct = [content.catalogue[r] for r in entry.superseded_by]
    # "The ... Regulations 2008 were replaced", "the Act was replaced".
    verb = "were" if re.search(r"\bRegulations\b", entry.name) else "was"
    text = f"{the(entry)[0].upper()}{the(entry)[1:]} {verb} replaced by {join(direct)}"
    still = ""
    if entry.superseded_in:
        text += " in " + ("Great Britain" if entry.superseded_in == ["gb"] else
                          join_places(entry.superseded_in))
        rest = [n for n in nations.NATIONS if n not in expand(entry.superseded_in)]
        still = f" (it is still the law in {', '.join(nations.label(n) for n in rest)})"
    if entry.superseded_on:
        text += f" on {_format_date(entry.superseded_on)}"
    verb = "cite" if entry.kind is Kind.LEGISLATION else "name"  # an Act is cited, a body named
    current = content.current_replacements(entry.id)
    if {e.id for e in current} != {e.id for e in direct}:
        return text + f"; today {verb} {join(current)}{still}."
    return text + f", so {verb} {'that' if len(direct) == 1 else 'those'} instead{still}."


def join_places(extent: Sequence[str]) -> str:
    names = [nations.label(n) for group in extent for n in nations.GROUPS[group]]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def flags_for(
    content: Content, entry: CatalogueEntry, years: list[int | None], text: str,
    nation: str = nations.UNKNOWN,
) -> tuple[tuple[str, ...], str | None]:
    """Flags and one correction for an entry, from the years written at each of its mentions,
    judged by the law of ``nation`` (unknown: as England)."""
    flags: list[str] = []
    corrections: list[str] = []
    if entry.kind is Kind.LEGISLATION and entry.year is not None:
        wrong = [y for y in years if y is not None and y != entry.year]
        if wrong:
            flags.append(Flag.WRONG_YEAR.value)
            corrections.append(f"It is the {entry.name}, not {wrong[0]}.")
        elif all(y is None for y in years) and entry.name.endswith(str(entry.year)):
            flags.append(Flag.MISSING_YEAR.value)
            corrections.append(f"Give its year: the {entry.name}.")
    when = event_year(text)
    before_replacement = (
        when is not None and entry.superseded_on is not None and when < entry.superseded_on.year
    )
    if entry.superseded_for(nation) and not before_replacement and not (
        entry.superseded_note and "business" in entry.superseded_note and B2B.search(text)
    ):
        flags.append(Flag.OUTDATED.value)
        # What replaced it matters more than the year of an Act that no longer applies.
        corrections = [outdated_correction(content, entry)]
    return tuple(flags), (corrections[0] if corrections else None)
