"""`star-coach transcribe`, `star-coach assess --audio` and the terminal's /voice, on committed audio."""

from __future__ import annotations

import io
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bot.app.services import Services
from bot.app.terminal import TerminalChat
from bot.voice.service import VoiceLimits, VoiceService
from storage import mock_queries, queries
from tests.bot.app.test_cli import run_cli
from tests.bot.voice.audio import AUDIO

HEARD = "i listened to the customer and apologized for the delay"


def test_transcribe_prints_the_text_or_json(tmp_path: Path) -> None:
    pocketsphinx = {"VOICE_ENGINE": "pocketsphinx"}  # the default where the whisper extra is not installed
    plain = run_cli("transcribe", str(AUDIO / "listened_gb.ogg"), cwd=tmp_path, env=pocketsphinx)
    assert plain.returncode == 0, plain.stderr
    assert plain.stdout.strip() == HEARD
    as_json = run_cli("transcribe", str(AUDIO / "listened_gb.ogg"), "--json", cwd=tmp_path, env=pocketsphinx)
    found = json.loads(as_json.stdout)
    assert found["text"] == HEARD and found["engine"] == "pocketsphinx"
    assert 3.4 < found["duration"] < 4.0 and found["seconds"] > 0


def test_transcribe_explains_a_file_it_cannot_use(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a recording")
    bad = run_cli("transcribe", "notes.txt", cwd=tmp_path)
    assert bad.returncode == 2 and "could not read that recording" in bad.stderr
    missing = run_cli("transcribe", "nowhere.ogg", cwd=tmp_path)
    assert missing.returncode == 2 and "cannot read nowhere.ogg" in missing.stderr
    assert "Traceback" not in bad.stderr + missing.stderr


def test_assess_audio_transcribes_then_gives_feedback(tmp_path: Path) -> None:
    pocketsphinx = {"VOICE_ENGINE": "pocketsphinx"}
    result = run_cli("assess", "--audio", str(AUDIO / "refund_gb.ogg"), cwd=tmp_path, env=pocketsphinx)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Heard (17.9 s, pocketsphinx): ")
    # The catalogue bias writes the law as the catalogue does (pocketsphinx alone heard
    # "consumer rights oct twenty fifteen").
    assert "Consumer Rights Act 2015" in result.stdout and "GRADE:" in result.stdout
    as_json = run_cli("assess", "--audio", str(AUDIO / "refund_gb.ogg"), "--json", cwd=tmp_path,
                      env=pocketsphinx)
    assert "score" in json.loads(as_json.stdout)


async def test_terminal_voice_adds_what_was_heard(services: Services) -> None:
    services.voice = VoiceService(VoiceLimits(), executor=ThreadPoolExecutor(1))
    lines = [f"/voice {AUDIO / 'listened_gb.ogg'}", "/voice", "/voice nowhere.ogg"]
    out = io.StringIO()
    chat = TerminalChat(services, io.StringIO("\n".join(lines) + "\n"), out, interactive=False)
    assert await chat.run("tester") == 0
    text = out.getvalue()
    assert f"I heard: {HEARD}" in text
    assert "Type /voice and the path of a recording" in text
    assert "I cannot read nowhere.ogg" in text
    learner = await services.practice.learner(key="term:tester")
    async with services.sessions() as s:
        draft = await queries.get_draft(s, learner_id=learner.id)
    assert draft is not None and draft.text == HEARD


async def _chat(services: Services, lines: list[str]) -> str:
    services.voice = VoiceService(VoiceLimits(), executor=ThreadPoolExecutor(1))
    out = io.StringIO()
    chat = TerminalChat(services, io.StringIO("\n".join(lines) + "\n"), out, interactive=False)
    assert await chat.run("tester") == 0
    return out.getvalue()


async def _draft(services: Services) -> str | None:
    learner = await services.practice.learner(key="term:tester")
    async with services.sessions() as s:
        draft = await queries.get_draft(s, learner_id=learner.id)
    return None if draft is None else draft.text


async def test_terminal_replace_puts_the_right_words_in_place_of_the_recording(services: Services) -> None:
    fixed = "I listened to the customer and apologised for the delay."
    out = await _chat(services, [
        "/replace", "A customer rang about a late refund.", f"/voice {AUDIO / 'listened_gb.ogg'}",
        "/replace", f"/replace {fixed}",
    ])
    assert "There is no recording to replace" in out  # before any /voice
    assert "Misheard? /replace and the right words" in out
    assert "Type /replace and the right words" in out
    assert "(Replaced." in out
    assert await _draft(services) == f"A customer rang about a late refund.\n{fixed}"


async def test_terminal_replace_after_more_typing_adds_rather_than_loses(services: Services) -> None:
    out = await _chat(services, [
        f"/voice {AUDIO / 'listened_gb.ogg'}", "Then I refunded her.", "/replace I apologised.",
    ])
    assert "no longer the last part of your answer, so I added your words" in out
    assert await _draft(services) == f"{HEARD}\nThen I refunded her.\nI apologised."


async def _mock_answer(services: Services) -> str:
    learner = await services.practice.learner(key="term:tester")
    assert learner.id is not None
    async with services.sessions() as s:
        row = await mock_queries.open_mock(s, learner_id=learner.id)
    assert row is not None
    return row.answer


async def test_terminal_replace_in_a_mock_discussion(services: Services) -> None:
    """/voice in a mock, then /replace: the mock's answer holds the right words, not the recording;
    typed on since, the words are added instead; after /done, the next question's answer is not touched."""
    fixed = "I listened to the customer and apologised for the delay."
    out = await _chat(services, [
        "/standard ST0072", "/mock 20", "My role is customer adviser.",
        f"/voice {AUDIO / 'listened_gb.ogg'}", f"/replace {fixed}",
    ])
    assert "Misheard? /replace and the right words" in out
    assert "(Replaced. Your answer now has" in out
    assert await _mock_answer(services) == f"My role is customer adviser.\n{fixed}"
    out = await _chat(services, [
        f"/voice {AUDIO / 'listened_gb.ogg'}", "Then I refunded her.", "/replace I apologised.",
    ])
    assert "no longer the last part of your answer, so I added your words" in out
    assert await _mock_answer(services) == (
        f"My role is customer adviser.\n{fixed}\n{HEARD}\nThen I refunded her.\nI apologised."
    )
    out = await _chat(services, [f"/voice {AUDIO / 'listened_gb.ogg'}", "/done", "/replace I apologised."])
    assert "There is no recording to replace" in out
    assert await _mock_answer(services) == ""
