"""The optional engine, faster-whisper with the Whisper tiny.en model the `whisper` extra installs
(the test extra installs it too), end to end on committed recordings: real speech from
tests/data/audio/real and a synthesised voice note. Nothing is downloaded."""

from __future__ import annotations

import asyncio
import json
import socket
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from bot.app.settings import Settings
from bot.assessment import Assessor
from bot.voice import whisper
from bot.voice.decode import decode
from bot.voice.engines import engine
from bot.voice.service import VoiceLimits, VoiceService
from bot.voice.vocabulary import catalogue_forms
from content.loader import load_content
from tests.bot.app.test_cli import run_cli
from tests.bot.voice.audio import AUDIO, REFERENCES, clip, wer

REAL = AUDIO / "real"
CONTENT = load_content()
VOCABULARY = catalogue_forms(CONTENT)
ASSESSOR = Assessor(CONTENT)


@pytest.fixture(scope="module")
def recogniser() -> whisper.FasterWhisper:
    return whisper.FasterWhisper()


@pytest.fixture(scope="module")
def biased() -> whisper.FasterWhisper:
    """As the bot builds it: told the catalogue's most-named names."""
    return whisper.FasterWhisper(VOCABULARY)


def _names(text: str) -> set[str]:
    return {str(e["name"]) for e in ASSESSOR.assess(text).to_dict()["entities"]}  # type: ignore[index]


def test_the_hotwords_are_the_most_named_names_without_contained_forms() -> None:
    words = whisper.hotwords(VOCABULARY).split(", ")
    assert len(words) == whisper.HOTWORDS
    assert words[:3] == ["UK GDPR", "General Data Protection Regulation", "Equality Act 2010"]
    assert "GDPR" not in words  # "UK GDPR" holds it
    assert "Consumer Rights Act 2015" in words and "ICO" in words
    assert all(w != w.lower() and len(w.split()) <= 4 for w in words)  # names, not "refund policy"
    assert whisper.hotwords(()) == ""


@pytest.mark.parametrize(
    ("name", "law"), [("gdpr_gb.ogg", "UK GDPR"), ("refund_gb.ogg", "Consumer Rights Act 2015")]
)
def test_the_catalogue_names_recover_what_the_plain_model_mishears(
    recogniser: whisper.FasterWhisper, biased: whisper.FasterWhisper, name: str, law: str
) -> None:
    # Measured: without the hotwords "under the GBR" and "the consumer right sacked 2015"; with
    # them "the GDPR" and "the consumer rights act 2015".
    pcm = decode(clip(name), max_seconds=60)
    plain, heard = recogniser.transcribe(pcm), biased.transcribe(pcm)
    assert law not in _names(plain), plain
    assert law in _names(heard), heard


def test_a_worker_process_uses_the_catalogue_names() -> None:
    """The bot's way: the vocabulary reaches the worker, which builds the biased engine."""
    service = VoiceService(VoiceLimits(engine="faster-whisper", vocabulary=VOCABULARY))
    try:
        heard = asyncio.run(service.transcribe(clip("gdpr_gb.ogg")))
    finally:
        service.close()
    assert "UK GDPR" in _names(heard.text), heard.text


def test_whisper_writes_words_without_punctuation() -> None:
    assert whisper.spoken(" Unless to be rather cold-hearted, and selfish.") == (
        "Unless to be rather cold hearted and selfish"
    )
    assert whisper.spoken("It fell by 3.5% to £1,000. Then Mr. Smith rang!") == (
        "It fell by 3.5% to £1,000 Then Mr Smith rang"
    )


def test_real_speech_is_heard(recogniser: whisper.FasterWhisper) -> None:
    heard = recogniser.transcribe(decode((REAL / "austen_0890.flac").read_bytes(), max_seconds=60))
    # A LibriVox reader; transcript shipped with pocketsphinx's sdist.
    assert wer("unless to be rather cold hearted and rather selfish is to be ill disposed", heard) < 0.2
    assert "," not in heard and "." not in heard


def test_a_telegram_voice_note_is_heard(recogniser: whisper.FasterWhisper) -> None:
    heard = recogniser.transcribe(decode(clip("listened_gb.ogg"), max_seconds=60))
    assert "listened to the customer" in heard.lower()
    assert wer(str(REFERENCES["listened_gb.ogg"]["text"]), heard) < 0.3


def test_nothing_is_downloaded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Loading the model and transcribing open no network connection."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError(f"a network connection was opened: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    heard = whisper.FasterWhisper().transcribe(decode((REAL / "goforward.flac").read_bytes(), max_seconds=60))
    assert "go forward" in heard.lower()


def test_a_worker_process_transcribes_with_it() -> None:
    """The bot's way: VoiceService in a real (forkserver) worker process."""
    service = VoiceService(VoiceLimits(engine="faster-whisper"))
    try:
        heard = asyncio.run(service.transcribe(clip("listened_gb.ogg")))
    finally:
        service.close()
    assert heard.engine == "faster-whisper" and "listened to the customer" in heard.text.lower()


def test_the_command_line_uses_the_setting(tmp_path: Path) -> None:
    result = run_cli("transcribe", str(REAL / "goforward.flac"), "--json", cwd=tmp_path,
                     env={"VOICE_ENGINE": "faster-whisper"})
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["engine"] == "faster-whisper" and "go forward" in found["text"].lower()


def test_the_default_engine_is_whisper_where_the_extra_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    """VOICE_ENGINE unset or blank: faster-whisper here (the test extra installs the whisper extra);
    pocketsphinx where faster-whisper or its model is missing (`pip install .` alone)."""
    assert Settings(_env_file=None).voice_engine == "faster-whisper"  # type: ignore[call-arg]
    assert Settings(_env_file=None, voice_engine="").voice_engine == "faster-whisper"  # type: ignore[call-arg]
    assert Settings(_env_file=None, voice_engine="pocketsphinx").voice_engine == "pocketsphinx"  # type: ignore[call-arg]
    real = whisper.importlib.util.find_spec
    for missing in ("faster_whisper", whisper.MODEL_PACKAGE):
        monkeypatch.setattr(whisper.importlib.util, "find_spec",
                            lambda name, *a, missing=missing: None if name == missing else real(name, *a))
        assert Settings(_env_file=None).voice_engine == "pocketsphinx"  # type: ignore[call-arg]
        assert Settings(_env_file=None, voice_engine=" ").voice_engine == "pocketsphinx"  # type: ignore[call-arg]


def test_the_command_line_uses_whisper_by_default_where_installed(tmp_path: Path) -> None:
    blank = {"VOICE_ENGINE": ""}  # as if unset
    result = run_cli("transcribe", str(AUDIO / "gdpr_gb.ogg"), "--json", cwd=tmp_path, env=blank)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["engine"] == "faster-whisper" and "GDPR" in found["text"].split()


def test_a_model_folder_is_chosen_with_the_setting(tmp_path: Path) -> None:
    folder = whisper.bundled_model()
    assert Settings(voice_engine=f"faster-whisper:{folder}").voice_engine.endswith(str(folder))
    with pytest.raises(ValidationError, match="holds no CTranslate2 model"):
        Settings(voice_engine=f"faster-whisper:{tmp_path}")
    with pytest.raises(ValidationError, match="is not a voice engine"):
        Settings(voice_engine="whisper-large")


def test_a_named_model_folder_is_the_one_loaded(tmp_path: Path) -> None:
    """An operator's own model: a copy of the bundled one in another folder is loaded from there."""
    folder = tmp_path / "my-model"
    folder.mkdir()
    for file in whisper.bundled_model().iterdir():
        (folder / file.name).symlink_to(file)
    heard = engine(f"faster-whisper:{folder}").transcribe(decode(clip("listened_gb.ogg"), max_seconds=60))
    assert "listened to the customer" in heard.lower()
    with pytest.raises(whisper.EngineUnavailable, match=r"model\.bin is missing"):
        engine(f"faster-whisper:{tmp_path / 'empty'}")
