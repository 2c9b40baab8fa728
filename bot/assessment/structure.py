"""STAR structure, measurable results and reasoning, found from the cues an assessor listens for.

Learners type in a chat: lower case, no full stops, "i done that", "customer rang saying...". The
cues below are written for that register and checked against the labelled dev set
(docs/assessment.md gives the rule each label follows).
"""

from __future__ import annotations

import re

from bot.assessment.cues import (
    ACTION,
    AFTER,
    ESCALATION,
    GENERIC,
    NOT_A_RESULT,
    OPENING,
    OUTCOME,
    QUANTITY,
    REASONING,
    RESULT,
    SITUATION,
    TASK,
)

SENTENCE = re.compile(r"[^.!?\n]+[.!?\n]*")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE.findall(text) if s.strip()]


def _first_action(text: str) -> int:
    m = ACTION.search(text)
    return m.start() if m else len(text)


def _situation(text: str) -> bool:
    """A scene: a particular customer, time or event, not customers in general. A customer's state
    ("the customer was upset") sets the scene only before the learner acts; after, it is a result."""
    acted_at = _first_action(text)
    offset = 0
    for s in sentences(text):
        offset = text.find(s, offset)
        for rx in (SITUATION, OPENING) if offset <= acted_at else (SITUATION,):
            m = rx.search(s)
            if m and not GENERIC.search(s[: m.start() + 1]):
                return True
        offset += len(s)
    return False


def _result(text: str) -> bool:
    if RESULT.search(text):
        return True
    acted_at = _first_action(text)
    return acted_at < len(text) and bool(OUTCOME.search(text, acted_at + 1))


def star_parts(text: str) -> dict[str, bool]:
    return {
        "situation": _situation(text),
        "task": bool(TASK.search(text)),
        "action": bool(ACTION.search(text)),
        "result": _result(text),
    }


def is_measurable(text: str) -> bool:
    """A quantity in what the actions achieved: not the situation, not a legal time limit.

    Figures before the first action set the scene ("after 3 weeks", "£400 bill"), so they count
    only inside a sentence that reports a result."""
    first = ACTION.search(text)
    acted_at = first.start() if first else len(text)
    offset = 0
    for s in sentences(text):
        offset = text.find(s, offset)
        is_result = bool(RESULT.search(s))
        for q in QUANTITY.finditer(s):
            if offset + q.start() < acted_at and not is_result:
                continue
            if NOT_A_RESULT.search(s[max(0, q.start() - 45) : q.start()]) or AFTER.match(s[q.end() :]):
                continue
            return True
    return False


CAUSAL = frozenset({"because", "cos", "coz", "'cause", "as", "since"})
# Words just before a "because" that show it explains the customer's state, not the learner's choice.
CUSTOMER_STATE = re.compile(
    r"\b(angry|upset|unhappy|annoyed|frustrated|cross|worried|confused|distressed|shouting|"
    r"furious|disappointed|stressed|crying|complain\w*|rang|called|phoned|contacted|emailed|"
    r"wrote in|came in|report(ed)? us|late)\W+(\w+\W+){0,4}$",
    re.I,
)


def has_reasoning(text: str) -> bool:
    """The learner says why: a reason or purpose for what they did, or why a rule applied.

    "He was angry because his order was late" explains the situation, not a choice, so a causal
    word right after the customer's state or contact does not count."""
    for s in sentences(text):
        for m in REASONING.finditer(s):
            if m.group(0).split()[0].lower() in CAUSAL and CUSTOMER_STATE.search(s[: m.start()]):
                continue
            return True
    return False


def escalates(text: str) -> bool:
    return bool(ESCALATION.search(text))
