"""The committed test recordings (tests/data/audio) and a word error rate to judge transcripts."""

from __future__ import annotations

import io
import re
import wave
from pathlib import Path

import yaml

from bot.voice.vocabulary import cardinal, year_words

AUDIO = Path(__file__).resolve().parents[2] / "data" / "audio"
REFERENCES: dict[str, dict[str, object]] = yaml.safe_load((AUDIO / "references.yaml").read_text())


def clip(name: str) -> bytes:
    return (AUDIO / name).read_bytes()


def _number(m: re.Match[str]) -> str:
    token = m.group(0)
    n = int(token)
    if len(token) == 4 and 1800 <= n <= 2099:
        return " ".join(year_words(n)[0])
    return " ".join(cardinal(n) if n < 10_000 else [cardinal(int(d))[0] for d in token])


def words(text: str) -> list[str]:
    """Lower case, no punctuation, British spelling (the recogniser writes "apologized"), numbers
    in words ("2015" is "twenty fifteen"), and a spelled acronym one word ("g d p r" and "GDPR"
    are both "gdpr"): a transcript is judged on what was said, not on how it is written."""
    text = re.sub(r"iz(e|es|ed|ing)\b", r"is\1", text.lower())
    text = re.sub(r"\d+", _number, text)
    tokens = re.findall(r"[a-z0-9']+", text)
    out: list[str] = []
    run: list[str] = []
    for token in [*tokens, ""]:
        if len(token) == 1:
            run.append(token)
            continue
        out.extend(["".join(run)] if len(run) > 1 else run)
        run = []
        if token:
            out.append(token)
    return out


def wer(reference: str, hypothesis: str) -> float:
    """Word error rate: word-level edit distance over the reference's length."""
    ref, hyp = words(reference), words(hypothesis)
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, start=1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, start=1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1] / max(len(ref), 1)


def wav(pcm: bytes, rate: int = 16_000) -> bytes:
    """16-bit mono PCM as a WAV file in memory."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm)
    return buffer.getvalue()
