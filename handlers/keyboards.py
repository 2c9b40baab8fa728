"""Inline keyboards. Every callback-data string is namespaced (`prac:`, `onb:`) and stays
under Telegram's 64-byte limit: ids in content are at most 40 characters."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from content.loader import Content
from handlers import texts
from handlers.callback import Callback, number
from handlers.disputes import open_button

SUBMIT = "prac:submit"
CANCEL = "prac:cancel"
NEXT = "prac:next"
STOP = "prac:stop"
RETRY = "prac:retry"
MODEL = "prac:model"
DETAILS = "prac:details"
TOPIC = "prac:topic"
WEAKEST = "weak"
ANY = "any"



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


# Voice answers (handlers.voice): "Replace this part" under what was heard and "Keep what I said";
# the part is the voice note's message id (Telegram's message ids fit 10 digits).
VOICE_FIX = Callback("voice:fix", part=number(12))
VOICE_KEEP = Callback("voice:keep", part=number(12))


def replace_row(part: int) -> list[InlineKeyboardButton]:
    return [VOICE_FIX.button("✏️ Replace this part", part)]


def keep_keyboard(part: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[VOICE_KEEP.button("Keep what I said", part)]])


def parse(data: str | None) -> tuple[str, list[str]]:
    """Split `prac:submit:<prompt id>:<token>` into the action and its arguments."""
    parts = (data or "").split(":")
    return ":".join(parts[:2]), parts[2:]


def after_feedback_keyboard(attempt_id: int, *, details: bool = True) -> InlineKeyboardMarkup:
    """Under the feedback summary (with Details) and under the details or the model outline
    (without). Each button names the attempt, so a press on an older one is recognised."""
    rows = [
        [_button("Try again", f"{RETRY}:{attempt_id}"),
         _button("Model answer outline", f"{MODEL}:{attempt_id}")],
        [_button("Next question", f"{NEXT}:{attempt_id}"), _button("Stop", f"{STOP}:{attempt_id}")],
        # The learner says which marking point the coach got wrong (handlers.disputes).
        [open_button(attempt_id)],
    ]
    if details:
        rows.insert(0, [_button("Details: checklist and evidence", f"{DETAILS}:{attempt_id}")])
    return InlineKeyboardMarkup(rows)


def topics_keyboard(content: Content) -> InlineKeyboardMarkup:
    rows = [[_button(t.title, f"{TOPIC}:{t.id}")] for t in content.topics.values()]
    rows.append([_button("My weakest area", f"{TOPIC}:{WEAKEST}"),
                 _button("Surprise me", f"{TOPIC}:{ANY}")])
    return InlineKeyboardMarkup(rows)


def ask_me_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_button(texts.ASK_ME_BUTTON, f"{TOPIC}:{WEAKEST}")]])
