"""The practice flow's buttons (`prac:`), declared once, and their keyboards. The handlers are in
handlers/practice.py and handlers/after_feedback.py; other features show some of these keyboards
(the topics, Try again). The voice note's buttons are in handlers/voice_buttons.py."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from content.loader import Content
from handlers import texts
from handlers.callback import ATTEMPT, ID, Callback, optional
from handlers.disputes import open_button

# Submit and Cancel name their draft (prompt and token): a press after it closed is recognised.
SUBMIT = Callback("prac:submit", prompt=ID, token=ATTEMPT)  # token: the attempt it builds on, or 0
CANCEL = Callback("prac:cancel", prompt=ID, token=ATTEMPT)
TOPIC = Callback("prac:topic", topic=ID)  # a topic id, WEAKEST or ANY
WEAKEST = "weak"
ANY = "any"
# Under the feedback: each names its attempt. The model outline of an older version named the
# prompt instead, and its Next and Stop nothing: both are still recognised.
DETAILS = Callback("prac:details", attempt=ATTEMPT)
RETRY = Callback("prac:retry", attempt=ATTEMPT)
MODEL = Callback("prac:model", ref=ID)
NEXT = Callback("prac:next", attempt=optional(ATTEMPT))
STOP = Callback("prac:stop", attempt=optional(ATTEMPT))


def draft_keyboard(prompt_id: str, token: int) -> InlineKeyboardMarkup:
    """Submit/Cancel for one draft; a press after that draft is closed is recognised as
    stale because the prompt id or token no longer match the open draft."""
    return InlineKeyboardMarkup(
        [[SUBMIT.button("Submit", prompt_id, token), CANCEL.button("Cancel", prompt_id, token)]]
    )


def after_feedback_keyboard(attempt_id: int, *, details: bool = True) -> InlineKeyboardMarkup:
    """Under the feedback summary (with Details) and under the details or the model outline
    (without). Each button names the attempt, so a press on an older one is recognised."""
    rows = [
        [RETRY.button("Try again", attempt_id), MODEL.button("Model answer outline", attempt_id)],
        [NEXT.button("Next question", attempt_id), STOP.button("Stop", attempt_id)],
        # The learner says which marking point the coach got wrong (handlers.disputes).
        [open_button(attempt_id)],
    ]
    if details:
        rows.insert(0, [DETAILS.button("Details: checklist and evidence", attempt_id)])
    return InlineKeyboardMarkup(rows)


def topics_keyboard(content: Content) -> InlineKeyboardMarkup:
    rows = [[TOPIC.button(t.title, t.id)] for t in content.topics.values()]
    rows.append([TOPIC.button("My weakest area", WEAKEST), TOPIC.button("Surprise me", ANY)])
    return InlineKeyboardMarkup(rows)


def ask_me_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[TOPIC.button(texts.ASK_ME_BUTTON, WEAKEST)]])


def retry_button(attempt_id: int) -> InlineKeyboardButton:
    """Answer it again (under a question in My answers): the same as Try again."""
    return RETRY.button("🔁 Answer it again", attempt_id)
