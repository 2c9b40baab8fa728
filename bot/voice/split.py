"""A long note cut at its pauses into parts a worker each can transcribe at the same time.

People pause between sentences; a cut there loses no word and little context, and the recogniser
treats each part as its own utterance. The split depends only on the audio (never on how many
workers there are), so the bot, the command line and the benchmark all hear the same parts.
"""

from __future__ import annotations

from array import array
from itertools import pairwise

from bot.voice.decode import SAMPLE_RATE, Pcm

FRAME = SAMPLE_RATE // 100  # 10 ms
# Parts of about this length: short enough that two workers share a 60 s note evenly, long
# enough that a part holds whole sentences (docs/voice.md, "Settings").
PART_SECONDS = 15.0
# A cut is looked for this far either side of where an even split would fall.
SEARCH_SECONDS = 4.0


def _energies(pcm: Pcm) -> list[int]:
    """Mean square of each 10 ms frame (every other sample is enough to tell a pause)."""
    samples = array("h")
    samples.frombytes(pcm.data[: len(pcm.data) // 2 * 2])
    out = []
    for start in range(0, len(samples) - FRAME + 1, FRAME):
        frame = samples[start : start + FRAME : 2]
        out.append(sum(x * x for x in frame) // len(frame))
    return out


def cut_points(pcm: Pcm, part_seconds: float = PART_SECONDS) -> list[int]:
    """Byte offsets where the note is cut: in the quietest stretch near each even cut."""
    parts = round(pcm.seconds / part_seconds)
    if parts < 2:
        return []
    energy = _energies(pcm)
    if not energy:
        return []
    quiet = sorted(energy)[len(energy) // 10] * 4 + 100  # well above the floor of the note
    cuts: list[int] = []
    window = int(SEARCH_SECONDS * 100)
    for k in range(1, parts):
        target = len(energy) * k // parts
        lo = max(target - window, (cuts[-1] if cuts else 0) + 100)
        hi = min(target + window, len(energy) - 100)
        if lo >= hi:
            continue
        # The longest run of quiet frames in the window, cut in its middle; else the quietest frame.
        best, best_len, run_start = -1, 0, None
        for i in range(lo, hi + 1):
            if i < hi and energy[i] <= quiet:
                run_start = i if run_start is None else run_start
                continue
            if run_start is not None and i - run_start > best_len:
                best, best_len = (run_start + i) // 2, i - run_start
            run_start = None
        if best < 0:
            best = min(range(lo, hi), key=energy.__getitem__)
        cuts.append(best)
    return [c * FRAME * 2 for c in cuts]


def split(pcm: Pcm, part_seconds: float = PART_SECONDS) -> list[Pcm]:
    """The note in parts (one part when it is short)."""
    bounds = [0, *cut_points(pcm, part_seconds), len(pcm.data)]
    return [Pcm(pcm.data[a:b]) for a, b in pairwise(bounds) if b > a]
