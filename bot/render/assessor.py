"""The assessor's views in words: /cohort (one block per learner) and /learner (one learner in
full). Everything a user typed (names, cohort names, answers) is escaped by Markup; long views
are split between messages at block boundaries, so no tag is ever cut in half."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.cohorts.assignments import Work, WorkStatus
from bot.cohorts.insights import (
    AMBER,
    DOWN,
    GREEN,
    MASTERY_MIN,
    NEW,
    RECENT_WINDOW,
    RED,
    STEADY,
    TOPIC_MIN,
    TREND_WINDOW,
    UP,
    CohortReport,
    LearnerDetail,
    LearnerSummary,
)
from bot.render.feedback import GRADE_LABEL, TELEGRAM_LIMIT, Markup
from bot.render.mock import render_cohort_gaps, render_learner_mocks, render_report_line
from bot.render.progress import bar, coverage_lines

STATUS_ICON = {RED: "🔴", AMBER: "🟠", GREEN: "🟢"}
STATUS_WORD = {RED: "red", AMBER: "amber", GREEN: "green"}
TREND_WORD = {
    UP: "rising", DOWN: "falling", STEADY: "steady",
    NEW: f"not enough answers on one topic to tell (needs {2 * TREND_WINDOW})",
}
TREND_ARROW = {UP: "↑", DOWN: "↓", STEADY: "→", NEW: ""}
EXCERPT = 300


def local(when: datetime | None, tz: ZoneInfo, *, with_time: bool = False) -> str:
    if when is None:
        return "never"
    t = when.astimezone(tz)
    day = f"{t.day} {t:%b %Y}"
    return f"{day} {t:%H:%M}" if with_time else day


def grade_trend(s: LearnerSummary) -> str:
    """`Pass ↑ +8`, or a dash with no answers."""
    if s.latest_grade is None:
        return "no grade yet"
    text = GRADE_LABEL.get(s.latest_grade, s.latest_grade)
    if s.trend in (UP, DOWN) and s.trend_delta is not None:
        text += f" {TREND_ARROW[s.trend]} {s.trend_delta:+d}"
    elif s.trend == "steady":
        text += f" {TREND_ARROW[s.trend]}"
    return text


def pack(blocks: Iterable[str], limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Join blocks with blank lines into as few messages as fit within `limit`."""
    messages: list[str] = []
    current = ""
    for block in blocks:
        if len(block) > limit:
            block = block[: limit - 2].rsplit("\n", 1)[0] + "\n…"
        joined = f"{current}\n\n{block}" if current else block
        if len(joined) <= limit:
            current = joined
        else:
            messages.append(current)
            current = block
    if current:
        messages.append(current)
    return messages


def learner_block(s: LearnerSummary, tz: ZoneInfo, m: Markup) -> str:
    lines = [
        f"{STATUS_ICON[s.status]} {m.bold(s.name)} #{s.learner_id} · last practice "
        f"{local(s.last_practice, tz)}",
        f"{s.attempts_7d} in 7 days · {s.attempts_30d} in 30 days · {grade_trend(s)}",
    ]
    if s.weakest_area:
        lines.append(f"weakest: {m.esc(s.weakest_area)}")
    if s.mocks:
        lines.append("latest mock: " + render_report_line(s.mocks[0], m))
    if s.reasons:
        lines.append(m.italic("; ".join(s.reasons)))
    return "\n".join(lines)


def render_cohorts(report: CohortReport, m: Markup) -> list[str]:
    """Each cohort: a heading with its invite link's state, then one block per learner."""
    blocks: list[str] = []
    for section in report.sections:
        link = (
            f"invite link live until {local(section.invite_expires_at, report.tz)}"
            if section.invite_live and section.invite_expires_at
            else "invite link live, no end date" if section.invite_live
            else "no live invite link (/invite makes one)"
        )
        count = len(section.learners)
        blocks.append(
            f"{m.bold(section.name)} · {count} learner{'s' if count != 1 else ''}\n{link}"
        )
        if not section.learners:
            blocks.append("Nobody has joined yet: send your learners the link from /invite.")
        blocks += [learner_block(s, report.tz, m) for s in section.learners]
        if section.learners:
            latest = [s.mocks[0] for s in section.learners if s.mocks]
            blocks.append(render_cohort_gaps(latest, len(section.learners), m))
    if not report.sections:
        return ["You have no cohorts yet. Create one with /newcohort " + m.esc("<name>") + "."]
    blocks.append(
        "🔴 needs attention · 🟠 watch · 🟢 on track (rules: /assessorhelp). "
        "One learner in full: /learner " + m.esc("<name or #number>")
    )
    return pack(blocks)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


def render_learner(detail: LearnerDetail, m: Markup) -> list[str]:
    s, tz, p = detail.summary, detail.tz, detail.summary.progress
    head = [
        f"{m.bold(s.name)} #{s.learner_id} · {m.esc(', '.join(s.cohorts))}",
        f"Status: {STATUS_ICON[s.status]} {STATUS_WORD[s.status]}"
        + (f": {m.esc('; '.join(s.reasons))}" if s.reasons else ""),
        f"Answers: {s.attempts_total} ({s.attempts_7d} in 7 days, {s.attempts_30d} in 30 days); "
        f"last {local(s.last_practice, tz, with_time=True)}",
    ]
    if s.recent_mean is not None:
        head.append(
            f"Recent average (last {RECENT_WINDOW} answers): {s.recent_mean}; latest grade and trend: "
            f"{grade_trend(s)} ({TREND_WORD[s.trend]})"
        )
    elif s.attempts_total:
        head.append(
            f"Recent average: not enough answers yet (from {RECENT_WINDOW}); latest grade: "
            f"{grade_trend(s)}"
        )
    if s.weakest_area:
        head.append(f"Weakest area: {m.esc(s.weakest_area)}")
    head.append("Shares answer texts: " + ("yes" if s.shares_answers else "no (summaries only)"))
    blocks = ["\n".join(head)]
    if p.topics:
        topics = [m.bold("Mastery by topic")]
        topics += [
            f"{bar(t.value)} {t.value}%  {m.esc(t.label)} ({t.answers})" if t.answers >= TOPIC_MIN
            else f"{m.esc(t.label)}: 1 answer, not enough yet"
            for t in p.topics
        ]
        if p.untried_topics:
            topics.append(f"Not tried yet: {m.esc(', '.join(p.untried_topics))}")
        skills = [m.bold("Mastery by skill")]
        if s.attempts_total >= MASTERY_MIN:
            skills += [f"{bar(k.value)} {k.value}%  {m.esc(k.label)}" for k in p.skills]
        else:
            skills.append(f"Not enough answers yet (from {MASTERY_MIN}): every answer marks all six skills.")
        blocks += ["\n".join(topics), "\n".join(skills)]
    blocks.append("\n".join(coverage_lines(p.coverage, m)))
    mocks = render_learner_mocks(s.mocks, s.shares_answers, m)
    if mocks:
        blocks.append(mocks)
    if detail.recent:
        recent = [m.bold("Recent answers")]
        for a in detail.recent:
            ref = f"A{a.id} · " if a.id is not None else ""
            recent.append(
                f"{ref}{local(a.at, tz, with_time=True)} · {m.esc(a.topic)} · {a.score} "
                f"{GRADE_LABEL.get(a.grade, a.grade)}"
            )
            if a.text is not None:
                text = " ".join(a.text.split())
                text = text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"
                recent.append(f"   “{m.italic(text)}”")
            for said, answer in a.comments:
                recent.append(f"   💬 {m.esc(_short(said))}")
                if answer is not None:
                    recent.append(f"   ↩️ {m.esc(_short(answer))}")
        if not s.shares_answers:
            recent.append(m.italic("Answer texts are not shared by this learner."))
        if any(a.id is not None for a in detail.recent):
            recent.append("Comment on an answer: /comment A" + m.esc("<number> <your words>"))
        blocks.append("\n".join(recent))
    return pack(blocks)


def due_text(work: Work) -> str:
    return f", due {work.due_on.day} {work.due_on:%b}" if work.due_on else ""


def render_work_status(statuses: list[WorkStatus], m: Markup) -> str | None:
    """The Set work block under /cohort: who has done each piece, newest first."""
    if not statuses:
        return None
    lines = [m.bold("Set work") + " (/setwork sets more)"]
    for st in statuses[:10]:
        total, w = len(st.done) + len(st.not_yet), st.work
        line = (f"• {m.esc(w.label)}{due_text(w)}, set {w.set_at.day} {w.set_at:%b}: "
                f"{len(st.done)} of {total} done")
        if st.not_yet:
            line += "; not yet: " + m.esc(", ".join(st.not_yet))
        lines.append(line)
    return "\n".join(lines)
