"""Transcription off the event loop, within limits, keeping no audio.

The audio arrives as bytes in memory (never written to disk), is decoded and transcribed in a worker
process, and is dropped as soon as the transcript exists: the transcript is the answer.
A worker process rather than a thread, because the recogniser holds the GIL while it decodes.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import signal
import time
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import asdict, dataclass

from bot.voice.decode import AudioError, decode
from bot.voice.engines import engine


@dataclass(frozen=True)
class VoiceLimits:
    """From settings: VOICE_ENGINE, VOICE_MAX_SECONDS, VOICE_MAX_BYTES, VOICE_JOBS."""

    engine: str = "pocketsphinx"
    max_seconds: float = 180.0
    max_bytes: int = 10_000_000
    jobs: int = 1


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


def transcribe_bytes(audio: bytes, engine_name: str, max_seconds: float) -> Transcript:
    """Decode and transcribe in this process (the worker's job; also the CLI's)."""
    started = time.perf_counter()
    pcm = decode(audio, max_seconds=max_seconds)
    del audio
    text = engine(engine_name).transcribe(pcm)
    return Transcript(text, round(pcm.seconds, 2), engine_name, round(time.perf_counter() - started, 2))


def _ignore_ctrl_c() -> None:
    """In a worker: Ctrl+C in a terminal reaches the whole process group; the parent stops the
    worker (VoiceService.close), so the worker need not print a KeyboardInterrupt traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


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
                max_workers=self.limits.jobs, mp_context=multiprocessing.get_context("forkserver"),
                initializer=_ignore_ctrl_c,
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
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(
                self._pool(), transcribe_bytes, audio, self.limits.engine, self.limits.max_seconds
            )
        finally:
            self._running -= 1

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None
