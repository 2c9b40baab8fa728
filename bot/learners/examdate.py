"""The learner's assessment date, as typed: "12 March", "12 Mar 2027", "2027-03-12", "12/03/2027".

A date without a year is the next one to come (today counts). Dates are UK order (day first).
"""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")],
        start=1,
    )
    for name in names
}
OFF_WORDS = {"off", "none", "clear", "remove", "delete"}
# An apprenticeship's end-point assessment is months away, not years.
FURTHEST_YEARS = 3


class DateError(ValueError):
    """The text is not a date the coach can use; the message says what to type."""


HOW = "Type the day of your assessment, such as /examdate 12 March or /examdate 2027-03-12 (or off)."


def _year(text: str | None, day: int, month: int, today: date) -> date:
    if text:
        year = int(text)
        year += 2000 if year < 100 else 0
        return date(year, month, day)
    candidate = date(today.year, month, day)
    return candidate if candidate >= today else date(today.year + 1, month, day)


def parse_exam_date(text: str, today: date) -> date | None:
    """The date typed, or None for "off"; DateError when it cannot be used."""
    words = text.strip().casefold().replace(",", " ")
    if words in OFF_WORDS:
        return None
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", words):
            found = date(int(m[1]), int(m[2]), int(m[3]))
        elif m := re.fullmatch(r"(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2}|\d{4}))?", words):
            found = _year(m[3], int(m[1]), int(m[2]), today)
        elif m := re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?(?:\s+(\d{4}))?", words):
            if m[2] not in MONTHS:
                raise DateError(HOW)
            found = _year(m[3], int(m[1]), MONTHS[m[2]], today)
        elif m := re.fullmatch(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:\s+(\d{4}))?", words):
            if m[1] not in MONTHS:
                raise DateError(HOW)
            found = _year(m[3], int(m[2]), MONTHS[m[1]], today)
        else:
            raise DateError(HOW)
    except ValueError as exc:
        if isinstance(exc, DateError):
            raise
        raise DateError(f"That is not a real date. {HOW}") from exc
    if found < today:
        raise DateError("That date has passed. " + HOW)
    if found.year > today.year + FURTHEST_YEARS:
        raise DateError("That is years away; check the year. " + HOW)
    return found
