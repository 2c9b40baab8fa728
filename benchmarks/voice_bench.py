"""Benchmark: the voice pipeline as the bot runs it, with and without the catalogue bias.

    python benchmarks/voice_bench.py                      # everything below (about 10 minutes idle)
    python benchmarks/voice_bench.py --only accuracy      # or speed, or feedback
    python benchmarks/voice_bench.py --sets dev           # the tuning readings (default: clips real holdout)

Accuracy, each set transcribed twice, without the bias (pocketsphinx as shipped) and with it (the
catalogue's names taught, bot/voice/vocabulary.py), through `transcribe_bytes` (the parts the bot
hears): word error rate (tests/bot/voice/audio.py: judged on what was said, so "GDPR" and
"g d p r" are the same word), catalogue names the assessor finds in the reference that it also
finds in the transcript, and names found in the transcript that the reference does not have.

* clips: the recordings committed with the tests (tests/data/audio), espeak-ng voices.
* real: recordings of people (tests/data/audio/real), no catalogue names in them.
* dev / holdout: answers read by espeak-ng in five voices (benchmarks/voice_corpus.py; needs
  espeak-ng the first time). Settings were chosen on dev; holdout is only reported.

Speed: notes of about 30, 60 and 120 s (holdout readings joined, half a second apart) through
VoiceService, the bot's path (decode, cut at pauses, parts heard by the workers at once), with 1
and 2 workers: wall time and real-time factor; the CPU time of the same parts heard one after
another in this process; the peak memory of a worker. Feedback: a 60 s note from arrival to the
assessed answer through Services (transcribe, add to the draft, submit), first note after start
(workers load the model) and the next. Not a test: timings depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.voice_corpus import audio, readings  # noqa: E402
from bot.assessment import Assessor  # noqa: E402
from bot.voice.decode import Pcm, decode  # noqa: E402
from bot.voice.engines import ENGINES, Engine  # noqa: E402
from bot.voice.service import VoiceLimits, VoiceService, decode_parts, transcribe_part  # noqa: E402
from bot.voice.vocabulary import Vocabulary, catalogue_forms  # noqa: E402
from content.loader import load_content  # noqa: E402
from tests.bot.voice.audio import REFERENCES, clip, wav, wer, words  # noqa: E402

REAL = ROOT / "tests" / "data" / "audio" / "real"


def names(assessor: Assessor, text: str) -> set[str]:
    return {str(e["name"]) for e in assessor.assess(text).to_dict()["entities"]}  # type: ignore[index]


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


def _set(name: str) -> list[tuple[str, bytes, str]]:
    """(label, recording, what it says) for one set."""
    if name == "clips":
        return [(n, clip(n), str(r["text"])) for n, r in REFERENCES.items()]
    if name == "real":
        import yaml

        refs: dict[str, str] = yaml.safe_load((REAL / "references.yaml").read_text())
        return [(n, (REAL / n).read_bytes(), t) for n, t in refs.items()]
    return [(f"{r.id} {r.voice}", audio(r), r.text) for r in readings(name)]


def _recognisers(engine_name: str, vocabulary: Vocabulary, counts: list[int]) -> dict[str, Engine]:
    """The engine without the bias and with it, built as the bot builds it; for faster-whisper with
    `counts`, one biased engine per number of hotwords (the tuning runs)."""
    base, _, model = engine_name.partition(":")
    factory = ENGINES[base]
    extra = {"model": model} if model else {}
    out = {"plain": factory((), **extra)}
    if base == "faster-whisper" and counts:
        for count in counts:
            out[f"hot{count}"] = factory(vocabulary, count=count, **extra)
    else:
        out["biased"] = factory(vocabulary, **extra)
    return out


def _heard(recogniser: Engine, data: bytes) -> tuple[str, float]:
    """The bot's path in one process: decode, cut at pauses, each part heard in turn."""
    parts, seconds = decode_parts(data, 600)
    return " ".join(t for t in (recogniser.transcribe(Pcm(p)) for p in parts) if t), seconds


def accuracy(sets: list[str], recognisers: dict[str, Engine], assessor: Assessor, verbose: bool) -> None:
    print("\n== accuracy: without the bias -> with it")
    for name in sets:
        items = _set(name)
        # per mode and voice ("" for all): errors, words, names found, names not said, CPU s, audio s
        totals: dict[tuple[str, str], list[float]] = {}
        expected: dict[str, int] = {}
        for label, data, reference in items:
            typed = names(assessor, reference)
            voice = label.split(" ")[1] if " " in label else ""
            for key in {"", voice}:
                expected[key] = expected.get(key, 0) + len(typed)
            for mode, recogniser in recognisers.items():
                cpu = time.process_time()
                text, seconds = _heard(recogniser, data)
                used = time.process_time() - cpu
                spoken = names(assessor, text)
                n = len(words(reference))
                for key in {"", voice}:
                    t = totals.setdefault((mode, key), [0.0] * 6)
                    t[0] += wer(reference, text) * n
                    t[1] += n
                    t[2] += len(typed & spoken)
                    t[3] += len(spoken - typed)
                    t[4] += used
                    t[5] += seconds
                if verbose:
                    print(f"  {label:24} {mode:6} WER {wer(reference, text):.2f} "
                          f"{sorted(typed)} -> {sorted(spoken)}\n      {text}")
        first = totals[(next(iter(recognisers)), "")]
        print(f"{name:8} {len(items):3} recordings, {first[5]:5.0f} s, {int(first[1])} words, "
              f"{expected['']} names in the references")
        order = list(recognisers)
        for (mode, voice), t in sorted(totals.items(), key=lambda kv: (kv[0][1], order.index(kv[0][0]))):
            print(f"   {voice or 'all':15} {mode:6}  WER {t[0] / max(t[1], 1):.3f}   names found "
                  f"{int(t[2])}/{expected[voice]}   names not said {int(t[3])}   CPU {t[4]:.1f} s "
                  f"({t[4] / max(t[5], 1):.2f}x real time)")


def _note(seconds: float) -> tuple[bytes, str, float]:
    """Holdout readings, in order, joined with half-second pauses: each one that still fits
    within `seconds` (and 5 s more) is taken, until the note is at least that long."""
    pause = b"\0\0" * 8000
    pcm, said, total = b"", [], 0.0
    for reading in readings("holdout"):
        part = decode(audio(reading), max_seconds=600)
        if total + part.seconds + 0.5 > seconds + 5:
            continue
        pcm += part.data + pause
        said.append(reading.text)
        total += part.seconds + 0.5
        if total >= seconds:
            break
    return wav(pcm), " ".join(said), total


def _peak_rss() -> float:
    time.sleep(0.3)  # keep this worker busy so the other worker takes the other call
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def speed(engine_name: str, vocabulary: Vocabulary) -> None:
    print("\n== speed: notes through VoiceService (decode, cut at pauses, parts in parallel workers)")
    notes = {target: _note(target) for target in (30, 60, 120)}
    for workers in (2, 1):
        limits = VoiceLimits(engine=engine_name, workers=workers, max_seconds=600, vocabulary=vocabulary)
        service = VoiceService(limits)
        try:
            await service.transcribe(notes[30][0])  # start the workers and load the model
            for data, reference, seconds in notes.values():
                started = time.perf_counter()
                heard = await service.transcribe(data)
                wall = time.perf_counter() - started
                print(f"{workers} worker(s), {seconds:5.1f} s note: {wall:5.1f} s wall "
                      f"({wall / seconds:.2f}x real time), WER {wer(reference, heard.text):.3f}")
            pool = service._pool()
            loop = asyncio.get_running_loop()
            peaks = await asyncio.gather(*(loop.run_in_executor(pool, _peak_rss) for _ in range(workers)))
            print(f"   peak resident memory of a worker: {max(peaks):.0f} MB")
        finally:
            service.close()
    print("CPU time, in this process (what the load of other work does not inflate much):")
    for data, _reference, seconds in notes.values():
        cpu = time.process_time()
        parts, _ = decode_parts(data, 600)
        decoding = time.process_time() - cpu
        each = []
        for part in parts:
            cpu = time.process_time()
            transcribe_part(part, engine_name, vocabulary)
            each.append(time.process_time() - cpu)
        # Two idle workers take the parts in turn (the pool hands each free worker the next part).
        busy = [0.0, 0.0]
        for used in each:
            busy[busy.index(min(busy))] += used
        total = decoding + sum(each)
        print(f"   {seconds:5.1f} s note: {total:5.1f} s CPU ({total / seconds:.2f}x real time): decode and "
              f"cut {decoding:.1f} s, {len(each)} parts {', '.join(f'{u:.1f}' for u in each)} s; on two "
              f"idle cores about {decoding + max(busy):.1f} s (an estimate from these, not a measurement)")


async def feedback(engine_name: str) -> None:
    from bot.app.services import Services
    from bot.app.settings import Settings

    print("\n== a 60 s voice note to feedback, through Services (transcribe, add to draft, submit)")
    data, _reference, seconds = _note(60)
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None, database_url=f"sqlite+aiosqlite:///{tmp}/bench.db", voice_max_seconds=600,
            voice_engine=engine_name,
        )
        services = await Services.create(settings)
        try:
            learner = await services.practice.learner(key="bench")
            assert learner.id is not None
            for label in ("first note after start (workers load the model)", "next note"):
                await services.practice.start(learner.id, prompt_id="ee_regulation_impact")
                started = time.perf_counter()
                heard = await services.voice.transcribe(data)
                transcribed = time.perf_counter() - started
                await services.practice.add_text(learner.id, heard.text)
                submission = await services.practice.submit(learner.id)
                total = time.perf_counter() - started
                print(f"{label}: {seconds:.1f} s note, transcript in {transcribed:.1f} s, "
                      f"feedback in {total:.1f} s (grade {submission.assessment.grade.value})")
        finally:
            await services.close()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", choices=["accuracy", "speed", "feedback"])
    parser.add_argument("--sets", nargs="+", default=["clips", "real", "holdout"],
                        choices=["clips", "real", "dev", "holdout"])
    parser.add_argument("--engine", default="pocketsphinx",
                        help="pocketsphinx (default), faster-whisper or faster-whisper:/model/folder")
    parser.add_argument("--hotwords", nargs="+", type=int, default=[],
                        help="faster-whisper only: compare these numbers of hotwords (tuning, on dev)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every transcript")
    args = parser.parse_args()
    load = os.getloadavg()
    print(f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"engine {args.engine}, load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} at the start")
    content = load_content()
    vocabulary = catalogue_forms(content)
    if args.only in (None, "accuracy"):
        recognisers = _recognisers(args.engine, vocabulary, args.hotwords)
        accuracy(args.sets, recognisers, Assessor(content), args.verbose)
    if args.only in (None, "speed"):
        asyncio.run(speed(args.engine, vocabulary))
    if args.only in (None, "feedback"):
        asyncio.run(feedback(args.engine))
    load = os.getloadavg()
    print(f"\nload average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} at the end; peak resident memory of "
          f"this process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
