"""Cohorts: an assessor's group of learners, joined by an invite link after consent.

Flow: an assessor creates a cohort (`create`) and gets a deep link
`https://t.me/<bot>?start=c_<code>`; a learner who opens it is shown what will be shared
(`check_code`), then joins (`join`), sharing summaries always and answer texts only if they
chose to; `leave` takes them out again. Every wrong code counts against the user who tried it
(InviteFailure): after MAX_FAILURES in FAILURE_WINDOW they are asked to try later, before the
code is even looked up, so guessing cannot go on. The assessor side (`scope`) only ever reads
members of the caller's own cohorts, and says the same thing whether what they asked for
exists elsewhere or not. No Telegram in here.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.clock import Clock
from storage import cohort_queries as cq
from storage import queries
from storage.db import SessionFactory
from storage.models import Cohort, CohortMember, Learner, aware

# 24 random bytes: 192 bits, 32 characters of A-Z a-z 0-9 _ - (Telegram's payload alphabet).
CODE_BYTES = 24
COHORT_PREFIX = "c_"
ASSESSOR_PREFIX = "a_"
PAYLOAD = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
CODE = re.compile(r"^[A-Za-z0-9_-]{20,60}$")
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(hours=1)
# Failures are kept a day (well past the window) and then pruned.
FAILURE_KEEP = timedelta(days=1)
INVITE_DAYS = 30
MAX_INVITE_DAYS = 365
NAME_MAX = 80
ASSESSORS_ONLY = "This command is for assessors."


class CohortError(Exception):
    """Something the user is told; the message is safe to show (it names nothing private)."""


class NotAssessor(CohortError):
    pass


class NotFound(CohortError):
    """Asked for a cohort or learner outside the caller's own cohorts, or one that does not
    exist: the two are deliberately indistinguishable."""


class Ambiguous(CohortError):
    def __init__(self, message: str, choices: list[str]) -> None:
        super().__init__(message)
        self.choices = choices


class BadCode(CohortError):
    pass


class TooManyTries(CohortError):
    pass


def new_code() -> str:
    return secrets.token_urlsafe(CODE_BYTES)


def invite_link(bot_username: str, prefix: str, code: str) -> str:
    payload = f"{prefix}{code}"
    assert PAYLOAD.match(payload), "a /start payload is at most 64 of A-Z a-z 0-9 _ -"
    return f"https://t.me/{bot_username}?start={payload}"


def clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise CohortError("Give the cohort a name, for example /newcohort Retail March 2026.")
    if len(name) > NAME_MAX:
        raise CohortError(f"A cohort name can be at most {NAME_MAX} characters.")
    return name


@dataclass(frozen=True)
class Invitation:
    """A cohort whose invite code was checked: what the learner is shown before joining."""

    cohort_id: int
    cohort_name: str
    assessor_name: str
    code: str


@dataclass(frozen=True)
class CohortLink:
    cohort: Cohort
    code: str | None
    expires_at: datetime | None


@dataclass(frozen=True)
class Membership:
    cohort_id: int
    cohort_name: str
    share_answers: bool


@dataclass(frozen=True)
class Scope:
    """What one assessor may see: their cohorts and the learners in them."""

    assessor: Learner
    cohorts: list[Cohort]
    members: list[tuple[CohortMember, Learner]]


class CohortService:
    def __init__(self, *, sessions: SessionFactory, clock: Clock) -> None:
        self.sessions = sessions
        self.clock = clock

    # -- who is asking -----------------------------------------------------------------------

    async def assessor(self, telegram_user_id: int) -> Learner:
        """The caller's learner row if they hold the assessor role now; otherwise NotAssessor
        (also for someone the bot has never seen: nothing is created to answer)."""
        async with self.sessions() as session:
            learner = await queries.get_learner(session, key=f"tg:{telegram_user_id}")
            if learner is None or learner.id is None:
                raise NotAssessor(ASSESSORS_ONLY)
            if await cq.active_assessor(session, learner_id=learner.id) is None:
                raise NotAssessor(ASSESSORS_ONLY)
        return learner

    async def scope(self, telegram_user_id: int, cohort_name: str | None = None) -> Scope:
        """The caller's cohorts (or the one named) and their members; NotFound for a name that
        is not one of theirs."""
        assessor = await self.assessor(telegram_user_id)
        assert assessor.id is not None
        async with self.sessions() as session:
            cohorts = list(await cq.cohorts_of(session, assessor_id=assessor.id))
            if cohort_name is not None:
                cohorts = [pick(cohorts, cohort_name)]
            members = list(await cq.members_of(session, cohort_ids=[c.id for c in cohorts if c.id]))
        return Scope(assessor, cohorts, members)

    # -- the assessor's cohorts --------------------------------------------------------------

    async def create(self, telegram_user_id: int, name: str) -> CohortLink:
        assessor = await self.assessor(telegram_user_id)
        assert assessor.id is not None
        name = clean_name(name)
        now = self.clock.now()
        code, expires = new_code(), now + timedelta(days=INVITE_DAYS)
        async with self.sessions.begin() as session:
            existing = await cq.cohorts_of(session, assessor_id=assessor.id)
            if any(c.name.casefold() == name.casefold() for c in existing):
                raise CohortError("You already have a cohort with that name; choose another.")
            cohort = await cq.add_cohort(
                session, assessor_id=assessor.id, name=name, invite_code=code,
                invite_expires_at=expires, now=now,
            )
        return CohortLink(cohort, code, expires)

    async def invite(
        self, telegram_user_id: int, cohort_name: str | None, *, days: int | None = None,
        renew: bool = False,
    ) -> CohortLink:
        """The cohort's current link; a new one (the old stops working) if asked, or if there
        is none or it has expired. `days=0` means the new link does not expire."""
        scope = await self.scope(telegram_user_id, cohort_name)
        cohort = only(scope.cohorts, "/invite")
        now = self.clock.now()
        current_ok = cohort.invite_code is not None and (
            cohort.invite_expires_at is None or aware(cohort.invite_expires_at) > now
        )
        if current_ok and not renew and days is None:
            return CohortLink(cohort, cohort.invite_code, cohort.invite_expires_at)
        days = INVITE_DAYS if days is None else days
        if not 0 <= days <= MAX_INVITE_DAYS:
            raise CohortError(f"A link can last from 1 to {MAX_INVITE_DAYS} days (or 0: no end).")
        code, expires = new_code(), (now + timedelta(days=days) if days else None)
        assert cohort.id is not None
        async with self.sessions.begin() as session:
            updated = await cq.set_cohort_invite(
                session, cohort_id=cohort.id, code=code, expires_at=expires
            )
        assert updated is not None
        return CohortLink(updated, code, expires)

    async def stop_invite(self, telegram_user_id: int, cohort_name: str | None) -> Cohort:
        """The cohort's link stops working at once; members stay."""
        scope = await self.scope(telegram_user_id, cohort_name)
        cohort = only(scope.cohorts, "/stopinvite")
        assert cohort.id is not None
        async with self.sessions.begin() as session:
            await cq.set_cohort_invite(session, cohort_id=cohort.id, code=None, expires_at=None)
        return cohort

    # -- invite codes, for anyone ------------------------------------------------------------

    async def guard(self, telegram_user_id: int) -> None:
        """TooManyTries if this user got MAX_FAILURES codes wrong within the window."""
        since = self.clock.now() - FAILURE_WINDOW
        async with self.sessions() as session:
            failures = await cq.count_failures(session, telegram_user_id=telegram_user_id, since=since)
        if failures >= MAX_FAILURES:
            raise TooManyTries(
                "That's a few links that didn't work, so I'm pausing invite links for you for a "
                "while. Please try again in an hour, or ask your assessor to send the link again."
            )

    async def fail(self, telegram_user_id: int) -> BadCode:
        async with self.sessions.begin() as session:
            await cq.add_failure(session, telegram_user_id=telegram_user_id, now=self.clock.now())
        return BadCode(
            "That invite link doesn't work: it may have expired or been replaced. "
            "Ask your assessor for a new one."
        )

    async def check_code(self, telegram_user_id: int, code: str) -> Invitation:
        """The cohort behind a code, if the code is live and its assessor still holds the role;
        otherwise BadCode (counted), or TooManyTries before anything is looked up."""
        await self.guard(telegram_user_id)
        now = self.clock.now()
        found: Invitation | None = None
        if CODE.match(code):
            async with self.sessions() as session:
                cohort = await cq.cohort_by_code(session, code=code)
                if (
                    cohort is not None and cohort.id is not None
                    and (cohort.invite_expires_at is None or aware(cohort.invite_expires_at) > now)
                    and await cq.active_assessor(session, learner_id=cohort.assessor_id) is not None
                ):
                    owner = await session.get(Learner, cohort.assessor_id)
                    name = owner.first_name if owner and owner.first_name else "Your assessor"
                    found = Invitation(cohort.id, cohort.name, name, code)
        if found is None:
            raise await self.fail(telegram_user_id)
        return found

    async def prune_failures(self) -> None:
        async with self.sessions.begin() as session:
            await cq.prune_failures(session, before=self.clock.now() - FAILURE_KEEP)

    # -- the learner's side ------------------------------------------------------------------

    async def join(
        self, learner: Learner, telegram_user_id: int, code: str, *, share_answers: bool
    ) -> tuple[Invitation, bool]:
        """Join (or change sharing in) the cohort behind a live code; returns it and whether
        the learner was in it already. Consent to the privacy notice comes first."""
        if learner.privacy_accepted_at is None or learner.id is None:
            raise CohortError("Please accept the privacy notice first: send /start.")
        invitation = await self.check_code(telegram_user_id, code)
        async with self.sessions.begin() as session:
            _, already = await cq.put_member(
                session, cohort_id=invitation.cohort_id, learner_id=learner.id,
                share_answers=share_answers, now=self.clock.now(),
            )
        return invitation, already

    async def memberships(self, learner_id: int) -> list[Membership]:
        async with self.sessions() as session:
            rows = await cq.memberships_of(session, learner_id=learner_id)
        return [Membership(c.id or 0, c.name, m.share_answers) for m, c in rows]

    async def leave(self, learner_id: int, cohort_id: int) -> Membership | None:
        """Leave one cohort; None if the learner was not in it (a stale button)."""
        async with self.sessions.begin() as session:
            member = await cq.get_member(session, cohort_id=cohort_id, learner_id=learner_id)
            cohort = await session.get(Cohort, cohort_id)
            if member is None or cohort is None:
                return None
            await cq.remove_member(session, cohort_id=cohort_id, learner_id=learner_id)
        return Membership(cohort_id, cohort.name, member.share_answers)


def pick(cohorts: list[Cohort], name: str) -> Cohort:
    """The caller's cohort with this name (any case, spaces squeezed)."""
    wanted = " ".join(name.split()).casefold()
    for cohort in cohorts:
        if cohort.name.casefold() == wanted:
            return cohort
    raise NotFound("You have no cohort with that name. /cohort lists yours.")


def only(cohorts: list[Cohort], command: str) -> Cohort:
    """The one cohort meant when none was named."""
    if not cohorts:
        raise NotFound("You have no cohorts yet. Create one with /newcohort <name>.")
    if len(cohorts) > 1:
        raise Ambiguous(
            f"You have several cohorts: add the name, for example {command} {cohorts[0].name}.",
            [c.name for c in cohorts],
        )
    return cohorts[0]


def split_days(text: str) -> tuple[str | None, int | None]:
    """`/invite Retail 14d` -> ("Retail", 14); `never` -> 0 (no end); no suffix -> None."""
    words = text.split()
    if words and (m := re.fullmatch(r"(\d{1,3})d|never", words[-1], re.IGNORECASE)):
        days = int(m.group(1)) if m.group(1) else 0
        return (" ".join(words[:-1]) or None), days
    return (" ".join(words) or None), None
