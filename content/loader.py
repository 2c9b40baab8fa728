"""Load the shipped content folder and any operator packs, validate, and cross-check them.

A content folder holds ``topics.yaml``, ``sectors.yaml``, ``catalogue/*.yaml``,
``prompts/*.yaml`` and ``claims.yaml``; each file is a YAML list of entries. An operator pack has
the same layout and may hold any subset of those files. Ids must be unique across everything loaded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from content.models import (
    CatalogueEntry,
    Check,
    Claim,
    Concept,
    Kind,
    MarkingPoint,
    Prompt,
    Sector,
    Standard,
    Topic,
)

SHIPPED_DIR = Path(__file__).resolve().parent / "data"

M = TypeVar("M", bound=BaseModel)


class ContentError(Exception):
    """A content file is broken; the message names the file, the entry and the field."""

    def __init__(self, file: Path | str, entry: str | None, field: str | None, problem: str):
        self.file = str(file)
        self.entry = entry
        self.field = field
        self.problem = problem
        where = self.file
        if entry:
            where += f": entry {entry}"
        if field:
            where += f": field {field}"
        super().__init__(f"{where}: {problem}")


@dataclass
class Content:
    """Everything the coach knows and asks, validated and indexed by id."""

    topics: dict[str, Topic] = field(default_factory=dict)
    sectors: dict[str, Sector] = field(default_factory=dict)
    catalogue: dict[str, CatalogueEntry] = field(default_factory=dict)
    prompts: dict[str, Prompt] = field(default_factory=dict)
    # The ideas marking points need, in the ways learners say them (concepts.yaml).
    concepts: dict[str, Concept] = field(default_factory=dict)
    # Apprenticeship standards with their areas and evidence map (content/data/standards/).
    standards: dict[str, Standard] = field(default_factory=dict)
    # Legal facts learners state, checked in answers (claims.yaml).
    claims: dict[str, Claim] = field(default_factory=dict)
    # Where each id came from, for error messages.
    origin: dict[str, Path] = field(default_factory=dict)

    def prompts_for(self, topic_id: str) -> list[Prompt]:
        return [p for p in self.prompts.values() if p.topic == topic_id]

    def mock_prompt(self, prompt_id: str) -> Prompt | None:
        """A prompt of the question bank, or a mock opener of any standard."""
        found = self.prompts.get(prompt_id)
        if found is not None:
            return found
        for standard in self.standards.values():
            for opener in standard.openers:
                if opener.id == prompt_id:
                    return opener
        return None

    def entries_of(self, kind: Kind) -> list[CatalogueEntry]:
        return [e for e in self.catalogue.values() if e.kind is kind]

    def current_replacements(self, entry_id: str) -> list[CatalogueEntry]:
        """The entries in force today that replaced ``entry_id``, following chains of replacements.

        The Trade Descriptions Act 1968 was largely replaced by the CPRs 2008, which were themselves
        replaced by the DMCC Act 2024: the answer for the 1968 Act is the 2024 Act.
        An entry that is not superseded has no replacements.
        """
        found: list[CatalogueEntry] = []
        seen = {entry_id}
        queue = list(self.catalogue[entry_id].superseded_by)
        while queue:
            ident = queue.pop(0)
            if ident in seen:
                continue
            seen.add(ident)
            entry = self.catalogue[ident]
            if entry.superseded:
                queue.extend(entry.superseded_by)
            else:
                found.append(entry)
        return found


def normalise_form(text: str) -> str:
    """Fold case, apostrophes and spacing so two spellings of one name compare equal."""
    text = text.casefold().replace("’", "'").replace("'s", "s").replace("'", "")
    text = re.sub(r"[^\w]+", " ", text)
    return " ".join(text.split())


def _read_list(path: Path) -> list[Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ContentError(path, None, None, f"not valid YAML: {exc}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(path, None, None, f"cannot read the file as UTF-8 text: {exc}") from exc
    if data is None:
        return []
    if not isinstance(data, list):
        raise ContentError(path, None, None, "expected a list of entries at the top level")
    return data


_FIELD_FIRST = re.compile(r"^(?:Value error, )?([a-z_]+): (.*)$", re.S)


def _locate(raw: Any, loc: tuple[int | str, ...], message: str) -> tuple[str | None, str]:
    """Turn a pydantic error location into the field path an editor can find.

    List positions become the item's id where it has one ("marking_points.law.params"), and a
    model-level error that starts with a field name ("probes: ...") is placed on that field.
    """
    parts: list[str] = []
    node = raw
    for step in loc:
        if isinstance(step, int) and isinstance(node, list) and 0 <= step < len(node):
            node = node[step]
            ident = node.get("id") if isinstance(node, dict) else None
            parts.append(str(ident) if ident else str(step))
        else:
            node = node.get(step) if isinstance(node, dict) else None
            parts.append(str(step))
    match = _FIELD_FIRST.match(message)
    if match:
        parts.append(match.group(1))
        message = match.group(2)
    elif message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    return (".".join(parts) or None), message


def _validate(path: Path, model: type[M], items: list[Any]) -> Iterator[M]:
    for index, raw in enumerate(items):
        entry = raw.get("id") if isinstance(raw, dict) else None
        label = str(entry) if entry else f"#{index + 1}"
        try:
            yield model.model_validate(raw)
        except ValidationError as exc:
            err = exc.errors()[0]
            field_path, message = _locate(raw, tuple(err["loc"]), err["msg"])
            raise ContentError(path, label, field_path, message) from exc


def _files(folder: Path, name: str) -> list[Path]:
    target = folder / name
    if target.is_dir():
        return sorted(target.glob("*.yaml"))
    file = folder / f"{name}.yaml"
    return [file] if file.exists() else []


def _add(store: dict[str, M], origin: dict[str, Path], path: Path, items: Iterable[M]) -> None:
    for item in items:
        ident = item.id  # type: ignore[attr-defined]
        key = f"{type(item).__name__}:{ident}"
        if ident in store:
            raise ContentError(path, ident, "id", f"duplicate id, first defined in {origin[key]}")
        store[ident] = item
        origin[key] = path


def load_content(extra_dirs: Iterable[Path] = ()) -> Content:
    """Load the shipped content and then each operator pack; raise ContentError on any problem."""
    content = Content()
    for folder in [SHIPPED_DIR, *extra_dirs]:
        folder = Path(folder)
        if not folder.is_dir():
            raise ContentError(folder, None, None, "content pack folder does not exist")
        for path in _files(folder, "topics"):
            _add(content.topics, content.origin, path, _validate(path, Topic, _read_list(path)))
        for path in _files(folder, "sectors"):
            _add(content.sectors, content.origin, path, _validate(path, Sector, _read_list(path)))
        for path in _files(folder, "concepts"):
            _add(content.concepts, content.origin, path, _validate(path, Concept, _read_list(path)))
        for path in _files(folder, "catalogue"):
            items = _validate(path, CatalogueEntry, _read_list(path))
            _add(content.catalogue, content.origin, path, items)
        for path in _files(folder, "prompts"):
            _add(content.prompts, content.origin, path, _validate(path, Prompt, _read_list(path)))
        for path in _files(folder, "standards"):
            standards = _validate(path, Standard, _read_list(path))
            _add(content.standards, content.origin, path, standards)
        for path in _files(folder, "claims"):
            _add(content.claims, content.origin, path, _validate(path, Claim, _read_list(path)))
    cross_check(content)
    check_standards(content)
    return content


def cross_check(content: Content) -> None:
    """Check references between files and that no name points at two entries."""

    def where(kind: str, ident: str) -> Path:
        return content.origin.get(f"{kind}:{ident}", SHIPPED_DIR)

    _check_concepts(content)
    _check_mistakes(content)
    for sector in content.sectors.values():
        for nation, local in sector.by_nation.items():
            for rid in local.regulators:
                entry = content.catalogue.get(rid)
                if entry is None or entry.kind is not Kind.REGULATOR:
                    raise ContentError(where("Sector", sector.id), sector.id,
                                       f"by_nation.{nation}.regulators", f"{rid!r} is not a regulator")
            for lid in local.legislation:
                entry = content.catalogue.get(lid)
                if entry is None or entry.kind is not Kind.LEGISLATION:
                    raise ContentError(where("Sector", sector.id), sector.id,
                                       f"by_nation.{nation}.legislation", f"{lid!r} is not legislation")
        for rid in sector.regulators:
            entry = content.catalogue.get(rid)
            if entry is None or entry.kind is not Kind.REGULATOR:
                raise ContentError(
                    where("Sector", sector.id), sector.id, "regulators", f"{rid!r} is not a regulator"
                )
        for lid in sector.legislation:
            entry = content.catalogue.get(lid)
            if entry is None or entry.kind is not Kind.LEGISLATION:
                raise ContentError(
                    where("Sector", sector.id), sector.id, "legislation", f"{lid!r} is not legislation"
                )

    seen: dict[str, str] = {}
    for entry in content.catalogue.values():
        path = where("CatalogueEntry", entry.id)
        for ref in entry.superseded_by:
            if ref not in content.catalogue:
                raise ContentError(path, entry.id, "superseded_by", f"unknown entry {ref!r}")
        for nation, refs in entry.counterparts.items():
            for ref in refs:
                if ref not in content.catalogue:
                    raise ContentError(path, entry.id, f"counterparts.{nation}", f"unknown entry {ref!r}")
        for sid in entry.sectors:
            if sid not in content.sectors:
                raise ContentError(path, entry.id, "sectors", f"unknown sector {sid!r}")
        for field_name, forms in (
            ("name", [entry.name]),
            ("aliases", entry.aliases),
            ("abbreviations", entry.abbreviations),
            ("misspellings", entry.misspellings),
        ):
            for form in forms:
                key = normalise_form(form)
                if not key:
                    raise ContentError(path, entry.id, field_name, f"{form!r} has no letters")
                owner = seen.get(key)
                if owner is not None and owner != entry.id:
                    raise ContentError(path, entry.id, field_name, f"{form!r} already names entry {owner!r}")
                seen[key] = entry.id

    for prompt in content.prompts.values():
        path = where("Prompt", prompt.id)
        if prompt.topic not in content.topics:
            raise ContentError(path, prompt.id, "topic", f"unknown topic {prompt.topic!r}")
        for sid in prompt.sectors:
            if sid not in content.sectors:
                raise ContentError(path, prompt.id, "sectors", f"unknown sector {sid!r}")
        for point in prompt.marking_points:
            _check_needs(content, path, prompt.id, point)
            if point.check is Check.NAMES_ANY_OF:
                for ref in point.params["ids"]:
                    if ref not in content.catalogue:
                        raise ContentError(
                            path,
                            prompt.id,
                            f"marking_points.{point.id}.params.ids",
                            f"unknown catalogue entry {ref!r}",
                        )


# Gaps of an answer a tip can be for, besides the concepts (bot.assessment.advice).
TIP_GAPS = frozenset(
    {"law", "sector", "policy", "standard", "example", "measurable", "why", "escalation",
     "outdated", "policy_as_law", "key_words", *(c.value for c in Check)}
)


def _check_mistakes(content: Content) -> None:
    kinds = {k.value for k in Kind}
    for topic in content.topics.values():
        path = content.origin.get(f"Topic:{topic.id}", SHIPPED_DIR)
        for n, m in enumerate(topic.mistakes()):
            where = f"common_mistakes.{n}"
            for gap in m.gaps:
                if gap not in TIP_GAPS and gap not in content.concepts:
                    raise ContentError(path, topic.id, f"{where}.gaps", f"unknown gap or concept {gap!r}")
            for sid in m.sectors:
                if sid not in content.sectors:
                    raise ContentError(path, topic.id, f"{where}.sectors", f"unknown sector {sid!r}")
            for named_field, refs in (("when_named", m.when_named), ("unless_named", m.unless_named)):
                for ref in refs:
                    if ref not in kinds and ref not in content.catalogue:
                        problem = f"unknown entry or kind {ref!r}"
                        raise ContentError(path, topic.id, f"{where}.{named_field}", problem)


def _check_concepts(content: Content) -> None:
    for concept in content.concepts.values():
        for ref in sorted(concept.references() - set(concept.steps)):
            if ref not in content.concepts:
                path = content.origin.get(f"Concept:{concept.id}", SHIPPED_DIR)
                raise ContentError(path, concept.id, "terms", f"unknown concept @{ref}")
        for step in concept.steps:
            if step not in content.concepts or content.concepts[step].steps:
                path = content.origin.get(f"Concept:{concept.id}", SHIPPED_DIR)
                problem = (f"unknown concept {step!r}" if step not in content.concepts
                           else f"{step!r} has steps of its own; a step is a concept with terms")
                raise ContentError(path, concept.id, "steps", problem)
        inner = concept.substantive_with
        if inner is not None and inner not in content.concepts:
            path = content.origin.get(f"Concept:{concept.id}", SHIPPED_DIR)
            raise ContentError(path, concept.id, "substantive_with", f"unknown concept {inner}")


def _check_needs(content: Content, path: Path, prompt_id: str, point: MarkingPoint) -> None:
    """Every concept and catalogue id a marking point needs exists."""
    for n, need in enumerate(point.needs):
        where = f"marking_points.{point.id}.needs.{n}"
        for cid in need.concepts:
            if cid not in content.concepts:
                raise ContentError(path, prompt_id, f"{where}.concepts", f"unknown concept {cid!r}")
        for cid in need.about:
            if cid not in content.concepts:
                raise ContentError(path, prompt_id, f"{where}.about", f"unknown concept {cid!r}")
        for ref in [*need.named, *need.relevant]:
            if ref not in content.catalogue:
                raise ContentError(path, prompt_id, f"{where}.named", f"unknown catalogue entry {ref!r}")
def check_standards(content: Content) -> None:
    """The evidence map points at prompts and marking points that exist, at the standard's level,
    and every area of a standard can be evidenced by at least one marking point."""
    for standard in content.standards.values():
        path = content.origin.get(f"Standard:{standard.id}", SHIPPED_DIR)
        openers = {o.id: o for o in standard.openers}
        for opener in standard.openers:
            if opener.id in content.prompts:
                raise ContentError(path, standard.id, f"openers.{opener.id}.id",
                                   "an opener id must not be a prompt id too")
            if opener.topic not in content.topics:
                raise ContentError(path, standard.id, f"openers.{opener.id}.topic",
                                   f"unknown topic {opener.topic!r}")
        covered: set[str] = set()
        seen: set[str] = set()
        for link in standard.evidence:
            where = f"evidence.{link.prompt}"
            if link.prompt in seen:
                raise ContentError(path, standard.id, where, "mapped twice")
            seen.add(link.prompt)
            prompt = content.prompts.get(link.prompt) or openers.get(link.prompt)
            if prompt is None:
                raise ContentError(path, standard.id, where, f"unknown prompt {link.prompt!r}")
            if standard.level not in prompt.levels:
                raise ContentError(path, standard.id, where,
                                   f"prompt is not offered at level {standard.level}")
            points = {m.id for m in prompt.marking_points}
            for point, areas in link.points.items():
                if point not in points:
                    raise ContentError(path, standard.id, f"{where}.points.{point}",
                                       f"{link.prompt!r} has no marking point {point!r}")
                covered.update(areas)
        for opener in standard.openers:
            if opener.id not in seen:
                raise ContentError(path, standard.id, f"openers.{opener.id}",
                                   "an opener needs an evidence entry")
        for area in standard.areas:
            if area.id not in covered:
                raise ContentError(path, standard.id, f"areas.{area.id}",
                                   "no marking point evidences this area")
