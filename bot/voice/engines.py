"""Speech recognisers behind one small interface, chosen by the VOICE_ENGINE setting.

The default, pocketsphinx, carries its US English acoustic model, language model and dictionary
inside its PyPI wheel, so it works offline straight after `pip install`. faster-whisper (whisper.py)
is the optional other, with a Whisper model from the `whisper` extra. Another engine is added by
writing a class with `name` and `transcribe`, built from the catalogue's vocabulary (which it may
ignore), and registering it in ENGINES.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any, Protocol

from bot.voice.decode import SAMPLE_RATE, Pcm
from bot.voice.vocabulary import Vocabulary, phrases
from bot.voice.whisper import FasterWhisper

# Decoder settings, chosen on the benchmark's development readings (docs/voice.md, "Settings").
DECODER: dict[str, Any] = {}
# How much likelier than an unseen word each catalogue phrase is, as a whole (a unigram weight in
# the language model), before it is multiplied by 1 + the times the coach's own content names the
# entry. Chosen on the development readings; see docs/voice.md.
PHRASE_WEIGHT = 3.0


class Engine(Protocol):
    """Turns 16 kHz mono PCM into words, without punctuation."""

    name: str

    def transcribe(self, pcm: Pcm) -> str: ...


class PocketSphinx:
    """CMU PocketSphinx with the model its wheel ships (en-us); one decoder per worker process.

    With a vocabulary (the catalogue's written forms and how often the coach names each, see
    vocabulary.py), each way of saying a
    form becomes one word of the dictionary, pronounced as its words are in the wheel's
    dictionary ("g d p r" as JH IY D IY P IY AA R), given a weight in the language model, and
    written back as the catalogue writes it ("GDPR"). A word of a form that the dictionary lacks
    ("ofcom") is pronounced as the dictionary words it is made of ("of" + "com"); a form with a
    word that cannot be pronounced that way is left out (``skipped``).
    """

    name = "pocketsphinx"

    def __init__(self, vocabulary: Vocabulary = (), weight: float = PHRASE_WEIGHT,
                 **settings: Any) -> None:
        from pocketsphinx import Decoder

        # loglevel FATAL: the C library otherwise writes pages of model details to stderr.
        self._decoder: Any = Decoder(samprate=SAMPLE_RATE, loglevel="FATAL", **{**DECODER, **settings})
        self._written: dict[str, str] = {}
        self.skipped: list[str] = []
        if vocabulary:
            self._teach(vocabulary, weight)

    def _letter(self, letter: str) -> str | None:
        """A letter's name: "a" is EY, not the article's AH."""
        prons = [self._decoder.lookup_word(letter)]
        prons += [self._decoder.lookup_word(f"{letter}({i})") for i in (2, 3)]
        names = [p for p in prons if p and p != "AH"]
        return names[0] if names else None

    def _pronounce(self, word: str) -> str | None:
        if len(word) == 1 and word.isalpha():
            return self._letter(word)
        for spelling in (word, re.sub(r"is(e|ed|es|ing|ation|ational)$", r"iz\1", word)):
            known = self._decoder.lookup_word(spelling)  # the dictionary is American: "empathize"
            if known:
                return str(known)
        # Not in the dictionary: the fewest dictionary words (two letters or more) that spell it.
        best: list[list[str] | None] = [[]] + [None] * len(word)
        for end in range(1, len(word) + 1):
            for start in range(end - 2, -1, -1):
                head = best[start]
                phones = self._decoder.lookup_word(word[start:end]) if head is not None else None
                known_end = best[end]
                if head is not None and phones and (known_end is None or len(head) + 1 < len(known_end)):
                    best[end] = [*head, str(phones)]
        found = best[len(word)]
        return " ".join(found) if found else None

    def _teach(self, vocabulary: Vocabulary, weight: float) -> None:
        decoder = self._decoder
        lm = decoder.get_lm()
        taught: list[tuple[str, str]] = []
        for words, (form, mentions) in phrases(vocabulary).items():
            if len(words) == 1 and decoder.lookup_word(words[0]):
                continue  # an ordinary word the recogniser already has ("heat")
            said = [self._pronounce(w) for w in words]
            if any(p is None for p in said):
                self.skipped.append(" ".join(words))
                continue
            token = "_".join(words)
            lm.add_word(token, weight * (1 + mentions))
            taught.append((token, " ".join(p for p in said if p)))
            self._written[token] = form
        for i, (token, phones) in enumerate(taught):
            decoder.add_word(token, phones, i == len(taught) - 1)  # rebuild the search once, at the end

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
        return " ".join(self._written.get(w, w) for w in words if not w.startswith(("<", "[")))


ENGINES: dict[str, Callable[..., Engine]] = {"pocketsphinx": PocketSphinx, "faster-whisper": FasterWhisper}


@cache
def engine(name: str, vocabulary: Vocabulary = ()) -> Engine:
    """The engine of that name, built once per process and vocabulary (loading a model and
    teaching it the catalogue takes a second or so). "faster-whisper:/path/to/model" names the
    engine and the model folder it loads."""
    base, _, model = name.partition(":")
    try:
        factory = ENGINES[base]
    except KeyError:
        raise ValueError(f"Unknown voice engine {name!r}; known: {', '.join(sorted(ENGINES))}") from None
    return factory(vocabulary, model=model) if model else factory(vocabulary)
