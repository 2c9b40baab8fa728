"""The four UK nations, as the law sees them: which nation's law applies to a learner.

Acts extend to different parts of the UK (the Equality Act 2010 to Great Britain, the Disability
Discrimination Act 1995 still to Northern Ireland, ...), so the coach must know where the learner
works before it says a law is right or outdated. `unknown` means "not told": the coach then judges
as for England, the most common case, and never calls a devolved law wrong.
"""

from __future__ import annotations

import re
from typing import Final

ENGLAND: Final = "england"
WALES: Final = "wales"
SCOTLAND: Final = "scotland"
NORTHERN_IRELAND: Final = "northern_ireland"
UNKNOWN: Final = "unknown"

NATIONS: Final = (ENGLAND, WALES, SCOTLAND, NORTHERN_IRELAND)
CHOICES: Final = (*NATIONS, UNKNOWN)

LABELS: Final = {
    ENGLAND: "England",
    WALES: "Wales",
    SCOTLAND: "Scotland",
    NORTHERN_IRELAND: "Northern Ireland",
    UNKNOWN: "not set",
}

# Groupings a catalogue entry may name as its extent (legislation.gov.uk's own words).
GROUPS: Final[dict[str, tuple[str, ...]]] = {
    "uk": NATIONS,
    "gb": (ENGLAND, WALES, SCOTLAND),
    "england_and_wales": (ENGLAND, WALES),
    **{n: (n,) for n in NATIONS},
}

_SPELLINGS: Final = {
    "england": ENGLAND, "english": ENGLAND, "eng": ENGLAND,
    "wales": WALES, "welsh": WALES, "cymru": WALES,
    "scotland": SCOTLAND, "scottish": SCOTLAND, "scot": SCOTLAND,
    "northern ireland": NORTHERN_IRELAND, "northern_ireland": NORTHERN_IRELAND,
    "northern-ireland": NORTHERN_IRELAND, "ni": NORTHERN_IRELAND, "n ireland": NORTHERN_IRELAND,
    "n. ireland": NORTHERN_IRELAND, "n.i.": NORTHERN_IRELAND, "n.i": NORTHERN_IRELAND,
    "unknown": UNKNOWN, "not set": UNKNOWN, "none": UNKNOWN, "": UNKNOWN,
}


def parse_nation(value: str | None) -> str | None:
    """The nation id a learner or a caller means ("NI", "Northern Ireland", "scotland"), or None
    when the value is not a nation at all (so the caller can say which values work)."""
    key = re.sub(r"\s+", " ", (value or "").strip().lower())
    return _SPELLINGS.get(key)


def normalise(value: str | None) -> str:
    """A stored or passed nation as an id, `unknown` for anything unrecognised."""
    return parse_nation(value) or UNKNOWN


def label(nation: str) -> str:
    return LABELS.get(nation, LABELS[UNKNOWN])
