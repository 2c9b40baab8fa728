"""Catalogue names in a sentence: "the Equality Act 2010", but "Ofgem" and "UK GDPR" as they are."""

from __future__ import annotations

from collections.abc import Iterable

from content.models import CatalogueEntry, Kind


def the(entry: CatalogueEntry) -> str:
    """The name with "the" where English wants it: bodies named in one word (Ofgem, Ofcom) and
    names that already start with "The" go without."""
    return the_name(entry.name, entry.kind.value)


def the_name(name: str, kind: str) -> str:
    """``the`` for a name and its kind, where only those are at hand ("the Ofwat" is wrong)."""
    if name.lower().startswith("the ") or (kind == Kind.REGULATOR.value and " " not in name):
        return name
    return f"the {name}"


def join(entries: Iterable[CatalogueEntry]) -> str:
    names = [the(e) for e in entries]
    if not names:
        return ""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
