"""Catalogue names in a sentence: "the Equality Act 2010", but "Ofgem" and "UK GDPR" as they are."""

from __future__ import annotations

from collections.abc import Iterable

from content.models import CatalogueEntry, Kind


def the(entry: CatalogueEntry) -> str:
    """The name with "the" where English wants it: bodies named in one word (Ofgem, Ofcom) and
    names that already start with "The" go without."""
    return the_name(entry.name, entry.kind.value)


# Bodies whose names English uses bare, though they take more than one word: "reported to Trading
# Standards", "Consumer Scotland can help", "registered with Care Inspectorate Wales".
BARE_NAMES = frozenset({
    "Trading Standards", "Transport Focus", "Consumer Scotland", "Citizens Advice",
    "Care Inspectorate Wales", "Food Standards Scotland",
})


def the_name(name: str, kind: str) -> str:
    """``the`` for a name and its kind, where only those are at hand ("the Ofwat" is wrong)."""
    bare = " " not in name or name in BARE_NAMES
    if name.lower().startswith("the ") or (kind == Kind.REGULATOR.value and bare):
        return name
    return f"the {name}"


def join(entries: Iterable[CatalogueEntry]) -> str:
    names = [the(e) for e in entries]
    if not names:
        return ""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
