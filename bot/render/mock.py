"""The mock discussion's words: its opening, each question (no marks on the way), the status line,
and the readiness report, as Telegram HTML or plain terminal text."""

from __future__ import annotations

from typing import Any

from bot.mock import plan
from bot.mock.service import MockView
from bot.render.feedback import Markup, yes

BAND_LABEL = {
    "not_yet": "Not yet ready",
    "pass": "Pass likely",
    "distinction": "Distinction likely",
}


def render_intro(view: MockView, m: Markup) -> str:
    finish = "press Next or send /done" if m.html else "type /done on a line of its own"
    return "\n".join([
        m.bold(f"Mock professional discussion: {view.minutes} minutes"),
        f"Mapped to {view.standard.code} {view.standard.title} ({len(view.standard.areas)} areas).",
        "",
        "You lead, as in the real thing: answer with real examples, name the laws, policies and "
        "regulators, and say why. I will follow up and move on like an assessor, with no marks "
        "until the end, when you get a readiness report.",
        f"Answer in one or several messages, then {finish}. "
        + ("Pause any time (/mock shows Resume)." if m.html
           else "/mock pause to pause, /mock end to finish."),
    ])


def render_question(view: MockView, m: Markup, *, area_title: str | None = None) -> str:
    question = view.question
    lines = []
    if question.kind == plan.PROBE:
        lines.append(m.italic("The assessor follows up:"))
    elif area_title and question.kind == plan.AREA:
        lines.append(m.italic(f"Thank you. Let's move on to {area_title.lower()}."))
    elif view.number > 1:
        lines.append(m.italic("Thank you."))
    text = question.text.strip()
    lines.append(m.bold(text) if m.html else text)
    lines.append(m.italic(f"Question {view.number} · {view.used_minutes} of {view.minutes} minutes"))
    return "\n".join(lines)


def render_status(view: MockView) -> str:
    return f"✍️ {view.words} words so far · {view.used_minutes} of {view.minutes} minutes"


def render_paused(view: MockView, m: Markup) -> str:
    return "\n".join([
        m.bold("Mock paused."),
        f"{view.used_minutes} of {view.minutes} minutes used; the clock is stopped. Your answer so "
        f"far ({view.words} words) is kept.",
        "Resume whenever you are ready." if m.html else "Type /mock to resume.",
    ])


def render_report(report: dict[str, Any], m: Markup) -> str:
    lines = [
        m.bold(f"Readiness report: {report['code']} {report['title']}"),
        f"{report['questions']} question{'' if report['questions'] == 1 else 's'} in "
        f"{report['active_minutes']} of {report['minutes']} minutes. "
        f"Evidenced {report['evidenced']} of {report['total']} areas.",
        "",
        m.bold(f"Likely band: {BAND_LABEL.get(report['band'], report['band'])}"),
        m.italic("A reading of this mock, not an official grade."),
    ]
    shown = [a for a in report["areas"] if a["evidenced"]]
    missing = [a for a in report["areas"] if not a["evidenced"]]
    if shown:
        lines += ["", m.bold("Evidenced, in your words")]
        for area in shown:
            lines.append(f"{yes(True)} {m.esc(area['title'])}: “{m.esc(area['quote'] or '')}”")
    if missing:
        lines += ["", m.bold("Not yet evidenced")]
        lines += [f"{yes(False)} {m.esc(a['title'])}" for a in missing]
    if report["lift"]:
        lines += ["", m.bold("What would lift it")]
        lines += [f"• {m.esc(item)}" for item in report["lift"]]
    if report["practise"]:
        lines += ["", m.bold("Practise next (now due in your reviews)")]
        lines += [f"{i}. {m.esc(item['title'])}" for i, item in enumerate(report["practise"], start=1)]
    return "\n".join(lines)


def render_report_line(report: dict[str, Any], m: Markup) -> str:
    """One line for an assessor: when, length, coverage, band, and what was not evidenced."""
    when = str(report.get("finished_at", ""))[:10]
    missing = [a["title"] for a in report.get("areas", []) if not a.get("evidenced")]
    gap = f" Not yet: {', '.join(missing[:4])}{'…' if len(missing) > 4 else ''}." if missing else ""
    return (
        f"{m.esc(when)} {report.get('minutes')} min: {report.get('evidenced')}/{report.get('total')} "
        f"areas, {BAND_LABEL.get(str(report.get('band')), '?').lower()}.{m.esc(gap)}"
    )


# -- for assessors (/learner, /cohort, the digest, the export) ------------------------------------

GAPS_SHOWN = 6


def cohort_gaps(reports: list[dict[str, Any]]) -> list[tuple[str, int]]:
    """Areas not yet evidenced in each learner's latest mock, with how many learners, most first
    (ties in the standard's own order)."""
    counts: dict[str, int] = {}
    for report in reports:
        for area in report.get("areas") or []:
            if not area.get("evidenced"):
                counts[str(area.get("title"))] = counts.get(str(area.get("title")), 0) + 1
    return sorted(counts.items(), key=lambda kv: -kv[1])


def render_cohort_gaps(latest: list[dict[str, Any]], learners: int, m: Markup) -> str:
    """One block under a cohort: who has done a mock, and the areas still not evidenced."""
    if not latest:
        return m.italic("Mock discussions: nobody has done one yet.")
    gaps = cohort_gaps(latest)
    done = f"Mock discussions: {len(latest)} of {learners} learners have done one."
    if not gaps:
        return f"{done} Every area was evidenced in their latest mock."
    listed = ", ".join(f"{m.esc(title)} ({n})" for title, n in gaps[:GAPS_SHOWN])
    more = f" and {len(gaps) - GAPS_SHOWN} more" if len(gaps) > GAPS_SHOWN else ""
    return f"{done}\nNot yet evidenced in their latest mock: {listed}{more}."


def render_learner_mocks(reports: tuple[dict[str, Any], ...], shares: bool, m: Markup) -> str | None:
    """The learner's mock reports for /learner: one line each, and the latest in full (their
    words only when they share answer texts)."""
    if not reports:
        return None
    lines = [m.bold("Mock discussions")]
    lines += [render_report_line(r, m) for r in reports]
    latest = reports[0]
    shown = [a for a in latest.get("areas") or [] if a.get("evidenced")]
    if shown:
        lines.append(m.italic("Latest, evidenced:"))
        for area in shown:
            quote = f": “{m.esc(str(area.get('quote') or ''))}”" if shares else ""
            lines.append(f"{yes(True)} {m.esc(str(area.get('title')))}{quote}")
    if latest.get("practise"):
        lines.append("Practising next: " + m.esc("; ".join(str(p["title"]) for p in latest["practise"])))
    return "\n".join(lines)
