"""The assessor's files: a CSV of the cohort summary and a PDF report (each cohort, then a page
per learner) with charts. Both are built from a CohortReport (bot.cohorts.insights), so they hold
exactly what /cohort shows, and answer texts only of learners who share them.

Rendering is CPU-bound (tens of milliseconds a learner): async callers run it in a thread.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, cast

from fpdf import FPDF, FontFace, XPos, YPos
from PIL import Image

from bot.assessment.engine import DISTINCTION_MARK, PASS_MARK
from bot.cohorts.evidence import AnswerEvidence, LearnerEvidence
from bot.cohorts.insights import (
    AMBER_IDLE_DAYS,
    RED_IDLE_DAYS,
    CohortReport,
    LearnerDetail,
    LearnerSummary,
    cohort_weakest_skill,
)
from bot.render.assessor import STATUS_WORD, TREND_WORD, grade_trend, local
from bot.render.feedback import GRADE_LABEL, PLAIN
from bot.render.mock import render_cohort_gaps, render_report_line
from bot.render.report_charts import STATUS_COLOURS, bar_chart, learner_scores, unicode_font
from bot.render.report_charts import chart as base_chart

CSV_FIELDS = (
    "cohort", "learner_no", "name", "status", "status_reasons", "last_practice", "attempts_7d",
    "attempts_30d", "attempts_total", "latest_grade", "recent_average", "trend", "trend_change",
    "weakest_area", "weakest_topic", "weakest_skill", "key_acts_named", "key_acts_total",
    "shares_answers", "last_mock", "mock_band", "mock_areas_evidenced", "mock_areas_total",
    "mock_not_yet_evidenced",
)
# The evidence file: one row an answer (docs/assessors.md lists the columns; a test pins them).
EVIDENCE_FIELDS = (
    "cohort", "learner_no", "full_name", "first_name", "reference", "standard", "answer_ref",
    "answered_at", "kind", "question_id", "question", "topic", "score", "grade", "points_met",
    "points_missed", "standard_areas", "comments", "answer_text",
)
# A spreadsheet runs a cell that starts with one of these as a formula; names are typed by users.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CHART_ROWS = 20
# An answer can run to 20,000 characters; the report quotes the start of each (the whole text
# is the learner's, in /mydata), which also keeps a large cohort's PDF quick to lay out.
PDF_EXCERPT = 1200
STATUS_RULES = (
    f"Red: has not practised yet; or no practice for {RED_IDLE_DAYS} days or more; or the recent "
    f"average (last 3 answers) is below the pass mark ({PASS_MARK}) and not rising. "
    f"Amber: no practice for {AMBER_IDLE_DAYS} to {RED_IDLE_DAYS - 1} days; or below the pass mark "
    "but rising; or scores falling (5 points or more). Green: everything else."
)


def plural(n: int, word: str) -> str:
    """"1 learner", "2 learners"."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def filename(report: CohortReport, extension: str, cohort: str | None = None, kind: str = "") -> str:
    """`star-coach-<cohort or "cohorts">[-<kind>]-<local date>.<ext>`, in ASCII letters and digits."""
    slug = "cohorts"
    if cohort:
        ascii_name = unicodedata.normalize("NFKD", cohort).encode("ascii", "ignore").decode()
        slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40] or "cohort"
    if kind:
        slug += f"-{kind}"
    return f"star-coach-{slug}-{report.generated_at.astimezone(report.tz):%Y-%m-%d}.{extension}"


# -- CSV --------------------------------------------------------------------------------------


def _safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_row(cohort: str, s: LearnerSummary, report: CohortReport) -> dict[str, Any]:
    cov = s.progress.coverage
    last = s.last_practice.astimezone(report.tz).isoformat(timespec="minutes") if s.last_practice else ""
    return {
        "cohort": cohort, "learner_no": s.learner_id, "name": s.name, "status": s.status,
        "status_reasons": "; ".join(s.reasons), "last_practice": last,
        "attempts_7d": s.attempts_7d, "attempts_30d": s.attempts_30d,
        "attempts_total": s.attempts_total, "latest_grade": s.latest_grade or "",
        "recent_average": "" if s.recent_mean is None else s.recent_mean, "trend": s.trend,
        "trend_change": "" if s.trend_delta is None else s.trend_delta,
        "weakest_area": s.weakest_area or "", "weakest_topic": s.weakest_topic or "",
        "weakest_skill": s.weakest_skill or "",
        "key_acts_named": len(cov.named), "key_acts_total": cov.total,
        "shares_answers": "yes" if s.shares_answers else "no",
        **mock_columns(s.mocks[0] if s.mocks else None),
    }


def mock_columns(report: dict[str, Any] | None) -> dict[str, Any]:
    """The latest mock discussion's readiness, in the CSV (blank without one)."""
    if report is None:
        return {"last_mock": "", "mock_band": "", "mock_areas_evidenced": "", "mock_areas_total": "",
                "mock_not_yet_evidenced": ""}
    return {
        "last_mock": str(report.get("finished_at", ""))[:10], "mock_band": report.get("band", ""),
        "mock_areas_evidenced": report.get("evidenced", ""), "mock_areas_total": report.get("total", ""),
        "mock_not_yet_evidenced": "; ".join(
            str(a.get("title")) for a in report.get("areas") or [] if not a.get("evidenced")
        ),
    }


def cohort_csv(report: CohortReport) -> bytes:
    """One row a learner a cohort; UTF-8 with a byte-order mark so spreadsheets read names right."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for section in report.sections:
        for s in section.learners:
            writer.writerow({k: _safe(v) for k, v in csv_row(section.name, s, report).items()})
    return out.getvalue().encode("utf-8-sig")


def _points(answer: AnswerEvidence, met: bool) -> str:
    return " | ".join(
        p.text + (f": “{p.quote}”" if p.quote else "") for p in answer.points if p.met is met
    )


def _areas(answer: AnswerEvidence) -> str:
    return " | ".join(title + (f": “{quote}”" if quote else "") for title, quote in answer.areas)


def _comments(answer: AnswerEvidence) -> str:
    return " | ".join(
        f"Assessor: {' '.join(said.split())}" + (f" / Learner: {' '.join(back.split())}" if back else "")
        for said, back in answer.comments
    )


def evidence_rows(cohort: str, s: LearnerSummary, evidence: LearnerEvidence, report: CohortReport
                  ) -> list[dict[str, Any]]:
    """One row per answer of one learner, oldest first."""
    filing = evidence.filing
    return [{
        "cohort": cohort, "learner_no": s.learner_id, "full_name": filing.full_name if filing else "",
        "first_name": s.name, "reference": filing.reference if filing else "",
        "standard": evidence.standard, "answer_ref": f"A{a.id}",
        "answered_at": a.at.astimezone(report.tz).isoformat(timespec="minutes"), "kind": a.kind,
        "question_id": a.prompt_id, "question": a.question, "topic": a.topic, "score": a.score,
        "grade": a.grade, "points_met": _points(a, True), "points_missed": _points(a, False),
        "standard_areas": _areas(a), "comments": _comments(a), "answer_text": a.text or "",
    } for a in evidence.answers]


def evidence_csv(report: CohortReport, evidence: Mapping[int, LearnerEvidence]) -> bytes:
    """Every answer of every learner, cohort by cohort, with the columns of EVIDENCE_FIELDS."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EVIDENCE_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for section in report.sections:
        for s in section.learners:
            if s.learner_id in evidence:
                for row in evidence_rows(section.name, s, evidence[s.learner_id], report):
                    writer.writerow({k: _safe(v) for k, v in row.items()})
    return out.getvalue().encode("utf-8-sig")


# -- PDF --------------------------------------------------------------------------------------

# For the built-in font (Latin-1 only): punctuation and the letters NFKD does not take apart.
_ASCII = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "…": "...", "—": "-", "–": "-",
                        "↑": "up", "↓": "down", "→": "steady", "✅": "", "⚠": "", "\ufe0f": "", "•": "-",
                        "Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "ı": "i", "Œ": "OE", "œ": "oe"})


class _Pdf(FPDF):
    def __init__(self, unicode: bool) -> None:
        super().__init__(format="A4")
        self.unicode = unicode
        self.family = "helvetica"
        font = unicode_font() if unicode else None
        if font is not None:
            self.add_font("body", "", str(font[0]))
            self.add_font("body", "B", str(font[1]))
            self.family = "body"
        self.set_auto_page_break(auto=True, margin=15)
        self.set_margins(15, 15, 15)

    def t(self, text: str) -> str:
        """Text the font can draw: with a core font, Latin-1 (accents kept where possible)."""
        if self.family == "body":
            return text
        text = text.translate(_ASCII)
        text = unicodedata.normalize("NFKC", text)
        kept = "".join(
            ch if ord(ch) < 256 else unicodedata.normalize("NFKD", ch)[0] for ch in text
        )
        return kept.encode("latin-1", "replace").decode("latin-1")

    def heading(self, text: str, size: int = 14) -> None:
        self.set_font(self.family, "B", size)
        self.multi_cell(0, size * 0.5, self.t(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)

    def para(self, text: str, size: int = 10) -> None:
        self.set_font(self.family, "", size)
        self.multi_cell(0, 5, self.t(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def picture(self, image: Image.Image, width: float = 180) -> None:
        self.image(image, w=width)
        self.ln(2)

    def rows(self, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int],
             fills: Sequence[tuple[int, int, int] | None] | None = None, column: int = 1) -> None:
        self.set_font(self.family, "", 8)
        with self.table(col_widths=widths, text_align="LEFT", line_height=4.5) as table:
            head = table.row()
            for h in header:
                head.cell(self.t(h), style=FontFace(emphasis="BOLD"))
            for i, values in enumerate(rows):
                row = table.row()
                for j, value in enumerate(values):
                    fill = fills[i] if fills and j == column else None
                    style = FontFace(fill_color=fill, color=(255, 255, 255)) if fill else None
                    row.cell(self.t(value), style=style)
        self.ln(3)


def _cohort_pages(pdf: _Pdf, report: CohortReport, assessor: str) -> None:
    pdf.add_page()
    pdf.heading("STAR Coach: cohort report", 16)
    made = local(report.generated_at, report.tz, with_time=True)
    pdf.para(f"Assessor: {assessor}. Made {made} ({report.tz.key}).")
    # The rules come first, under the title: at the end they could spill a few lines onto a
    # page of their own after the charts.
    pdf.para(f"How the status is decided. {STATUS_RULES}", 8)
    pdf.ln(2)
    for section in report.sections:
        pdf.heading(f"{section.name} ({plural(len(section.learners), 'learner')})", 13)
        if not section.learners:
            pdf.para("Nobody has joined this cohort yet.")
            pdf.ln(3)
            continue
        pdf.rows(
            ("Learner", "Status", "Last practice", "7 days", "30 days", "Grade, trend", "Weakest area"),
            [(f"{s.name} #{s.learner_id}", STATUS_WORD[s.status], local(s.last_practice, report.tz),
              str(s.attempts_7d), str(s.attempts_30d), grade_trend(s), s.weakest_area or "-")
             for s in section.learners],
            (42, 15, 25, 13, 14, 31, 40),
            fills=[STATUS_COLOURS[s.status] for s in section.learners],
        )
        for start in range(0, len(section.learners), CHART_ROWS):
            chunk = section.learners[start : start + CHART_ROWS]
            pdf.picture(bar_chart(
                f"{section.name}: recent average (last 3 answers)",
                [f"{s.name} #{s.learner_id}" for s in chunk], [s.recent_mean for s in chunk],
                [STATUS_COLOURS[s.status] for s in chunk],
                marks=((PASS_MARK, f"Pass {PASS_MARK}", base_chart.PASS_COLOUR),
                       (DISTINCTION_MARK, f"Distinction {DISTINCTION_MARK}", base_chart.DISTINCTION_COLOUR)),
            ), width=170)
        weakest = cohort_weakest_skill(section.learners)
        active = [s for s in section.learners if s.attempts_total]
        if active and weakest:
            skills = active[0].progress.skills
            values = [round(sum(s.progress.skills[i].value for s in active) / len(active))
                      for i in range(len(skills))]
            pdf.picture(bar_chart(f"{section.name}: average mastery by skill",
                                  [k.label for k in skills], values), width=170)
        latest = [s.mocks[0] for s in section.learners if s.mocks]
        pdf.para(render_cohort_gaps(latest, len(section.learners), PLAIN), 9)


def _learner_page(pdf: _Pdf, detail: LearnerDetail, evidence: LearnerEvidence | None = None) -> None:
    s, tz, p = detail.summary, detail.tz, detail.summary.progress
    filing = evidence.filing if evidence else None
    pdf.add_page()
    if filing and filing.full_name:
        pdf.heading(f"{filing.full_name} ({s.name} #{s.learner_id})", 15)
    else:
        pdf.heading(f"{s.name} #{s.learner_id}", 15)
    if evidence is not None:
        pdf.para("Reference: " + (filing.reference if filing else "not set (/setref)")
                 + (f". Standard: {evidence.standard}" if evidence.standard else ""))
    pdf.para(f"Cohort: {', '.join(s.cohorts)}")
    pdf.para(f"Status: {STATUS_WORD[s.status]}" + (f" ({'; '.join(s.reasons)})" if s.reasons else ""))
    pdf.para(f"Answers: {s.attempts_total} ({s.attempts_7d} in the last 7 days, {s.attempts_30d} in "
             f"30 days). Last practice: {local(s.last_practice, tz, with_time=True)}.")
    if s.recent_mean is not None:
        pdf.para(f"Recent average (last 3 answers): {s.recent_mean}. Latest grade and trend: "
                 f"{grade_trend(s)} ({TREND_WORD[s.trend]}).")
    if s.weakest_area:
        pdf.para(f"Weakest area: {s.weakest_area}")
    pdf.para("Shares answer texts: " + ("yes" if s.shares_answers else "no (summaries only)"))
    pdf.ln(3)
    scores = learner_scores(p, s.name)
    if scores is not None:
        pdf.picture(scores, width=160)
    if p.topics:
        pdf.heading("Mastery by topic and skill", 11)
        pdf.rows(("Topic", "Mastery", "Answers"),
                 [(t.label, f"{t.value}%", str(t.answers)) for t in p.topics], (130, 25, 25))
        pdf.rows(("Skill", "Mastery"), [(k.label, f"{k.value}%") for k in p.skills], (130, 50))
    cov = p.coverage
    pdf.heading(f"Key legislation: {len(cov.named)} of {cov.total} named correctly", 11)
    for label, names in (("Named", cov.named), ("Named, check the year", cov.check),
                         ("Still to name", cov.missing)):
        if names:
            pdf.para(f"{label}: {', '.join(names)}", 9)
    if s.mocks:
        pdf.heading("Mock discussions", 11)
        for report in s.mocks:
            pdf.para(render_report_line(report, PLAIN), 9)
        for area in s.mocks[0].get("areas") or []:
            if area.get("evidenced") and s.shares_answers:
                pdf.para(f"{area['title']}: “{area.get('quote') or ''}”", 8)
    if evidence is not None:
        _answers(pdf, evidence.answers, tz, s.shares_answers)
    elif detail.recent:
        pdf.ln(2)
        pdf.heading("Recent answers", 11)
        for a in detail.recent:
            grade = GRADE_LABEL.get(a.grade, a.grade)
            pdf.para(f"{local(a.at, tz, with_time=True)} - {a.topic} - {a.score} ({grade})", 9)
            if a.text is not None:
                text = " ".join(a.text.split())
                text = text if len(text) <= PDF_EXCERPT else text[: PDF_EXCERPT - 1] + "…"
                pdf.para(f"“{text}”", 8)
            for said, answer in a.comments:
                pdf.para(f"Assessor's comment: {' '.join(said.split())}", 8)
                if answer is not None:
                    pdf.para(f"Learner's reply: {' '.join(answer.split())}", 8)
        if not s.shares_answers:
            pdf.para("Answer texts are not shared by this learner.", 8)


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= PDF_EXCERPT else text[: PDF_EXCERPT - 1] + "…"


def _answer_lines(a: AnswerEvidence, tz: Any) -> list[tuple[str, int, str]]:
    """One answer's lines as (style, size, text)."""
    grade = GRADE_LABEL.get(a.grade, a.grade)
    kind = "" if a.kind == "answer" else f" · {a.kind}"
    lines = [("B", 9, f"A{a.id} · {local(a.at, tz, with_time=True)} · {a.topic} · {a.score} ({grade}){kind}"),
             ("", 8, f"Question: {a.question}")]
    lines += [("", 8, f"Met: {pt.text}" + (f" “{pt.quote}”" if pt.quote else ""))
              for pt in a.points if pt.met]
    lines += [("", 8, f"Not yet: {pt.text}") for pt in a.points if not pt.met]
    if a.areas:
        lines.append(("", 8, "Standard areas evidenced: " + "; ".join(t for t, _ in a.areas)))
    if a.text is not None:
        lines.append(("", 8, f"Answer: “{_excerpt(a.text)}”"))
    for said, answer in a.comments:
        lines.append(("", 8, f"Assessor's comment: {' '.join(said.split())}"))
        if answer is not None:
            lines.append(("", 8, f"Learner's reply: {' '.join(answer.split())}"))
    return lines


def _height(pdf: _Pdf, lines: Sequence[tuple[str, int, str]]) -> float:
    total = 0.0
    for style, size, text in lines:
        pdf.set_font(pdf.family, style, size)
        total += cast(float, pdf.multi_cell(0, 5, pdf.t(text), dry_run=True, output="HEIGHT"))
    return total


def _answers(pdf: _Pdf, answers: Sequence[AnswerEvidence], tz: Any, shares: bool) -> None:
    """Every answer as evidence, newest first. Each is kept whole on one page (with the heading
    before the first): a page break never strands a heading or the last few lines of an answer."""
    if not answers:
        return
    pdf.ln(2)
    for n, a in enumerate(reversed(answers)):
        lines = _answer_lines(a, tz)
        if n == 0:
            lines.insert(0, ("B", 11, f"Answers and evidence ({len(answers)})"))
        if pdf.get_y() + _height(pdf, lines) > pdf.page_break_trigger and pdf.get_y() > pdf.t_margin + 1:
            pdf.add_page()
        for style, size, text in lines:
            pdf.set_font(pdf.family, style, size)
            pdf.multi_cell(0, 5, pdf.t(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2)
    if not shares:
        pdf.para("Answer texts and the learner's own words are not shared by this learner.", 8)


def cohort_pdf(
    report: CohortReport, details: Sequence[LearnerDetail], *, assessor: str, unicode: bool = True,
    evidence: Mapping[int, LearnerEvidence] | None = None,
) -> bytes:
    """The cohort pages, then one page a learner (in `details`' order). `unicode=False` forces
    the built-in font (what happens on a system with no Unicode font file). With `evidence`
    (bot.cohorts.evidence), each learner's page names them as filed and lists every answer as
    evidence instead of the recent ones."""
    pdf = _Pdf(unicode)
    pdf.set_title("STAR Coach cohort report")
    pdf.set_creation_date(datetime.fromtimestamp(report.generated_at.timestamp(), report.tz))
    _cohort_pages(pdf, report, assessor)
    for detail in details:
        _learner_page(pdf, detail, (evidence or {}).get(detail.summary.learner_id))
    return bytes(pdf.output())
