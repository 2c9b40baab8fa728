"""Find the catalogue entries an answer names, tolerating typos, case, clipped words and acronyms.

1. Candidates. An acronym matches a whole token only. A phrase form is tried only at tokens that
   could be its first word (``CatalogueIndex.candidates``, cached), then aligned word by word: each
   written word must be the form's word, a typo of it, or a clipped form of it, with one stop word
   ("and", "of", ...) dropped or added at most; the whole phrase must then score at least
   ``PHRASE_CUTOFF`` with rapidfuzz, so several typos in one name are not waved through.
2. Senses. Ambiguous forms, local team names and acronyms with another meaning are dropped
   (``senses``).
3. Overlaps. The longest match wins ("DPA checks" is the identity-check procedure, not the Act);
   a regulator's acronym inside a longer name still counts ("FCA Consumer Duty").
4. Years and families. A year beside a name picks between entries sharing it (Data Protection Act
   1998 or 2018); a name without a year means the one the answer dates elsewhere, else the current
   one. Each entry is reported once, with its flags (``years``), judged by the law of the
   learner's nation.

Spoken and hasty forms ("g d p r", "twenty fifteen", "CRA15") are rewritten first (``spoken``);
every span found is mapped back to the answer as written.
"""

from __future__ import annotations

import re
from collections import defaultdict

from rapidfuzz import fuzz

from bot.assessment.index import CatalogueIndex, Form, clipped
from bot.assessment.senses import acronym_sense, ambiguous_ok
from bot.assessment.spoken import to_written
from bot.assessment.text import STOPWORDS, Token, same_sentence, tokenize
from bot.assessment.types import Found
from bot.assessment.years import Mention, flags_for, written_year
from content import nations
from content.loader import Content
from content.models import Kind

PHRASE_CUTOFF = 85.0
# Between a name taken back and the one that replaces it: a few words (a year, "would check our
# kitchen"), a correction ("sorry", "no sorry", "i mean", "no wait", "or rather"), and at most a
# lead-in to the new name ("it's", "i think he meant the").
RETRACTION = re.compile(
    r"(?:\W*\w+){0,6}?\W+(?:no\W+)?(?:sorry|i mean|i meant|no wait|or rather)"
    r"(?:\W+(?:i mean|i meant|it's|it is|its|i think (?:he|she|they) meant|that's|thats|well|the|a|"
    # The name taken back as gone: "no sorry that's gone now, it's the DMCC act".
    r"(?:that's|thats|that is|it's|its) (?:gone|old|out of date|outdated|been replaced|replaced)"
    r"(?: now)?))*\W*",
    re.I,
)
RETRACTION_WORD = re.compile(r"sorry|mean|wait|rather", re.I)
RETRACTION_MAX = 200  # characters between a name and its correction, at most
SHORT_WORD = 5  # a one-word name this short ("Ofgem") must be written exactly

Candidate = tuple[int, int, float, str]  # first token, last token, score, entry id


class Matcher:
    """Built once from the content; ``find`` returns each entry named in an answer once."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self.index = CatalogueIndex(content)
        self.entries = content.catalogue

    # -- 1. candidates ----------------------------------------------------------------------

    def _align(self, text: str, tokens: list[Token], i: int, form: Form) -> tuple[int, float] | None:
        words, j, k = form.words, 0, i
        # One stop word may be dropped or added, and only in a long name: in a two-word name
        # ("DPA checks") an extra "to" makes another phrase ("the DPA to check").
        skips = 1 if len(words) >= 3 else 0
        written: list[str] = []
        clips = 0
        while j < len(words):
            if k >= len(tokens):
                return None
            fw, tok = words[j], tokens[k]
            word = tok.base if tok.base == fw else tok.norm
            if word == fw or fw in self.index.candidates(word):
                # A clipped word ("info") is a short form, not a spelling mistake: score it as
                # written out, but never let clips alone make a name ("service" is not ServiceMark).
                if clipped(word, fw):
                    clips += 1
                    word = fw
                written.append(word)
                j, k = j + 1, k + 1
            elif skips and j > 0 and fw in STOPWORDS:
                skips, j = 0, j + 1
            elif skips and j > 0 and tok.norm in STOPWORDS and k + 1 < len(tokens):
                skips, k = 0, k + 1
            else:
                return None
        if clips and clips >= len([w for w in words if w not in STOPWORDS]):
            return None
        target = " ".join(words)
        got = " ".join(written)
        score = 100.0 if got == target else fuzz.ratio(got, target)
        if len(words) == 1 and len(target) <= SHORT_WORD and score < 100:
            return None
        if score < PHRASE_CUTOFF or not same_sentence(text, tokens[i].end, tokens[k - 1].start):
            return None
        return k - 1, score

    def _candidates(self, text: str, tokens: list[Token], sector: str) -> list[tuple[Candidate, Form]]:
        found: list[tuple[Candidate, Form]] = []
        for i, tok in enumerate(tokens):
            for form in self.index.acronyms.get(tok.base, ()) or self.index.acronyms.get(tok.norm, ()):
                if not ambiguous_ok(text, tokens, i, i, form):
                    continue
                entry_id = acronym_sense(self.index, text, tokens, i, form, sector)
                if entry_id is not None:
                    found.append(((i, i, 100.0, entry_id), form))
            starts = self.index.candidates(tok.norm)
            if not starts:
                continue
            for form in self.index.phrase_forms(starts):
                hit = self._align(text, tokens, i, form)
                if hit is None or not ambiguous_ok(text, tokens, i, hit[0], form):
                    continue
                found.append(((i, hit[0], hit[1], form.entry_id), form))
        return found

    # -- 3. overlaps ------------------------------------------------------------------------

    def _select(
        self, tokens: list[Token], found: list[tuple[Candidate, Form]]
    ) -> list[Mention]:
        found.sort(key=lambda c: (-(tokens[c[0][1]].end - tokens[c[0][0]].start), -c[0][2]))
        taken: dict[int, tuple[int, int]] = {}
        groups: dict[tuple[int, int], set[str]] = defaultdict(set)
        regulators_inside: list[tuple[int, int, str]] = []
        for (first, last, _score, entry_id), form in found:
            span = (first, last)
            family = (
                self.index.family(form) if entry_id == form.entry_id else {entry_id}
            )
            if span in groups:
                groups[span] |= family
                continue
            owner = next((taken[t] for t in range(first, last + 1) if t in taken), None)
            if owner is None:
                for t in range(first, last + 1):
                    taken[t] = span
                groups[span] |= family
            elif self.entries[entry_id].kind is Kind.REGULATOR and first == last:
                regulators_inside.append((first, last, entry_id))
        mentions = [Mention(frozenset(ids), a, b) for (a, b), ids in groups.items()]
        for first, last, entry_id in regulators_inside:
            owner_ids = groups[taken[first]]
            if entry_id not in owner_ids:
                mentions.append(Mention(frozenset({entry_id}), first, last))
        return sorted(mentions, key=lambda m: m.first)

    def _retracted(self, text: str, tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
        """Drop a name the speaker takes back: "the f s a sorry the f c a", "the equality act
        nineteen ninety five no sorry i think he meant the disability discrimination act", "the
        data protection act nineteen ninety eight no sorry the data protection act twenty
        eighteen". The name taken back and the one it is corrected to are of one kind (two laws,
        or two bodies), or the same name said again."""
        out: list[Mention] = []
        for m in mentions:
            after = [n for n in mentions if n.first > m.last]
            nearest = min((n.first for n in after), default=None)
            # The next name (a body inside a longer name counts: "the f c a consumer duty").
            gap = text[tokens[m.last].end : tokens[nearest].start] if nearest is not None else ""
            # Cheap guards first: a retraction is short and says one of its words (issue 13 cost).
            if gap and len(gap) <= RETRACTION_MAX and RETRACTION_WORD.search(gap) and RETRACTION.fullmatch(
                gap
            ) and any(
                # Another name of the same kind, or the same name said again, as in a year put
                # right: "the data protection act nineteen ninety eight no sorry the data
                # protection act twenty eighteen".
                (m.family & n.family) or self._kind(n) == self._kind(m)
                for n in after if n.first == nearest
            ):
                continue
            out.append(m)
        return out

    def _kind(self, m: Mention) -> str:
        return self.entries[next(iter(m.family))].kind.value

    # -- 4. years, families, one Found per entry --------------------------------------------

    def find(
        self, text: str, sector: str = "general", nation: str = nations.UNKNOWN
    ) -> list[Found]:
        written = to_written(
            text, self.index.acronyms, self.index.joins, self.index.letters, self.index.numbered
        )
        found = self._find(written.text, sector, nation)
        if written.text == text:
            return found
        out = []
        for f in found:
            start, end = written.span(f.start, f.end)
            out.append(Found(f.entry_id, f.kind, f.name, text[start:end], start, end, f.flags,
                             f.correction))
        return out

    def _find(self, text: str, sector: str, nation: str) -> list[Found]:
        tokens = tokenize(text)
        mentions = self._retracted(text, tokens, self._select(tokens, self._candidates(text, tokens, sector)))
        resolved: list[tuple[str, int | None, Mention, int]] = []
        pending: list[tuple[Mention, int]] = []
        for m in mentions:
            years = {y for e in m.family if (y := self.entries[e].year) is not None}
            acronyms = {w for e in m.family for w in self.index.acronyms_of.get(e, ())}
            year, end = written_year(text, tokens, m, years, acronyms)
            if year is None and len(m.family) > 1:
                pending.append((m, end))
                continue
            resolved.append((self._pick(m.family, year), year, m, end))
        dated = {entry_id for entry_id, year, _m, _e in resolved if year is not None}
        for m, end in pending:
            named = m.family & dated
            entry_id = next(iter(named)) if len(named) == 1 else self._pick(m.family, None)
            resolved.append((entry_id, None, m, end))
        return self._merge(text, tokens, resolved, nation)

    def _pick(self, family: frozenset[str], year: int | None) -> str:
        members = sorted(family)
        if year is not None:
            exact = [e for e in members if self.entries[e].year == year]
            if exact:
                return exact[0]
        current = [e for e in members if not self.entries[e].superseded]
        return (current or members)[0]

    def _merge(
        self, text: str, tokens: list[Token], resolved: list[tuple[str, int | None, Mention, int]],
        nation: str,
    ) -> list[Found]:
        by_entry: dict[str, list[tuple[int | None, Mention, int]]] = defaultdict(list)
        for entry_id, year, m, end in resolved:
            by_entry[entry_id].append((year, m, end))
        out: list[Found] = []
        for entry_id, mentions in by_entry.items():
            entry = self.entries[entry_id]
            years = [y for y, _m, _e in mentions]
            flags, correction = flags_for(self.content, entry, years, text, nation)
            # Report the mention the flags are about: a wrong year, else a dated one, else the first.
            mentions.sort(key=lambda x: x[1].first)
            rep = next(
                (x for x in mentions if x[0] is not None and x[0] != entry.year),
                next((x for x in mentions if x[0] is not None), mentions[0]),
            )
            _year, m, end = rep
            start = min(tokens[m.first].start, end)
            if _year is not None and tokens[m.first].start > 0:
                before = m.first - 1
                if before >= 0 and tokens[before].base == str(_year):
                    start = tokens[before].start
            out.append(
                Found(
                    entry_id=entry.id,
                    kind=entry.kind.value,
                    name=entry.name,
                    text=text[start:end],
                    start=start,
                    end=end,
                    flags=flags,
                    correction=correction,
                )
            )
        return sorted(out, key=lambda f: f.start)
