"""Time zones as people type them: an IANA name in any case ("europe/london"), a city
("london", "new york", "Belfast"), a UK nation or a country ("Scotland", "India"), with a typo
forgiven ("londn"). The index is built once, on first use."""

from __future__ import annotations

from functools import cache
from zoneinfo import available_timezones

from rapidfuzz import fuzz, process

# Places learners of a UK coach type that are not the last part of an IANA name.
PLACES = {
    **dict.fromkeys(
        ["uk", "united kingdom", "great britain", "britain", "gb", "england", "scotland", "wales",
         "northern ireland", "ni", "belfast", "cardiff", "edinburgh", "glasgow", "aberdeen",
         "swansea", "manchester", "birmingham", "leeds", "liverpool", "bristol", "newcastle",
         "sheffield", "nottingham", "leicester", "southampton", "derry", "londonderry", "bst",
         "gmt", "uk time", "british time"],
        "Europe/London",
    ),
    "ireland": "Europe/Dublin", "republic of ireland": "Europe/Dublin",
    "india": "Asia/Kolkata", "mumbai": "Asia/Kolkata", "delhi": "Asia/Kolkata",
    "new delhi": "Asia/Kolkata", "bangalore": "Asia/Kolkata", "pakistan": "Asia/Karachi",
    "uae": "Asia/Dubai", "spain": "Europe/Madrid", "france": "Europe/Paris",
    "germany": "Europe/Berlin", "poland": "Europe/Warsaw", "italy": "Europe/Rome",
    "portugal": "Europe/Lisbon", "nigeria": "Africa/Lagos", "south africa": "Africa/Johannesburg",
    "philippines": "Asia/Manila", "new zealand": "Pacific/Auckland", "japan": "Asia/Tokyo",
    "china": "Asia/Shanghai", "singapore": "Asia/Singapore", "hong kong": "Asia/Hong_Kong",
}
FUZZY_CUTOFF = 86


def _key(text: str) -> str:
    return " ".join(text.strip().lower().replace("_", " ").replace("-", " ").split())


@cache
def _index() -> dict[str, str]:
    """Every way to name a zone -> its IANA name: the full name, and its last part (the city)."""
    index: dict[str, str] = {}
    for name in sorted(available_timezones()):
        if name.startswith(("Etc/", "SystemV/")) or "/" not in name:
            continue
        index.setdefault(_key(name), name)
        index.setdefault(_key(name.rsplit("/", 1)[1]), name)
    # The canonical name wins over a link's (Asia/Calcutta is a link to Asia/Kolkata).
    for key, name in (("kolkata", "Asia/Kolkata"), ("calcutta", "Asia/Kolkata")):
        index[key] = name
    index.update(PLACES)
    return index


def resolve_timezone(text: str) -> str | None:
    """The IANA name the learner means, or None when nothing is close enough."""
    key = _key(text)
    if not key:
        return None
    index = _index()
    if key in index:
        return index[key]
    # Typos: only against names long enough to be told apart, with a strict cut-off.
    if len(key) < 4:
        return None
    found = process.extractOne(key, list(index), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    return index[found[0]] if found else None
