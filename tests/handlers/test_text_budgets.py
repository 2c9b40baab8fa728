"""Every text under a length budget (issue 16 item 2): nothing a learner did not ask for is over
one phone screen (about 600 characters); what they asked for (Read all, Details, /help for
assessors) stays under Telegram's limit. Templates are filled with long values, and the texts
built from content and assessments are checked over all of the content and the labelled answers.
"""

from __future__ import annotations

import string
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from telegram import Voice

from bot.assessment import Assessor
from bot.mastery.progress import Coverage, Mastery, ProgressSummary
from bot.practice.changes import Changes
from bot.practice.disputes import Disputed
from bot.practice.service import next_probe
from bot.render.disputes import PICK, acknowledge
from bot.render.feedback import HTML, TELEGRAM_LIMIT, render_feedback, render_prompt
from bot.render.progress import render_progress_summary
from bot.render.summary import SCREEN, render_summary
from content.loader import Content
from handlers import texts
from tests.handlers.flow import ask, buttons, last_shown, onboard

# Texts a learner asks for by name, or that only assessors and operators see, with the reason.
ASKED_FOR = {
    "PRIVACY": "the full notice, shown by Read all",
    "ASSESSOR_HELP": "/assessorhelp, for assessors on a computer as often as a phone",
    "ASSESSOR_WELCOME": "the assessor's reference card, sent once when the role is granted",
    "SETWORK_USAGE": "assessors only, with the list of topics",
    "COMMENT_TO_LEARNER": "carries the assessor's comment and the learner's own words",
}
# Long values for template fields: a first name can be 64 characters on Telegram.
LONG = {"name": "N" * 64, "assessor": "A" * 64, "names": "N" * 64, "cohort": "C" * 64}
DATA = Path(__file__).resolve().parents[1] / "data"


def fill(template: str) -> str:
    fields = {f for _, f, _, _ in string.Formatter().parse(template) if f}
    return template.format(**{f: LONG.get(f, "x" * 40) for f in fields})


def all_texts() -> list[tuple[str, str]]:
    return [(k, v) for k, v in vars(texts).items() if k.isupper() and isinstance(v, str)]


@pytest.mark.parametrize(("key", "text"), all_texts(), ids=[k for k, _ in all_texts()])
def test_every_text_fits_its_budget(key: str, text: str) -> None:
    if key in ("FIRST_QUESTION", "MODEL_ANSWER"):
        return  # filled from content: checked over all of it below
    budget = TELEGRAM_LIMIT if key in ASKED_FOR else SCREEN
    assert len(fill(text)) <= budget, f"{key}: {len(fill(text))} characters, budget {budget}"


def test_the_budget_would_catch_a_long_text() -> None:
    assert len(fill(texts.WELCOME)) > 500  # the long name counts


def test_every_question_and_outline_fits_one_screen(content: Content) -> None:
    for prompt in content.prompts.values():
        asked = texts.FIRST_QUESTION.format(prompt=render_prompt(prompt, "T" * 60, HTML))
        assert len(asked) <= SCREEN, prompt.id
        bullets = "\n".join(f"• {b}" for b in prompt.model_answer)
        assert len(texts.MODEL_ANSWER.format(bullets=bullets)) <= SCREEN * 2, prompt.id


def labelled_answers() -> list[dict[str, str]]:
    """Every labelled chat answer in tests/data (each file a list of items with a text)."""
    found: list[dict[str, str]] = []
    for path in sorted(DATA.glob("*.yaml")):
        items = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(items, list):
            found += [i for i in items if isinstance(i, dict) and isinstance(i.get("text"), str)]
    return found


def test_every_feedback_summary_fits_one_screen(content: Content, assessor: Assessor) -> None:
    """Every labelled answer against every prompt of its topic family, with the assessor's
    question and a change since the last try: the summary stays on one screen, the details
    under Telegram's limit."""
    answers = labelled_answers()
    assert len(answers) > 50
    prompts = list(content.prompts.values())
    longest = 0
    for i, item in enumerate(answers):
        prompt = prompts[i % len(prompts)]
        a = assessor.assess(item["text"], prompt=prompt, sector=item.get("sector", "general"))
        probe = next_probe(prompt, a)
        changes = Changes(10, a.score, ["M" * 120, "x"], [], ["N" * 60])
        text = render_summary(a, HTML, probe=probe.text if probe else None, changes=changes)
        longest = max(longest, len(text))
        assert len(text) <= SCREEN, (item.get("id"), text)
        assert "Grade:" in text
        assert len(render_feedback(a, HTML)) <= TELEGRAM_LIMIT
    assert longest > 250  # the check measured real summaries


def test_the_progress_summary_fits_one_screen() -> None:
    label = "A topic with a very long name that goes on and on for the syllabus"
    summary = ProgressSummary(
        answers=120,
        topics=[Mastery(f"t{i}", label, 10 * i, 30) for i in range(5)],
        untried_topics=["x"] * 3,
        skills=[Mastery(f"s{i}", label, 10 * i, 30) for i in range(6)],
        streak=45, practised_today=False,
        coverage=Coverage(named=["N" * 40] * 12, check=["C" * 40] * 5, missing=["M" * 40] * 10),
        scores=[50] * 120, dates=[],
    )
    text = render_progress_summary(summary, HTML)
    assert len(text) <= SCREEN and "Key Acts named: 12 of 27 (5 to check the year)" in text


# A voice note of the longest length accepted (VOICE_MAX_SECONDS, 180 s), heard at about 150
# words a minute: the transcript the "I heard" line and "Replace this part" quote.
LONG_TRANSCRIPT = " ".join(["the customer rang about her refund and I checked our policy"] * 45)


async def test_what_was_heard_is_quoted_within_one_screen(
    harness: Any, services: Any, monkeypatch: Any
) -> None:
    """The "I heard" status line under a long voice note, and the Replace this part answer,
    quote the transcript within one screen (the whole of it is in the answer)."""
    app, request, users = harness

    async def transcribe(_audio: bytes) -> Any:
        return SimpleNamespace(text=LONG_TRANSCRIPT)

    monkeypatch.setattr(services.voice, "transcribe", transcribe)
    monkeypatch.setattr(services.voice, "check_size", lambda _size: None)
    await onboard(app, users)
    await ask(app, users)
    request.files["v1"] = b"OggS"
    request.clear()
    await app.process_update(users.message(None, voice=Voice("v1", "uv1", duration=180, file_size=4)))
    status = request.sent()[-1]
    assert "I heard" in status["text"] and len(status["text"]) <= SCREEN, len(status["text"])
    (fix,) = [b for b in buttons(status) if b.startswith("voice:fix:")]
    await app.process_update(users.press(fix))
    shown = last_shown(request)
    assert "Send the right words" in shown["text"] and len(shown["text"]) <= SCREEN, len(shown["text"])


def test_a_dispute_acknowledgement_fits_one_screen(content: Content) -> None:
    """"That's not right": the acknowledgement names the longest marking point of any prompt."""
    longest = max((p.text for prompt in content.prompts.values() for p in prompt.marking_points), key=len)
    for already in (False, True):
        said = acknowledge(Disputed(point_text=longest, coach_met=True, already=already), HTML)
        assert len(said) <= SCREEN, len(said)
    assert len(PICK) <= SCREEN
