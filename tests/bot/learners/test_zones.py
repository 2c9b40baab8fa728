"""Time zones as learners type them."""

from __future__ import annotations

import contextlib

import pytest

from bot.learners import zones
from bot.learners.onboarding import SettingError, valid_timezone


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("london", "Europe/London"), ("LONDON ", "Europe/London"), ("europe/london", "Europe/London"),
        ("Belfast", "Europe/London"), ("Cardiff", "Europe/London"), ("Scotland", "Europe/London"),
        ("UK", "Europe/London"), ("londn", "Europe/London"),  # a typo is forgiven
        ("new york", "America/New_York"), ("Toronto", "America/Toronto"),
        ("America/Toronto", "America/Toronto"),
        ("india", "Asia/Kolkata"), ("kolkata", "Asia/Kolkata"), ("Dublin", "Europe/Dublin"),
    ],
)
def test_cities_nations_countries_and_zone_names(typed: str, zone: str) -> None:
    assert valid_timezone(typed) == zone


@pytest.mark.parametrize("typed", ["xyz", "", "my house", "ab"])
def test_nothing_close_gets_an_example(typed: str) -> None:
    with pytest.raises(SettingError, match="London, Belfast, Europe/London"):
        valid_timezone(typed)


def test_the_system_zone_list_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """`available_timezones()` walks the tz database on disk: once per process, not per zone typed."""
    calls: list[int] = []
    real = zones.available_timezones

    def counting() -> set[str]:
        calls.append(1)
        return real()

    monkeypatch.setattr(zones, "available_timezones", counting)
    zones._index.cache_clear()
    try:
        for typed in ("london", "Toronto", "india", "londn", "Asia/Dubai", "nowhere at all"):
            with contextlib.suppress(SettingError):
                valid_timezone(typed)
        assert len(calls) == 1
    finally:
        zones._index.cache_clear()
