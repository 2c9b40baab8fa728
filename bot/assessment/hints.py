"""Hints: vague references to the law, and organisational rules presented as law."""

from __future__ import annotations

import re

from bot.assessment.types import Found, Hint

# Bare concepts that an assessor wants named as an Act ("consumer law" -> which Act?).
VAGUE_LAW = re.compile(
    r"\b(consumer (rights?|law|laws|protection law)|data protection( law| laws| rules)?|"
    r"equality (law|laws|rules|legislation)|discrimination (law|laws)|health and safety( law| laws)?|"
    r"(the|by|under|against the) law|legislation|privacy law|gdpr rules)\b",
    re.I,
)

POLICY_AS_LAW = re.compile(
    r"\b(the law|by law|legally|legal(ly)? (requirement|right)|the act)\b[^.]{0,60}?"
    r"\b(\d+\s*days?|receipt|proof of purchase|original packaging|store credit|exchange only|"
    r"manager'?s? approval)\b",
    re.I,
)


def _overlaps(start: int, end: int, found: list[Found]) -> bool:
    return any(f.start < end and start < f.end for f in found)


def find_hints(text: str, found: list[Found]) -> list[Hint]:
    hints: list[Hint] = []
    named_law = any(f.kind == "legislation" for f in found)
    for m in VAGUE_LAW.finditer(text):
        if _overlaps(m.start(), m.end(), found):
            continue
        phrase = m.group(0)
        message = (
            f"You mentioned \u201c{phrase}\u201d: name the Act itself, with its year "
            "(for example the Consumer Rights Act 2015 or the Data Protection Act 2018)."
        )
        if named_law:
            message = (
                f"\u201c{phrase}\u201d is vague: say which Act you mean, as you did elsewhere."
            )
        hints.append(Hint("vague_law", message))
        break
    if POLICY_AS_LAW.search(text):
        hints.append(
            Hint(
                "policy_as_law",
                "Careful: a time limit or a receipt rule is usually your organisation's policy, "
                "not the law. Say which is which: the law sets the minimum, your policy can give more.",
            )
        )
    return hints
