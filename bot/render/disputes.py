"""Words about disputes: the point picker, the learner's acknowledgement, the assessor's list."""

from __future__ import annotations

from bot.practice.disputes import Disputed
from bot.render.feedback import Markup
from storage.models import PointDispute

MAX_SHOWN = 8
PICK = "Which point did I get wrong? Tap it, and I'll pass it on."
WRONG_USAGE = (
    "After feedback, send /wrong to see its marking points, then /wrong <number> for the one I got wrong."
)


def acknowledge(d: Disputed, m: Markup) -> str:
    """A kind acknowledgement that says what happens next, and what does not."""
    said = "met" if d.coach_met else "missed"
    point = d.point_text.rstrip(".")
    if d.already:
        return (
            f"You've already told me about “{m.esc(point)}”. Thank you: it's with the people "
            "who check my marking."
        )
    return (
        f"Thank you for telling me. I marked “{m.esc(point)}” as {said}, and you think I got "
        "that wrong. I've saved it so the people who check my marking can look at it and teach me "
        "better. Your grade stays as it is for now; you can always answer again."
    )


def render_for_assessor(rows: list[PointDispute], m: Markup) -> str | None:
    """The learner's disagreements with the coach, newest first, for /learner."""
    if not rows:
        return None
    lines = [m.bold("Where they think the coach got it wrong")]
    for r in rows[:MAX_SHOWN]:
        said = "met" if r.coach_met else "missed"
        lines.append(f"A{r.attempt_id} · “{m.esc(r.point_text)}”: the coach said {said}")
    if len(rows) > MAX_SHOWN:
        lines.append(m.italic(f"and {len(rows) - MAX_SHOWN} more"))
    return "\n".join(lines)
