"""Callback data, declared once per kind of button: a prefix and its fields.

    SUBMIT = Callback("prac:submit", prompt=ID, token=NUMBER)
    SUBMIT.button("Submit", prompt.id, draft.token)   # the keyboard's button: prac:submit:<id>:<n>
    CallbackQueryHandler(submit, pattern=SUBMIT.pattern)   # ^prac:submit:(?P<prompt>...):(?P<token>...)$
    found = await take_press(update, SUBMIT)            # the handler reads found["prompt"]

The keyboard builders and the handler registration both use the one declaration, so the data a
button carries always matches the handler meant for it, and never exceeds Telegram's 64 bytes
(checked at start-up for the longest value each field allows, tests/handlers/test_callbacks.py).
A field may be optional (the last ones only): old buttons without it are still recognised.
Only this module sets `callback_data` (tests/architecture checks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from telegram import InlineKeyboardButton

LIMIT = 64  # bytes of callback data Telegram accepts


@dataclass(frozen=True)
class Field:
    """One part of the data: the regex a value must match, and the longest and shortest values
    it allows (to check the byte limit, and to press every kind of button in the tests)."""

    regex: str
    longest: str
    shortest: str
    optional: bool = False


def number(digits: int) -> Field:
    """A non-negative integer of at most `digits` digits (9 fit PostgreSQL's integer ids)."""
    return Field(rf"\d{{1,{digits}}}", "9" * digits, "0")


def choice(*values: str) -> Field:
    return Field("|".join(re.escape(v) for v in values), max(values, key=len), min(values, key=len))


def optional(field: Field) -> Field:
    return Field(field.regex, field.longest, field.shortest, optional=True)


# A content id (topic, prompt, sector, standard): lower-case words joined by "_", at most 40.
ID = Field(r"[a-z0-9_]{1,40}", "a" * 40, "a")
ATTEMPT = number(9)  # a row id in the database
# A cohort's invite code (bot.cohorts.service.new_code: 32 characters) in the buttons that carry it.
INVITE_CODE = Field(r"[A-Za-z0-9_-]{20,53}", "A" * 53, "A" * 20)


_ALL: list[Callback] = []


class Callback:
    """One kind of button: `prefix` then each field's value, colon-separated."""

    def __init__(self, prefix: str, **fields: Field) -> None:
        self.prefix = prefix
        self.fields = fields
        seen_optional = False
        parts = [re.escape(prefix)]
        for name, field in fields.items():
            if seen_optional and not field.optional:
                raise ValueError(f"{prefix}: the optional fields come last")
            seen_optional = seen_optional or field.optional
            group = f":(?P<{name}>{field.regex})"
            parts.append(f"(?:{group})?" if field.optional else group)
        self.pattern = re.compile("^" + "".join(parts) + "$")
        for example in self.examples():
            if len(example.encode()) > LIMIT:
                raise ValueError(f"{prefix}: {example!r} is over Telegram's {LIMIT} bytes")
        _ALL.append(self)

    def data(self, *values: object) -> str:
        """The data for these field values, in order (optional ones may be left off or None)."""
        given = [str(v) for v in values if v is not None]
        data = ":".join([self.prefix, *given])
        if len(data.encode()) > LIMIT or self.pattern.match(data) is None:
            raise ValueError(f"not a {self.prefix} button: {data!r}")
        return data

    def button(self, text: str, *values: object) -> InlineKeyboardButton:
        return InlineKeyboardButton(text, callback_data=self.data(*values))

    def match(self, data: str | None) -> re.Match[str] | None:
        return self.pattern.match(data or "")

    def examples(self) -> list[str]:
        """The longest data this kind of button can carry, and the shortest."""
        longest = ":".join([self.prefix, *(f.longest for f in self.fields.values())])
        shortest = ":".join([self.prefix, *(f.shortest for f in self.fields.values() if not f.optional)])
        return [longest, shortest]

    def __repr__(self) -> str:
        return f"Callback({self.pattern.pattern!r})"


def declared() -> list[Callback]:
    """Every kind of button declared so far (each feature's module declares its own)."""
    return list(_ALL)
