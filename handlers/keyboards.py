"""Inline keyboards; every callback-data string is namespaced and well under 64 bytes."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

SUBMIT = "prac:submit"
CANCEL = "prac:cancel"
NEXT = "prac:next"


def draft_keyboard(prompt_id: str) -> InlineKeyboardMarkup:
    """Submit/Cancel for the answer to `prompt_id`; a press after that question is closed is
    recognised as stale because the id no longer matches the open draft."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton("Submit", callback_data=f"{SUBMIT}:{prompt_id}"),
          InlineKeyboardButton("Cancel", callback_data=f"{CANCEL}:{prompt_id}")]]
    )


def parse(data: str | None) -> tuple[str, str | None]:
    """Split `prac:submit:<prompt id>` into the action and the prompt id."""
    parts = (data or "").split(":")
    action = ":".join(parts[:2])
    return action, (parts[2] if len(parts) > 2 else None)


def after_feedback_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton("Next question", callback_data=NEXT)]])
