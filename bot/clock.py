"""Time: a clock the tests can set (every service asks it instead of datetime.now()), and the
learner's time zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class Clock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock(Clock):
    """A clock that stands still until a test moves it."""

    def __init__(self, start: datetime) -> None:
        self._now = start if start.tzinfo else start.replace(tzinfo=UTC)

    def now(self) -> datetime:
        return self._now

    def advance(self, delta: timedelta) -> None:
        self._now += delta

    def set(self, value: datetime) -> None:
        self._now = value if value.tzinfo else value.replace(tzinfo=UTC)


def zone(name: str | None, fallback: str) -> ZoneInfo:
    """The learner's zone; a name the system does not know falls back to `fallback` (the
    operator's `DEFAULT_TIMEZONE`) rather than fail."""
    for candidate in (name, fallback, "Europe/London"):
        if candidate:
            try:
                return ZoneInfo(candidate)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return ZoneInfo("UTC")  # pragma: no cover - tzdata ships Europe/London
