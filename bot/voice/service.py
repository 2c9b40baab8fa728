"""Transcription off the event loop, within limits, keeping no audio.

The audio arrives as bytes in memory (never written to disk), is decoded and transcribed in a worker
process, and is dropped as soon as the transcript exists: the transcript is the answer.
A worker process rather than a thread, because the recogniser holds the GIL while it decodes.
A long note is cut at its pauses (split.py) and its parts are transcribed by the workers at once.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import signal
import time
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import asdict, dataclass

from bot.voice.decode import AudioError, Pcm, decode
from bot.voice.engines import engine
from bot.voice.split import split
from bot.voice.vocabulary import Vocabulary


@dataclass(frozen=True)
class VoiceLimits:
    """From settings: VOICE_ENGINE, VOICE_MAX_SECONDS, VOICE_MAX_BYTES, VOICE_JOBS, VOICE_WORKERS;
    and the catalogue's names, which the recogniser listens for (vocabulary.catalogue_forms)."""

    engine: str = "pocketsphinx"
    max_seconds: float = 180.0
    max_bytes: int = 10_000_000
    jobs: int = 1  # notes transcribed at once
    workers: int = 2  # processes; a long note's parts are heard in parallel
    vocabulary: Vocabulary = ()


@dataclass(frozen=True)
class Transcript:
    text: str
    duration: float  # seconds of audio
    engine: str
    seconds: float  # time spent decoding and transcribing

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


class VoiceBusy(RuntimeError):
    """Every worker is busy; the learner is asked to try again shortly."""


def decode_parts(audio: bytes, max_seconds: float) -> tuple[list[bytes], float]:
    """Decode, and cut at pauses into parts (a worker's job): the parts' PCM and the length."""
    pcm = decode(audio, max_seconds=max_seconds)
    return [part.data for part in split(pcm)], pcm.seconds


def transcribe_part(data: bytes, engine_name: str, vocabulary: Vocabulary = ()) -> str:
    """Transcribe one part (a worker's job)."""
    return engine(engine_name, vocabulary).transcribe(Pcm(data))


def transcribe_bytes(
    audio: bytes, engine_name: str, max_seconds: float, vocabulary: Vocabulary = ()
) -> Transcript:
    """Decode and transcribe in this process, part after part (the command line's way; the bot
    hears the same parts, in parallel)."""
    started = time.perf_counter()
    parts, seconds = decode_parts(audio, max_seconds)
    del audio
    texts = [transcribe_part(part, engine_name, vocabulary) for part in parts]
    return Transcript(
        " ".join(t for t in texts if t), round(seconds, 2), engine_name,
        round(time.perf_counter() - started, 2),
    )


def _ignore_ctrl_c() -> None:
    """In a worker: Ctrl+C in a terminal reaches the whole process group; the parent stops the
    worker (VoiceService.close), so the worker need not print a KeyboardInterrupt traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _start_worker(engine_name: str, vocabulary: Vocabulary) -> None:
    """Each worker ignores Ctrl+C, then loads the model and learns the catalogue as it starts,
    not on a learner's note."""
    _ignore_ctrl_c()
    engine(engine_name, vocabulary)


class VoiceService:
    """Runs at most `jobs` transcriptions at once; one more is refused kindly, not queued forever."""

    def __init__(self, limits: VoiceLimits, executor: Executor | None = None) -> None:
        self.limits = limits
        self._executor = executor
        self._running = 0

    def _pool(self) -> Executor:
        if self._executor is None:
            # forkserver: a clean worker, not a copy of a process with an event loop and threads.
            self._executor = ProcessPoolExecutor(
                max_workers=max(self.limits.workers, 1),
                mp_context=multiprocessing.get_context("forkserver"),
                initializer=_start_worker, initargs=(self.limits.engine, self.limits.vocabulary),
            )
        return self._executor

    def check_size(self, size: int | None) -> None:
        """Refuse before downloading when the file is too big (Telegram tells the size first)."""
        if size is not None and size > self.limits.max_bytes:
            mb = self.limits.max_bytes / 1_000_000
            raise AudioError(f"That recording is larger than {mb:.0f} MB.")

    async def transcribe(self, audio: bytes) -> Transcript:
        self.check_size(len(audio))
        if self._running >= self.limits.jobs:
            raise VoiceBusy("I am still listening to other recordings. Please send it again in a minute.")
        self._running += 1
        try:
            started = time.perf_counter()
            loop = asyncio.get_running_loop()
            pool, limits = self._pool(), self.limits
            parts, seconds = await loop.run_in_executor(pool, decode_parts, audio, limits.max_seconds)
            del audio
            texts = await asyncio.gather(*(
                loop.run_in_executor(pool, transcribe_part, part, limits.engine, limits.vocabulary)
                for part in parts
            ))
            return Transcript(
                " ".join(t for t in texts if t), round(seconds, 2), limits.engine,
                round(time.perf_counter() - started, 2),
            )
        finally:
            self._running -= 1

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None
