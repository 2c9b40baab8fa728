"""Onboarding and settings: privacy consent first; level, sector and nation when they matter.

A new learner agrees to the privacy notice and gets a question at once. `Learner.onboarding_step`
then says which profile question is still owed (level, sector, then nation): they are asked when the
first answer is submitted, before its feedback, because that is where they change the marking.
None means onboarding is finished, and the same setters then simply change one setting (from
/settings). The time zone is not asked up front: it starts as the operator's DEFAULT_TIMEZONE and
is offered for change when a reminder is set (its only use).
"""

from __future__ import annotations

import re
from datetime import date
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from rapidfuzz import fuzz, process

from bot.clock import Clock
from bot.learners.zones import resolve_timezone
from bot.mastery.review import reaim_at_exam
from content import nations
from content.loader import Content
from storage import queries
from storage.db import SessionFactory
from storage.models import Learner

STEPS = ("privacy", "level", "sector", "nation")
# The steps asked before the first feedback, not up front.
PROFILE_STEPS = STEPS[1:]
# A time zone being typed from /settings: "tz>" and the step to return to afterwards (the
# profile question still owed, if any), so typing a zone never loses an unanswered question.
TYPED_TIMEZONE = "tz>"
# A new learner's first question: the foundations suit every level and sector.
FIRST_TOPIC = "service_foundations"
LEVELS = (2, 3, 4, 5)
# Offered as buttons; any other IANA name can be typed.
COMMON_TIMEZONES = ("Europe/London", "Europe/Dublin", "Europe/Paris", "Asia/Kolkata", "America/New_York")


# A typed reply to a profile question is a few words ("level 3", "retail", "northern ireland");
# a longer message is more of the answer.
REPLY_WORDS = 4
# How alike a typed word must be to a sector or nation to be taken for it ("retial", "scotlnd").
ALIKE = 80.0
_LEVEL_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5}
_JOINING = {"and", "the", "not", "for"}  # words of a sector's label that name no sector


def read_level(text: str) -> int | None:
    """A level typed in reply to "Which level?": "3", "Level 3", "lvl 4", "level three"."""
    found = re.fullmatch(r"(?:level|lvl|l)?\s*([2-5]|two|three|four|five)", _plain(text))
    if found is None:
        return None
    value = found.group(1)
    return int(value) if value.isdigit() else _LEVEL_WORDS[value]


def read_sector(text: str, content: Content) -> str | None:
    """The sector a short reply names: its id or a word of its label ("retail", "banking",
    "broadband"), or one spelt alike ("retial"); None when it names none, or more than one."""
    key = _plain(text)
    if len(key) < 3 or len(key.split()) > REPLY_WORDS:
        return None
    names = {sid: [sid.replace("_", " "), _plain(sector.label)] for sid, sector in content.sectors.items()}
    exact = [sid for sid, said in names.items() if key in said]
    if len(exact) == 1:
        return exact[0]
    # The words that name a sector ("banking", "broadband"; not "and", "the").
    words = {word: sid for sid, said in names.items() for name in said
             for word in re.findall(r"[a-z]{3,}", name) if word not in _JOINING}
    begun = {sid for word, sid in words.items()
             if (len(key) >= 4 and word.startswith(key)) or word in key.split()}
    if len(begun) == 1:
        return begun.pop()
    alike = process.extractOne(key, list(words), scorer=fuzz.ratio, score_cutoff=ALIKE)
    return words[alike[0]] if alike else None


def read_nation(text: str) -> str | None:
    """The nation a short reply names ("scotland", "NI", "N. Ireland"), or one spelt alike
    ("scotlnd", "whales"); never `unknown`, which is not an answer."""
    key = _plain(text)
    if len(key.split()) > REPLY_WORDS:
        return None
    found = nations.parse_nation(key)
    if found is None and len(key) >= 4:
        alike = process.extractOne(
            key, [n.replace("_", " ") for n in nations.NATIONS], scorer=fuzz.ratio, score_cutoff=ALIKE
        )
        found = alike[0].replace(" ", "_") if alike else None
    return found if found in nations.NATIONS else None


def _plain(text: str) -> str:
    """Lower case, single spaces, no punctuation at the ends ("Retail." is "retail")."""
    return re.sub(r"\s+", " ", text.strip().lower()).strip(" .!,;:")


class SettingError(ValueError):
    """A value the learner gave that cannot be used; the message says why."""


def valid_timezone(name: str) -> str:
    """The IANA zone a learner means: a zone name in any case, a city, a UK nation or a country
    (bot.learners.zones); raise SettingError with an example when nothing is close."""
    if name.strip() in COMMON_TIMEZONES:
        return name.strip()
    canonical = resolve_timezone(name)
    if canonical is None:
        raise SettingError(
            f"\u201c{name.strip()}\u201d is not a time zone I know. Type a city or a zone, such as "
            "London, Belfast, Europe/London or America/New_York."
        )
    try:
        ZoneInfo(canonical)
    except ZoneInfoNotFoundError as exc:  # pragma: no cover - listed zones load
        raise SettingError(f"{canonical} cannot be loaded") from exc
    return canonical


class LearnerSettings:
    def __init__(self, *, sessions: SessionFactory, content: Content, clock: Clock) -> None:
        self.sessions = sessions
        self.content = content
        self.clock = clock

    async def get(self, learner_id: int) -> Learner:
        async with self.sessions() as session:
            learner = await session.get(Learner, learner_id)
        if learner is None:
            raise SettingError("I can't find your details. Send /start to begin again.")
        return learner

    async def _set(self, learner_id: int, step: str, **fields: object) -> Learner:
        async with self.sessions.begin() as session:
            learner = await session.get(Learner, learner_id)
            if learner is None:
                raise SettingError("I can't find your details. Send /start to begin again.")
            current = learner.onboarding_step or ""
            if current.startswith(TYPED_TIMEZONE) and step == "timezone":
                fields["onboarding_step"] = current[len(TYPED_TIMEZONE):] or None
            elif current not in STEPS and not current.startswith(TYPED_TIMEZONE):
                # A step of an older version (timezone, reminder): nothing more is owed.
                fields["onboarding_step"] = None
            elif learner.onboarding_step == step:
                following = STEPS.index(step) + 1
                fields["onboarding_step"] = STEPS[following] if following < len(STEPS) else None
            updated = await queries.update_learner(session, learner_id=learner_id, **fields)
            assert updated is not None
            return updated

    async def begin(self, learner_id: int) -> Learner:
        """Open onboarding at the privacy notice, unless it was accepted before."""
        learner = await self.get(learner_id)
        if learner.privacy_accepted_at is None and learner.onboarding_step is None:
            async with self.sessions.begin() as session:
                updated = await queries.update_learner(
                    session, learner_id=learner_id, onboarding_step="privacy"
                )
                assert updated is not None
                return updated
        return learner

    async def accept_privacy(self, learner_id: int) -> Learner:
        return await self._set(learner_id, "privacy", privacy_accepted_at=self.clock.now())

    async def set_level(self, learner_id: int, level: int) -> Learner:
        if level not in LEVELS:
            raise SettingError("Choose a level from 2 to 5.")
        return await self._set(learner_id, "level", level=level)

    async def set_sector(self, learner_id: int, sector: str) -> Learner:
        if sector not in self.content.sectors:
            raise SettingError("That sector is not on my list; choose one of the buttons.")
        return await self._set(learner_id, "sector", sector=sector)

    async def expect_typed_timezone(self, learner_id: int) -> None:
        """The next message is a time zone name: a one-off that ends when the zone is set,
        remembering the profile question still owed."""
        async with self.sessions.begin() as session:
            learner = await session.get(Learner, learner_id)
            if learner is not None and not (learner.onboarding_step or "").startswith(TYPED_TIMEZONE):
                owed = learner.onboarding_step if learner.onboarding_step in PROFILE_STEPS else ""
                await queries.update_learner(
                    session, learner_id=learner_id, onboarding_step=f"{TYPED_TIMEZONE}{owed}"
                )

    async def stop_typed_timezone(self, learner_id: int) -> Learner:
        """No time zone after all (/cancel, or an answer sent instead): the next message is an
        ordinary one again, and the profile question owed stays owed."""
        async with self.sessions.begin() as session:
            learner = await session.get(Learner, learner_id)
            assert learner is not None
            step = learner.onboarding_step or ""
            if step.startswith(TYPED_TIMEZONE):
                updated = await queries.update_learner(
                    session, learner_id=learner_id, onboarding_step=step[len(TYPED_TIMEZONE):] or None
                )
                assert updated is not None
                return updated
            return learner

    async def set_timezone(self, learner_id: int, name: str) -> Learner:
        return await self._set(learner_id, "timezone", timezone=valid_timezone(name))

    async def set_nation(self, learner_id: int, nation: str) -> Learner:
        """Whose law applies where the learner works ("NI", "Scotland", ... or "unknown")."""
        value = nations.parse_nation(nation)
        if value is None:
            raise SettingError(
                f"\u201c{nation.strip()}\u201d is not a UK nation I know. Choose England, Wales, "
                "Scotland or Northern Ireland."
            )
        return await self._set(learner_id, "nation", nation=value)

    async def set_standard(self, learner_id: int, standard_id: str | None) -> Learner:
        """The apprenticeship standard the mock discussion maps to; None reads it from the level."""
        if standard_id is not None and standard_id not in self.content.standards:
            raise SettingError("That standard is not on my list; choose one of the buttons.")
        async with self.sessions.begin() as session:
            updated = await queries.update_learner(session, learner_id=learner_id, standard=standard_id)
            if updated is None:
                raise SettingError("I can't find your details. Send /start to begin again.")
            return updated

    async def set_exam_date(
        self, learner_id: int, day: date | None, *, default_timezone: str
    ) -> Learner:
        """Set (or clear) the assessment date, and aim the review schedule at it at once."""
        async with self.sessions.begin() as session:
            updated = await queries.update_learner(session, learner_id=learner_id, exam_date=day)
            if updated is None:
                raise SettingError("I can't find your details. Send /start to begin again.")
            await reaim_at_exam(
                session, learner=updated, now=self.clock.now(), default_timezone=default_timezone
            )
            return updated

def profile_owed(learner: Learner) -> str | None:
    """The profile question (level, sector, nation) still to ask before feedback, if any."""
    step = learner.onboarding_step or ""
    if step.startswith(TYPED_TIMEZONE):
        step = step[len(TYPED_TIMEZONE):]
    return step if step in PROFILE_STEPS else None


def typing_timezone(learner: Learner) -> bool:
    """True while the learner's next message is the time zone they chose to type."""
    return (learner.onboarding_step or "").startswith(TYPED_TIMEZONE)
