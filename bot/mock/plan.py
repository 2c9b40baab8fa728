"""What a mock discussion asks next, and what each answer evidenced: plain functions, no database.

A real professional discussion is led by the apprentice: the assessor opens with open invitations,
follows an answer with a probe where something was missing, then steers to what has not been
evidenced yet, and gives no marks until the end. `next_question` does the same over a standard's
evidence map (content/data/standards/), and `evidenced` reads which areas an answer showed from
the assessor's public result (marking points met, with their evidence), not from its internals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from content.loader import Content
from content.models import Check, Prompt, Standard

LENGTHS = (20, 40, 60)
# About four minutes a question, as assessors pace an hour's discussion; the time limit decides
# first when answers are long.
MINUTES_PER_QUESTION = 4
OPENERS_BY_LENGTH = {20: 2, 40: 3, 60: 4}
QUOTE_CHARS = 200



class QuestionKind(StrEnum):
    """An open invitation, a probe into the answer before, or a question steering to an area."""

    OPENER = "opener"
    PROBE = "probe"
    AREA = "area"


OPENER, PROBE, AREA = QuestionKind.OPENER, QuestionKind.PROBE, QuestionKind.AREA


@dataclass(frozen=True)
class Question:
    """A question to put to the learner: `kind` opener, probe or area; for a probe the point it
    follows up and the turn whose answer it builds on; for an area question the area aimed at."""

    prompt_id: str
    kind: QuestionKind
    text: str
    probe_point: str | None = None
    parent_turn: int | None = None
    area: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "prompt": self.prompt_id, "kind": self.kind, "text": self.text,
            "probe_point": self.probe_point, "parent_turn": self.parent_turn, "area": self.area,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Question:
        return cls(
            prompt_id=str(data["prompt"]), kind=QuestionKind(data["kind"]), text=str(data["text"]),
            probe_point=data.get("probe_point"), parent_turn=data.get("parent_turn"),
            area=data.get("area"),
        )


def budget(minutes: int) -> int:
    """How many questions a mock of this length asks at most."""
    return max(3, minutes // MINUTES_PER_QUESTION)


def point_areas(standard: Standard, prompt_id: str) -> dict[str, list[str]]:
    link = next((e for e in standard.evidence if e.prompt == prompt_id), None)
    return dict(link.points) if link else {}


def covered(turns: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Each area evidenced so far, with the first turn that showed it and the learner's words."""
    found: dict[str, dict[str, Any]] = {}
    for turn in turns:
        for area, quote in (turn.get("evidenced") or {}).items():
            found.setdefault(area, {"turn": turn["n"], "quote": quote})
    return found


def _sentences(text: str) -> list[tuple[int, int, str]]:
    spans = []
    for match in re.finditer(r"[^.!?\n]+[.!?]*", text):
        sentence = match.group().strip()
        if sentence:
            spans.append((match.start(), match.end(), sentence))
    return spans


def _trim(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1].rstrip() + "…"


def _evidence_text(value: Any) -> str | None:
    """The marking result's own evidence for a point, in whichever shape it comes: a string, a
    span {"text": ...}, or a list of either."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _evidence_text(value.get("text"))
    if isinstance(value, list):
        parts = [t for t in (_evidence_text(v) for v in value) if t]
        return " … ".join(parts) or None
    return None


_CUES = {
    Check.MEASURABLE_RESULT: re.compile(r"\d|per ?cent|halved|doubled", re.I),
    Check.EXPLAINS_WHY: re.compile(r"\b(because|so that|so the|which meant|in order to|otherwise)\b", re.I),
    Check.ESCALATION: re.compile(r"\b(escalat\w*|manager|supervisor|team leader|referred|passed)\b", re.I),
}
_KINDS = {
    Check.NAMES_LEGISLATION: {"legislation"}, Check.NAMES_REGULATOR: {"regulator"},
    Check.NAMES_POLICY: {"policy"}, Check.NAMES_STANDARD: {"standard"},
    Check.NAMES_ANY_OF: {"legislation", "regulator", "policy", "standard"},
}


def quote_for(prompt: Prompt, point_id: str, point_result: dict[str, Any], result: dict[str, Any],
              text: str) -> str:
    """The learner's own words that met a marking point: the result's evidence where it gives
    some, else the sentence that names what the point asks for, else the first sentence."""
    own = _evidence_text(point_result.get("evidence"))
    if own:
        return _trim(own)
    sentences = _sentences(text) or [(0, len(text), text)]
    point = next((m for m in prompt.marking_points if m.id == point_id), None)
    if point is not None:
        kinds = _KINDS.get(point.check)
        if kinds:
            ids = set(point.params.get("ids", []))
            for entity in result.get("entities") or []:
                if entity.get("kind") in kinds and (not ids or entity.get("id") in ids):
                    start = int(entity.get("start", 0))
                    for s, e, sentence in sentences:
                        if s <= start < e:
                            return _trim(sentence)
        if point.check is Check.MENTIONS:
            terms = [str(t).casefold() for t in point.params.get("terms", [])]
            for _, _, sentence in sentences:
                if any(t in sentence.casefold() for t in terms):
                    return _trim(sentence)
        cue = _CUES.get(point.check)
        if cue is not None:
            for _, _, sentence in sentences:
                if cue.search(sentence):
                    return _trim(sentence)
    return _trim(sentences[0][2])


def evidenced(standard: Standard, prompt: Prompt, result: dict[str, Any], text: str) -> dict[str, str]:
    """The areas this answer evidenced (met marking points, through the map), each with a quote."""
    mapping = point_areas(standard, prompt.id)
    found: dict[str, str] = {}
    for point in result.get("marking_points") or []:
        if not point.get("met"):
            continue
        for area in mapping.get(str(point.get("id")), []):
            found.setdefault(area, quote_for(prompt, str(point["id"]), point, result, text))
    return found


def missed_points(result: dict[str, Any]) -> list[str]:
    return [str(p["id"]) for p in result.get("marking_points") or [] if not p.get("met")]


def _probe(standard: Standard, prompt: Prompt, result: dict[str, Any], done: set[str]) -> str | None:
    """The first missed point with a probe whose areas are still not evidenced."""
    mapping = point_areas(standard, prompt.id)
    for point_id in missed_points(result):
        areas = mapping.get(point_id, [])
        if areas and all(a in done for a in areas):
            continue
        if any(p.point == point_id for p in prompt.probes):
            return point_id
    return None


def _asked(turns: list[dict[str, Any]]) -> set[str]:
    return {str(t["prompt"]) for t in turns}


def candidates(content: Content, standard: Standard, sector: str) -> list[Prompt]:
    """The question-bank prompts the mock may ask for this standard (openers excluded)."""
    openers = {o.id for o in standard.openers}
    found = []
    for link in standard.evidence:
        prompt = content.prompts.get(link.prompt)
        if prompt is None or link.prompt in openers:
            continue
        if prompt.sectors and sector not in prompt.sectors:
            continue
        found.append(prompt)
    return found


def next_question(
    content: Content, standard: Standard, *, minutes: int, turns: list[dict[str, Any]], sector: str,
) -> Question | None:
    """What the assessor asks after the last turn, or None when the discussion is over (the
    question budget is spent, every area is evidenced, or nothing is left to ask)."""
    if len(turns) >= budget(minutes):
        return None
    done = set(covered(turns))
    if done >= {a.id for a in standard.areas}:
        return None
    if turns:
        last = turns[-1]
        # One probe per question, as an assessor follows up once and then moves on.
        if last["kind"] != PROBE:
            prompt = content.mock_prompt(str(last["prompt"]))
            point_id = _probe(standard, prompt, last.get("result") or {}, done) if prompt else None
            if prompt is not None and point_id is not None:
                nation = str((last.get("result") or {}).get("nation") or "unknown")
                probe = prompt.probe_for(point_id, nation)
                assert probe is not None  # _probe only names points that have one
                return Question(prompt.id, PROBE, probe.text, probe_point=point_id, parent_turn=last["n"])
    asked = _asked(turns)
    openers_asked = sum(1 for t in turns if t["kind"] == OPENER)
    if openers_asked < OPENERS_BY_LENGTH.get(minutes, 2):
        for opener in standard.openers:
            areas = {a for pts in point_areas(standard, opener.id).values() for a in pts}
            if opener.id not in asked and not areas <= done:
                return Question(opener.id, OPENER, opener.text)
    # Steer to the first area not yet evidenced (in the standard's order) that no question has
    # aimed at yet, then to those already tried; ask the unasked prompt that evidences it and
    # as many other missing areas as possible.
    pending = [a.id for a in standard.areas if a.id not in done]
    targeted = {t.get("area") for t in turns}
    pool = [p for p in candidates(content, standard, sector) if p.id not in asked]
    for area in [a for a in pending if a not in targeted] + [a for a in pending if a in targeted]:
        best: tuple[int, str] | None = None
        chosen: Prompt | None = None
        for prompt in pool:
            areas = {a for pts in point_areas(standard, prompt.id).values() for a in pts}
            if area not in areas:
                continue
            key = (-len(areas & set(pending)), prompt.id)
            if best is None or key < best:
                best, chosen = key, prompt
        if chosen is not None:
            return Question(chosen.id, AREA, chosen.text, area=area)
    return None
