"""The assessor's words and files: /cohort and /learner text, the CSV, the PDF and its charts.
Built from plain summaries (no database, no Telegram)."""

from __future__ import annotations

import csv
import io
import re
import zlib
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from bot.cohorts.evidence import AnswerEvidence, Filing, LearnerEvidence, PointEvidence
from bot.cohorts.insights import AttemptView, CohortReport, CohortSection, LearnerDetail, summarise
from bot.render import chart, reports
from bot.render.assessor import pack, render_cohorts, render_learner
from bot.render.feedback import HTML, TELEGRAM_LIMIT
from bot.render.report_charts import bar_chart, learner_scores
from content.loader import Content

NOW = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
LONDON = ZoneInfo("Europe/London")
SHARED = "I refunded her under the Consumer Rights Act"
PRIVATE = "My secret answer about a parcel"


@dataclass
class Row:
    created_at: datetime
    score: int
    topic_id: str = "rules_and_law"
    grade: str = "pass"
    result: dict[str, Any] = field(default_factory=dict)


def detail(
    content: Content, lid: int, name: str, scores: list[int], *, shares: bool, text: str
) -> LearnerDetail:
    rows = [Row(NOW - timedelta(days=len(scores) - i), s) for i, s in enumerate(scores)]
    s = summarise(lid, name, rows, content=content, now=NOW, tz=LONDON, cohorts=("Retail",),
                  shares_answers=shares)
    recent = [AttemptView(r.created_at, "Rules and law", r.score, r.grade, text if shares else None)
              for r in reversed(rows)]
    return LearnerDetail(s, recent, LONDON)


@pytest.fixture
def people(content: Content) -> list[LearnerDetail]:
    return [
        detail(content, 3, "Lee", [40, 50, 60, 75], shares=True, text=SHARED),
        detail(content, 4, "=HYPERLINK(\"x\") <b>&", [20], shares=False, text=PRIVATE),
        detail(content, 5, "Łukasz Дарья 😀", [], shares=False, text=PRIVATE),
    ]


@pytest.fixture
def report(people: list[LearnerDetail]) -> CohortReport:
    return CohortReport(NOW, LONDON, [CohortSection("Retail", True, NOW + timedelta(days=30),
                                                   [d.summary for d in people])])


def pdf_text(data: bytes) -> str:
    """The text drawn with the built-in font: literal strings in the inflated page streams."""
    out = []
    # Up to "endstream" with the end of line kept: a compressed stream may itself end in a
    # carriage return, and a decompressor object ignores the line end after the data.
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", data, re.DOTALL):
        try:
            out.append(zlib.decompressobj().decompress(stream).decode("latin-1"))
        except zlib.error:
            continue
    return "\n".join(out)


# -- Telegram text ----------------------------------------------------------------------------------


def test_cohort_view_escapes_names_and_shows_each_learner(report: CohortReport) -> None:
    (text,) = render_cohorts(report, HTML)
    assert "<b>Retail</b> · 3 learners" in text and "invite link live until 2 Dec 2026" in text
    assert "=HYPERLINK(\"x\") &lt;b&gt;&amp;" in text and "<b>&" not in text
    assert "🟢 <b>Lee</b> #3" in text or "🟠 <b>Lee</b> #3" in text
    assert "🔴 <b>Łukasz Дарья 😀</b> #5 · last practice never" in text


def test_learner_view_has_texts_only_when_shared(people: list[LearnerDetail]) -> None:
    lee = "\n".join(render_learner(people[0], HTML))
    assert SHARED in lee and "Mastery by skill" in lee and "Key legislation" in lee
    other = "\n".join(render_learner(people[1], HTML))
    assert PRIVATE not in other and "not shared by this learner" in other


def test_long_views_are_split_between_messages_at_block_boundaries() -> None:
    blocks = [f"<b>block {i}</b>\n" + "x" * 900 for i in range(10)]
    messages = pack(blocks)
    assert len(messages) > 2 and all(len(m) <= TELEGRAM_LIMIT for m in messages)
    assert all(m.count("<b>") == m.count("</b>") for m in messages)
    assert "\n\n".join(messages) == "\n\n".join(blocks)


# -- CSV --------------------------------------------------------------------------------------------


def test_csv_has_one_row_a_learner_and_defuses_formulas(report: CohortReport) -> None:
    data = reports.cohort_csv(report)
    assert data.startswith(b"\xef\xbb\xbf")  # spreadsheets then read UTF-8 names right
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(rows[0]) == list(reports.CSV_FIELDS)
    assert [r["name"] for r in rows] == ["Lee", "'=HYPERLINK(\"x\") <b>&", "Łukasz Дарья 😀"]
    lee = rows[0]
    assert (lee["cohort"], lee["learner_no"], lee["attempts_total"], lee["shares_answers"]) == (
        "Retail", "3", "4", "yes")
    assert lee["last_practice"] == "2026-11-01T09:30+00:00" and lee["trend"] == "up"
    assert rows[2]["status"] == "red" and rows[2]["last_practice"] == ""
    assert SHARED.encode() not in data and PRIVATE.encode() not in data  # summaries only


def test_file_names_are_plain_ascii(report: CohortReport) -> None:
    assert reports.filename(report, "csv") == "star-coach-cohorts-2026-11-02.csv"
    named = reports.filename(report, "pdf", "Équipe / März 2026!")
    assert named == "star-coach-equipe-marz-2026-2026-11-02.pdf"
    assert reports.filename(report, "pdf", "Дарья") == "star-coach-cohort-2026-11-02.pdf"


# -- PDF --------------------------------------------------------------------------------------------


def test_pdf_has_the_cohort_then_a_page_a_learner(report: CohortReport, people: list[LearnerDetail]) -> None:
    data = reports.cohort_pdf(report, people, assessor="Olive", unicode=False)
    assert data.startswith(b"%PDF-")
    assert data.count(b"/Type /Page\n") == 1 + len(people)
    text = pdf_text(data)
    assert "STAR Coach: cohort report" in text and "Assessor: Olive" in text
    assert "Lee #3" in text and "(Lukasz ????? ? #5)" in text  # the built-in font keeps what it can
    assert "Consumer Rights Act" in text  # Lee shares answers
    assert "secret answer" not in text  # the others do not
    assert len(re.findall(r"/I\d+ Do", text)) >= 3  # charts: two for the cohort, Lee's scores


def test_pdf_with_a_unicode_font_draws_any_name(
    report: CohortReport, people: list[LearnerDetail], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = reports.cohort_pdf(report, people, assessor="Дарья")
    assert data.startswith(b"%PDF-") and data.count(b"/Type /Page\n") == 4
    # With no Unicode font on the system it falls back to the built-in one, without failing.
    monkeypatch.setattr(reports, "unicode_font", lambda: None)
    assert reports.cohort_pdf(report, people, assessor="Дарья").startswith(b"%PDF-")


def test_pdf_of_an_empty_cohort(content: Content) -> None:
    empty = CohortReport(NOW, LONDON, [CohortSection("New", False, None, [])])
    data = reports.cohort_pdf(empty, [], assessor="Olive", unicode=False)
    assert "Nobody has joined this cohort yet" in pdf_text(data)


# -- charts ---------------------------------------------------------------------------------------


def test_bar_chart_has_a_row_a_label() -> None:
    image = bar_chart("Averages", ["Lee", "Bo", "Nobody"], [72, 20, None], marks=((50, "Pass", (0, 0, 0)),))
    assert image.size[0] == chart.WIDTH
    assert bar_chart("x", ["a"] * 10, [50] * 10).size[1] > image.size[1]


def test_learner_chart_names_the_learner_instead_of_you(people: list[LearnerDetail]) -> None:
    progress = people[0].summary.progress
    plain = Image.open(io.BytesIO(chart.score_chart(
        progress.scores, pass_mark=progress.pass_mark, distinction_mark=progress.distinction_mark,
        dates=progress.dates))).convert("RGB")
    named = learner_scores(progress, "Lee")
    assert named is not None
    assert named.size == plain.size
    title = (chart.LEFT + 1, 0, chart.WIDTH - chart.RIGHT, chart.TOP - 12)
    assert named.crop(title).tobytes() != plain.crop(title).tobytes()
    below = (0, chart.TOP, chart.WIDTH, chart.HEIGHT)
    assert named.crop(below).tobytes() == plain.crop(below).tobytes()  # the plot is untouched
    assert learner_scores(people[2].summary.progress, "Nobody") is None


def test_pdf_carries_comments_and_replies_with_their_answer(
    report: CohortReport, people: list[LearnerDetail]
) -> None:
    lee = people[0]
    first = replace(lee.recent[0], id=11, comments=(("Name the result too.", "Will do, thanks"),))
    people[0] = LearnerDetail(lee.summary, [first, *lee.recent[1:]], lee.tz)
    text = pdf_text(reports.cohort_pdf(report, people, assessor="Olive", unicode=False))
    assert "Assessor's comment: Name the result too." in text
    assert "Learner's reply: Will do, thanks" in text


# -- evidence -------------------------------------------------------------------------------------


def evidence_of(n: int, *, shares: bool, first: int) -> list[AnswerEvidence]:
    return [
        AnswerEvidence(
            first + i, NOW - timedelta(days=n - i), "answer", "rl_refund", "Tell me about a refund.",
            "Rules and law", 60, "pass",
            (PointEvidence("Names the Act", True, "the Consumer Rights Act 2015" if shares else None),
             PointEvidence("Says why", False, None)),
            (("Meeting regulations and legislation", "I refunded her" if shares else None),),
            (("=Good, name the result", "Thanks"),), SHARED if shares else None,
        )
        for i in range(n)
    ]


def test_evidence_csv_columns_are_pinned_and_rows_carry_each_answer(
    report: CohortReport, people: list[LearnerDetail]
) -> None:
    evidence = {
        3: LearnerEvidence(Filing("1234567890", "Lee Jordan Smith"), "ST0072 Customer service practitioner",
                           evidence_of(2, shares=True, first=10)),
        4: LearnerEvidence(None, "", evidence_of(1, shares=False, first=20)),
    }
    data = reports.evidence_csv(report, evidence)
    assert data.startswith("\ufeff".encode())
    header = data.decode("utf-8-sig").splitlines()[0]
    assert header == (  # documented in docs/assessors.md: change both together, never silently
        "cohort,learner_no,full_name,first_name,reference,standard,answer_ref,answered_at,kind,"
        "question_id,question,topic,score,grade,points_met,points_missed,standard_areas,comments,"
        "answer_text"
    )
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r["answer_ref"] for r in rows] == ["A10", "A11", "A20"]
    lee, _, other = rows
    assert (lee["full_name"], lee["reference"], lee["first_name"]) == (
        "Lee Jordan Smith", "1234567890", "Lee")
    assert lee["points_met"] == "Names the Act: “the Consumer Rights Act 2015”"
    assert lee["points_missed"] == "Says why"
    assert lee["standard_areas"] == "Meeting regulations and legislation: “I refunded her”"
    assert lee["comments"] == "Assessor: =Good, name the result / Learner: Thanks"
    assert lee["answered_at"].startswith("2026-10-31T") and lee["answer_text"] == SHARED
    assert other["full_name"] == other["reference"] == other["answer_text"] == ""
    assert other["first_name"] == "'=HYPERLINK(\"x\") <b>&"  # a formula is defused
    assert other["points_met"] == "Names the Act"


def page_streams(data: bytes) -> list[str]:
    """Each page's drawn text (the built-in font), in page order."""
    pages = data.count(b"/Type /Page\n")
    streams = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.DOTALL):
        try:
            streams.append(zlib.decompress(stream).decode("latin-1"))
        except zlib.error:
            continue
    return streams[:pages]


@pytest.mark.parametrize("answers", [1, 3, 12, 40])
def test_pdf_keeps_each_answer_whole_and_leaves_no_stray_page(
    report: CohortReport, people: list[LearnerDetail], answers: int
) -> None:
    evidence = {3: LearnerEvidence(Filing("1234567890", "Lee Jordan Smith"), "ST0072",
                                   evidence_of(answers, shares=True, first=100)),
                4: LearnerEvidence(None, "", evidence_of(answers, shares=False, first=500)),
                5: LearnerEvidence(None, "", [])}
    data = reports.cohort_pdf(report, people, assessor="Olive", unicode=False, evidence=evidence)
    pages = page_streams(data)
    assert all(" Tj" in page for page in pages)  # no blank page
    text = "\n".join(pages)
    assert "Lee Jordan Smith \\(Lee #3\\)" in text and "Reference: 1234567890" in text
    assert "Reference: not set \\(/setref\\)" in text  # nothing guessed
    assert "Question: Tell me about a refund." in text and "Standard areas evidenced" in text
    for ident in [*range(100, 100 + answers), *range(500, 500 + answers)]:
        (page,) = [p for p in pages if f"(A{ident} " in p]  # each answer on exactly one page
        head = page.index(f"(A{ident} ")
        assert "Assessor's comment: =Good" in page[head:]  # its last lines on the same page
    if answers == 1:
        assert len(pages) == 1 + len(people)  # one short answer fits under each learner's page


def test_pdf_heading_counts_one_learner_as_one(people: list[LearnerDetail]) -> None:
    one = CohortReport(NOW, LONDON, [CohortSection("Solo", True, None, [people[0].summary])])
    text = pdf_text(reports.cohort_pdf(one, people[:1], assessor="Olive", unicode=False))
    assert "Solo \\(1 learner\\)" in text
