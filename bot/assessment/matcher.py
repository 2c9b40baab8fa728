"""Find the catalogue entries an answer names, tolerating typos, case and abbreviations.

The catalogue is data: every surface form of every entry is indexed once at start-up. Phrases are
compared window by window with rapidfuzz (same number of tokens, an explicit cut-off that rises for
short strings); acronyms only ever match a whole token. A year written beside an Act picks between
entries that share a name (Data Protection Act 1998 / 2018) and yields the year flags.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from bot.assessment.types import Flag, Found
from content.loader import Content, normalise_form
from content.models import CatalogueEntry, Kind

TOKEN = re.compile(r"\w+(?:['’]\w+)*")
YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")


@dataclass(frozen=True)
class Token:
    norm: str
    raw: str
    start: int
    end: int


@dataclass(frozen=True)
class _Form:
    entry_id: str
    year: int | None  # the year inside the form itself ("Data Protection Act 1998")
    case_sensitive: str | None  # the exact spelling required for ambiguous forms


def tokenize(text: str) -> list[Token]:
    return [
        Token(normalise_form(m.group()), m.group(), m.start(), m.end())
        for m in TOKEN.finditer(text)
        if normalise_form(m.group())
    ]


def cutoff_for(length: int) -> float:
    """Short names need to be exact; long ones may carry a typo or two."""
    if length <= 6:
        return 100.0
    if length <= 12:
        return 90.0
    return 86.0


def words_align(written: list[str], form: list[str]) -> bool:
    """A fuzzy phrase match must also hold word by word: "consumer rights matter" is not
    "consumer rights act", but "info commissioners office" is the Information Commissioner's."""
    for w, f in zip(written, form, strict=True):
        if w == f:
            continue
        if w[:1] != f[:1]:
            return False
        if len(f) <= 3:
            if w != f + "s":
                return False
        elif not (len(w) >= 3 and f.startswith(w)) and fuzz.ratio(w, f) < 75:
            return False
    return True


def _format_date(value: object) -> str:
    from datetime import date

    if isinstance(value, date):
        return f"{value.day} {value.strftime('%B %Y')}"
    return str(value)


class Matcher:
    """Index of every surface form in the catalogue; `find` returns each entry named once."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self.entries = content.catalogue
        # Phrase forms by token count -> {normalised base (year stripped): [forms]}.
        self.phrases: dict[int, dict[str, list[_Form]]] = defaultdict(lambda: defaultdict(list))
        self.acronyms: dict[str, list[_Form]] = defaultdict(list)
        for entry in self.entries.values():
            ambiguous = {a.casefold() for a in entry.ambiguous}
            for form in entry.all_forms():
                self._index(entry, form, form.casefold() in ambiguous)
        self.max_len = max(self.phrases, default=1)

    def _index(self, entry: CatalogueEntry, form: str, ambiguous: bool) -> None:
        words = normalise_form(form).split()
        year: int | None = None
        if len(words) > 1 and YEAR.match(words[-1]):
            year = int(words[-1])
            words = words[:-1]
        exact = form.strip() if ambiguous else None
        is_acronym = form in entry.abbreviations or (
            len(words) == 1 and form.isupper() and len(form) <= 6
        )
        if is_acronym and len(words) == 1:
            self.acronyms[words[0]].append(_Form(entry.id, year, exact))
        else:
            self.phrases[len(words)][" ".join(words)].append(_Form(entry.id, year, exact))

    # -- matching -------------------------------------------------------------------------

    def _candidates(self, tokens: list[Token], text: str) -> list[tuple[int, int, float, _Form]]:
        found: list[tuple[int, int, float, _Form]] = []
        for i, tok in enumerate(tokens):
            for form in self.acronyms.get(tok.norm, ()):
                if form.case_sensitive is None or tok.raw == form.case_sensitive:
                    found.append((i, i + 1, 100.0, form))
        for n, table in self.phrases.items():
            choices = list(table)
            for i in range(len(tokens) - n + 1):
                window = " ".join(t.norm for t in tokens[i : i + n])
                hit = table.get(window)
                score = 100.0
                key = window
                if hit is None:
                    best = process.extractOne(
                        window, choices, scorer=fuzz.ratio, score_cutoff=cutoff_for(len(window))
                    )
                    if best is None:
                        continue
                    key, score = best[0], best[1]
                    if not words_align(window.split(), key.split()):
                        continue
                    hit = table[key]
                raw = text[tokens[i].start : tokens[i + n - 1].end]
                for form in hit:
                    if form.case_sensitive is not None and raw != form.case_sensitive:
                        continue
                    found.append((i, i + n, score, form))
        return found

    def find(self, text: str) -> list[Found]:
        tokens = tokenize(text)
        candidates = self._candidates(tokens, text)
        # Longest span first, then the closest spelling; then no overlaps.
        candidates.sort(key=lambda c: (-(tokens[c[1] - 1].end - tokens[c[0]].start), -c[2]))
        taken: set[int] = set()
        groups: dict[tuple[int, int], list[_Form]] = defaultdict(list)
        for start, end, _score, form in candidates:
            span = set(range(start, end))
            if (start, end) in groups:
                groups[(start, end)].append(form)
                continue
            if span & taken:
                continue
            taken |= span
            groups[(start, end)].append(form)
        results: dict[str, Found] = {}
        for (start, end), forms in sorted(groups.items()):
            year, year_end = self._year_near(tokens, start, end)
            found = self._resolve(forms, year, text, tokens[start].start, year_end or tokens[end - 1].end)
            if found.entry_id not in results:
                results[found.entry_id] = found
        return sorted(results.values(), key=lambda f: f.start)

    def _year_near(self, tokens: list[Token], start: int, end: int) -> tuple[int | None, int | None]:
        """A year written just after a name ("Act 2015", "Act of 2015") belongs to it."""
        for j in range(end, min(end + 2, len(tokens))):
            if YEAR.match(tokens[j].norm):
                return int(tokens[j].norm), tokens[j].end
            if tokens[j].norm not in {"of", "from"}:
                break
        return None, None

    def _resolve(
        self, forms: list[_Form], year: int | None, text: str, start: int, end: int
    ) -> Found:
        entries = [self.entries[f.entry_id] for f in forms]
        chosen: CatalogueEntry | None = None
        if year is not None:
            chosen = next((e for e in entries if e.year == year), None)
        if chosen is None:
            current = [e for e in entries if not e.superseded]
            chosen = (current or entries)[0]
        flags: list[str] = []
        correction: str | None = None
        written_year = year
        if chosen.kind is Kind.LEGISLATION and chosen.year is not None:
            if written_year is None:
                flags.append(Flag.MISSING_YEAR.value)
                correction = f"Name it with its year: {chosen.name}."
            elif written_year != chosen.year:
                flags.append(Flag.WRONG_YEAR.value)
                correction = f"It is the {chosen.name}, not {written_year}."
        if chosen.superseded:
            flags.append(Flag.OUTDATED.value)
            replaced = " and ".join(self.entries[r].name for r in chosen.superseded_by)
            correction = f"The {chosen.name} was replaced by the {replaced}"
            if chosen.superseded_on:
                correction += f" from {_format_date(chosen.superseded_on)}"
            correction += "."
            if chosen.superseded_note:
                correction += f" {chosen.superseded_note}"
        return Found(
            entry_id=chosen.id,
            kind=chosen.kind.value,
            name=chosen.name,
            text=text[start:end],
            start=start,
            end=end,
            flags=tuple(flags),
            correction=correction,
        )


def similarity(a: str, b: str) -> float:
    """Normalised similarity of two phrases, 0-100 (used by `mentions` marking points)."""
    return Indel.normalized_similarity(normalise_form(a), normalise_form(b)) * 100
