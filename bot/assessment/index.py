"""The catalogue as a matching index: every surface form once, keyed for a token-level prefilter.

Matching is driven by tokens, not by sliding every window past every name: a phrase form is only
tried where an answer's token could be the form's first word, and whether a token could stand for
a catalogue word is worked out once per distinct token and cached. Ordinary answers are mostly
words the cache has seen, so the fuzzy work per answer is a few set look-ups.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.assessment.text import YEAR
from content.loader import Content, normalise_form
from content.models import CatalogueEntry

# A learner's word may stand for a catalogue word when it is a typo of it (one or two letters out)
# or a clipped form of it ("info" for "information", "regs" for "regulations").
WORD_CUTOFF = 75.0
MIN_CLIP = 4
CACHE_LIMIT = 50_000


@dataclass(frozen=True, slots=True)
class Form:
    entry_id: str
    words: tuple[str, ...]
    # The spelling an ambiguous form must be written in ("HEAT"); None when any case will do.
    exact: str | None
    acronym: bool

    @property
    def key(self) -> str:
        return " ".join(self.words)


def word_matches(written: str, form: str) -> bool:
    """Could the learner's word be this catalogue word? Same first letter, then a typo or a clip."""
    if written == form:
        return True
    if not written or written[0] != form[0] or written.isdigit() or form.isdigit():
        return False
    if len(form) <= 3 or len(written) <= 3:
        # Short words must be exact, bar a plural: "act"/"acts", never "act"/"art".
        return written == form + "s" or form == written + "s"
    if written == form + "s" or clipped(written, form):
        return True
    return fuzz.ratio(written, form) >= WORD_CUTOFF


def clipped(written: str, form: str) -> bool:
    """A deliberate short form ("info", "comms"), which should not count as a spelling mistake."""
    return len(written) >= MIN_CLIP and written != form and (
        form.startswith(written) or form.startswith(written[:-1])
    ) and len(written) < len(form)


class CatalogueIndex:
    """Every form of every entry, by first word (phrases) or whole token (acronyms)."""

    def __init__(self, content: Content) -> None:
        self.entries: dict[str, CatalogueEntry] = content.catalogue
        self.content = content
        self.acronyms: dict[str, list[Form]] = defaultdict(list)
        self.starts: dict[str, list[Form]] = defaultdict(list)
        # Entries that share a name once its year is set aside (Data Protection Act 1998/2018).
        self.by_key: dict[str, set[str]] = defaultdict(set)
        self.acronyms_of: dict[str, set[str]] = defaultdict(set)
        for entry in self.entries.values():
            ambiguous = {a.casefold(): a for a in entry.ambiguous}
            for form in entry.all_forms():
                self._add(entry, form, ambiguous.get(form.casefold()))
        for forms in self.starts.values():
            forms.sort(key=lambda f: -len(f.words))
        # For spoken text (``spoken.to_written``): the one-word names a recogniser may split in two
        # ("of com"), and the short capitals inside names that may be spelled ("n i", "u k").
        self.joins = frozenset(
            w for w in (*self.acronyms, *(f.words[0] for fs in self.starts.values() for f in fs
                                          if len(f.words) == 1))
            if len(w) >= 5
        )
        self.letters = frozenset(
            word.casefold() for entry in self.entries.values() for form in entry.all_forms()
            for word in re.findall(r"\b[A-Z]{2,3}\b", form)
        )
        # Words a name carries a number after ("challenge" in Challenge 25), so the number said in
        # words after them is read as digits ("challenge twenty five").
        self.numbered: dict[str, set[int]] = defaultdict(set)
        for entry in self.entries.values():
            for form in entry.all_forms():
                ws = form.split()
                for i in range(1, len(ws)):
                    if re.fullmatch(r"\d{1,2}", ws[i]) and ws[i - 1].isalpha():
                        self.numbered[ws[i - 1].casefold()].add(int(ws[i]))
        self.vocab_by_initial: dict[str, list[str]] = defaultdict(list)
        for word in sorted({w for forms in self.starts.values() for f in forms for w in f.words}):
            self.vocab_by_initial[word[0]].append(word)
        self._cache: dict[str, frozenset[str]] = {}

    def _add(self, entry: CatalogueEntry, form: str, exact: str | None) -> None:
        words = normalise_form(form).split()
        if len(words) > 1 and YEAR.match(words[-1]):
            words = words[:-1]  # the year is read from the answer, beside the name
        if len(words) > 1 and words[0] == "the":
            words = words[1:]
        acronym = len(words) == 1 and (
            form in entry.abbreviations or (form.split()[0].isupper() and len(words[0]) <= 6)
        )
        item = Form(entry.id, tuple(words), exact, acronym)
        self.by_key[item.key].add(entry.id)
        if acronym:
            self.acronyms[words[0]].append(item)
            self.acronyms_of[entry.id].add(words[0])
        else:
            self.starts[words[0]].append(item)

    def family(self, form: Form) -> set[str]:
        return self.by_key[form.key]

    def candidates(self, word: str) -> frozenset[str]:
        """The catalogue words a learner's word may stand for (cached; the heart of the prefilter)."""
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        found: set[str] = set()
        pool = self.vocab_by_initial.get(word[:1], [])
        if len(word) <= 3:
            found.update(w for w in pool if w == word or w == word + "s" or w + "s" == word)
        elif not word.isdigit():
            near = process.extract(
                word, pool, scorer=fuzz.ratio, score_cutoff=WORD_CUTOFF, limit=None
            )
            found.update(w for w, _score, _i in near if word_matches(word, w))
            found.update(w for w in pool if clipped(word, w))
        else:
            found.update(w for w in pool if w == word)
        result = frozenset(found)
        if len(self._cache) >= CACHE_LIMIT:
            self._cache.clear()  # a bound on memory; the cache refills from ordinary words
        self._cache[word] = result
        return result

    def phrase_forms(self, first: frozenset[str]) -> list[Form]:
        out: list[Form] = []
        for word in first:
            out.extend(self.starts.get(word, ()))
        return out
