"""Benchmark: the voice engine on the committed recordings (tests/data/audio).

    python benchmarks/voice_bench.py

For each recording: word error rate against what it says (references.yaml), and whether the
assessor finds the catalogue names in the transcript that it finds in the typed text. Then the
real-time factor (seconds of work per second of audio) and the peak memory of the worker, for
one note of about 30 s and one of about 60 s made by joining the recordings end to end. Every
recording is synthesised (espeak-ng), not real speech: see docs/voice.md for what that means.
Not a test: timings depend on the machine and on what else it is running.
"""

from __future__ import annotations

import os
import platform
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.assessment import Assessor  # noqa: E402
from bot.voice.decode import decode  # noqa: E402
from bot.voice.engines import Engine, engine  # noqa: E402
from content.loader import load_content  # noqa: E402
from tests.bot.voice.audio import REFERENCES, clip, wer  # noqa: E402


def names(assessor: Assessor, text: str) -> set[str]:
    return {str(e["name"]) for e in assessor.assess(text).to_dict()["entities"]}  # type: ignore[index]


def main() -> int:
    print(f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    recogniser = engine("pocketsphinx")
    assessor = Assessor(load_content())
    print("\nrecording          secs  WER   names typed -> heard")
    total_ref = total_err = 0.0
    found = expected = 0
    for name, ref in REFERENCES.items():
        pcm = decode(clip(name), max_seconds=600)
        heard = recogniser.transcribe(pcm)
        reference = str(ref["text"])
        rate = wer(reference, heard)
        n_ref = len(reference.split())
        total_ref += n_ref
        total_err += rate * n_ref
        typed, spoken = names(assessor, reference), names(assessor, heard)
        expected += len(typed)
        found += len(typed & spoken)
        print(f"{name:18} {pcm.seconds:5.1f} {rate:5.2f} {sorted(typed)} -> {sorted(spoken)}")
        print(f"  heard: {heard}")
    print(f"\nall recordings: WER {total_err / total_ref:.2f} over {int(total_ref)} words; "
          f"names found from audio {found} of {expected} found in the typed text")

    joined = b"".join(decode(clip(n), max_seconds=600).data for n in REFERENCES)
    for target in (30, 60):
        data = (joined * (1 + int(target * 32000 / len(joined))))[: target * 32000]
        pcm = type(decode(clip("listened_gb.ogg"), max_seconds=60))(data)
        started = time.perf_counter()
        cpu = time.process_time()
        recogniser.transcribe(pcm)
        wall, used = time.perf_counter() - started, time.process_time() - cpu
        print(f"{pcm.seconds:.0f} s of audio: {wall:.1f} s wall ({wall / pcm.seconds:.2f}x real time), "
              f"{used:.1f} s CPU ({used / pcm.seconds:.2f}x)")
    real_speech(recogniser)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory of this process (model, content, audio): {peak:.0f} MB")
    return 0


REAL = ROOT / "tests" / "data" / "audio" / "real"


def real_speech(recogniser: Engine) -> float:
    """Word error rate on recordings of people (tests/data/audio/real: LibriVox and pocketsphinx's
    own clip, shipped in pocketsphinx's sdist); prints each, returns the rate over all words."""
    import yaml

    references: dict[str, str] = yaml.safe_load((REAL / "references.yaml").read_text())
    print("\nreal speech (tests/data/audio/real)   secs  WER")
    total_ref = total_err = 0.0
    for name, reference in references.items():
        pcm = decode((REAL / name).read_bytes(), max_seconds=600)
        started = time.perf_counter()
        heard = recogniser.transcribe(pcm)
        took = time.perf_counter() - started
        rate, n_ref = wer(reference, heard), len(reference.split())
        total_ref += n_ref
        total_err += rate * n_ref
        print(f"{name:36} {pcm.seconds:5.1f} {rate:5.2f}  ({took:.1f} s)  heard: {heard}")
    overall = total_err / total_ref
    print(f"real speech: WER {overall:.2f} over {int(total_ref)} words ({recogniser.name})")
    return overall


if __name__ == "__main__":
    raise SystemExit(main())
