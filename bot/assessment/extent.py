"""Law and bodies named outside the nation they apply in (the ``other_nation`` hint), and bodies
named outside the sector they regulate (the ``other_sector`` hint).

A learner in Edinburgh who refuses a sale "because of the Licensing Act 2003" knows the rule but
cites England and Wales's Act; in Scotland it is the Licensing (Scotland) Act 2005. Each catalogue
entry carries its extent and, where one exists, the counterparts that apply in the other nations
(``content/data/catalogue``, with sources). The hint says where the item applies and names what to
cite instead. An unknown nation raises nothing: the coach never calls a devolved law wrong on a
guess.
"""

from __future__ import annotations

from bot.assessment.types import Found, Hint
from bot.assessment.wording import join, the
from bot.assessment.years import join_places
from content import nations
from content.loader import Content
from content.models import CatalogueEntry, Kind

MAX_NOTES = 2  # a phone screen: the first two items outside the nation are enough


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _where(entry: CatalogueEntry) -> str:
    return "Great Britain" if entry.extent == ["gb"] else join_places(entry.extent)


def note_for(content: Content, entry: CatalogueEntry, nation: str) -> str:
    """One sentence: where the item applies and what applies in ``nation`` instead."""
    if entry.extent_note:
        return entry.extent_note
    verb = "cite" if entry.kind is Kind.LEGISLATION else "name"
    text = f"{_capital(the(entry))} covers {_where(entry)}, not {nations.label(nation)}"
    local = [content.catalogue[i] for i in entry.counterparts.get(nation, ())  # type: ignore[call-overload]
             if i in content.catalogue]
    if local:
        return text + f": there, {verb} {join(local)}."
    return text + "."


def stands_for(found: list[Found], content: Content, nation: str) -> dict[str, frozenset[str]]:
    """For each entry named that is the counterpart, in ``nation``, of entries that do not apply
    there, those entries: in Northern Ireland the DDA 1995 stands for the Equality Act 2010."""
    if nation not in nations.NATIONS:
        return {}
    named = {f.entry_id for f in found}
    out: dict[str, set[str]] = {}
    for entry in content.catalogue.values():
        if entry.applies_in(nation):
            continue
        for local in entry.counterparts.get(nation, ()):  # type: ignore[call-overload]
            if local in named:
                out.setdefault(local, set()).add(entry.id)
    return {k: frozenset(v) for k, v in out.items()}


def elsewhere(found: list[Found], content: Content, nation: str) -> frozenset[str]:
    """The entries named that do not apply in ``nation`` (none for an unknown nation): the
    Licensing Act 2003 in Enniskillen. They never meet a point that asks for the law or body that
    applied (docs/assessment-labelling.md rule 6)."""
    if nation not in nations.NATIONS:
        return frozenset()
    return frozenset(
        f.entry_id for f in found
        if (entry := content.catalogue.get(f.entry_id)) is not None and not entry.applies_in(nation)
    )


def notes_for(found: list[Found], content: Content, nation: str) -> list[str]:
    """For text the coach shows (a model answer outline): one note per item named that does not
    apply in the learner's nation."""
    if nation not in nations.NATIONS:
        return []
    seen: list[str] = []
    for f in found:
        entry = content.catalogue.get(f.entry_id)
        if entry is not None and not entry.applies_in(nation):
            note = note_for(content, entry, nation)
            if note not in seen:
                seen.append(note)
    return seen


def other_nation_hints(found: list[Found], content: Content, nation: str) -> list[Hint]:
    """One ``other_nation`` hint naming the items that do not apply where the learner works."""
    if nation not in nations.NATIONS:
        return []
    notes: list[str] = []
    for f in found:
        entry = content.catalogue.get(f.entry_id)
        if entry is None or entry.applies_in(nation):
            continue
        notes.append(note_for(content, entry, nation))
    if not notes:
        return []
    return [Hint("other_nation", " ".join(notes[:MAX_NOTES]))]


def other_sector(found: list[Found], content: Content, sector: str, nation: str) -> list[CatalogueEntry]:
    """The bodies named whose remit is other sectors only, where the learner works in a sector with
    bodies of its own: the Utility Regulator (electricity, gas and water in Northern Ireland) named by
    a learner in telecoms, where Ofcom regulates. Not for a body of every sector or of no stated sector
    (the ICO, Trading Standards, the HSE), not for the "Other or not sure" sector, not for a body
    outside the learner's nation (the ``other_nation`` hint says that), and not when a body of the
    learner's own sector is named too."""
    sector_def = content.sectors.get(sector)
    if sector_def is None:
        return []
    own = set(sector_def.regulators)
    own |= {i for local in sector_def.by_nation.values() for i in local.regulators}
    if not own or any(f.entry_id in own for f in found):
        # One of the sector's own bodies named as well: the other is named for a reason of the case
        # ("rang Ofwat's line for her and the Housing Ombudsman too"), not as the sector's body.
        return []
    out: list[CatalogueEntry] = []
    for f in found:
        entry = content.catalogue.get(f.entry_id)
        if (
            entry is None or entry.kind is not Kind.REGULATOR or entry.every_sector or not entry.sectors
            or sector in entry.sectors or entry.id in own or not entry.applies_in(nation) or entry in out
        ):
            continue
        out.append(entry)
    return out


def other_sector_hints(found: list[Found], content: Content, sector: str, nation: str) -> list[Hint]:
    """One ``other_sector`` hint: what the body named covers, and the bodies of the learner's sector
    where they work (`other_sector`)."""
    bodies = other_sector(found, content, sector, nation)
    if not bodies:
        return []
    sector_def = content.sectors[sector]
    local = [content.catalogue[i] for i in sector_def.regulators_in(nation) if i in content.catalogue]
    local = [e for e in local if e.applies_in(nation)]
    notes = [
        f"{_capital(the(entry))} covers {_lower(entry.remit or entry.note)}, not {_lower(sector_def.label)}."
        for entry in bodies[:MAX_NOTES]
    ]
    if local:
        notes.append(f"In your sector, name {' or '.join(the(e) for e in local[:2])}.")
    return [Hint("other_sector", " ".join(notes))]


def _lower(text: str) -> str:
    """A sentence of the catalogue run on after a comma: its first letter small unless it starts an
    acronym ("UK-wide" stays), and no full stop."""
    text = text.strip().rstrip(".")
    return text[:1].lower() + text[1:] if text[1:2].islower() else text
