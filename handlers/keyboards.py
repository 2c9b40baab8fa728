"""Inline keyboards. Every callback-data string is namespaced (`prac:`, `onb:`) and stays
under Telegram's 64-byte limit: ids in content are at most 40 characters."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.learners.onboarding import COMMON_TIMEZONES, LEVELS
from content import nations
from content.loader import Content

SUBMIT = "prac:submit"
CANCEL = "prac:cancel"
NEXT = "prac:next"
STOP = "prac:stop"
RETRY = "prac:retry"
MODEL = "prac:model"
TOPIC = "prac:topic"
WEAKEST = "weak"
ANY = "any"

PRIVACY_ACCEPT = "onb:privacy:yes"
PRIVACY_DECLINE = "onb:privacy:no"
LEVEL = "onb:level"
SECTOR = "onb:sector"
TIMEZONE = "onb:tz"
TIMEZONE_OTHER = "onb:tz:other"
REMINDER = "onb:rem"
NATION = "onb:nation"
REMINDER_TIMES = ("07:30", "12:30", "18:00", "20:00")


def _button(text: str, data: str) -> InlineKeyboardButton:
    assert len(data.encode()) <= 64, data
    return InlineKeyboardButton(text, callback_data=data)


def draft_keyboard(prompt_id: str, token: int) -> InlineKeyboardMarkup:
    """Submit/Cancel for one draft; a press after that draft is closed is recognised as
    stale because the prompt id or token no longer match the open draft."""
    return InlineKeyboardMarkup(
        [[_button("Submit", f"{SUBMIT}:{prompt_id}:{token}"),
          _button("Cancel", f"{CANCEL}:{prompt_id}:{token}")]]
    )


def button_time(digits: str) -> str | None:
    """`HHMM` from a time button as `HH:MM`, or None if it is not a time of day (a forged press)."""
    if len(digits) != 4 or not digits.isdigit():
        return None
    hours, minutes = int(digits[:2]), int(digits[2:])
    return f"{digits[:2]}:{digits[2:]}" if hours < 24 and minutes < 60 else None


def parse(data: str | None) -> tuple[str, list[str]]:
    """Split `prac:submit:<prompt id>:<token>` into the action and its arguments."""
    parts = (data or "").split(":")
    return ":".join(parts[:2]), parts[2:]


def after_feedback_keyboard(attempt_id: int, prompt_id: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [_button("Try again", f"{RETRY}:{attempt_id}"),
             _button("Model answer outline", f"{MODEL}:{prompt_id}")],
            [_button("Next question", NEXT), _button("Stop", STOP)],
            # Issue 13 item 3: the learner says which marking point the coach got wrong.
            [_button("That's not right", f"dis:open:{attempt_id}")],
        ]
    )


def next_stop_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_button("Next question", NEXT), _button("Stop", STOP)]])


def topics_keyboard(content: Content) -> InlineKeyboardMarkup:
    rows = [[_button(t.title, f"{TOPIC}:{t.id}")] for t in content.topics.values()]
    rows.append([_button("My weakest area", f"{TOPIC}:{WEAKEST}"),
                 _button("Surprise me", f"{TOPIC}:{ANY}")])
    return InlineKeyboardMarkup(rows)


def privacy_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[_button("I agree", PRIVACY_ACCEPT), _button("No thanks", PRIVACY_DECLINE)]]
    )


def levels_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_button(f"Level {n}", f"{LEVEL}:{n}") for n in LEVELS]])


def sectors_keyboard(content: Content) -> InlineKeyboardMarkup:
    buttons = [_button(s.label, f"{SECTOR}:{s.id}") for s in content.sectors.values()]
    return InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)])


def timezones_keyboard() -> InlineKeyboardMarkup:
    rows = [[_button(name.replace("_", " "), f"{TIMEZONE}:{i}")] for i, name in enumerate(COMMON_TIMEZONES)]
    rows.append([_button("Another: I'll type it", TIMEZONE_OTHER)])
    return InlineKeyboardMarkup(rows)


def reminder_keyboard() -> InlineKeyboardMarkup:
    times = [_button(t, f"{REMINDER}:{t.replace(':', '')}") for t in REMINDER_TIMES]
    return InlineKeyboardMarkup([times, [_button("No reminder, thanks", f"{REMINDER}:off")]])


def settings_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[_button("Level", "onb:change:level"), _button("Sector", "onb:change:sector"),
          _button("Time zone", "onb:change:tz")],
         [_button("Nation", "onb:change:nation")]]
    )


def nations_keyboard() -> InlineKeyboardMarkup:
    """England, Wales, Scotland, Northern Ireland (whose law applies), two to a row."""
    buttons = [_button(nations.label(n), f"{NATION}:{n}") for n in nations.NATIONS]
    return InlineKeyboardMarkup([buttons[:2], buttons[2:]])


def reminder_settings_button() -> list[InlineKeyboardButton]:
    """The daily-reminder row that /settings adds under its own buttons (handlers.reminders)."""
    return [InlineKeyboardButton("⏰ Daily reminder", callback_data="rem:menu")]
