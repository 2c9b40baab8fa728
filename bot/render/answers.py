""""My answers" in words: an index a phone can scroll, one question in full, and a readable HTML
file of the whole book (sent by /answers and beside the JSON of /mydata)."""

from __future__ import annotations

import html
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.mastery.answers import AnswerBook, AnsweredQuestion
from bot.render.feedback import GRADE_LABEL, TELEGRAM_LIMIT, Markup

PER_PAGE = 6
GRADE_MARK = {"distinction": "🌟", "pass": "✅", "not_yet": "🔸"}
# The answer itself is cut here in a chat message (the file always has it whole).
ANSWER_CHARS = 1200


def short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def pages(book: AnswerBook) -> int:
    return max(1, -(-len(book.questions) // PER_PAGE))


def page_items(book: AnswerBook, page: int) -> list[tuple[int, AnsweredQuestion]]:
    """The (number, question) pairs on one page; numbers count from 1 across the book."""
    start = page * PER_PAGE
    return list(enumerate(book.questions, start=1))[start : start + PER_PAGE]


def grade_line(q: AnsweredQuestion) -> str:
    return f"{GRADE_MARK.get(q.best_grade, '')} {GRADE_LABEL.get(q.best_grade, q.best_grade)} {q.best_score}"


def render_index(book: AnswerBook, m: Markup, page: int | None) -> str:
    """One page of the index (None: the whole list, for the terminal)."""
    if not book.questions:
        return (
            f"{m.bold('My answers')}\n\nNothing here yet: every question you answer is kept here "
            "with your best answer, its grade and the model outline, to revise from. "
            + ("Send /practice for a question." if m.html else "Type /next for a question.")
        )
    total = len(book.questions)
    lines = [
        m.bold("My answers") + f"  ({total} question{'s' if total != 1 else ''}, best answer each)",
        "",
    ]
    items = list(enumerate(book.questions, start=1)) if page is None else page_items(book, page)
    for number, q in items:
        lines.append(f"{number}. {grade_line(q)} · {m.esc(short(q.question))}")
    if page is not None and pages(book) > 1:
        lines += ["", f"Page {page + 1} of {pages(book)}"]
    lines += ["", "Tap a number to see your best answer, what the coach found and the model outline."
              if m.html else "Type /answers N to see one in full."]
    return "\n".join(lines)


def render_question(q: AnsweredQuestion, m: Markup, tz: ZoneInfo, *, full: bool = False) -> str:
    when = q.best_at.astimezone(tz)
    tries = "1 try" if q.tries == 1 else f"{q.tries} tries"
    answer = q.best_text.strip()
    if not full and len(answer) > ANSWER_CHARS:
        answer = answer[:ANSWER_CHARS].rsplit(" ", 1)[0] + " …"
    out = [
        m.italic(q.topic),
        m.bold(q.question),
        "",
        f"Your best: {grade_line(q)} ({tries}; best on {when.day} {when:%b %Y})",
        m.esc(answer),
    ]
    if q.points:
        out += ["", m.bold("What the coach found")]
        out += [f"{'✅' if p.met else '❌'} {m.esc(p.text)}" for p in q.points]
    if q.named:
        out.append(f"You named: {m.esc(', '.join(q.named))}")
    if q.tip and q.best_grade != "distinction":
        out.append(f"Tip: {m.esc(q.tip)}")
    if q.model_answer:
        out += ["", m.bold("Model answer outline")]
        out += [f"• {m.esc(b)}" for b in q.model_answer]
    text = "\n".join(out)
    if not full and len(text) > TELEGRAM_LIMIT:  # very long marking texts: cut at a line
        text = text[: TELEGRAM_LIMIT - 2].rsplit("\n", 1)[0] + "\n…"
    return text


def answers_html(book: AnswerBook, *, name: str, generated_at: datetime, tz: ZoneInfo) -> str:
    """The whole book as one self-contained HTML page (opens on any phone or computer, prints)."""
    e = html.escape
    when = generated_at.astimezone(tz)
    parts = [
        "<!doctype html>",
        '<html lang="en-GB"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>My answers – STAR Coach – {e(name)}</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:1rem auto;padding:0 1rem;"
        "line-height:1.45}section{border-top:1px solid #ccc;padding:.5rem 0 1rem}"
        ".answer{white-space:pre-wrap;background:#f5f5f5;padding:.6rem;border-radius:.3rem}"
        ".meta{color:#555}li.met::marker{content:'✅ '}li.missed::marker{content:'❌ '}</style>",
        "</head><body>",
        f"<h1>My answers</h1><p class=\"meta\">{e(name)} · {len(book.questions)} questions · "
        f"made {when.day} {when:%B %Y, %H:%M} ({e(tz.key)})</p>",
    ]
    if not book.questions:
        parts.append("<p>No answers yet.</p>")
    for number, q in enumerate(book.questions, start=1):
        best = q.best_at.astimezone(tz)
        parts += [
            "<section>",
            f"<h2>{number}. {e(q.question)}</h2>",
            f"<p class=\"meta\">{e(q.topic)} · best: {e(GRADE_LABEL.get(q.best_grade, q.best_grade))} "
            f"{q.best_score} on {best.day} {best:%b %Y} · {q.tries} {'try' if q.tries == 1 else 'tries'}</p>",
            f"<div class=\"answer\">{e(q.best_text.strip())}</div>",
        ]
        if q.points:
            parts.append("<h3>What the coach found</h3><ul>")
            parts += [f"<li class=\"{'met' if p.met else 'missed'}\">{e(p.text)}</li>" for p in q.points]
            parts.append("</ul>")
        if q.named:
            parts.append(f"<p>You named: {e(', '.join(q.named))}</p>")
        if q.tip and q.best_grade != "distinction":
            parts.append(f"<p>Tip: {e(q.tip)}</p>")
        if q.model_answer:
            parts.append("<h3>Model answer outline</h3><ul>")
            parts += [f"<li>{e(b)}</li>" for b in q.model_answer]
            parts.append("</ul>")
        parts.append("</section>")
    parts.append("</body></html>")
    return "\n".join(parts)


def answers_filename(generated_at: datetime, tz: ZoneInfo) -> str:
    return f"star-coach-my-answers-{generated_at.astimezone(tz):%Y-%m-%d}.html"
