"""Onboarding and settings: privacy consent, level, sector and time zone, in that order.

`Learner.onboarding_step` says which question is open; None means onboarding is finished,
and the same setters then simply change one setting (from /settings).
"""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.clock import Clock
from bot.learners.zones import resolve_timezone
from bot.mastery.review import reaim_at_exam
from content import nations
from content.loader import Content
from storage import queries
from storage.db import SessionFactory
from storage.models import Learner

STEPS = ("privacy", "level", "sector", "timezone", "reminder")
# A time zone being typed from /settings (not part of onboarding: it ends there).
TYPED_TIMEZONE = "timezone_typed"
LEVELS = (2, 3, 4, 5)
# Offered as buttons; any other IANA name can be typed.
COMMON_TIMEZONES = ("Europe/London", "Europe/Dublin", "Europe/Paris", "Asia/Kolkata", "America/New_York")


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
            if learner.onboarding_step == TYPED_TIMEZONE and step == "timezone":
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
        """The next message is a time zone name: within onboarding that is the timezone step
        already; from /settings it is a one-off that ends when the zone is set."""
        async with self.sessions.begin() as session:
            learner = await session.get(Learner, learner_id)
            if learner is not None and learner.onboarding_step != "timezone":
                await queries.update_learner(
                    session, learner_id=learner_id, onboarding_step=TYPED_TIMEZONE
                )

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

    async def finish_reminder_step(self, learner_id: int) -> Learner:
        """The optional daily reminder was chosen (or declined): onboarding is done."""
        return await self._set(learner_id, "reminder")

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
