"""Speech recognisers behind one small interface, chosen by the VOICE_ENGINE setting.

The default, pocketsphinx, carries its US English acoustic model, language model and dictionary
inside its PyPI wheel, so it works offline straight after `pip install`. faster-whisper (whisper.py)
is the optional other, with a Whisper model from the `whisper` extra. Another engine is added by
writing a class with `name` and `transcribe` and registering it in ENGINES.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any, Protocol

from bot.voice.decode import SAMPLE_RATE, Pcm
from bot.voice.whisper import FasterWhisper


class Engine(Protocol):
    """Turns 16 kHz mono PCM into lower-case words, without punctuation."""

    name: str

    def transcribe(self, pcm: Pcm) -> str: ...


class PocketSphinx:
    """CMU PocketSphinx with the model its wheel ships (en-us); one decoder per worker process."""

    name = "pocketsphinx"

    def __init__(self) -> None:
        from pocketsphinx import Decoder

        # loglevel FATAL: the C library otherwise writes pages of model details to stderr.
        self._decoder: Any = Decoder(samprate=SAMPLE_RATE, loglevel="FATAL")

    def transcribe(self, pcm: Pcm) -> str:
        decoder = self._decoder
        decoder.start_utt()
        decoder.process_raw(pcm.data, full_utt=True)
        decoder.end_utt()
        hyp = decoder.hyp()
        if hyp is None:
            return ""
        # Alternative pronunciations come back as "word(2)"; fillers as "<sil>", "[noise]".
        words = [w.split("(")[0] for w in str(hyp.hypstr).split()]
        return " ".join(w for w in words if not w.startswith(("<", "[")))


ENGINES: dict[str, Callable[..., Engine]] = {"pocketsphinx": PocketSphinx, "faster-whisper": FasterWhisper}


@cache
def engine(name: str) -> Engine:
    """The engine of that name, built once per process (loading a model takes a second or so).
    "faster-whisper:/path/to/model" names the engine and the model folder it loads."""
    base, _, model = name.partition(":")
    try:
        factory = ENGINES[base]
    except KeyError:
        raise ValueError(f"Unknown voice engine {name!r}; known: {', '.join(sorted(ENGINES))}") from None
    return factory(model=model) if model else factory()
