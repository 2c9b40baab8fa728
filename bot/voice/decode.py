"""Any audio or video file PyAV (FFmpeg's libraries, installed from a pip wheel) can read, as 16 kHz
mono 16-bit PCM, which is what the recognisers take. Nothing is written to disk."""

from __future__ import annotations

import io
from dataclasses import dataclass

SAMPLE_RATE = 16_000


class AudioError(ValueError):
    """The file is not audio we can read, or it is longer than allowed."""


@dataclass(frozen=True)
class Pcm:
    """16 kHz mono signed 16-bit little-endian samples."""

    data: bytes

    @property
    def seconds(self) -> float:
        return len(self.data) / 2 / SAMPLE_RATE


def decode(audio: bytes, *, max_seconds: float) -> Pcm:
    """Decode in memory; stop (with AudioError) as soon as the audio runs past max_seconds."""
    import av  # imported here: loading FFmpeg costs time that only voice work should pay

    limit = int(max_seconds * SAMPLE_RATE * 2)
    out = bytearray()
    try:
        with av.open(io.BytesIO(audio), mode="r") as container:
            if not container.streams.audio:
                raise AudioError("There is no sound in that file.")
            stream = container.streams.audio[0]
            resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
            for frame in container.decode(stream):
                for chunk in resampler.resample(frame):
                    out += bytes(chunk.planes[0])[: chunk.samples * 2]
                if len(out) > limit:
                    raise AudioError(f"That recording is longer than {max_seconds:.0f} seconds.")
            for chunk in resampler.resample(None):
                out += bytes(chunk.planes[0])[: chunk.samples * 2]
    except av.FFmpegError as exc:
        raise AudioError("I could not read that recording.") from exc
    if not out:
        raise AudioError("That recording is empty.")
    return Pcm(bytes(out[:limit]))
