"""The composition root: every long-lived service is built here, once, and handed on.

Each service gets the narrow dependencies it uses (a session factory, the clock, the content, a
default time zone); nothing else in the code builds a service. The Telegram application keeps the
one `Services` in `bot_data` (see bot.app.context) and the terminal mode holds it directly.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app.settings import Settings
from bot.assessment import Assessor
from bot.clock import Clock
from bot.cohorts.assignments import AssignmentService
from bot.cohorts.comments import CommentService
from bot.cohorts.digest import Digests
from bot.cohorts.evidence import Evidence
from bot.cohorts.insights import Insights
from bot.cohorts.roles import RoleService
from bot.cohorts.service import CohortService
from bot.learners.onboarding import LearnerSettings
from bot.learners.privacy import Privacy
from bot.mastery.answers import AnswerBookReader
from bot.mastery.progress import ProgressReader
from bot.mastery.review import Review
from bot.mock.service import MockService
from bot.practice.disputes import DisputeService
from bot.practice.service import PracticeService
from bot.reminders.dispatcher import Dispatcher, Sender
from bot.reminders.planning import Reminders
from bot.render.nudge import SetWork
from bot.voice.service import VoiceLimits, VoiceService
from bot.voice.vocabulary import catalogue_forms
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
    review: Review
    practice: PracticeService
    learners: LearnerSettings
    privacy: Privacy
    progress: ProgressReader
    answers: AnswerBookReader
    reminders: Reminders
    cohorts: CohortService
    roles: RoleService
    insights: Insights
    digests: Digests
    comments: CommentService
    assignments: AssignmentService
    disputes: DisputeService
    mock: MockService
    evidence: Evidence
    voice: VoiceService

    @classmethod
    async def create(
        cls,
        settings: Settings,
        *,
        clock: Clock | None = None,
        content: Content | None = None,
        upgrade: bool = True,
    ) -> Services:
        """Load and check the content, open the database (bringing its schema up to date unless
        `upgrade` is False) and build every service once."""
        content = content or load_content(settings.content_pack_dirs)
        engine = make_engine(settings.database_url)
        if upgrade:
            await upgrade_database(engine)
        return cls.build(settings, content=content, engine=engine, clock=clock or Clock())

    @classmethod
    def build(cls, settings: Settings, *, content: Content, engine: AsyncEngine, clock: Clock) -> Services:
        sessions = make_session_factory(engine)
        tz = settings.default_timezone
        assessor = Assessor(content)
        review = Review(content, default_timezone=tz)
        cohorts = CohortService(sessions=sessions, clock=clock)
        insights = Insights(sessions=sessions, content=content, clock=clock, default_timezone=tz)
        assignments = AssignmentService(sessions=sessions, clock=clock, content=content, default_timezone=tz)
        return cls(
            settings=settings,
            content=content,
            assessor=assessor,
            engine=engine,
            sessions=sessions,
            clock=clock,
            review=review,
            practice=PracticeService(
                sessions=sessions, content=content, assessor=assessor, clock=clock, review=review,
                default_timezone=tz,
            ),
            learners=LearnerSettings(sessions=sessions, content=content, clock=clock),
            privacy=Privacy(sessions=sessions, clock=clock, default_timezone=tz),
            progress=ProgressReader(sessions=sessions, content=content, clock=clock, default_timezone=tz),
            answers=AnswerBookReader(sessions=sessions, content=content),
            reminders=Reminders(sessions=sessions, clock=clock, default_timezone=tz),
            cohorts=cohorts,
            roles=RoleService(
                sessions=sessions, clock=clock, cohorts=cohorts,
                admin_user_ids=settings.admin_user_ids, default_timezone=tz,
            ),
            insights=insights,
            comments=CommentService(sessions=sessions, clock=clock),
            disputes=DisputeService(sessions=sessions, clock=clock),
            mock=MockService(
                sessions=sessions, content=content, assessor=assessor, clock=clock, review=review
            ),
            assignments=assignments,
            evidence=Evidence(sessions=sessions, content=content, clock=clock),
            digests=Digests(
                sessions=sessions, clock=clock, cohorts=cohorts, insights=insights, default_timezone=tz,
                assignments=assignments,
            ),
            voice=VoiceService(VoiceLimits(
                engine=settings.voice_engine, max_seconds=settings.voice_max_seconds,
                max_bytes=settings.voice_max_bytes, jobs=settings.voice_jobs,
                workers=settings.voice_workers, vocabulary=catalogue_forms(content),
            )),
        )

    def dispatcher(self, sender: Sender) -> Dispatcher:
        """The nudge dispatcher, given the transport that sends (Telegram's, or a test's)."""
        async def set_work(learner_id: int) -> list[SetWork]:
            return [SetWork(w.label, w.set_by, w.due_on) for w in await self.assignments.open_for(learner_id)]

        return Dispatcher(
            sessions=self.sessions, review=self.review, clock=self.clock, sender=sender,
            default_timezone=self.settings.default_timezone, rate=self.settings.reminder_send_rate,
            set_work=set_work,
        )

    async def close(self) -> None:
        self.voice.close()
        await self.engine.dispose()
