"""The buttons under a voice note's transcript (`voice:`), declared once: "Replace this part"
under what was heard, and "Keep what I said" while the right words are awaited. Their handlers
are in handlers/voice.py; the status lines that show them are the practice's and the mock's
(handlers/practice.py, handlers/mock.py), which handlers/voice.py itself imports, so the
declarations live here, apart from both."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.callback import Callback, number

# The part is the voice note's message id (Telegram's message ids fit 10 digits).
VOICE_FIX = Callback("voice:fix", part=number(12))
VOICE_KEEP = Callback("voice:keep", part=number(12))


def replace_row(part: int) -> list[InlineKeyboardButton]:
    return [VOICE_FIX.button("✏️ Replace this part", part)]


def keep_keyboard(part: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[VOICE_KEEP.button("Keep what I said", part)]])
