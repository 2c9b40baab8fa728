"""Synthesised voice notes for the voice benchmark: answers read aloud by espeak-ng, as Telegram
sends them (OGG/Opus, mono, 16 kbit/s).

Two sets, from answers written for the assessment work (tests/data):

* ``dev``: every 3rd answer of devset.yaml that names a catalogue entry (about 40). Settings of the
  recogniser (bias weight, beams, chunking) were chosen on this set only.
* ``holdout``: all 22 answers of fresh.yaml, read in the same voices; scored to report, never tuned on.

Each answer is made speakable first (digits as words, "GDPR" spelled "G D P R", "%" as "percent"),
and that speakable text is the reference the transcript is scored against. Voices take turns:
British (en-gb), American (en-us), Received Pronunciation, Scottish, and a female British voice.

Needs espeak-ng (Debian's package) to make the clips; they are kept in benchmarks/.cache so later
runs reuse them. The tests never need it (they use the clips committed in tests/data/audio).
"""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import subprocess
import wave
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.voice.vocabulary import cardinal, year_words

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "benchmarks" / ".cache" / "voice"
VOICES = ("en-gb", "en-us", "en-gb-x-rp", "en-gb-scotland", "en-gb+f3")


@dataclass(frozen=True)
class Reading:
    id: str
    voice: str
    text: str  # what is said: the reference for the word error rate
    written: str  # the answer as typed (what the assessor's names are taken from)


def _number(m: re.Match[str]) -> str:
    token = m.group(0)
    n = int(token)
    if len(token) == 4 and 1800 <= n <= 2099:
        return " ".join(year_words(n)[0])
    if n < 10_000:
        return " ".join(cardinal(n))
    return " ".join(" ".join(cardinal(int(d))) for d in token)


def _acronym(m: re.Match[str]) -> str:
    word = m.group(0)
    if len(word) <= 3 or not re.search("[AEIOUY]", word):
        return " ".join(word)  # "GDPR" -> "G D P R": espeak then says the letters
    return word


def speakable(text: str) -> str:
    """The answer as it would be said: digits, symbols and letter-acronyms in words."""
    text = text.replace("&", " and ").replace("%", " percent").replace("24/7", "24 7")
    text = re.sub(r"£(\d+)", r"\1 pounds", text)
    text = re.sub(r"(\d+)\s*(am|pm)\b", lambda m: f"{m.group(1)} {' '.join(m.group(2))}", text)
    text = re.sub(r"(\d+)(st|nd|rd|th)\b", r"\1", text)
    text = re.sub(r"(\d+):(\d\d)", r"\1 \2", text)
    text = re.sub(r"(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])", " ", text)
    text = re.sub(r"\d+", _number, text)
    text = re.sub(r"\b[A-Z]{2,}s?\b", lambda m: _acronym(re.match(r"[A-Z]+", m.group(0))), text)  # type: ignore[arg-type]
    return re.sub(r"\s+", " ", text.replace("/", " ")).strip()


def readings(which: str) -> list[Reading]:
    if which == "dev":
        answers = yaml.safe_load((ROOT / "tests/data/devset.yaml").read_text())
        answers = [a for a in answers if a.get("entities")][::3]
    elif which == "holdout":
        answers = yaml.safe_load((ROOT / "tests/data/fresh.yaml").read_text())
    else:
        raise ValueError(which)
    return [
        Reading(str(a["id"]), VOICES[i % len(VOICES)], speakable(str(a["text"])), str(a["text"]))
        for i, a in enumerate(answers)
    ]


def _encode_opus(wav: bytes) -> bytes:
    """WAV to OGG/Opus, mono 48 kHz, 16 kbit/s: what a Telegram voice note is."""
    import av

    out = io.BytesIO()
    with av.open(io.BytesIO(wav)) as src, av.open(out, mode="w", format="ogg") as dst:
        stream = dst.add_stream("libopus", rate=48_000)
        stream.bit_rate = 16_000
        stream.layout = "mono"  # type: ignore[attr-defined]
        resampler = av.AudioResampler(format="s16", layout="mono", rate=48_000)
        for frame in src.decode(audio=0):
            for chunk in resampler.resample(frame):
                for packet in stream.encode(chunk):
                    dst.mux(packet)
        for chunk in resampler.resample(None):
            for packet in stream.encode(chunk):
                dst.mux(packet)
        for packet in stream.encode(None):
            dst.mux(packet)
    return out.getvalue()


def audio(reading: Reading) -> bytes:
    """The reading as an OGG/Opus voice note (made once, then taken from the cache)."""
    key = hashlib.sha1(f"{reading.voice}\n{reading.text}".encode()).hexdigest()[:16]
    path = CACHE / f"{reading.id}-{reading.voice.replace('+', '_')}-{key}.ogg"
    if path.exists():
        return path.read_bytes()
    if shutil.which("espeak-ng") is None:
        raise SystemExit("espeak-ng is needed to make the benchmark's readings (apt-get install espeak-ng)")
    wav = subprocess.run(
        ["espeak-ng", "-v", reading.voice, "-s", "150", "--stdout", reading.text],
        check=True, capture_output=True,
    ).stdout
    with wave.open(io.BytesIO(wav)) as w:  # espeak-ng's header may give no length; rewrite it
        params, frames = w.getparams(), w.readframes(w.getnframes())
    fixed = io.BytesIO()
    with wave.open(fixed, "wb") as w:
        w.setparams(params)
        w.writeframes(frames)
    data = _encode_opus(fixed.getvalue())
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return data
