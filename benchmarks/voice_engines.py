"""Benchmark: every voice engine installed, side by side, each in a process of its own.

    python benchmarks/voice_engines.py [ENGINE ...]     # default: pocketsphinx faster-whisper

For each engine, built as the bot builds it (with the catalogue's names): word error rate on the
synthesised recordings (tests/data/audio) and on real speech (tests/data/audio/real), how many
catalogue names typed in the references are found from the audio, CPU and wall time for notes of
30, 60 and 120 s in one piece (the recordings joined end to end), and the process's peak resident
memory. Not a test: timings depend on the machine and its load.
"""

from __future__ import annotations

import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from voice_bench import names, real_speech  # noqa: E402

from bot.assessment import Assessor  # noqa: E402
from bot.voice.decode import Pcm, decode  # noqa: E402
from bot.voice.engines import engine  # noqa: E402
from bot.voice.vocabulary import catalogue_forms  # noqa: E402
from content.loader import load_content  # noqa: E402
from tests.bot.voice.audio import REFERENCES, clip, wer  # noqa: E402


def one(name: str) -> None:
    content = load_content()
    started = time.perf_counter()
    # As the bot builds it: with the catalogue's names to listen for (an engine may ignore them).
    recogniser = engine(name, catalogue_forms(content))
    print(f"== {name} (model loaded in {time.perf_counter() - started:.1f} s)")
    assessor = Assessor(content)
    total_ref = total_err = 0.0
    found = expected = 0
    for clip_name, ref in REFERENCES.items():
        heard = recogniser.transcribe(decode(clip(clip_name), max_seconds=600))
        reference = str(ref["text"])
        n_ref = len(reference.split())
        total_ref += n_ref
        total_err += wer(reference, heard) * n_ref
        typed, spoken = names(assessor, reference), names(assessor, heard)
        expected += len(typed)
        found += len(typed & spoken)
        rate = wer(reference, heard)
        print(f"{clip_name:16} {rate:.2f}  {sorted(typed)} -> {sorted(spoken)}  heard: {heard}")
    print(f"synthesised: WER {total_err / total_ref:.2f} over {int(total_ref)} words; "
          f"names found {found} of {expected}")
    real_speech(recogniser)
    joined = b"".join(decode(clip(n), max_seconds=600).data for n in REFERENCES)
    for target in (30, 60, 120):
        data = (joined * (1 + int(target * 32000 / len(joined))))[: target * 32000]
        wall, cpu = time.perf_counter(), time.process_time()
        recogniser.transcribe(Pcm(data))
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"{target} s note in one piece: {wall:.1f} s wall, {cpu:.1f} s CPU "
              f"({cpu / target:.2f}x real time)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak:.0f} MB\n")


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "--one":
        one(argv[1])
        return 0
    print(f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}\n")
    for name in argv or ["pocketsphinx", "faster-whisper"]:
        # A process each: the peak memory is that engine's alone.
        subprocess.run([sys.executable, __file__, "--one", name], check=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
