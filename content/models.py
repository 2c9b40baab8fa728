"""Pydantic models for the question bank and the knowledge catalogue.

Every YAML file in a content folder is validated into these models when it is loaded, so a broken
file fails fast with its file, entry and field named (see ``content.loader``).
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from itertools import pairwise
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, model_validator

from content import nations

Ident = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_]*$", max_length=40)]
# One word of a concept term: a word, a prefix ("negotiat*"), or a reference ("@team").
TERM_WORD = re.compile(r"_|#|@[a-z0-9_]+|[A-Za-z0-9£%]+(?:['’][A-Za-z]+)*\*?")
# Where a law or a body applies: a nation, or a grouping legislation.gov.uk uses (content.nations).
Extent = Literal["uk", "gb", "england_and_wales", "england", "wales", "scotland", "northern_ireland"]
Nation = Literal["england", "wales", "scotland", "northern_ireland"]


def expand(extent: list[Extent]) -> frozenset[str]:
    """The nations an extent covers; an empty extent means not stated, so every nation."""
    if not extent:
        return frozenset(nations.NATIONS)
    return frozenset(n for group in extent for n in nations.GROUPS[group])


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# Errors found across several fields start with the field to blame ("probes: ..."); the loader
# moves that name into the error's location so ContentError names the field.


class Kind(StrEnum):
    """What sort of thing a catalogue entry is."""

    LEGISLATION = "legislation"
    REGULATOR = "regulator"
    POLICY = "policy"
    STANDARD = "standard"


class NationSector(_Strict):
    """A sector's bodies and laws in one nation, where they differ from the rest of the UK."""

    regulators: list[Ident] = Field(default_factory=list)
    legislation: list[Ident] = Field(default_factory=list)


class Sector(_Strict):
    """A sector a learner works in, and the bodies an assessor expects them to name."""

    id: Ident
    label: str
    # Regulator/ombudsman entry ids an assessor expects a learner in this sector to know.
    regulators: list[Ident] = Field(default_factory=list)
    # Sector-specific legislation entry ids (e.g. Consumer Credit Act for finance).
    legislation: list[Ident] = Field(default_factory=list)
    # Where a nation has other bodies or laws (water in Scotland: WICS and the SPSO, not Ofwat),
    # they replace the lists above for a learner in that nation.
    by_nation: dict[Nation, NationSector] = Field(default_factory=dict)

    def regulators_in(self, nation: str) -> list[str]:
        local = self.by_nation.get(nation)  # type: ignore[call-overload]
        return list(local.regulators) if local is not None else list(self.regulators)

    def legislation_in(self, nation: str) -> list[str]:
        local = self.by_nation.get(nation)  # type: ignore[call-overload]
        return list(local.legislation) if local is not None else list(self.legislation)


class CatalogueEntry(_Strict):
    """A piece of legislation, a regulator, an organisational policy, or a standard/model/measure."""

    id: Ident
    kind: Kind
    # Canonical name, with its year where the item has one ("Consumer Rights Act 2015").
    name: str = Field(min_length=2)
    year: int | None = Field(default=None, ge=1800, le=2100)
    # Other full or short names a learner may use ("Consumer Rights Act", "CRA 2015").
    aliases: list[str] = Field(default_factory=list)
    # Acronyms: matched as whole tokens only ("CRA", "ICO").
    abbreviations: list[str] = Field(default_factory=list)
    # Misspellings learners really type ("Consumer Right Act", "GDRP").
    misspellings: list[str] = Field(default_factory=list)
    # Forms (from the lists above) that collide with everyday words ("HEAT", "LATER", "STAR"):
    # the engine only accepts them as written in capitals, or with a context word nearby.
    ambiguous: list[str] = Field(default_factory=list)
    # Sector ids this item matters to; empty means every sector.
    sectors: list[Ident] = Field(default_factory=list)
    # One plain-English line on what it means for customer service.
    note: str = Field(min_length=10)
    # For regulators and ombudsmen: what they oversee.
    remit: str | None = None
    # legislation.gov.uk or the body's own site.
    source: HttpUrl
    # When the item took effect, where learners get it wrong (the Consumer Duty: 2023-07-31).
    in_force_from: date | None = None
    # Superseded items: what replaced them, from when, and any scope that survives.
    superseded_by: list[Ident] = Field(default_factory=list)
    superseded_on: date | None = None
    superseded_note: str | None = None
    # Where the replacement happened, when not everywhere: the Disability Discrimination Act 1995
    # was replaced in Great Britain and is still the law in Northern Ireland.
    superseded_in: list[Extent] = Field(default_factory=list)
    # Where it applies (legislation.gov.uk's extent, or the body's remit); empty: not stated.
    extent: list[Extent] = Field(default_factory=list)
    # What applies instead in a nation outside the extent (entry ids), named in the correction.
    counterparts: dict[Nation, list[Ident]] = Field(default_factory=dict)
    # The correction to give outside the extent, where naming the counterparts is not enough.
    extent_note: str | None = None
    # Bodies only: an ombudsman or an approved dispute-resolution scheme (what "which ombudsman?"
    # may offer), and a body that counts in every sector (the ICO: data protection is everywhere).
    ombudsman: bool = False
    every_sector: bool = False

    def applies_in(self, nation: str) -> bool:
        """Whether this item is the law (or the body) for a learner in ``nation``; always true for
        an unknown nation, so the coach never calls a devolved law wrong on a guess."""
        return nation not in nations.NATIONS or nation in expand(self.extent)

    def superseded_for(self, nation: str) -> bool:
        """Replaced where the learner works; an unknown nation is judged as England."""
        if not self.superseded_by:
            return False
        place = nation if nation in nations.NATIONS else nations.ENGLAND
        return not self.superseded_in or place in expand(self.superseded_in)

    @model_validator(mode="after")
    def _check(self) -> CatalogueEntry:
        if self.superseded_by and self.superseded_on is None:
            raise ValueError("superseded_on: required with superseded_by (the date it was replaced)")
        if (self.superseded_on or self.superseded_note) and not self.superseded_by:
            raise ValueError("superseded_by: required with superseded_on or superseded_note")
        if self.id in self.superseded_by:
            raise ValueError("superseded_by: an entry cannot supersede itself")
        forms = {f.casefold() for f in self.all_forms()}
        for amb in self.ambiguous:
            if amb.casefold() not in forms:
                raise ValueError(f"ambiguous: {amb!r} is not one of the entry's names")
        if self.kind is Kind.REGULATOR and not self.remit:
            raise ValueError("remit: a regulator needs a remit")
        if self.superseded_in and not self.superseded_by:
            raise ValueError("superseded_by: required with superseded_in")
        if self.counterparts and not self.extent:
            raise ValueError("extent: required with counterparts (where the item applies)")
        for nation in self.counterparts:
            if nation in expand(self.extent):
                raise ValueError(f"counterparts: {nation} is inside the entry's own extent")
        if (self.ombudsman or self.every_sector) and self.kind is not Kind.REGULATOR:
            raise ValueError("ombudsman: only a body (kind regulator) can be an ombudsman")
        return self

    @property
    def superseded(self) -> bool:
        return bool(self.superseded_by)

    def all_forms(self) -> list[str]:
        """Every surface form the engine should recognise, canonical name first."""
        return [self.name, *self.aliases, *self.abbreviations, *self.misspellings]


class Claim(_Strict):
    """A legal fact learners state (a period or a date), checked in answers (bot.assessment.claims).

    A sentence is checked when every group of ``about`` matches in it (any pattern of a group),
    it carries a claim word before the amount ("have", "must", "the law says", "told her"), and an
    amount in ``unit`` follows. An amount not in ``right`` is corrected with ``rule``.
    """

    id: Ident
    about: list[list[str]] = Field(min_length=1)
    unit: Literal["hours", "days", "weeks", "months", "year"]
    # Amounts that are right, as "30 days", "1 month" (any unit), or years for unit "year".
    right: list[str] = Field(min_length=1)
    # Words right after the amount that mean another rule (the 14 days to cancel, not to reject).
    not_followed_by: str | None = None
    rule: str = Field(min_length=20)
    source: HttpUrl
    # When the rule began: an answer dated before it is not corrected (40 days was the subject
    # access limit under the Data Protection Act 1998).
    since: date | None = None

    @model_validator(mode="after")
    def _check(self) -> Claim:
        for group in self.about:
            for pattern in group:
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise ValueError(f"about: {pattern!r} is not a valid pattern ({exc})") from exc
        for amount in self.right:
            if self.unit == "year":
                if not amount.isdigit():
                    raise ValueError(f"right: {amount!r} is not a year")
            elif not re.fullmatch(r"\d+ (hours?|days?|weeks?|months?)", amount):
                raise ValueError(f"right: {amount!r} is not an amount such as '30 days'")
        return self


class Check(StrEnum):
    """What a marking point checks; the engine implements each one (bot.assessment.marking)."""

    NAMES_LEGISLATION = "names_legislation"  # params: min (default 1)
    NAMES_REGULATOR = "names_regulator"  # params: sector_specific (bool, default false)
    NAMES_POLICY = "names_policy"  # params: min (default 1)
    NAMES_STANDARD = "names_standard"  # params: min (default 1)
    NAMES_ANY_OF = "names_any_of"  # params: ids (catalogue ids), min (default 1)
    STAR_COMPLETE = "star_complete"
    MEASURABLE_RESULT = "measurable_result"
    EXPLAINS_WHY = "explains_why"
    ESCALATION = "escalation"  # recognises the limits of own authority and escalates
    MENTIONS = "mentions"  # params: terms (phrases, fuzzy-matched), min (default 1)
    CONCEPTS = "concepts"  # met when every one of the point's needs is met


# The second words of long forms that a contraction stands for ("it is", "did not").
EXPANDED = frozenset({"is", "not", "am", "are", "will", "would", "have", "had"})


class Concept(_Strict):
    """One idea a learner can put in many words (content/data/concepts.yaml; docs/content.md).

    Each term is a pattern of words: a word matches its inflections (Snowball stems: "apologise"
    matches "apologised"), ``word*`` any word starting so, ``WORD`` in capitals that exact token
    ("IT", not "it"), ``a|b`` either word, ``_`` any one word with content of its own ("returns"
    in "returns policy", never "the" or "our"), ``#`` a figure ("15", "£30", "95%"), ``...`` up
    to three other words, ``@id`` any term
    of another concept. A mention inside a negated or hypothetical clause ("there was no script",
    "I would have apologised") does not count unless ``negatable`` is false.
    """

    id: Ident
    # What the coach looks for, as the end of "I couldn't find ..." ("an apology to the customer").
    says: str = Field(min_length=3)
    terms: list[str] = Field(default_factory=list)
    # A model used without its name: its stages, each a concept, said as what the learner did. The
    # concept is met where at least ``steps_min`` of them are ("let her tell me the whole thing
    # without butting in, said I'd be fed up too, said sorry, said I'd deal with it myself" is HEAT).
    steps: list[Ident] = Field(default_factory=list)
    steps_min: int = Field(default=2, ge=2, le=6)
    negatable: bool = True
    # A mention that contains a mention of this concept says something of the answer's own by
    # itself: "I told my shift manager" names who it went to, where "I escalated it" says nothing.
    substantive_with: Ident | None = None
    # Whether its terms are key words the prompt hands the learner ("apologise", "journey"). False
    # for details only the learner's own case supplies ("within 10 working days"): saying them is
    # substance, not a repeated key word (bot.assessment.needs.keywords_for).
    key_words: bool = True
    # Whether the idea is something the learner does on an occasion ("an apology", "a follow-up
    # call"): a point needing it is met only in an answer with a real example, not by the idea said
    # in general or as a habit with no occasion (bot.assessment.marking.done_on_an_occasion).
    occasion: bool = False
    # Whether the idea is something the learner knows and states in general ("Ofgem sets the rules
    # for suppliers"): said as a definition, or in an answer that is otherwise the prompt's words,
    # it is still the substance (bot.assessment.needs.hits).
    knowledge: bool = False

    @model_validator(mode="after")
    def _terms(self) -> Concept:
        if not self.terms and not self.steps:
            raise ValueError("terms: a concept needs terms, or steps (the concepts of a model's stages)")
        if self.steps and len(self.steps) < self.steps_min:
            raise ValueError(f"steps: {len(self.steps)} steps, fewer than steps_min {self.steps_min}")
        for term in self.terms:
            parts = term.split()
            if not parts or parts[0] == "..." or parts[-1] == "...":
                raise ValueError(f"terms: {term!r}: a term starts and ends with a word")
            for part in parts:
                if part == "...":
                    continue
                for alt in part.split("|"):
                    if not TERM_WORD.fullmatch(alt):
                        raise ValueError(
                            f"terms: {term!r}: {alt!r} is not a word, word*, WORD, _, # or @concept"
                        )
            for first, second in pairwise(parts):
                # "pick up|picking up" reads as "pick", then "up" or "picking", then "up": "|"
                # separates single words, so one word in two neighbouring places means a phrase was
                # split. Write each phrase as its own term.
                same = set(first.split("|")) & set(second.split("|")) - {"...", "_"}
                if "|" in first + second and same:
                    raise ValueError(
                        f"terms: {term!r}: {sorted(same)[0]!r} is in two neighbouring places; '|' "
                        "separates single words, so write each phrase as its own term"
                    )
                # ... and so does one word's form beside another's: "why it happened|kept happening"
                # reads "happened" or "kept", then "happening" (and "after that|afterwards I" asks
                # for "after afterwards").
                forms = [
                    (a, b) for a in first.split("|") for b in second.split("|")
                    if a != b and len(a) > 3 and len(b) > 3 and a[:5].lower() == b[:5].lower()
                    and TERM_WORD.fullmatch(a) and not a.startswith(("@", "_")) and "..." not in (a, b)
                ]
                # ... and so does a contraction beside the second word of its long form: "it's|it is
                # they" reads "it's" or "it", then "is", then "they"; "didn't|did not" asks "didn't not".
                alts = [a.lower() for a in first.split("|")]
                if "|" not in second and second.lower() in EXPANDED and any(
                    "'" in a and b != a and "'" not in b and a.startswith(b) for a in alts for b in alts
                ):
                    raise ValueError(
                        f"terms: {term!r}: a contraction and its long form share one place before "
                        f"{second!r}; '|' separates single words, so write each form as its own term"
                    )
                if "|" in first + second and forms:
                    raise ValueError(
                        f"terms: {term!r}: {forms[0][0]!r} and {forms[0][1]!r} are forms of one word in "
                        "two neighbouring places; '|' separates single words, so write each phrase as "
                        "its own term"
                    )
        return self

    def references(self) -> set[str]:
        return {
            alt[1:] for term in self.terms for part in term.split() for alt in part.split("|")
            if alt.startswith("@")
        } | set(self.steps)


Signal = Literal[
    "situation", "task", "action", "result", "star", "measurable", "change", "reasoning",
    "escalation",
]


class Need(_Strict):
    """One thing a marking point needs: hits from any of its sources, at least ``min`` distinct.

    Sources: ``concepts`` (concept ids), ``named`` (catalogue ids the answer names), ``kind`` (any
    entry of that kind), ``signal`` (a STAR part, a measurable result, a change measured by the
    figures before and after it, a reason, an escalation).
    ``where: result`` counts only hits in the result part of the answer (after its first result
    words), so a figure from the situation is not a measurable result.
    """

    concepts: list[Ident] = Field(default_factory=list)
    named: list[Ident] = Field(default_factory=list)
    kind: Kind | None = None
    signal: Signal | None = None
    min: int = Field(default=1, ge=1, le=5)
    where: Literal["any", "result"] = "any"
    # Named legislation counts only when it is one of these (the laws that can apply here).
    relevant: list[Ident] = Field(default_factory=list)
    # "With its year": a named Act counts only with its right year (no wrong or missing year).
    dated: bool = False
    # "By its full name": an Act named only by its abbreviation ("MCA 2005", "the GDPR") does not count.
    full_name: bool = False
    # What a signal must be about: its hit counts only in a sentence that says one of these concepts
    # ("a measurable fall in complaints": figures of a satisfaction score are about something else).
    about: list[Ident] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_source(self) -> Need:
        if not (self.concepts or self.named or self.kind or self.signal):
            raise ValueError("needs: each need names concepts, named ids, a kind or a signal")
        if self.about and not self.signal:
            raise ValueError("needs: `about` narrows a signal, so it needs one")
        return self


class MarkingPoint(_Strict):
    """One thing the examiner looks for in an answer, written so the engine can check it.

    ``check`` says what sort of point it is (for tips and skills); with ``needs`` the point is met
    when every need is met, otherwise the check itself decides (bot.assessment.marking).
    """

    id: Ident
    check: Check
    # Learner-facing statement of the point ("Names at least two distinct pieces of legislation").
    text: str = Field(min_length=10)
    params: dict[str, Any] = Field(default_factory=dict)
    needs: list[Need] = Field(default_factory=list)
    # What the coach could not find, ending "I couldn't find ..." ("which teams you worked with").
    missing: str | None = None
    # The point asks what the learner used or did on the occasion ("Names the model used", "Uses
    # SMART targets"): met only in an answer with a real example, never by a definition ("LATER
    # stands for ...") or a plan ("next time I'd use PDCA") (bot.assessment.marking).
    occasion: bool = False

    @model_validator(mode="after")
    def _params(self) -> MarkingPoint:
        allowed: dict[Check, set[str]] = {
            Check.NAMES_LEGISLATION: {"min"},
            Check.NAMES_REGULATOR: {"sector_specific"},
            Check.NAMES_POLICY: {"min"},
            Check.NAMES_STANDARD: {"min"},
            Check.NAMES_ANY_OF: {"ids", "min"},
            Check.MENTIONS: {"terms", "min"},
        }
        extra = set(self.params) - allowed.get(self.check, set())
        if extra:
            raise ValueError(f"params: {sorted(extra)} do not apply to check {self.check.value}")
        if self.check is Check.NAMES_ANY_OF and not self.params.get("ids"):
            raise ValueError("params: names_any_of needs ids")
        if self.check is Check.MENTIONS and not (self.params.get("terms") or self.needs):
            raise ValueError("params: mentions needs terms")
        if self.check is Check.CONCEPTS and not self.needs:
            raise ValueError("needs: a concepts point says what it needs")
        minimum = self.params.get("min", 1)
        if not isinstance(minimum, int) or minimum < 1:
            raise ValueError("params: min must be a whole number of at least 1")
        return self


class Probe(_Strict):
    """A follow-up question an assessor asks when a marking point is missed."""

    point: Ident
    text: str = Field(min_length=10)
    # Asked instead when the answer has none of what the point needs: "You've named one law.
    # Which other..." must not follow an answer that named none.
    if_none: str | None = Field(default=None, min_length=10)
    # Asked instead to a learner in that nation, where the question is about a law or body that
    # differs there ("Which body inspects your service?" names the fundamental standards in England).
    by_nation: dict[Nation, Annotated[str, Field(min_length=10)]] = Field(default_factory=dict)

    def for_nation(self, nation: str) -> Probe:
        """The probe as asked of a learner in ``nation`` (itself when it has no text for there)."""
        text = self.by_nation.get(nation)  # type: ignore[call-overload]
        return self if text is None else Probe(point=self.point, text=text)


class Prompt(_Strict):
    """One STAR prompt, phrased as an assessor asks it in a professional discussion."""

    id: Ident
    topic: Ident
    text: str = Field(min_length=20)
    levels: list[Annotated[int, Field(ge=2, le=5)]] = Field(min_length=1)
    # Sector ids where the prompt is sector specific; empty means it suits every sector.
    sectors: list[Ident] = Field(default_factory=list)
    marking_points: list[MarkingPoint] = Field(min_length=2, max_length=5)
    probes: list[Probe] = Field(min_length=1, max_length=3)

    def probe_for(self, point: str | None, nation: str) -> Probe | None:
        """The probe for a marking point, as asked of a learner in ``nation``."""
        probe = next((p for p in self.probes if p.point == point), None)
        return probe.for_nation(nation) if probe is not None else None
    model_answer: list[str] = Field(min_length=3)

    @model_validator(mode="after")
    def _check(self) -> Prompt:
        ids = [m.id for m in self.marking_points]
        if len(ids) != len(set(ids)):
            raise ValueError("marking_points: marking point ids must be unique within a prompt")
        for probe in self.probes:
            if probe.point not in ids:
                raise ValueError(f"probes: {probe.point!r} is not one of this prompt's marking points")
        return self


# The codes of the engine's hints (bot.assessment.hints and claims) a tip can be conditioned on.
HintCode = Literal[
    "vague_law", "vague_regulator", "policy_as_law", "legal_claim", "other_nation", "other_sector",
    "wrong_steps",
]


class Mistake(_Strict):
    """A common mistake, shown as the feedback tip to an answer that made it.

    ``gaps`` say when it fits: a concept id a missed point needs, or a gap of the answer (law,
    sector, policy, example, measurable, why, escalation, outdated, policy_as_law, key_words: an
    answer that mostly repeats the question's words). ``sectors``
    limits it to learners in those sectors (a tip about the FCA is not for a retail learner);
    ``when_named`` to answers naming one of those catalogue ids or kinds ("naming a law without
    saying what it changed" needs a named law); ``unless_named`` to answers naming none of them
    ("saying 'by law' without naming the law" is not for an answer that named the Consumer Rights
    Act 2015 and missed a second law); ``when_hint`` to answers the engine gave one of those hints.
    """

    text: str = Field(min_length=10)
    gaps: list[str] = Field(default_factory=list)
    sectors: list[Ident] = Field(default_factory=list)
    when_named: list[str] = Field(default_factory=list)
    unless_named: list[str] = Field(default_factory=list)
    # Only for an answer the engine gave one of these hints ("vague_law": the answer said "by law" or
    # "data protection" without the Act), so a tip never describes a mistake the learner did not make.
    when_hint: list[HintCode] = Field(default_factory=list)


class Topic(_Strict):
    """A syllabus topic: what it is, its key concepts, common mistakes and examiner points."""

    id: Ident
    title: str
    synopsis: str = Field(min_length=20)
    key_concepts: list[str] = Field(min_length=1)
    # Plain advice, or a Mistake saying which gaps, sectors and answers it fits.
    common_mistakes: list[str | Mistake] = Field(min_length=1)
    marking_points: list[str] = Field(min_length=1)

    def mistakes(self) -> list[Mistake]:
        return [m if isinstance(m, Mistake) else Mistake(text=m) for m in self.common_mistakes]

# -- apprenticeship standards and the evidence map (issue 17) ----------------------------------


class StandardArea(_Strict):
    """One area of a standard's knowledge, skills and behaviours, as the standard titles it.

    `title` is the standard's own heading; `note` is the coach's plain-English line on what
    evidence of it sounds like in a discussion (not the standard's wording).
    """

    id: Ident
    title: str = Field(min_length=3)
    note: str = Field(min_length=10)


class EvidenceLink(_Strict):
    """What one prompt (or mock opener) evidences: for each of its marking points, the areas of
    the standard a met point is evidence of."""

    prompt: Ident
    points: dict[Ident, list[Ident]] = Field(min_length=1)


class Standard(_Strict):
    """An apprenticeship standard (ST0072, ST0071, ...), its areas and what evidences them.

    A standard whose areas could not be confirmed from a public source keeps `areas` empty and
    says why in `unconfirmed`; the mock discussion is then not offered against it.
    """

    id: Ident
    code: str = Field(pattern=r"^ST\d{4}$")
    title: str = Field(min_length=5)
    level: int = Field(ge=2, le=7)
    # The official page for the standard (Institute for Apprenticeships / Skills England).
    source: HttpUrl
    # Where the area titles were read, when that is not `source` itself.
    areas_source: HttpUrl | None = None
    unconfirmed: str | None = None
    areas: list[StandardArea] = Field(default_factory=list)
    # Open invitations that begin a mock discussion, judged like prompts (mock only).
    openers: list[Prompt] = Field(default_factory=list)
    evidence: list[EvidenceLink] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check(self) -> Standard:
        ids = [a.id for a in self.areas]
        if len(ids) != len(set(ids)):
            raise ValueError("areas: area ids must be unique within a standard")
        if not self.areas and not self.unconfirmed:
            raise ValueError("unconfirmed: a standard without areas must say why")
        if self.areas and self.unconfirmed:
            raise ValueError("unconfirmed: only for a standard without areas")
        if self.areas and not self.openers:
            raise ValueError("openers: a standard with areas needs at least one opener")
        known = set(ids)
        for link in self.evidence:
            for point, areas in link.points.items():
                unknown = [a for a in areas if a not in known]
                if unknown:
                    raise ValueError(f"evidence: {link.prompt}.{point} names unknown areas {unknown}")
                if not areas:
                    raise ValueError(f"evidence: {link.prompt}.{point} maps to no area")
        return self

    def area(self, area_id: str) -> StandardArea | None:
        return next((a for a in self.areas if a.id == area_id), None)
