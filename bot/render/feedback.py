"""Words the coach says, written once and rendered as Telegram HTML or as plain terminal text."""

from __future__ import annotations

import html
from dataclasses import dataclass

from bot.assessment import Assessment
from bot.practice.changes import Changes
from content.models import Check, Prompt

TELEGRAM_LIMIT = 4096
QUOTE_LIMIT = 120  # characters of a learner's words quoted under a met point

GRADE_LABEL = {"not_yet": "Not yet", "pass": "Pass", "distinction": "Distinction"}
KIND_LABEL = {
    "legislation": "Legislation",
    "regulator": "Regulators",
    "policy": "Policies and procedures",
    "standard": "Standards and models",
}
STAR_LABEL = {"situation": "Situation", "task": "Task", "action": "Action", "result": "Result"}


@dataclass(frozen=True)
class Markup:
    """How to emphasise and escape: HTML for Telegram, nothing for the terminal."""

    html: bool

    def esc(self, text: str) -> str:
        return html.escape(text, quote=False) if self.html else text

    def bold(self, text: str) -> str:
        return f"<b>{self.esc(text)}</b>" if self.html else text.upper()

    def italic(self, text: str) -> str:
        return f"<i>{self.esc(text)}</i>" if self.html else text


HTML = Markup(html=True)
PLAIN = Markup(html=False)


def yes(flag: bool) -> str:
    return "✅" if flag else "❌"


def render_prompt(prompt: Prompt, topic_title: str, m: Markup) -> str:
    return "\n".join(
        [
            m.italic(topic_title),
            "",
            m.bold(prompt.text.strip()) if m.html else prompt.text.strip(),
            "",
            "Answer in STAR form: Situation, Task, Action, Result. Name the laws, policies and "
            "regulators that shaped what you did. "
            + ("Send it in one message or several, then press Submit or send /done." if m.html
               else "Type it over one or more lines, then /done on a line of its own."),
        ]
    )


def render_feedback(a: Assessment, m: Markup, limit: int = TELEGRAM_LIMIT) -> str:
    """Corrections first, then what was good, the points missed, and one tip."""
    out: list[str] = [
        f"{m.bold('Grade: ' + GRADE_LABEL[a.grade.value])}  (score {a.score}/100)",
    ]
    if a.grade_reason:
        out.append(m.italic(a.grade_reason))
    corrections = [f.correction for f in a.entities if f.correction]
    corrections += [h.message for h in a.hints]
    if corrections:
        out += ["", m.bold("Corrections")]
        out += [f"• {m.esc(c)}" for c in corrections]

    if a.strengths:
        out += ["", m.bold("What was good")]
        out += [f"• {m.esc(s)}" for s in a.strengths]

    out += ["", m.bold("What you named")]
    if a.entities:
        for kind, label in KIND_LABEL.items():
            names = [f.name for f in a.entities if f.kind == kind]
            if names:
                out.append(f"• {label}: {m.esc(', '.join(names))}")
    if a.also_named:
        # A law the coach does not know is shown as named, never as "nothing yet".
        out.append(f"• Also named, not in my list, so not checked: {m.esc(', '.join(a.also_named))}")
    if not a.entities and not a.also_named:
        out.append("• Nothing yet: name the Act, the regulator or the policy you followed.")

    star = "  ".join(f"{STAR_LABEL[k]} {yes(v)}" for k, v in a.star.items())
    out += [
        "",
        m.bold("STAR"),
        star,
        f"Measurable result {yes(a.measurable_result)}  Explains why {yes(a.explains_why)}",
    ]

    out += ["", m.bold("Marking points")]
    out += render_points(a, m)

    if a.tip:
        out += ["", f"{m.bold('Tip')} {m.esc(a.tip)}"]
    text = "\n".join(out)
    if len(text) > limit:
        text = text[: limit - 2].rsplit("\n", 1)[0] + "\n…"
    return text


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_LIMIT else text[: QUOTE_LIMIT - 1].rsplit(" ", 1)[0] + "…"


def render_points(a: Assessment, m: Markup) -> list[str]:
    """Each met point with the learner's words that met it; each miss as what the coach could
    not find, never as a verdict ("I couldn't find ... If you said it, put it in one sentence.")."""
    lines: list[str] = []
    for p in a.marking_points:
        if not p.met:
            continue
        # The STAR point's words are the four parts, shown on the STAR line above (a result stored
        # before points carried their check is told by its id or its four quotes).
        star = p.check == Check.STAR_COMPLETE.value if p.check else (p.id == "star" or len(p.evidence) >= 4)
        quote = p.evidence[0].text if p.evidence and not star else None
        lines.append(f"✅ {m.esc(p.text.rstrip('.'))}" + (f": “{m.italic(_quote(quote))}”" if quote else ""))
    missed = [p for p in a.marking_points if not p.met]
    for p in missed:
        looked = p.missing or p.text.rstrip(".").lower()
        line = f"🔎 I couldn't find {m.esc(looked)}."
        if p.detail:
            line += f" {m.italic(p.detail)}"
        lines.append(line)
    if missed:
        lines.append(m.italic("If you said it, put it in one sentence."))
    return lines


def render_status(words: int, parts: int) -> str:
    noun = "message" if parts == 1 else "messages"
    return f"Got it: {words} words so far in {parts} {noun}. Add more, or submit when ready."


def render_changes(c: Changes, m: Markup) -> str:
    """What changed since the last try, so effort shows."""
    if c.delta > 0:
        head = f"Score {c.score_before} → {c.score_after} (+{c.delta}). Well done."
    elif c.delta < 0:
        head = f"Score {c.score_before} → {c.score_after} ({c.delta})."
    else:
        head = f"Score unchanged at {c.score_after}."
    lines = [m.bold("Since your last try"), head]
    lines += [f"➕ Now met: {m.esc(t)}" for t in c.newly_met]
    lines += [f"➕ Now named: {m.esc(n)}" for n in c.newly_named]
    lines += [f"➖ No longer met: {m.esc(t)}" for t in c.newly_missed]
    return "\n".join(lines)
