"""Long-lived services, built once at start-up and handed to handlers and the terminal."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.assessment import Assessor
from bot.clock import Clock
from bot.cohorts import CohortService
from bot.onboarding import LearnerSettings
from bot.practice import PracticeService
from bot.reminders import Reminders
from bot.roles import RoleService
from bot.settings import Settings
from content.loader import Content, load_content
from storage.db import SessionFactory, make_engine, make_session_factory, upgrade_database


@dataclass
class Services:
    settings: Settings
    content: Content
    assessor: Assessor
    engine: AsyncEngine
    sessions: SessionFactory
    clock: Clock
    practice: PracticeService
    learners: LearnerSettings
    cohorts: CohortService
    roles: RoleService

    @classmethod
    async def create(
        cls,
        settings: Settings,
        *,
        clock: Clock | None = None,
        content: Content | None = None,
        upgrade: bool = True,
    ) -> Services:
        """Load and check the content, open the database and bring its schema up to date."""
        content = content or load_content(settings.content_pack_dirs)
        assessor = Assessor(content)
        engine = make_engine(settings.database_url)
        if upgrade:
            await upgrade_database(engine)
        sessions = make_session_factory(engine)
        clock = clock or Clock()
        practice = PracticeService(
            sessions=sessions, content=content, assessor=assessor, clock=clock
        )
        learners = LearnerSettings(sessions=sessions, content=content, clock=clock)
        cohorts = CohortService(sessions=sessions, clock=clock)
        roles = RoleService(sessions=sessions, clock=clock, settings=settings, cohorts=cohorts)
        return cls(
            settings, content, assessor, engine, sessions, clock, practice, learners, cohorts, roles
        )

    @cached_property
    def reminders(self) -> Reminders:
        """Daily reminders (bot.reminders), built on first use from the services above."""
        return Reminders(
            sessions=self.sessions, clock=self.clock, default_timezone=self.settings.default_timezone
        )

    async def close(self) -> None:
        await self.engine.dispose()
