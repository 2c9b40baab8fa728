"""Time zones as learners type them."""

from __future__ import annotations

import pytest

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
