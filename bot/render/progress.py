"""/progress in words and a picture: streak, topics, skills, key Acts, and the score chart."""

from __future__ import annotations

from bot.mastery.progress import CHART_POINTS, Coverage, ProgressSummary
from bot.render.chart import score_chart
from bot.render.feedback import TELEGRAM_LIMIT, Markup


def bar(value: int, width: int = 10) -> str:
    filled = round(value * width / 100)
    return "█" * filled + "░" * (width - filled)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def coverage_lines(cov: Coverage, m: Markup) -> list[str]:
    """Key-legislation coverage, worded once for /progress and the assessor's /learner view."""
    lines = [m.bold(f"Key legislation: {len(cov.named)} of {cov.total} named correctly")]
    if cov.named:
        lines.append(f"✅ {m.esc(', '.join(cov.named))}")
    if cov.check:
        lines.append(f"⚠️ Named, but check the year: {m.esc(', '.join(cov.check))}")
    if cov.missing:
        lines.append(f"Still to name: {m.esc(', '.join(cov.missing))}")
    return lines


def render_progress(summary: ProgressSummary, m: Markup, limit: int = TELEGRAM_LIMIT) -> str:
    """Streak first (it is what keeps people coming back), then topics, skills and the Acts."""
    practise = "/practice"
    if summary.answers == 0:
        return (
            f"{m.bold('Your progress')}\n\n"
            "Nothing to show yet: your progress starts with your first answer. "
            f"Send {practise} for a question; after each answer I'll track your topics, "
            "skills, streak and the key Acts you name."
        )
    out = [f"{m.bold('Your progress')}  ({_plural(summary.answers, 'answer')})", ""]
    if summary.streak == 0:
        out.append(f"Streak: none right now. Answer one question today with {practise} to start one.")
    elif summary.practised_today:
        out.append(f"Streak: {_plural(summary.streak, 'day')} 🔥 You have practised today.")
    else:
        out.append(
            f"Streak: {_plural(summary.streak, 'day')}. Practise today to keep it going."
        )

    out += ["", m.bold("By topic")]
    out += [
        f"{bar(t.value)} {t.value}%  {m.esc(t.label)} ({_plural(t.answers, 'answer')})"
        for t in summary.topics
    ]
    if summary.untried_topics:
        out.append(f"Not tried yet: {m.esc(', '.join(summary.untried_topics))}")

    out += ["", m.bold("By skill")]
    out += [f"{bar(s.value)} {s.value}%  {m.esc(s.label)}" for s in summary.skills]
    weakest = min(summary.skills, key=lambda s: s.value)
    if weakest.value < 80:
        out.append(f"Work on next: {m.esc(weakest.label.lower())}.")

    out += ["", *coverage_lines(summary.coverage, m)]
    text = "\n".join(out)
    if len(text) > limit:
        text = text[: limit - 2].rsplit("\n", 1)[0] + "\n…"
    return text


def render_progress_summary(summary: ProgressSummary, m: Markup) -> str:
    """/progress on one phone screen: streak, best and weakest topic, the skill to work on, and
    the key Acts in one line; the bars and the lists come with Details (render_progress)."""
    if summary.answers == 0:
        return render_progress(summary, m)
    out = [f"{m.bold('Your progress')}  ({_plural(summary.answers, 'answer')})"]
    if summary.streak == 0:
        out.append("Streak: none right now. One answer today starts one.")
    elif summary.practised_today:
        out.append(f"Streak: {_plural(summary.streak, 'day')} 🔥 practised today.")
    else:
        out.append(f"Streak: {_plural(summary.streak, 'day')}. Practise today to keep it going.")
    if summary.topics:
        best = max(summary.topics, key=lambda t: t.value)
        worst = min(summary.topics, key=lambda t: t.value)
        out.append(f"Best topic: {m.esc(_clip(best.label))} {best.value}%")
        if worst is not best:
            out.append(f"Weakest topic: {m.esc(_clip(worst.label))} {worst.value}%")
    if summary.untried_topics:
        out.append(f"Not tried yet: {_plural(len(summary.untried_topics), 'topic')}")
    if summary.skills:
        weakest = min(summary.skills, key=lambda s: s.value)
        if weakest.value < 80:
            out.append(f"Work on next: {m.esc(_clip(weakest.label.lower()))} ({weakest.value}%)")
    cov = summary.coverage
    acts = f"Key Acts named: {len(cov.named)} of {cov.total}"
    if cov.check:
        acts += f" ({len(cov.check)} to check the year)"
    out.append(acts)
    return "\n".join(out)


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def progress_chart(summary: ProgressSummary) -> bytes | None:
    """PNG of the recent scores with the pass and distinction marks; None with no answers.
    CPU-bound (tens of milliseconds): async callers run it in a thread."""
    if not summary.scores:
        return None
    return score_chart(
        summary.scores[-CHART_POINTS:],
        pass_mark=summary.pass_mark,
        distinction_mark=summary.distinction_mark,
        dates=summary.dates[-CHART_POINTS:],
    )
