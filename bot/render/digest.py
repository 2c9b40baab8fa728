"""The assessor's weekly digest in words: one message per cohort with members."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import timedelta

from bot.cohorts.insights import (
    AMBER,
    RED,
    WEEK_MIN,
    CohortReport,
    cohort_weakest_area,
    cohort_weakest_skill,
)
from bot.render.feedback import Markup
from bot.render.mock import cohort_gaps
from content.loader import Content

# A learner "improved" when this week's mean beats their earlier mean by this many points.
IMPROVED_STEP = 5


def _some(items: list[str], budget: int = 1500) -> str:
    """Names joined, within `budget` characters (so a message never outgrows Telegram's
    limit, however long the names): as many as fit, then how many more."""
    shown: list[str] = []
    for i, item in enumerate(items):
        if sum(len(x) + 2 for x in shown) + len(item) > budget:
            return ", ".join(shown) + f" and {len(items) - i} more"
        shown.append(item)
    return ", ".join(shown)


def render_digest(
    report: CohortReport, m: Markup, content: Content, overdue: Mapping[int, Sequence[str]] | None = None
) -> list[str]:
    """One message per cohort with members; none at all when nobody is in any cohort. It leads
    with who needs attention (red, then amber, then overdue set work: `overdue` maps a learner
    id to the labels of their late work), then who improved, then who was inactive."""
    overdue = overdue or {}
    day = report.generated_at.astimezone(report.tz)
    out: list[str] = []
    for section in report.sections:
        if not section.learners:
            continue
        inactive = [m.esc(s.name) for s in section.learners if s.attempts_7d == 0]
        improved = [
            f"{m.esc(s.name)} (+{s.week_delta})" for s in section.learners
            if s.week_delta is not None and s.week_delta >= IMPROVED_STEP
        ]
        attention = [
            f"{'🔴' if s.status == RED else '🟠'} {m.esc(s.name)} ({m.esc('; '.join(s.reasons))})"
            for s in sorted(section.learners, key=lambda s: (s.status != RED, s.name.casefold()))
            if s.status in (RED, AMBER)
        ]
        late = [
            f"{m.esc(s.name)} ({m.esc('; '.join(overdue[s.learner_id]))})"
            for s in sorted(section.learners, key=lambda s: s.name.casefold()) if overdue.get(s.learner_id)
        ]
        comparable = any(s.week_delta is not None for s in section.learners)
        count = len(section.learners)
        lines = [
            m.bold(f"Weekly digest: {section.name}"),
            f"{count} learner{'s' if count != 1 else ''}, week to {day.day} {day:%b %Y}",
            "",
            "Needs attention: " + (_some(attention) or "nobody, everyone is on track"),
        ]
        if late:
            lines.append("Set work overdue: " + _some(late))
        lines += [
            "Improved this week: " + (
                _some(improved) or ("nobody yet" if comparable else
                                    f"too few answers to compare yet (needs {WEEK_MIN} this week "
                                    f"and {WEEK_MIN} before)")
            ),
            "Inactive (no practice in 7 days): " + (_some(inactive) or "nobody, everyone practised"),
        ]
        area = cohort_weakest_area(section.learners, content)
        skill = cohort_weakest_skill(section.learners)
        if area:
            lines.append(f"Weakest area: {m.esc(area[0])} (average mastery {area[1]}%)")
        if skill:
            lines.append(f"Weakest skill: {m.esc(skill[0])} ({skill[1]}%)")
        week_ago = report.generated_at - timedelta(days=7)
        mocked = [s.name for s in section.learners
                  if s.mocks and str(s.mocks[0].get("finished_at", "")) >= week_ago.isoformat()]
        latest = [s.mocks[0] for s in section.learners if s.mocks]
        if latest:
            lines.append("Mock discussions this week: " + (_some([m.esc(n) for n in mocked]) or "none"))
            gaps = cohort_gaps(latest)
            if gaps:
                lines.append("Not yet evidenced in latest mocks: " + _some(
                    [f"{m.esc(title)} ({n})" for title, n in gaps]
                ))
        lines += ["", f"Details: /cohort; one learner: /learner {m.esc('<name>')}; files: /export"]
        out.append("\n".join(lines))
    return out
