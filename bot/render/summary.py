"""Feedback in layers: the summary that fits one phone screen, then the details on request.

The first message after Submit carries only what a learner acts on: the grade, the one thing to
fix, what was good, and the assessor's next question. The full checklist and the evidence
(bot.render.feedback.render_feedback) come with "Details". Both are built from the same
Assessment, so the split lives here, in the renderer, whatever the marking adds.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from bot.assessment import Assessment
from bot.assessment.types import Found, Grade, Hint, PointResult, Quote
from bot.practice.changes import Changes
from bot.render.feedback import GRADE_LABEL, Markup

# About one phone screen of a chat message (roughly 15 lines of 40 characters).
SCREEN = 600
# One line of the summary is cut here, so that one long point cannot fill the screen.
LINE = 150


def clip(text: str, limit: int = LINE) -> str:
    """One line, at most `limit` characters, cut at a word."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def fix_first(a: Assessment) -> tuple[str | None, int]:
    """The one thing to fix, and how many more there are (shown in Details): a correction of
    the law first (wrong or superseded), then a hint, then the first missed marking point."""
    items = [f.correction for f in a.entities if f.correction]
    items += [h.message for h in a.hints]
    # A miss is what the coach could not find, never a verdict (as in Details).
    items += [
        f"I couldn't find {p.missing or p.text.rstrip('.').lower()}" + (f" ({p.detail})" if p.detail else "")
        for p in a.marking_points if not p.met
    ]
    if not items and a.tip and a.grade is not Grade.DISTINCTION:
        items = [a.tip]
    return (items[0], len(items) - 1) if items else (None, 0)


def what_was_good(a: Assessment) -> str | None:
    """One thing done well: the engine's own strength if any, else a point met, else a name."""
    if a.strengths:
        return a.strengths[0]
    met = [p.text for p in a.marking_points if p.met]
    if met:
        return met[0]
    if a.entities:
        return "You named " + ", ".join(dict.fromkeys(f.name for f in a.entities))
    return None


def render_changes_short(c: Changes, m: Markup) -> str:
    """Since the last try, in one or two lines."""
    if c.delta > 0:
        head = f"Score {c.score_before} → {c.score_after} (+{c.delta}). Well done."
    elif c.delta < 0:
        head = f"Score {c.score_before} → {c.score_after} ({c.delta})."
    else:
        head = f"Score unchanged at {c.score_after}."
    gained = [*c.newly_met, *c.newly_named]
    if gained:
        more = f" (+{len(gained) - 1} more)" if len(gained) > 1 else ""
        head += f"\n➕ {m.esc(clip(gained[0], 90))}{more}"
    return head


def render_summary(
    a: Assessment, m: Markup, *, probe: str | None = None, changes: Changes | None = None,
    limit: int = SCREEN,
) -> str:
    """Grade, the one thing to fix, what was good, the assessor's question: one screen."""
    fix, more = fix_first(a)
    good = what_was_good(a)
    for width in (LINE, 100, 60):  # narrower lines until it fits (long texts are rare)
        lines = [f"{m.bold('Grade: ' + GRADE_LABEL[a.grade.value])}  (score {a.score}/100)"]
        if changes is not None:
            lines.append(render_changes_short(changes, m))
        if fix:
            extra = f" (+{more} more in Details)" if more else ""
            lines.append(f"🔧 {m.bold('Fix first:')} {m.esc(clip(fix, width))}{extra}")
        if good:
            lines.append(f"👍 {m.bold('Good:')} {m.esc(clip(good, width))}")
        if probe:
            lines.append(f"\n{m.bold('The assessor asks:')} {m.esc(clip(probe, width + 50))}")
            lines.append(m.italic("Type your reply and press Submit, or tap below."))
        text = "\n".join(lines)
        if len(text) <= limit:
            break
    return text


def _known(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}


def assessment_from_result(result: dict[str, Any]) -> Assessment:
    """The Assessment stored with an attempt (Assessment.to_dict()), for Details later. Keys
    the marking adds are ignored here; a field this code does not know keeps its default."""
    entities = [
        Found(**_known(Found, {**e, "entry_id": e.get("id", ""), "flags": tuple(e.get("flags", ()))}))
        for e in result.get("entities", [])
    ]
    return Assessment(
        prompt_id=result.get("prompt"),
        entities=entities,
        star=dict(result.get("star", {})),
        measurable_result=bool(result.get("measurable_result")),
        reasoning=bool(result.get("reasoning")),
        hints=[Hint(**_known(Hint, h)) for h in result.get("hints", [])],
        marking_points=[
            PointResult(**_known(PointResult, {
                **p, "evidence": tuple(Quote(**_known(Quote, q)) for q in p.get("evidence", ()))
            }))
            for p in result.get("marking_points", [])
        ],
        score=int(result.get("score", 0)),
        grade=Grade(result.get("grade", "not_yet")),
        word_count=int(result.get("word_count", 0)),
        tip=result.get("tip"),
        sector=result.get("sector", "general"),
        nation=result.get("nation", "unknown"),
        strengths=list(result.get("strengths", [])),
        grade_reason=result.get("grade_reason", ""),
        also_named=list(result.get("also_named", [])),
    )
