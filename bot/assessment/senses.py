"""Is a name that matched really the catalogue entry, or an everyday word or a local name?

Three checks, each on the words around the match:

* ambiguous forms (the catalogue's ``ambiguous`` list: HEAT, LATER, GROW, CSE, ICS, ...) count only
  when written as listed (in capitals), not inside a shouted sentence, or with a cue such as
  "model" or "technique" beside them;
* an acronym followed by a word for a local unit ("the FCA team", "our ICS desk") is a team name;
* an acronym with its own spelled-out expansion nearby ("FCA, that's our Financial Crime and
  Assurance team") means whatever the expansion says.
"""

from __future__ import annotations

import re

from bot.assessment.index import CatalogueIndex, Form, word_matches
from bot.assessment.text import STOPWORDS, Token

LOCAL_UNITS = frozenset(
    {"team", "teams", "department", "dept", "desk", "unit", "squad", "queue", "inbox", "mailbox",
     "hub", "rota", "shift", "pod", "colleague", "colleagues", "helpdesk",
     # job titles: "our FOI officer" is a person, not the Act
     "officer", "officers", "coordinator", "co-ordinator"}
)
# Words that show an ambiguous form is used as the model or standard it names.
CUES = frozenset(
    {"model", "technique", "method", "approach", "framework", "acronym", "cycle", "principle",
     "principles", "mnemonic", "standard", "standards", "award", "accreditation", "target",
     "targets", "objective", "objectives", "goal", "goals", "coaching", "criteria", "mark"}
)
# Lower-case spellings of acronyms that are ordinary English words ("oft-quoted").
ENGLISH_WORDS = frozenset({"oft"})
# Everyday meanings of catalogue acronyms, told apart by words nearby. The second value is the
# entry meant instead, if the catalogue has it (in financial services "the FSA" is the old
# Financial Services Authority, not the Food Standards Agency).
OTHER_SENSES: dict[str, tuple[re.Pattern[str], str | None]] = {
    "cpr": (re.compile(r"first aid|resuscitat|collaps|defib|compression|breath|cardiac|"
                       r"heart attack|unconscious|ambulance", re.I), None),
    # The Payment Systems Regulator unless the words are about the Priority Services Register.
    "psr": (re.compile(r"priority|register|power cut|oxygen|medical equipment|"
                       r"\bon (the|our) PSR\b|(energy|gas|electricity|water) (supplier|company|"
                       r"customer|supply)", re.I),
            "vulnerable_customer_policy"),
    "cse": (re.compile(r"exploitation|safeguard|abuse|grooming", re.I), None),
    "fsa": (re.compile(r"financial|bank|insur|mortgage|pension|invest|loan|credit", re.I),
            "financial_services_authority"),
}
# Where the sector alone settles which entry an acronym means.
SECTOR_SENSES = frozenset({("fsa", "finance"), ("psr", "energy"), ("psr", "water")})
SENSE_WINDOW = 120  # characters either side searched for another meaning's cue words
EXPANSION_REACH = 14  # tokens after an acronym searched for a spelled-out expansion
CALLS = frozenset({"call", "called", "calls", "means", "stands", "short", "named", "known"})


# Verbs that put a model to use: "I used heat with him", "use rater at work", "used the heat thing".
USE_VERBS = frozenset({"use", "used", "uses", "using"})
# What may follow the model's name after such a verb: nothing of its own ("used heat with him",
# "the heat thing"). A noun after it is another thing ("we use smart meters").
AFTER_USE = frozenset(
    {"with", "at", "on", "for", "and", "when", "thing", "there", "here", "so", "then", "which",
     "again", "every", "all", "because", "cos", "bc", "as", "in", "throughout", "too"}
)


# Punctuation after a name: the name's clause ends there. A hyphen joining words is none
# ("used heat-resistant gloves").
PAUSE = re.compile(r"[.,;:!?]|\s[-–]\s")


def _cue_near(text: str, tokens: list[Token], first: int, last: int) -> bool:
    after = tokens[last + 1 : last + 3]
    before = tokens[max(0, first - 2) : first]
    if any(t.norm in CUES for t in (*after, *before)):
        return True
    return _put_to_use(text, tokens, first, last)


def _put_to_use(text: str, tokens: list[Token], first: int, last: int) -> bool:
    """A use verb just before the name ("used the heat", "use rater") and nothing of its own after
    it: the learner is saying they used the model. The end of the answer, or punctuation ("used
    heat. heard her, empathised ..."), is nothing of its own either."""
    before = [t.norm for t in tokens[max(0, first - 2) : first]]
    if not before or not (before[-1] in USE_VERBS or (len(before) == 2 and before[0] in USE_VERBS
                                                      and before[1] in {"the", "a", "our", "my"})):
        return False
    if last + 1 >= len(tokens) or PAUSE.search(text, tokens[last].end, tokens[last + 1].start):
        return True
    return tokens[last + 1].norm in AFTER_USE


def _shouting(tokens: list[Token], first: int, last: int) -> bool:
    around = tokens[max(0, first - 2) : first] + tokens[last + 1 : last + 3]
    caps = [t for t in around if len(t.raw) > 1 and t.raw.isalpha() and t.raw.isupper()]
    return len(caps) >= 2


def ambiguous_ok(text: str, tokens: list[Token], first: int, last: int, form: Form) -> bool:
    """An ambiguous form counts when written exactly as listed, or with a cue word beside it."""
    if form.exact is None:
        return True
    if _cue_near(text, tokens, first, last):
        return True
    written = text[tokens[first].start : tokens[last].end]
    if written != form.exact:
        return False
    # "HEAT" means the model, but not in "IT WAS THE HEAT": a shouted sentence proves nothing.
    return len(form.exact) <= 3 or not _shouting(tokens, first, last)


def _expansion(tokens: list[Token], text: str, at: int, letters: str) -> list[Token] | None:
    """A run of words near an acronym whose initials spell it, presented as its expansion."""
    lo, hi = at + 1, min(len(tokens), at + 1 + EXPANSION_REACH)
    for s in range(lo, hi):
        if tokens[s].norm[:1] != letters[0] or not tokens[s].raw.isalpha():
            continue
        run: list[Token] = []
        k = s
        while k < len(tokens) and len(run) < len(letters):
            t = tokens[k]
            if t.norm in STOPWORDS and run:
                k += 1
                continue
            if not t.raw.isalpha() or t.norm[0] != letters[len(run)]:
                break
            run.append(t)
            k += 1
        if len(run) != len(letters):
            continue
        gap = text[tokens[at].end : run[0].start]
        called = any(t.norm in CALLS for t in tokens[max(lo, s - 6) : s])
        titled = all(t.raw[0].isupper() for t in run)
        if "(" in gap or called or titled:
            return run
    return None


def _expansion_matches(index: CatalogueIndex, entry_id: str, run: list[Token]) -> bool:
    words = [t.norm for t in run]
    for forms in index.starts.values():
        for form in forms:
            if form.entry_id != entry_id:
                continue
            content = [w for w in form.words if w not in STOPWORDS]
            if len(content) == len(words) and all(
                word_matches(w, f) for w, f in zip(words, content, strict=True)
            ):
                return True
    return False


def acronym_sense(
    index: CatalogueIndex, text: str, tokens: list[Token], at: int, form: Form, sector: str
) -> str | None:
    """The entry an acronym stands for here, or None when it means something else."""
    tok = tokens[at]
    entry_id = form.entry_id
    # An ambiguous form in lower case ("heat") is the model only when the learner says they used
    # it ("used the heat thing", "use rater at work"); otherwise it is the everyday word.
    if not tok.is_caps and (
        tok.base in ENGLISH_WORDS or (form.exact is not None and not _put_to_use(text, tokens, at, at))
    ):
        return None
    nxt = tokens[at + 1].norm if at + 1 < len(tokens) else ""
    if nxt in LOCAL_UNITS and index.entries[entry_id].kind.value != "policy":
        return None
    run = _expansion(tokens, text, at, tok.base)
    if run is not None and not _expansion_matches(index, entry_id, run):
        return None
    other = OTHER_SENSES.get(tok.base)
    if other is not None:
        cue, instead = other
        window = text[max(0, tok.start - SENSE_WINDOW) : tok.end + SENSE_WINDOW]
        # In financial services "the FSA" is the old Financial Services Authority even unprompted;
        # in energy and water "the PSR" is the Priority Services Register ("added her to the PSR").
        if cue.search(window) or (tok.base, sector) in SECTOR_SENSES:
            return instead if instead in index.entries else None
    return entry_id
