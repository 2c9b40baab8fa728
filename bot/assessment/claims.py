"""Legal claims in an answer, checked against the law: ``legal_claim`` and ``policy_as_law``.

* ``legal_claim``: a period or a date the learner states as the law, wrong ("under the CRA 2015 she
  could only reject it within 28 days", "we have 40 days for a subject access request", "the
  Consumer Duty came in in 2022"). The facts are data (``content/data/claims.yaml``, each with its
  source); see ``content.models.Claim`` for when a sentence is checked. An amount is checked only
  after a claim word ("have", "must", "the law says", "told her"), so what the learner did ("sent it
  in 2 weeks") is never taken for a statement of the law. A rule newer than the event the answer
  dates ("in 2016 ... 40 days") is not applied to it.
* ``policy_as_law`` (beyond the receipts and day counts in ``hints``): a shop's own rule called
  the law ("our 28-day returns policy is the law"), and a change-of-mind return in a shop said to
  be a legal right ("the law says 30 days to return anything"). Answers about faulty goods, online
  orders or a cancelled service (a flight) are left alone: there the law does give a right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.assessment.spoken import words_to_number
from bot.assessment.types import Found, Hint
from bot.assessment.years import event_year
from content.loader import Content
from content.models import Claim

_CLAIM = (
    r"have|has|had|gives?|gave|get|gets|must|need(s|ed)? to|required|requires|allowed|"
    r"entitled|deadline|time limit|limit|legally|law|statutory|says?|said|states?|told|tell|"
    r"could|can|may|only|up to|under|according to|applied|applies"
)
CLAIM_WORD = re.compile(rf"\b({_CLAIM})\b", re.I)
# ... and for a date, the words that say when a law began: "the Consumer Duty came in in 2022". Not
# for a period: "a customer came in wanting to cancel after 10 days" states no law.
DATE_CLAIM_WORD = re.compile(
    rf"\b({_CLAIM}|came in|comes in|in force|into force|introduced|started|since|launched|began|effect)\b",
    re.I,
)
# How long it had been, told as the case: "wanting to cancel after 10 days", "after about three
# weeks it stopped". Not a limit said with a "can't": "you can't cancel after 7 days".
AFTER = re.compile(r"\bafter\s+(about|around|roughly|nearly|almost|over|just|only|like)?\s*$", re.I)
CANNOT = re.compile(
    r"\b(can'?t|cannot|can not|couldn'?t|could not|not allowed|no longer|isn'?t allowed|only)\b",
    re.I,
)
# What was done between the claim word and the amount makes the amount a fact of the case
# ("she could return it and I refunded it in 2 days"), not a statement of the law.
DONE = re.compile(r"\b(i|we|she|he|they|it)\s+(\w+ed|sent|gave|got|did|done|made|took|paid|put|"
                  r"was|were)\b", re.I)
_NUMBER = r"(\d+|a|an|one|(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-]*)?" \
          r"(?:one|two|three|four|five|six|seven|eight|nine)|ten|eleven|twelve|thirteen|fourteen|" \
          r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|" \
          r"eighty|ninety)"
AMOUNT = re.compile(
    _NUMBER + r"[\s-]*(?:(?:working|business|calendar|clear)[\s-]+)?"
    r"(hours?|hrs?|h\b|days?|weeks?|wks?|months?)\b",
    re.I,
)
YEAR = re.compile(r"\b(19|20)\d\d\b")
# A full stop inside a sum or a figure ("£63.40", "4.5") ends no sentence.
SENTENCE_END = re.compile(r"(?:[!?\n•;]|\.(?!\d))+")
CLAIM_REACH = 80  # characters before an amount searched for its claim word
UNIT_DAYS = {"hour": 1 / 24, "day": 1, "week": 7, "month": 30}


@dataclass(frozen=True)
class Said:
    """An amount stated in a sentence, where it stands, and the sentence's text."""

    value: float  # in days
    raw: str
    start: int
    end: int


def _unit(word: str) -> str:
    word = word.lower()
    if word.startswith("h"):
        return "hour"
    if word.startswith("d"):
        return "day"
    if word.startswith("w"):
        return "week"
    return "month"


def _number(word: str) -> int | None:
    word = word.lower().strip()
    if word.isdigit():
        return int(word)
    if word in ("a", "an"):
        return 1
    return words_to_number(word)


def _as_days(amount: str) -> float:
    number, unit = amount.split()
    return int(number) * UNIT_DAYS[_unit(unit)]


def _sentences(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for m in SENTENCE_END.finditer(text):
        out.append((pos, text[pos : m.start()]))
        pos = m.end()
    out.append((pos, text[pos:]))
    return [(p, s) for p, s in out if s.strip()]


@lru_cache(maxsize=512)
def _group(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One compiled alternation for a group of ``about`` patterns (any of them matches)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


def _about(claim: Claim, sentence: str) -> bool:
    return all(_group(tuple(group)).search(sentence) for group in claim.about)


NEAR_BEFORE, NEAR_AFTER = 60, 40  # an amount belongs to the rule named this close to it


def _amounts(claim: Claim, sentence: str) -> list[Said]:
    out = []
    first = claim.about[0]
    here = any(re.search(p, sentence, re.I) for p in first)
    for m in AMOUNT.finditer(sentence):
        near = sentence[max(0, m.start() - NEAR_BEFORE) : m.end() + NEAR_AFTER]
        # "30 days to reject faulty goods, and ... 14 days to cancel": each amount is checked
        # against the rule whose subject is said beside it (or in the sentence before).
        if here and len(claim.about) > 1 and not any(re.search(p, near, re.I) for p in first):
            continue
        number = _number(m.group(1))
        if number is None:
            continue
        unit = _unit(m.group(2))
        wanted = {"hours": ("hour", "day"), "days": ("day", "week", "month"),
                  "weeks": ("week",), "months": ("month",)}[claim.unit]
        if unit not in wanted:
            continue
        after = sentence[m.end() : m.end() + 40]
        if claim.not_followed_by and re.match(r"\W*(\w+\W+){0,2}?(" + claim.not_followed_by + ")",
                                              after, re.I):
            continue
        if not _claimed(sentence, m.start()):
            continue
        if AFTER.search(sentence, max(0, m.start() - 20), m.start()) and not CANNOT.search(
            sentence, max(0, m.start() - CLAIM_REACH), m.start()
        ):
            continue
        out.append(Said(number * UNIT_DAYS[unit], m.group(0), m.start(), m.end()))
    return out


def _claimed(sentence: str, at: int, claim_word: re.Pattern[str] = CLAIM_WORD) -> bool:
    """A claim word shortly before ``at``, with nothing done in between."""
    before = sentence[max(0, at - CLAIM_REACH) : at]
    words = list(claim_word.finditer(before))
    return bool(words) and not DONE.search(before[words[-1].end() :])


def _wrong_year(claim: Claim, sentence: str) -> re.Match[str] | None:
    for m in YEAR.finditer(sentence):
        if not _claimed(sentence, m.start(), DATE_CLAIM_WORD):
            continue
        if m.group(0) not in claim.right:
            return m
    return None


def check_claims(text: str, content: Content, found: list[Found] | None = None) -> list[Hint]:
    """One ``legal_claim`` hint per wrong legal fact (at most two), each with the right rule.

    A sentence that cites superseded law ("under the Distance Selling Regulations she had 7 days")
    is left to the ``outdated`` correction: its figure was right under that law."""
    return [hint for hint, _span in _wrong_claims(text, content, found)]


def wrong_figures(text: str, content: Content, found: list[Found] | None = None) -> list[tuple[int, int]]:
    """Where the answer states a legal period or date wrongly (the figures `check_claims` corrects):
    "she can go to the financial ombudsman within 12 months". No point is met by those words."""
    return [span for _hint, span in _wrong_claims(text, content, found)]


def _wrong_claims(
    text: str, content: Content, found: list[Found] | None
) -> list[tuple[Hint, tuple[int, int]]]:
    """Each wrong legal fact's hint, with where its wrong figure stands in ``text``."""
    old = [(f.start, f.end) for f in found or () if "outdated" in f.flags]
    when = event_year(text)
    hints: list[tuple[Hint, tuple[int, int]]] = []
    seen: set[str] = set()
    previous = ""
    parts = _sentences(text)
    # A claim whose subject is said nowhere in the answer is about no sentence in it: each context
    # below is a run of this text (its sentences joined by one space), and no ``about`` pattern
    # looks around or anchors, so one search of the whole settles most claims at once.
    whole = " ".join(sentence for _pos, sentence in parts)
    live = [claim for claim in content.claims.values() if _about(claim, whole)]
    if not live:
        return []
    for pos, sentence in parts:
        if any(pos <= a < pos + len(sentence) for a, _b in old):
            previous = sentence
            continue
        # What the claim is about may be said just before ("a data breach. By law we had to report
        # it within 24 hours"); the amount must be in the sentence itself.
        context, previous = previous + " " + sentence, sentence
        for claim in live:
            if claim.id in seen or not _about(claim, context):
                continue
            if len(claim.about) > 1 and not any(_group(tuple(g)).search(sentence) for g in claim.about):
                # The sentence before may say what the rule is about, but the amount's own sentence
                # must say part of it: after "we refunded £63.40, our fault", "we also have to get
                # it out within 8 wks" is the complaint deadline, not the right to reject.
                continue
            if when is not None and claim.since is not None and when < claim.since.year:
                continue
            if claim.unit == "year":
                year = _wrong_year(claim, sentence)
                if year is not None:
                    seen.add(claim.id)
                    at = pos + year.start()
                    hints.append((
                        Hint("legal_claim", f"Check the date: not {year.group(0)}. {claim.rule}"),
                        (at, at + len(year.group(0))),
                    ))
                continue
            right = {_as_days(a) for a in claim.right}
            for said in _amounts(claim, sentence):
                if said.value not in right:
                    seen.add(claim.id)
                    hints.append((Hint("legal_claim", f"Not {said.raw}: {claim.rule}"),
                                  (pos + said.start, pos + said.end)))
                    break
    return hints[:2]


# --- policy presented as law --------------------------------------------------------------------

POLICY_IS_LAW = re.compile(
    r"\b(returns?|refunds?|exchange|receipt)[\w\s-]{0,20}?\bpolic(y|ies)\b[^.!?\n]{0,40}?"
    r"\b(that'?s|thats|it'?s|its|is|was|are) (the|a) (law|legal requirement|legal right)\b"
    r"|\b(the law|by law|legally)\b[^.!?\n]{0,30}\b(our|the) (returns?|refunds?) polic(y|ies)\b",
    re.I,
)
LAW = re.compile(r"\b(the law|by law|legally|legal right|statutory right|it'?s the law|law says)\b",
                 re.I)
ANY_RETURN = re.compile(
    r"\b(return|refund|money back|bring (it|them) back|take (it|them) back)\b[^.!?\n]{0,40}"
    r"\b(anything|any reason|no reason|for any|whatever)\b"
    r"|\b(return|refund) (anything|any item|any product)\b",
    re.I,
)
CHANGE_OF_MIND = re.compile(
    r"\b(changed? (his|her|their|my) mind|change of mind|didn'?t (like|want|need|fit)|"
    r"doesn'?t (like|want|fit)|did not (like|want|fit)|unwanted|wrong size|didnt (like|want|fit))\b",
    re.I,
)
MONEY_BACK = re.compile(r"\b(refund|money back|give (him|her|them) (his|her|their) money)\b", re.I)
FAULTY = re.compile(r"\b(faulty|fault|broken|broke|defect|damaged|not working|stopped working|"
                    r"doesn'?t work|unsafe|not as described|leak)", re.I)
# A service the business cancelled or failed to give (a flight, a holiday): there the law does give
# money back (UK261, the Consumer Rights Act 2015 for services), whatever the customer wanted.
CANCELLED = re.compile(r"\b(cancell?ed|cancellation|flights?|delayed)\b", re.I)
REMOTE = re.compile(r"\b(online|website|internet|by phone|over the phone|ordered|delivered|"
                    r"delivery|doorstep|mail order|app)\b", re.I)

# What the law says about returns, for every policy_as_law correction (sources: claims.yaml,
# cra_short_term_reject and ccr_cancellation).
LAW_SAYS = (
    "In a shop the law gives no right to return something that isn't faulty; the Consumer Rights "
    "Act 2015 gives 30 days to reject faulty goods, and the Consumer Contracts Regulations 2013 "
    "give 14 days to cancel most online and phone orders."
)
POLICY_MESSAGE = (
    f"Careful: that is your organisation's policy, not the law. {LAW_SAYS} Say which is which: "
    "your policy can give more than the law."
)


def policy_claim(text: str) -> Hint | None:
    """``policy_as_law`` for a returns policy called the law, or a change-of-mind return in a shop
    called a legal right."""
    if POLICY_IS_LAW.search(text):
        return Hint("policy_as_law", POLICY_MESSAGE)
    if FAULTY.search(text) or REMOTE.search(text) or CANCELLED.search(text):
        return None
    for _pos, sentence in _sentences(text):
        if not LAW.search(sentence):
            continue
        if ANY_RETURN.search(sentence) or (
            MONEY_BACK.search(sentence) and CHANGE_OF_MIND.search(text)
        ):
            return Hint("policy_as_law", POLICY_MESSAGE)
    return None
