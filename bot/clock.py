"""Time: the clock every service asks instead of datetime.now() (the tests hand in one that stands
still, tests/helpers.FixedClock), and the learner's time zone."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class Clock:
    def now(self) -> datetime:
        return datetime.now(UTC)


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
