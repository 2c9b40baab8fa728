"""Progress: streak in the learner's zone (across midnight and clock changes), mastery, coverage,
the words for Telegram and the terminal, and the chart."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from PIL import Image

from bot.app.services import Services
from bot.mastery.progress import (
    compute_progress,
    key_legislation,
    recency_mastery,
    skill_scores,
)
from bot.render.chart import DISTINCTION_COLOUR, LINE, PASS_COLOUR
from bot.render.feedback import HTML, PLAIN
from bot.render.progress import progress_chart, render_progress
from content.loader import Content
from storage import queries
from tests.helpers import FixedClock

LONDON = ZoneInfo("Europe/London")


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def law(entry_id: str, name: str, *flags: str) -> dict[str, Any]:
    return {"id": entry_id, "kind": "legislation", "name": name, "text": name, "start": 0,
            "end": len(name), "flags": list(flags), "correction": None}


def result(
    *entities: dict[str, Any], star: int = 4, measurable: bool = False, reasoning: bool = False
) -> dict[str, Any]:
    parts = ["situation", "task", "action", "result"]
    return {
        "entities": list(entities),
        "star": {p: i < star for i, p in enumerate(parts)},
        "measurable_result": measurable,
        "reasoning": reasoning,
        "score": 0,
    }


@dataclass
class Row:
    created_at: datetime
    score: int = 60
    topic_id: str = "rules_and_law"
    result: dict[str, Any] = field(default_factory=result)


def summary_at(rows: list[Row], content: Content, now: str, tz: ZoneInfo = LONDON):
    return compute_progress(rows, content=content, now=utc(now), tz=tz)


# -- streak -----------------------------------------------------------------------------------


def test_streak_counts_london_days_across_the_autumn_clock_change(content: Content) -> None:
    # Clocks went back at 01:00 UTC on Sunday 25 October 2026. Each answer below was given just
    # after midnight in London, which is still the previous day in UTC while summer time lasts.
    rows = [
        Row(utc("2026-10-23T23:30:00")),  # 00:30 BST, Saturday 24th
        Row(utc("2026-10-24T23:15:00")),  # 00:15 BST, Sunday 25th (the change is at 01:00 UTC)
        Row(utc("2026-10-26T00:10:00")),  # 00:10 GMT, Monday 26th
    ]
    summary = summary_at(rows, content, "2026-10-26T09:00:00")
    assert summary.streak == 3
    assert summary.practised_today
    # Counted in UTC days, the same answers would show a gap on the 25th.
    assert summary_at(rows, content, "2026-10-26T09:00:00", tz=ZoneInfo("UTC")).streak == 1


def test_streak_counts_london_days_across_the_spring_clock_change(content: Content) -> None:
    # Clocks went forward at 01:00 UTC on Sunday 29 March 2026: nothing was done on the 29th in
    # London, although in UTC there is an answer on the 28th and on the 29th.
    rows = [
        Row(utc("2026-03-28T23:30:00")),  # 23:30 GMT, Saturday 28th
        Row(utc("2026-03-29T23:30:00")),  # 00:30 BST, Monday 30th
    ]
    summary = summary_at(rows, content, "2026-03-30T08:00:00")
    assert summary.streak == 1


def test_a_streak_lasts_until_the_end_of_the_day_after_the_last_answer(content: Content) -> None:
    rows = [Row(utc("2026-11-01T10:00:00")), Row(utc("2026-11-02T18:00:00"))]
    evening = summary_at(rows, content, "2026-11-03T22:59:00")
    assert evening.streak == 2 and not evening.practised_today
    assert "Practise today" in render_progress(evening, PLAIN)
    next_day = summary_at(rows, content, "2026-11-04T00:01:00")
    assert next_day.streak == 0
    assert "Streak: none" in render_progress(next_day, PLAIN)


def test_streak_uses_the_learners_own_zone(content: Content) -> None:
    # 23:30 UTC on the 1st is already the 2nd in Dubai (UTC+4).
    rows = [Row(utc("2026-11-01T23:30:00")), Row(utc("2026-11-02T06:00:00"))]
    assert summary_at(rows, content, "2026-11-02T07:00:00", tz=ZoneInfo("Asia/Dubai")).streak == 1
    assert summary_at(rows, content, "2026-11-02T07:00:00", tz=LONDON).streak == 2


# -- mastery ------------------------------------------------------------------------------------


def test_recent_answers_weigh_more_than_old_ones() -> None:
    assert recency_mastery([1.0, 1.0]) == 100
    assert recency_mastery([]) == 0
    # Weights 0.8 then 1: (0.8 * 0 + 1 * 1) / 1.8
    assert recency_mastery([0.0, 1.0]) == 56
    assert recency_mastery([1.0, 0.0]) == 44


def test_skill_marks_come_from_the_stored_assessment() -> None:
    clean = skill_scores(result(law("equality_act_2010", "Equality Act 2010"), star=3, measurable=True))
    assert clean["legislation"] == 1.0
    assert clean["star"] == 0.75
    assert clean["measurable"] == 1.0 and clean["reasoning"] == 0.0
    assert clean["regulators"] == 0.0 and clean["policies"] == 0.0
    wrong_year = skill_scores(result(law("equality_act_2010", "Equality Act 2010", "wrong_year")))
    assert wrong_year["legislation"] == 0.5
    outdated = skill_scores(result(law("data_protection_act_1998", "Data Protection Act 1998", "outdated")))
    assert outdated["legislation"] == 0.25


def test_mastery_by_topic_and_skill(content: Content) -> None:
    rows = [
        Row(utc("2026-11-01T09:00:00"), score=30, topic_id="rules_and_law", result=result(star=2)),
        Row(utc("2026-11-02T09:00:00"), score=90, topic_id="rules_and_law",
            result=result(law("consumer_rights_act_2015", "Consumer Rights Act 2015"), reasoning=True)),
        Row(utc("2026-11-02T10:00:00"), score=70, topic_id="policies_procedures",
            result=result(law("consumer_rights_act_2015", "Consumer Rights Act 2015"), reasoning=True)),
    ]
    summary = summary_at(rows, content, "2026-11-02T12:00:00")
    topics = {t.key: t for t in summary.topics}
    assert topics["rules_and_law"].value == round(100 * (0.8 * 0.3 + 0.9) / 1.8)
    assert topics["rules_and_law"].answers == 2
    assert topics["policies_procedures"].value == 70
    assert "Monitoring and improving service" in summary.untried_topics
    skills = {s.key: s.value for s in summary.skills}
    assert skills["legislation"] == round(100 * (0.8 + 1) / (0.64 + 0.8 + 1))
    assert skills["measurable"] == 0
    text = render_progress(summary, PLAIN)
    # Regulators, policies and measurable results are all at 0: the first in skill order is named.
    assert "Work on next: regulators." in text
    assert "Working within organisational rules and the law (2 answers)" in text


# -- coverage -------------------------------------------------------------------------------------


def test_key_legislation_is_current_and_for_every_sector(content: Content) -> None:
    names = [e.name for e in key_legislation(content)]
    assert "Consumer Rights Act 2015" in names and "Equality Act 2010" in names
    assert "Sale of Goods Act 1979" not in names  # superseded for consumers
    assert "Consumer Duty" not in names  # finance only
    assert all(not e.superseded and not e.sectors for e in key_legislation(content))


def test_coverage_counts_only_acts_named_correctly(content: Content) -> None:
    rows = [
        Row(utc("2026-11-01T09:00:00"), result=result(
            law("consumer_rights_act_2015", "Consumer Rights Act 2015"),
            law("equality_act_2010", "Equality Act 2010", "wrong_year"),
            law("data_protection_act_1998", "Data Protection Act 1998", "outdated"),
        )),
    ]
    cov = summary_at(rows, content, "2026-11-02T09:00:00").coverage
    assert cov.named == ["Consumer Rights Act 2015"]
    assert cov.check == ["Equality Act 2010"]
    assert "Data Protection Act 2018" in cov.missing
    assert "Data Protection Act 1998" not in cov.missing + cov.named + cov.check
    assert cov.total == len(key_legislation(content))

    # Named correctly later: it moves from "check the year" to named.
    rows.append(Row(utc("2026-11-02T09:00:00"), result=result(law("equality_act_2010", "Equality Act 2010"))))
    cov = summary_at(rows, content, "2026-11-02T10:00:00").coverage
    assert cov.named == ["Consumer Rights Act 2015", "Equality Act 2010"] and cov.check == []
    text = render_progress(summary_at(rows, content, "2026-11-02T10:00:00"), PLAIN)
    assert f"KEY LEGISLATION: 2 OF {cov.total} NAMED CORRECTLY" in text  # PLAIN headings shout


# -- words and picture ----------------------------------------------------------------------------


def test_no_answers_means_a_kind_pointer_to_practice_and_no_chart(content: Content) -> None:
    summary = summary_at([], content, "2026-11-02T09:00:00")
    for m in (HTML, PLAIN):
        text = render_progress(summary, m)
        assert "/practice" in text and "first answer" in text
    assert progress_chart(summary) is None


def test_html_rendering_bolds_headings_and_escapes(content: Content) -> None:
    rows = [Row(utc("2026-11-02T09:00:00"), topic_id="policies_procedures")]
    text = render_progress(summary_at(rows, content, "2026-11-02T10:00:00"), HTML)
    assert "<b>By skill</b>" in text
    assert "Applying your organisation's policies and procedures" in text
    plain = render_progress(summary_at(rows, content, "2026-11-02T10:00:00"), PLAIN)
    assert "<b>" not in plain and "BY SKILL" in plain


def test_chart_is_a_png_with_the_scores_and_both_marks(content: Content) -> None:
    rows = [Row(utc(f"2026-11-0{d}T09:00:00"), score=s) for d, s in ((1, 35), (2, 65), (3, 88))]
    png = progress_chart(summary_at(rows, content, "2026-11-03T10:00:00"))
    assert png is not None and png.startswith(b"\x89PNG")
    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = {c for _, c in image.getcolors(maxcolors=1 << 20) or []}
    assert {LINE, PASS_COLOUR, DISTINCTION_COLOUR} <= colours


# -- from the database ----------------------------------------------------------------------------


async def test_summary_reads_attempts_in_the_learners_zone(services: Services, clock: FixedClock) -> None:
    learner = await services.practice.learner(key="tg:5", telegram_user_id=5, first_name="Jo")
    assert learner.id is not None
    other = await services.practice.learner(key="tg:6", telegram_user_id=6, first_name="Kim")
    assert other.id is not None
    async with services.sessions.begin() as s:
        stored = await s.get(type(learner), learner.id)
        assert stored is not None
        stored.timezone = "Asia/Dubai"
        s.add(stored)
        for when, who in (("2026-11-01T21:00:00", learner.id), ("2026-11-02T05:00:00", learner.id),
                          ("2026-11-02T05:00:00", other.id)):
            await queries.add_attempt(
                s, learner_id=who, prompt_id="rl_refund_dispute", topic_id="rules_and_law",
                text="x", score=70, grade="pass",
                result=result(law("consumer_rights_act_2015", "Consumer Rights Act 2015")),
                now=utc(when),
            )
    clock.set(utc("2026-11-02T06:00:00"))
    summary = await services.progress.summary(learner.id)
    # 21:00 UTC on the 1st is 01:00 on the 2nd in Dubai: one day, not two.
    assert summary.answers == 2 and summary.streak == 1 and summary.practised_today
    assert summary.coverage.named == ["Consumer Rights Act 2015"]
    assert (await services.progress.summary(other.id)).answers == 1
