"""The buttons of onboarding and /settings (`onb:`), declared once, and their keyboards.

The privacy notice (I agree / No thanks / Read all, which may carry a cohort's invite code), the
level, sector and nation asked before the first feedback (`:s` at the end: submit once all are
given) or changed in /settings, the time zones, and the settings' own buttons. The handlers are
in handlers/onboarding.py; other features show some of these keyboards (the consent gate, the
reminder's confirmation), so they live here, apart from the handlers.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.learners.onboarding import COMMON_TIMEZONES, LEVELS
from content import nations
from content.loader import Content
from handlers import texts
from handlers.callback import ID, INVITE_CODE, Callback, Field, choice, number, optional

THEN_SUBMIT = "s"  # the last field of a level, sector or nation asked before the first feedback
_THEN = optional(choice(THEN_SUBMIT))

PRIVACY = Callback("onb:privacy", answer=choice("yes", "no"))
READ = Callback("onb:read", code=optional(INVITE_CODE))  # the full notice, in place
SETTINGS = Callback("onb:settings")  # back to /settings
LEVEL = Callback("onb:level", level=Field(r"\d", "9", "0"), then=_THEN)
SECTOR = Callback("onb:sector", sector=ID, then=_THEN)
NATION = Callback("onb:nation", nation=Field("[a-z_]{1,20}", "a" * 20, "a"), then=_THEN)
TIMEZONE = Callback("onb:tz", index=number(2))  # COMMON_TIMEZONES[index]
TIMEZONE_OTHER = Callback("onb:tz:other")  # "I'll type it"
CHANGE = Callback("onb:change", what=choice("level", "sector", "tz", "nation"))


def _then(then_submit: bool) -> str | None:
    return THEN_SUBMIT if then_submit else None


def _back_row(then_submit: bool) -> list[list[InlineKeyboardButton]]:
    """A way back to /settings when changing one setting there (not before feedback)."""
    return [] if then_submit else [[SETTINGS.button(texts.BACK_BUTTON)]]


def privacy_keyboard(*, read_all: bool = True) -> InlineKeyboardMarkup:
    rows = [[PRIVACY.button(texts.AGREE_BUTTON, "yes"), PRIVACY.button(texts.DECLINE_BUTTON, "no")]]
    if read_all:
        rows.append([READ.button(texts.READ_ALL_BUTTON)])
    return InlineKeyboardMarkup(rows)


def read_all_keyboard() -> InlineKeyboardMarkup:
    """Under /privacy's summary: only to read."""
    return InlineKeyboardMarkup([[READ.button(texts.READ_ALL_BUTTON)]])


def levels_keyboard(*, then_submit: bool = False) -> InlineKeyboardMarkup:
    end = _then(then_submit)
    return InlineKeyboardMarkup(
        [[LEVEL.button(f"Level {n}", n, end) for n in LEVELS], *_back_row(then_submit)]
    )


def sectors_keyboard(content: Content, *, then_submit: bool = False) -> InlineKeyboardMarkup:
    end = _then(then_submit)
    buttons = [SECTOR.button(s.label, s.id, end) for s in content.sectors.values()]
    return InlineKeyboardMarkup(
        [*(buttons[i : i + 2] for i in range(0, len(buttons), 2)), *_back_row(then_submit)]
    )


def nations_keyboard(*, then_submit: bool = False) -> InlineKeyboardMarkup:
    """England, Wales, Scotland, Northern Ireland (whose law applies), two to a row."""
    end = _then(then_submit)
    buttons = [NATION.button(nations.label(n), n, end) for n in nations.NATIONS]
    return InlineKeyboardMarkup([buttons[:2], buttons[2:], *_back_row(then_submit)])


def timezones_keyboard() -> InlineKeyboardMarkup:
    rows = [[TIMEZONE.button(name.replace("_", " "), i)] for i, name in enumerate(COMMON_TIMEZONES)]
    rows.append([TIMEZONE_OTHER.button("Another: I'll type it")])
    rows.extend(_back_row(False))
    return InlineKeyboardMarkup(rows)


def settings_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[CHANGE.button("Level", "level"), CHANGE.button("Sector", "sector"),
          CHANGE.button("Time zone", "tz")],
         [CHANGE.button("Nation", "nation")]]
    )


def change_timezone_keyboard() -> InlineKeyboardMarkup:
    """Under a reminder's confirmation: its time zone is the one place the zone matters."""
    return InlineKeyboardMarkup([[CHANGE.button(texts.CHANGE_TIMEZONE_BUTTON, "tz")]])
