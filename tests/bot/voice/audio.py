"""The committed test recordings (tests/data/audio) and a word error rate to judge transcripts."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

AUDIO = Path(__file__).resolve().parents[2] / "data" / "audio"
REFERENCES: dict[str, dict[str, object]] = yaml.safe_load((AUDIO / "references.yaml").read_text())


def clip(name: str) -> bytes:
    return (AUDIO / name).read_bytes()


def words(text: str) -> list[str]:
    """Lower case, no punctuation, British spelling (the recogniser writes "apologized")."""
    text = re.sub(r"iz(e|es|ed|ing)\b", r"is\1", text.lower())
    return re.findall(r"[a-z0-9']+", text)


def wer(reference: str, hypothesis: str) -> float:
    """Word error rate: word-level edit distance over the reference's length."""
    ref, hyp = words(reference), words(hypothesis)
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, start=1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, start=1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1] / max(len(ref), 1)
