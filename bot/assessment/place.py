"""Where an answer says the learner works, when the learner has not told the coach their nation.

"I work in Belfast and followed the Disability Discrimination Act 1995" is right in Northern
Ireland, where that Act is still the law; judged as England it would be called outdated. So a
learner with no nation set is placed by the towns, nations and nation-only bodies the answer names.
Only unambiguous names count: Bangor and Newport (a town in Wales and one elsewhere), Perth, and
the banks named after Scotland ("the Royal Bank of Scotland" trades in England too) do not.
When the answer names places in two nations, it says nothing about where the learner works.
"""

from __future__ import annotations

import re

from content import nations

_PLACES: dict[str, tuple[str, ...]] = {
    nations.NORTHERN_IRELAND: (
        "northern ireland", "n ireland", "belfast", "derry", "londonderry", "lisburn", "newry",
        "armagh", "ballymena", "coleraine", "enniskillen", "omagh", "portadown", "craigavon",
        "larne", "antrim", "dungannon", "strabane", "newtownabbey", "carrickfergus",
        "ni water", "power ni", "nipso", "hseni", "northern ireland water",
    ),
    nations.SCOTLAND: (
        "scotland", "glasgow", "edinburgh", "aberdeen", "dundee", "inverness", "stirling",
        "paisley", "kilmarnock", "falkirk", "livingston", "motherwell",
        "ayr", "dumfries", "fife", "highlands", "scottish water", "spso", "foisa",
        "scottish public services ombudsman", "scottish information commissioner",
    ),
    nations.WALES: (
        "wales", "cardiff", "swansea", "wrexham", "aberystwyth", "llandudno", "merthyr",
        "caerphilly", "bridgend", "llanelli", "carmarthen", "pontypridd", "rhyl", "barry island",
        "welsh water", "dwr cymru", "psow", "ombudsman for wales", "cymru",
    ),
    nations.ENGLAND: (
        "england", "london", "manchester", "birmingham", "leeds", "liverpool", "bristol",
        "sheffield", "newcastle upon tyne", "nottingham", "leicester", "southampton", "norwich",
        "coventry", "bradford", "brighton", "plymouth", "york", "exeter",
    ),
}

# Names that contain a nation's name without placing the learner there.
_NOT_A_PLACE = re.compile(
    r"\b((royal )?bank of scotland|scottish widows|national (trust|express)|"
    r"new england|new york|church of england|bank of england|"
    r"england (football|cricket|rugby|team))\b",
    re.I,
)

_PATTERNS = {
    nation: re.compile(r"\b(" + "|".join(re.escape(p) for p in places) + r")\b", re.I)
    for nation, places in _PLACES.items()
}


# The first word of each nation's places: a place can be named only where its first word is a
# word of the answer, so a nation none of whose first words is said is not searched for.
_FIRST_WORDS = {
    nation: frozenset(m.group() for p in places if (m := re.match(r"\w+", p)))
    for nation, places in _PLACES.items()
}


def infer_nation(text: str) -> str | None:
    """The one nation the answer's places point to, or None when they point to none or to several."""
    cleaned = _NOT_A_PLACE.sub(" ", text)
    said = set(re.findall(r"\w+", cleaned.casefold()))
    found = {
        nation for nation, pattern in _PATTERNS.items()
        if _FIRST_WORDS[nation] & said and pattern.search(cleaned)
    }
    return next(iter(found)) if len(found) == 1 else None


def learner_nation(set_nation: str, text: str) -> str:
    """The nation to judge by: what the learner set, else what the answer says, else unknown."""
    if set_nation in nations.NATIONS:
        return set_nation
    return infer_nation(text) or nations.UNKNOWN
