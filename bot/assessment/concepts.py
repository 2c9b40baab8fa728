"""Concepts: the many ways a learner says one idea, found in an answer with the words that said it.

A concept (content/data/concepts.yaml) is a list of terms; a term is a short word pattern (the
syntax is in ``content.models.Concept``). Words are compared by their Snowball stem, so
"apologise", "apologised" and "apologising" are one word, and a learner's own phrasing counts
without a list of every inflection.

A mention does not count inside a negated clause ("there was no script", "I didn't apologise")
or a hypothetical one ("I would have escalated it", "if I had checked"): the learner is saying
it did not happen. Clauses end at punctuation and at "but", so "no refund, but I apologised"
still apologises.

Only the concepts a prompt's marking points need are matched, and each is matched once per
answer, so the cost stays small beside entity matching (benchmarks/assess_bench.py).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import snowballstemmer

from bot.assessment.spoken import NUMBER_WORDS, SHORTHAND
from content.models import Concept

WORD = re.compile(r"[A-Za-z0-9£%]+(?:['’][A-Za-z]+)*")
SENTENCE_PUNCT = re.compile(r"[!?;\n]|\.(?=\s|$)")
# Clause breaks for negation and hypotheticals: punctuation, and words that start a new clause.
CLAUSE_PUNCT = re.compile(r"[.!?;:,\n()]")
CLAUSE_WORDS = frozenset({"but", "so", "because", "although", "though", "then", "until", "which", "and"})
NEGATORS = frozenset(
    {"no", "not", "never", "without", "nobody", "nothing", "none", "neither", "nor", "cannot",
     "lack", "lacked", "instead",
     # Typed on a phone without the apostrophe ("i dont really write notes").
     "dont", "didnt", "doesnt", "cant", "wont", "wouldnt", "couldnt", "shouldnt", "isnt", "wasnt",
     "arent", "werent", "havent", "hasnt", "hadnt", "aint"}
)
HYPOTHETICAL = frozenset({"would", "should", "could", "might", "if", "unless", "i'd", "wish", "hope"})
# "could" and "should" read as a past ability or a duty only with "have": "I could have
# apologised" did not happen, "I could see she was upset" did.
WEAK_HYPOTHETICAL = frozenset({"could", "should", "might", "i'd"})
# Words after "i" or "we" that keep a clause hypothetical ("if he'd asked i would have").
MODAL_AFTER_SUBJECT = frozenset({"would", "could", "should", "might", "had", "wouldve", "couldve"})
# Words that carry no content of their own: "_" in a term never stands for one, and they are not
# the substance that tells a real answer from a list of key words (bot.assessment.needs).
FUNCTION_WORDS = frozenset(
    {
        "a", "an", "the", "this", "that", "these", "those", "it", "its", "it's", "they", "them", "their",
        "theirs", "he", "him", "his", "she", "her", "hers", "we", "us", "our", "ours", "i", "me", "my",
        "mine", "you", "your", "yours", "one", "some", "any", "all", "each", "every", "no", "not", "and",
        "or", "but", "so", "if", "then", "than", "as", "at", "by", "for", "from", "in", "into", "of", "on",
        "onto", "to", "up", "with", "about", "over", "under", "after", "before", "is", "are", "was", "were",
        "be", "been", "being", "am", "do", "does", "did", "done", "have", "has", "had", "having", "will",
        "would", "shall", "should", "can", "could", "may", "might", "must", "just", "also", "very",
        "really", "too", "quite", "well", "only", "even", "still", "there", "here", "what", "which", "who",
        "whom", "whose", "when", "where", "why", "how", "because", "since", "while", "though", "although",
        "um", "uh", "like", "yeah", "right", "ok", "okay", "so-called", "got", "get", "gets", "getting",
        "make", "made", "makes", "use", "used", "using", "went", "go", "goes", "going", "say",
        "said", "says", "tell", "told", "thing", "things", "stuff", "lot", "lots", "way", "something",
        "everything", "anything", "nothing", "someone", "everyone", "anyone", "other", "another", "same",
        "such", "more", "most", "much", "many", "few", "new", "good", "great", "important", "always",
        "never", "often", "usually", "sometimes"
    }
)
# Their contractions carry no more: "they're mandatory" says only "mandatory", "that's the
# procedure" only "procedure". Typed with or without the apostrophe ("thats", "theyre", "dont").
_CONTRACTED = [
    "i'm", "i've", "i'd", "i'll", "you're", "you've", "you'd", "you'll", "we're", "we've", "we'll",
    "they're", "they've", "they'd", "they'll", "he's", "he'd", "he'll", "she's", "she'd", "she'll",
    "it'll", "that's", "that'd", "that'll", "there's", "there'd", "there'll", "what's", "who's",
    "here's", "let's", "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "can't",
    "couldn't", "won't", "wouldn't", "shouldn't", "haven't", "hasn't", "hadn't",
]
FUNCTION_WORDS = FUNCTION_WORDS | frozenset(_CONTRACTED) | frozenset(
    # Phone typing drops the apostrophe; "were", "well", "shed", "cant" and "wont" stay words.
    w.replace("'", "") for w in _CONTRACTED
    if w.replace("'", "") not in {"were", "well", "shed", "hell", "shell", "cant", "wont", "id", "ill", "wed"}
)
# Words that make "_ policy" a policy in general, not a named one ("company policy").
GENERIC = frozenset(
    {
        "company", "store", "shop", "firm", "business", "organisation", "organisation's", "organization",
        "work", "usual", "normal", "standard", "proper", "correct", "relevant", "official", "whole", "full",
        "right", "wrong",
        # "the short term right to reject" is a period, not the "terms" of a named policy.
        "short", "long",
        # Not the name of a document: "the regulator checks", "the data rules" (the law).
        "regulator", "regulators", "regulator's", "data",
        # Verbs that take a policy as their object: "following procedures" names none.
        "following", "followed", "follows", "follow", "using", "applying", "breaking", "ignoring",
        "obeying", "enforcing"
    }
)
MEMO_LIMIT = 200_000  # (concept, word) pairs whose candidate terms are kept
# Words after "no" that make it a self-correction in speech ("no wait", "no sorry", "no actually").
SELF_CORRECTION = frozenset({"wait", "sorry", "actually", "hang"})
NEGATION_REACH = 6  # words back from a mention that a "not" still governs
HYPOTHETICAL_REACH = 8
GAP = 3  # words "..." may skip
EXCERPT = 110  # characters of evidence shown at most


class Word(NamedTuple):
    raw: str
    low: str
    stem: str
    start: int
    end: int
    sentence: int  # index of the sentence the word is in
    clause: int  # index of the clause (for negation and hypotheticals)


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    return str(_STEMMER.stemWord(word))


_STEMMER = snowballstemmer.stemmer("english")


def _low(raw: str) -> str:
    return raw.casefold().replace("’", "'")


# Chat shorthand of one word, read as the words it stands for ("returns n refunds process", "cx",
# "tl"): each word written out keeps the span of the shorthand, so evidence quotes what was typed.
# "info" stays as typed: written out, a reason such as "as it's his personal info" becomes only the
# prompt's key words ("personal information") and the substance rule drops it (left for the
# reasons work: docs/assessment.md).
_SHORT_WORDS = {
    k: tuple(v.split()) for k, v in SHORTHAND.items() if WORD.fullmatch(k) and k != "info"
}


GLUED_UNIT = re.compile(
    r"(\d+(?:\.\d+)?)(hrs?|hours?|mins?|minutes?|secs?|seconds?|days?|wks?|weeks?|mths?|months?|"
    r"yrs?|years?|am|pm)"
)


def words(text: str) -> list[Word]:
    out: list[Word] = []
    sentence = clause = 0
    last = 0
    for m in WORD.finditer(text):
        gap = text[last : m.start()]
        # Most gaps are one space, which breaks neither a sentence nor a clause; nor does the point or
        # comma inside a figure ("went from 7.1 to 8.4", "£1,300").
        inside_figure = (gap in (".", ",") and last > 0 and text[last - 1].isdigit()
                         and text[m.start()].isdigit())
        if gap != " " and not inside_figure:
            if SENTENCE_PUNCT.search(gap):
                sentence += 1
            if CLAUSE_PUNCT.search(gap):
                clause += 1
        raw = m.group()
        low = _low(raw)
        glued = GLUED_UNIT.fullmatch(low) if raw[0].isdigit() else None
        # A figure typed onto its unit ("4hrs", "2wks", "10am") is read as the two words it is,
        # each keeping the span of what was typed.
        lows = (glued.group(1), glued.group(2)) if glued else _SHORT_WORDS.get(low, (low,))
        for low in lows:
            if low in CLAUSE_WORDS:
                clause += 1
            out.append(Word(raw, low, stem(low), m.start(), m.end(), sentence, clause))
        last = m.end()
    return out


# A compiled element: ("stem", s) | ("prefix", p) | ("exact", WORD) | ("ref", concept id); a
# position in a term is a tuple of alternatives, or None for a gap.
Element = tuple[str, str]
Position = tuple[Element, ...] | None


def compile_term(term: str) -> tuple[Position, ...]:
    out: list[Position] = []
    for part in term.split():
        if part == "...":
            out.append(None)
            continue
        alts: list[Element] = []
        for alt in part.split("|"):
            if alt == "_":
                alts.append(("any", ""))
            elif alt == "#":
                alts.append(("figure", ""))
            elif alt.startswith("@"):
                alts.append(("ref", alt[1:]))
            elif alt.endswith("*"):
                alts.append(("prefix", _low(alt[:-1])))
            elif len(alt) >= 2 and alt.isupper():
                alts.append(("exact", alt))
            else:
                low = _low(alt)
                alts.append(("stem", stem(low)))
        out.append(tuple(alts))
    return tuple(out)


class ConceptIndex:
    """The concepts, compiled once at start-up; `find` matches one concept in one answer."""

    def __init__(self, concepts: dict[str, Concept]) -> None:
        self.concepts = concepts
        self.terms = {cid: [compile_term(t) for t in c.terms] for cid, c in concepts.items()}
        # Which terms can start at a word, by the word's stem, exact form or prefix: a term is
        # only tried where its first word could be (the cost stays per word, not per term).
        self.starts = {cid: self._starts(cid) for cid in concepts}
        # Terms that open with "_" ("_ policy", "_ _ procedure"): tried only where the word after
        # the "_"s could be their anchor ("policy"), not at every content word.
        self.anchored = {cid: self._anchored(cid) for cid in concepts}
        self._memo: dict[tuple[str, str], list[int]] = {}
        # The ends of referenced concepts at each word of the answer being read (`_ref`).
        self._ref_words: list[Word] | None = None
        self._ref_ends: dict[tuple[str, int, int], tuple[int, ...]] = {}

    def _anchored(self, cid: str) -> dict[int, tuple[dict[str, list[int]], list[tuple[str, int]]]]:
        out: dict[int, tuple[dict[str, list[int]], list[tuple[str, int]]]] = {}
        for n, term in enumerate(self.terms[cid]):
            k = _leading_any(term)
            if not k:
                continue
            by_key, prefixes = out.setdefault(k, ({}, []))
            for kind, value in term[k] or ():
                if kind == "prefix":
                    prefixes.append((value, n))
                else:
                    by_key.setdefault(("=" if kind == "exact" else "") + value, []).append(n)
        return out

    def _firsts(self, term: tuple[Position, ...], depth: int = 0) -> list[Element]:
        first = term[0] if term else None
        out: list[Element] = []
        for kind, value in first or ():
            if kind == "ref":
                if depth < 3:
                    for t in self.terms.get(value, []):
                        out += self._firsts(t, depth + 1)
            else:
                out.append((kind, value))
        return out

    def _starts(self, cid: str) -> tuple[dict[str, list[int]], list[tuple[str, int]], list[int]]:
        by_key: dict[str, list[int]] = {}
        prefixes: list[tuple[str, int]] = []
        anywhere: list[int] = []
        for n, term in enumerate(self.terms[cid]):
            if _leading_any(term):
                continue  # found through its anchor (`anchored`)
            for kind, value in self._firsts(term):
                if kind == "prefix":
                    prefixes.append((value, n))
                elif kind in ("any", "figure"):
                    anywhere.append(n)
                else:
                    by_key.setdefault(("=" if kind == "exact" else "") + value, []).append(n)
        return by_key, prefixes, anywhere

    def _candidates(self, cid: str, w: Word) -> list[int]:
        key = (cid, w.raw)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self._candidates_of(cid, w)
            if len(self._memo) > MEMO_LIMIT:
                self._memo.clear()
        return found

    def _candidates_of(self, cid: str, w: Word) -> list[int]:
        by_key, prefixes, anywhere = self.starts[cid]
        found = set(by_key.get(w.stem, ())) | set(by_key.get(w.low, ()))
        found |= set(by_key.get("=" + w.raw.rstrip("s'’"), ()))
        found |= {n for p, n in prefixes if w.low.startswith(p)}
        if anywhere and w.low not in FUNCTION_WORDS:
            found |= set(anywhere)
        return sorted(found)

    def _anchored_candidates(self, cid: str, ws: list[Word], i: int) -> list[int]:
        """Terms opening with k "_"s whose anchor could be the word k places after word i."""
        found: list[int] = []
        for k, (by_key, prefixes) in self.anchored[cid].items():
            if i + k >= len(ws):
                continue
            key = (cid, f"+{k}+" + ws[i + k].raw)
            hit = self._memo.get(key)
            if hit is None:
                w = ws[i + k]
                got = set(by_key.get(w.stem, ())) | set(by_key.get(w.low, ()))
                got |= set(by_key.get("=" + w.raw.rstrip("s'’"), ()))
                got |= {n for p, n in prefixes if w.low.startswith(p)}
                hit = self._memo[key] = sorted(got)
            found += hit
        return found

    def _element(self, el: Element, ws: list[Word], i: int, depth: int) -> tuple[int, ...]:
        """Ends (exclusive word index) of matches of one element starting at word i."""
        kind, value = el
        if kind == "ref":
            return self._ref(value, ws, i, depth) if depth < 3 else ()
        if i >= len(ws):
            return ()
        w = ws[i]
        if (
            (kind == "any" and w.low not in FUNCTION_WORDS and w.low not in GENERIC and not w.low.isdigit())
            or (kind == "stem" and (w.stem == value or w.low == value))
            or (kind == "prefix" and w.low.startswith(value))
            or (kind == "exact" and w.raw.rstrip("s'’") == value)
            or (kind == "figure" and (any(c.isdigit() for c in w.low)
                                      or w.low.split("-")[0] in NUMBER_WORDS))
        ):
            return (i + 1,)
        return ()

    def _ref(self, cid: str, ws: list[Word], i: int, depth: int) -> tuple[int, ...]:
        """Ends of the mentions of a referenced concept starting at word i, each end once. A term
        tries the same reference at the same word many times over (every alternative before it,
        every gap), so the ends are kept for the answer being read (`_ref_ends`)."""
        if self._ref_words is not ws:
            self._ref_words, self._ref_ends = ws, {}
        key = (cid, i, depth)
        ends = self._ref_ends.get(key)
        if ends is None:
            found: set[int] = set()
            terms = self.terms.get(cid, [])
            # Only the terms whose first word could be this one, as `find` tries them: a concept
            # with many terms (a person or a team named many ways) is referenced from every gap
            # of a longer term, so trying all its terms at every word was most of the cost.
            for n in self._could_start(cid, ws, i) if cid in self.starts else range(len(terms)):
                found |= self._term(terms[n], ws, i, depth + 1)
            ends = self._ref_ends[key] = tuple(sorted(found))
        return ends

    def _could_start(self, cid: str, ws: list[Word], i: int) -> list[int]:
        """The terms of a concept that could match from word i (`_candidates`, and those opening
        with "_" anchored after it): no other can, as no other's first word is this one. `find`
        and `_ref` both try only these."""
        if i >= len(ws):
            return []
        found = self._candidates(cid, ws[i])
        if self.anchored[cid] and ws[i].low not in FUNCTION_WORDS:
            found = found + self._anchored_candidates(cid, ws, i)
        return found

    def _term(self, term: tuple[Position, ...], ws: list[Word], i: int, depth: int) -> set[int]:
        """Every end (exclusive word index) of a match of the term starting at word i: the word
        positions reachable after each of its positions in turn, a gap ("...") skipping up to GAP
        words. A term never spans two sentences."""
        sentence = ws[i].sentence if i < len(ws) else -1
        here = {i}
        for pos in term:
            reached: set[int] = set()
            if pos is None:
                for j in here:
                    for skip in range(GAP + 1):
                        if skip and (j + skip > len(ws) or ws[j + skip - 1].sentence != sentence):
                            break
                        reached.add(j + skip)
            else:
                for j in here:
                    for el in pos:
                        for end in self._element(el, ws, j, depth):
                            if ws[end - 1].sentence == sentence:
                                reached.add(end)
            if not reached:
                return reached
            here = reached
        return here

    def find(self, concept_id: str, ws: list[Word]) -> list[tuple[int, int]]:
        """Word index ranges of every counted mention of the concept (negated ones left out)."""
        concept = self.concepts[concept_id]
        found: list[tuple[int, int]] = []
        taken = -1
        for i in range(len(ws)):
            if i < taken:
                continue
            candidates = self._could_start(concept_id, ws, i)
            if not candidates:
                continue
            terms = self.terms[concept_id]
            best = max(
                (end for n in candidates for end in self._term(terms[n], ws, i, 0)), default=None
            )
            if best is None or best <= i:
                continue
            if concept.negatable and (negated(ws, i) or hypothetical(ws, i)):
                taken = best
                continue
            found.append((i, best))
            taken = best
        return found


def _leading_any(term: tuple[Position, ...]) -> int:
    """How many "_" open the term, when a plain word (no gap, reference or "_") follows them."""
    k = 0
    while k < len(term) and term[k] == (("any", ""),):
        k += 1
    if not k or k >= len(term):
        return 0
    anchor = term[k]
    if anchor is None or any(kind in ("any", "ref") for kind, _ in anchor):
        return 0
    return k


def negated(ws: list[Word], i: int) -> bool:
    clause = ws[i].clause
    for j in range(i - 1, max(-1, i - NEGATION_REACH - 1), -1):
        if ws[j].clause != clause:
            break
        if ws[j].low in NEGATORS or ws[j].low.endswith("n't"):
            if ws[j].low == "no" and j + 1 < len(ws) and ws[j + 1].low in SELF_CORRECTION:
                # "no wait it was to get ...", "no sorry, Kilmarnock": a speaker correcting
                # themselves, not a "no" that governs what follows.
                continue
            return True
    return False


def hypothetical(ws: list[Word], i: int) -> bool:
    clause = ws[i].clause
    for j in range(i - 1, max(-1, i - HYPOTHETICAL_REACH - 1), -1):
        if ws[j].clause != clause:
            break
        low = ws[j].low
        if low in HYPOTHETICAL:
            if low in WEAK_HYPOTHETICAL and not (j + 1 < len(ws) and ws[j + 1].low == "have"):
                continue
            if low == "if" and _habit_after(ws, j, i):
                continue
            return True
    return False


def _habit_after(ws: list[Word], at: int, i: int) -> bool:
    """Whether the mention at ``i`` is the main clause of a condition said as a habit: "if someone
    rings up already kicking off i dont do the whole cheery bit" (what the learner does whenever
    it happens), not inside the condition ("if i skip the checks") or under a modal ("if she'd
    asked i would have")."""
    for k in range(at + 2, i):
        if ws[k].low in ("i", "we") and ws[k + 1].low not in MODAL_AFTER_SUBJECT:
            return not any(w.low in HYPOTHETICAL or w.low.endswith("'d") for w in ws[at + 1 : i])
    return False


# Where a clause ends inside a sentence: a comma, semicolon, colon, bracket or dash.
CLAUSE_MARK = re.compile(r"[,;:()\u2013\u2014]|\s-\s")
# A word that carries on a name or a figure: "Rights" in "Consumer Rights Act", "2015" after "Act".
NAME_WORD = re.compile(r"(?!I\b)[A-Z0-9][\w'’&.]*")
# A break inside a long sentence: a clause mark, or a word that joins two clauses.
SOFT_BREAK = re.compile(
    r"(?:[,;:()\u2013\u2014]|\s-)?\s+((?:and|but|so|because|cos|which|who|when|then|while|until|"
    r"if|although|though|where)\b)",
    re.I,
)
RELATIVE = frozenset({"who", "which", "where"})
TAIL_MIN = 20  # characters a quote cut at a break keeps after the words it quotes
DANGLING = re.compile(
    r"[\s,;:]+(and|but|so|because|cos|which|who|when|then|while|until|if|although|though|where)$", re.I
)
JOINING = re.compile(r"\s*(and|but|so|then|or)\s+", re.I)
NUMBER_END = re.compile(r"[£$€]?\d[\d,.]*%?$")


def excerpt(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end), cut to about EXCERPT characters. A long sentence is cut
    at its clause marks where the clause that holds the words fits (whole clauses added while they
    fit), else at word boundaries, never starting inside a name ("Rights Act 2015 I gave her...")
    nor ending on a bare figure ("within 30" for "within 30 days")."""
    left = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    right_candidates = [p for p in (text.find(c, end) for c in ".!?\n") if p != -1]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    if right - left > EXCERPT:
        marks = [m.span() for m in CLAUSE_MARK.finditer(text, left, right)]
        starts = [left] + [e for _, e in marks if e <= start]  # where a clause can begin
        ends = [b for b, _ in marks if b >= end] + [right]  # where one can end
        lo, hi = starts[-1], ends[0]
        if hi - lo <= EXCERPT:
            before, after = starts[:-1], ends[1:]
            while before or after:  # the clause before, then the one after, while they fit
                if before and hi - before[-1] <= EXCERPT:
                    lo = before.pop()
                elif after and after[0] - lo <= EXCERPT:
                    hi = after.pop(0)
                else:
                    break
            # A clause cut from its sentence starts at its own words, not "and" or "but".
            joined = JOINING.match(text, lo)
            if joined and joined.end() <= start:
                lo = joined.end()
            left, right = lo, hi
        else:
            left, right = _word_window(text, start, end, left, right)
    while left < right and text[left].isspace():
        left += 1
    while right > left and text[right - 1] in " \t\n,;:":
        right -= 1
    return left, right


def _word_window(text: str, start: int, end: int, left: int, right: int) -> tuple[int, int]:
    """About EXCERPT characters around [start, end) inside [left, right), cut between words, and
    where it can be at a joining word ("... so my job was", "... because it's"), so a long spoken
    sentence is quoted from and to a break in it rather than mid-phrase."""
    half = max(0, (EXCERPT - (end - start)) // 2)
    lo, hi = max(left, start - half), min(right, end + half)
    if lo > left:
        # The last break before the words, so the quote opens its own clause: "so I showed her a
        # cheaper one", not "whatsapp so I showed ..." after the "and" of "calls and whatsapp".
        soft = None
        for m in SOFT_BREAK.finditer(text, lo, start):
            if m.group(1).lower() not in RELATIVE:  # "who happens to know" opens no clause of its own
                soft = m
        if soft:
            lo = soft.start(1)
        else:
            space = text.find(" ", lo, start)
            lo = space + 1 if space != -1 else lo
            # Not inside a name: step past the rest of it ("Rights Act 2015") to the words after.
            prev = text.rfind(" ", left, lo - 1) + 1
            if left < prev < lo - 1 and NAME_WORD.match(text, prev) and NAME_WORD.match(text, lo):
                while lo < start and NAME_WORD.match(text, lo):
                    nxt = text.find(" ", lo, start)
                    if nxt == -1:
                        break
                    lo = nxt + 1
        joined = JOINING.match(text, lo)
        if joined and joined.end() <= start:
            lo = joined.end()
    if hi < right:
        # Not a break right after the words: a reason's cue ("because") is quoted with what follows it.
        breaks = [m.start() for m in SOFT_BREAK.finditer(text, end, hi) if m.start() >= end + TAIL_MIN]
        if breaks:
            hi = breaks[-1]
            while (dangling := DANGLING.search(text, end, hi)) is not None:  # "... and" of "and then"
                hi = dangling.start()
        else:
            space = text.rfind(" ", end, hi)
            hi = space if space != -1 else hi
            if NUMBER_END.search(text, max(end, hi - 12), hi):  # a figure's unit goes with it
                nxt = text.find(" ", hi + 1, right)
                hi = nxt if nxt != -1 else right
    return lo, hi
