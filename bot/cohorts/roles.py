"""Roles: operators name admins (ADMIN_USER_IDS); an admin makes a user an assessor, by
Telegram user id (`grant`) or with a one-time link (`new_invite` / `redeem`), and can
withdraw the role (`revoke`). A revoked assessor keeps their row (revoked_at set), so their
cohorts come back if the role is granted again; until then every view, export and invite
link of theirs is refused. No Telegram in here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.clock import Clock, zone
from bot.cohorts.digest import next_digest_at
from bot.cohorts.service import ASSESSOR_PREFIX, CODE, COHORT_PREFIX, CohortService, new_code
from storage import cohort_queries as cq
from storage import queries
from storage.db import SessionFactory
from storage.models import Learner, aware

ASSESSOR_INVITE_DAYS = 7


class RoleError(Exception):
    """Something the admin is told; safe to show."""


class NotAdmin(RoleError):
    pass


@dataclass(frozen=True)
class Granted:
    learner: Learner
    already: bool


@dataclass(frozen=True)
class AssessorInfo:
    telegram_user_id: int | None
    name: str
    granted_at: datetime


def parse_user_id(text: str) -> int:
    """A Telegram user id as typed after /grant or /revoke."""
    text = text.strip()
    if not text.isdigit() or not 0 < int(text) < 2**53:
        raise RoleError("Give the person's Telegram user id, a number, for example /grant 123456789.")
    return int(text)


class RoleService:
    def __init__(
        self,
        *,
        sessions: SessionFactory,
        clock: Clock,
        cohorts: CohortService,
        admin_user_ids: Iterable[int],
        default_timezone: str,
    ) -> None:
        self.sessions = sessions
        self.clock = clock
        self.admin_user_ids = frozenset(admin_user_ids)
        self.default_timezone = default_timezone
        self.cohorts = cohorts

    def is_admin(self, telegram_user_id: int) -> bool:
        return telegram_user_id in self.admin_user_ids

    def require_admin(self, telegram_user_id: int) -> None:
        if not self.is_admin(telegram_user_id):
            raise NotAdmin("This command is for the bot's operators.")

    async def is_assessor(self, telegram_user_id: int) -> bool:
        async with self.sessions() as session:
            learner = await queries.get_learner(session, key=f"tg:{telegram_user_id}")
            if learner is None or learner.id is None:
                return False
            return await cq.active_assessor(session, learner_id=learner.id) is not None

    async def _make_assessor(self, learner: Learner, granted_by: int | None) -> Granted:
        async with self.sessions.begin() as session:
            return await self._grant_in(session, learner, granted_by)

    async def _grant_in(self, session: AsyncSession, learner: Learner, granted_by: int | None) -> Granted:
        """Grant the role within the caller's transaction (the first digest is planned too)."""
        assert learner.id is not None
        row = await cq.get_assessor(session, learner_id=learner.id)
        tz = zone(learner.timezone, self.default_timezone)
        day, time = (row.digest_day, row.digest_time) if row else (0, "08:00")
        _, already = await cq.grant_assessor(
            session, learner_id=learner.id, granted_by=granted_by, now=self.clock.now(),
            digest_next_at=next_digest_at(self.clock.now(), tz, day=day, time=time),
        )
        return Granted(learner, already)

    async def grant(self, *, by: int, telegram_user_id: int) -> Granted:
        """Make someone who has talked to the bot an assessor. Someone it has never seen has
        no record to attach the role to (and no chat to tell them in): they get a link."""
        self.require_admin(by)
        async with self.sessions() as session:
            learner = await queries.get_learner(session, key=f"tg:{telegram_user_id}")
        if learner is None:
            raise RoleError(
                "I don't know that user yet: they need to send /start to me first. "
                "Or send them a one-time link from /assessorlink."
            )
        return await self._make_assessor(learner, by)

    async def revoke(self, *, by: int, telegram_user_id: int) -> Learner:
        self.require_admin(by)
        async with self.sessions.begin() as session:
            learner = await queries.get_learner(session, key=f"tg:{telegram_user_id}")
            if learner is None or learner.id is None or not await cq.revoke_assessor(
                session, learner_id=learner.id, now=self.clock.now()
            ):
                raise RoleError("That user is not an assessor.")
        return learner

    async def assessors(self, *, by: int) -> list[AssessorInfo]:
        self.require_admin(by)
        async with self.sessions() as session:
            rows = await cq.list_active_assessors(session)
        return [AssessorInfo(lr.telegram_user_id, lr.first_name, a.granted_at) for a, lr in rows]

    async def assessor_ids(self) -> list[int]:
        """Telegram ids of everyone who holds the role now."""
        async with self.sessions() as session:
            rows = await cq.list_active_assessors(session)
        return [lr.telegram_user_id for _, lr in rows if lr.telegram_user_id is not None]

    async def new_invite(self, *, by: int) -> tuple[str, datetime]:
        """A one-time code that makes whoever opens it an assessor, for a week."""
        self.require_admin(by)
        now = self.clock.now()
        code, expires = new_code(), now + timedelta(days=ASSESSOR_INVITE_DAYS)
        async with self.sessions.begin() as session:
            await cq.add_assessor_invite(session, code=code, created_by=by, now=now, expires_at=expires)
        return code, expires

    async def redeem(self, learner: Learner, telegram_user_id: int, code: str) -> Granted:
        """Use a one-time assessor code; a wrong, used or expired one counts as a failure.

        Spending the code and granting the role are one transaction: a crash between them
        can neither use up the link without making an assessor nor make one twice."""
        await self.cohorts.guard(telegram_user_id)
        now = self.clock.now()
        if CODE.match(code) and learner.id is not None:
            async with self.sessions.begin() as session:
                invite = await cq.get_assessor_invite(session, code=code)
                live = invite is not None and (
                    invite.expires_at is None or aware(invite.expires_at) > now
                )
                if live and await cq.use_assessor_invite(
                    session, code=code, learner_id=learner.id, now=now
                ):
                    return await self._grant_in(session, learner, None)
        raise await self.cohorts.fail(telegram_user_id)


def payload_kind(payload: str) -> str | None:
    """`assessor` or `cohort` for a /start payload of ours (by its prefix), else None."""
    if payload.startswith(ASSESSOR_PREFIX):
        return "assessor"
    if payload.startswith(COHORT_PREFIX):
        return "cohort"
    return None
