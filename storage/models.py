"""SQLModel tables. Alembic owns the schema: change a table here, then add a revision."""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, Generic, TypeVar

import sqlalchemy as sa
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


def aware(value: datetime) -> datetime:
    """SQLite hands back naive datetimes; everything stored is UTC, so say so."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _ts(**kw: Any) -> Any:
    return Field(sa_type=sa.DateTime(timezone=True), **kw)


E = TypeVar("E", bound=StrEnum)


class StoredEnum(sa.types.TypeDecorator[E], Generic[E]):
    """A state kept as its enum's value in a VARCHAR, read back as the enum member: the stored
    strings are the ones written before the enums, so the schema is unchanged."""

    impl = sa.String
    cache_ok = True

    def __init__(self, enum: type[E], length: int) -> None:
        super().__init__(length)
        self.enum, self.length = enum, length

    def process_bind_param(self, value: Any, dialect: sa.Dialect) -> str | None:
        return None if value is None else self.enum(value).value

    def process_result_value(self, value: Any, dialect: sa.Dialect) -> E | None:
        return None if value is None else self.enum(value)


# Marks a column that holds a person's Telegram user id without a foreign key to `learner`:
# /mydata exports its rows and /deleteme erases them (storage.queries.telegram_id_columns).
TELEGRAM_ID = {"info": {"holds": "telegram_user_id"}}


class Learner(SQLModel, table=True):
    """Anyone who practises: a Telegram user (key `tg:<id>`) or a terminal user (`term:<name>`)."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(index=True, unique=True, max_length=80)
    telegram_user_id: int | None = Field(
        default=None, sa_type=sa.BigInteger, index=True, unique=True
    )
    first_name: str = Field(default="", max_length=128)
    level: int | None = None
    sector: str = Field(default="general", max_length=40)
    timezone: str = Field(default="Europe/London", max_length=64)
    # Whose law applies where the learner works (content.nations): england, wales, scotland,
    # northern_ireland, or unknown until they say.
    nation: str = Field(default="unknown", max_length=20)
    privacy_accepted_at: datetime | None = _ts(default=None)
    # Where the learner is in onboarding (privacy, level, sector, timezone); None when done.
    onboarding_step: str | None = Field(default=None, max_length=20)
    created_at: datetime = _ts(default_factory=utcnow)
    # The apprenticeship standard (content id such as "st0072"); None: derived from the level.
    standard: str | None = Field(default=None, max_length=40)
    # The day of the end-point assessment, if the learner gave it: reviews aim at it.
    exam_date: date | None = None
    # A mock discussion is open and not paused: the learner's messages are its answer. Kept on
    # the row every update reads anyway, so practice pays no extra query to know (bot.mock).
    mock_running: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})


class AnswerMode(StrEnum):
    """What a draft is, and so what its attempt is (Draft.mode, Attempt.kind)."""

    ANSWER = "answer"  # a first answer to a question
    PROBE = "probe"  # a reply to the assessor's follow-up probe, merged with the answer before it
    RETRY = "retry"  # a new try at the same question, compared with the one before


class Draft(SQLModel, table=True):
    """The answer a learner is writing now: one per learner, kept in the database so a
    restart (even a hard kill) loses nothing they typed."""

    learner_id: int = Field(foreign_key="learner.id", primary_key=True, ondelete="CASCADE")
    prompt_id: str = Field(max_length=40)
    mode: AnswerMode = Field(default=AnswerMode.ANSWER, sa_type=StoredEnum(AnswerMode, 10))
    # For probe and retry: the attempt it builds on.
    parent_attempt_id: int | None = None
    probe_point: str | None = Field(default=None, max_length=40)
    text: str = Field(default="", sa_type=sa.Text)
    parts: int = 0
    # The status message edited as the answer grows (Telegram message id), if any.
    status_message_id: int | None = Field(default=None, sa_type=sa.BigInteger)
    # The Telegram message of each part, in order, as [message_id, text]: a message handled
    # again (after a crash) is not added twice, and an edited message replaces its own part.
    part_messages: list[Any] = Field(default_factory=list, sa_type=sa.JSON)
    # The part (its message id, as in part_messages) that the learner's next message replaces
    # instead of being added: set by "Replace this part" under a voice note's transcript.
    replacing: int | None = Field(default=None, sa_type=sa.BigInteger)
    started_at: datetime = _ts(default_factory=utcnow)
    updated_at: datetime = _ts(default_factory=utcnow)


class Attempt(SQLModel, table=True):
    """A submitted, assessed answer."""

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="learner.id", index=True, ondelete="CASCADE")
    prompt_id: str = Field(max_length=40)
    topic_id: str = Field(max_length=40)
    kind: AnswerMode = Field(default=AnswerMode.ANSWER, sa_type=StoredEnum(AnswerMode, 10))
    parent_id: int | None = Field(default=None, foreign_key="attempt.id", ondelete="SET NULL")
    text: str = Field(sa_type=sa.Text)
    score: int
    grade: str = Field(max_length=16)
    result: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
    created_at: datetime = _ts(default_factory=utcnow, index=True)


class InboxUpdate(SQLModel, table=True):
    """The durable inbox: every update Telegram delivers is written here (once, by update_id)
    before Telegram is told it arrived, and handled from here. A worker claims a row (a token and
    a lease it renews while it works) so that no two workers, in one instance or several, run it
    at once; a row whose lease ran out (its worker died) is claimed again. `done_at` marks it
    handled; the payload is then emptied (it may hold a learner's words) and the id is kept two
    days so a late redelivery is recognised."""

    __tablename__ = "inbox_update"

    update_id: int = Field(
        primary_key=True, sa_type=sa.BigInteger, sa_column_kwargs={"autoincrement": False}
    )
    # The chat (or, without one, the user) it belongs to: one chat's updates run in order. It is
    # a Telegram id, cleared with the payload once the update is handled.
    chat_key: int | None = Field(default=None, sa_type=sa.BigInteger)
    payload: str = Field(default="", sa_type=sa.Text)
    received_at: datetime = _ts(default_factory=utcnow)
    claim_token: str | None = Field(default=None, max_length=40)
    claimed_until: datetime | None = _ts(default=None)
    # Claims so far; a database failure inside a handler releases the claim to try again later.
    attempts: int = 0
    done_at: datetime | None = _ts(default=None)
    # Only the open rows are indexed: the handled ones (two days of them) are never searched.
    __table_args__ = (
        sa.Index(
            "ix_inbox_update_open", "update_id",
            postgresql_where=sa.text("done_at IS NULL"), sqlite_where=sa.text("done_at IS NULL"),
        ),
        sa.Index(
            "ix_inbox_update_open_chat", "chat_key", "update_id",
            postgresql_where=sa.text("done_at IS NULL"), sqlite_where=sa.text("done_at IS NULL"),
        ),
    )


# -- review and reminders (issue 6) ------------------------------------------------------------


class AreaCard(SQLModel, table=True):
    """Mastery and the review schedule of one area (topic x skill) for one learner.

    `card` holds the scheduler's own state (an FSRS card as a dict); `due_at` is copied out of
    it so "what is due" is one indexed query.
    """

    __tablename__ = "area_card"

    learner_id: int = Field(foreign_key="learner.id", primary_key=True, ondelete="CASCADE")
    topic_id: str = Field(primary_key=True, max_length=40)
    skill: str = Field(primary_key=True, max_length=20)
    mastery: float = 0.0
    reviews: int = 0
    card: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
    due_at: datetime = _ts(default_factory=utcnow, index=True)
    updated_at: datetime = _ts(default_factory=utcnow)


class RemindersOff(StrEnum):
    """Why a learner's reminder was turned off (Reminder.disabled_reason)."""

    LEARNER = "learner"  # /remind off, or Turn off in the menu
    BLOCKED = "blocked"  # the learner blocked the bot (Telegram said 403)
    NO_CHAT = "no_chat"  # no Telegram chat to send to (a terminal learner)


class Reminder(SQLModel, table=True):
    """A learner's daily nudge. The row, not the scheduler, says when the next one is due; a
    dispatcher claims due rows (claim token and lease) so no nudge is sent twice."""

    learner_id: int = Field(foreign_key="learner.id", primary_key=True, ondelete="CASCADE")
    enabled: bool = True
    # Local wall-clock time "HH:MM" in the learner's time zone, and weekdays (0 = Monday).
    local_time: str = Field(max_length=5)
    days: str = Field(default="0123456", max_length=7)
    next_due_at: datetime | None = _ts(default=None, index=True)
    snoozed_until: datetime | None = _ts(default=None)
    # Nudges in a row with no practice after them; drives the back-off (2, 4, then 7 days).
    ignored_in_row: int = 0
    last_sent_at: datetime | None = _ts(default=None)
    claim_token: str | None = Field(default=None, max_length=40)
    claimed_until: datetime | None = _ts(default=None)
    attempts: int = 0  # failed sends of the current nudge, for retry back-off
    disabled_reason: RemindersOff | None = Field(default=None, sa_type=StoredEnum(RemindersOff, 40))


class NudgeStatus(StrEnum):
    """Where one nudge stands (NudgeLog.status): each is logged once, so none is lost or doubled."""

    SENDING = "sending"  # handed to Telegram, no answer yet (a crash here leaves it unconfirmed)
    SENT = "sent"
    RETRY = "retry"  # known not delivered: tried again after a pause
    BLOCKED = "blocked"  # the learner blocked the bot; reminders turned off
    FAILED = "failed"  # given up on for good
    UNCONFIRMED = "unconfirmed"  # may have arrived (a timeout): never sent again
    SKIPPED_LATE = "skipped_late"  # its time passed too long ago (the bot was down)
    SKIPPED_DONE = "skipped_done"  # the learner had practised that day already


class NudgeLog(SQLModel, table=True):
    """Every nudge sent (or given up on): the evidence that none is lost or doubled."""

    __tablename__ = "nudge_log"

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="learner.id", index=True, ondelete="CASCADE")
    due_at: datetime = _ts()
    sent_at: datetime | None = _ts(default=None)
    status: NudgeStatus = Field(sa_type=StoredEnum(NudgeStatus, 16))
    telegram_message_id: int | None = Field(default=None, sa_type=sa.BigInteger)
    __table_args__ = (sa.UniqueConstraint("learner_id", "due_at", name="uq_nudge_once"),)


# -- assessors and cohorts (issue 7) -----------------------------------------------------------


class Assessor(SQLModel, table=True):
    """A user an admin made an assessor; revoked assessors keep the row with revoked_at set."""

    learner_id: int = Field(foreign_key="learner.id", primary_key=True, ondelete="CASCADE")
    # The operator who granted the role (their Telegram id); cleared if they erase their record.
    granted_by: int | None = Field(default=None, sa_type=sa.BigInteger, sa_column_kwargs=TELEGRAM_ID)
    granted_at: datetime = _ts(default_factory=utcnow)
    revoked_at: datetime | None = _ts(default=None)
    # Local time for the weekly digest, in the assessor's (learner row) time zone.
    digest_day: int = 0  # 0 = Monday
    digest_time: str = Field(default="08:00", max_length=5)
    digest_next_at: datetime | None = _ts(default=None, index=True)


class AssessorInvite(SQLModel, table=True):
    """A one-time link that makes whoever opens it an assessor."""

    __tablename__ = "assessor_invite"

    code: str = Field(primary_key=True, max_length=64)
    # The operator who made the link (their Telegram id); their links go if they erase their record.
    created_by: int = Field(sa_type=sa.BigInteger, sa_column_kwargs=TELEGRAM_ID)
    created_at: datetime = _ts(default_factory=utcnow)
    expires_at: datetime | None = _ts(default=None)
    used_by: int | None = Field(default=None, foreign_key="learner.id", ondelete="SET NULL")
    used_at: datetime | None = _ts(default=None)


class Cohort(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    assessor_id: int = Field(foreign_key="learner.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=80)
    invite_code: str | None = Field(default=None, max_length=64, unique=True, index=True)
    invite_expires_at: datetime | None = _ts(default=None)
    created_at: datetime = _ts(default_factory=utcnow)


class CohortMember(SQLModel, table=True):
    __tablename__ = "cohort_member"

    cohort_id: int = Field(foreign_key="cohort.id", primary_key=True, ondelete="CASCADE")
    learner_id: int = Field(foreign_key="learner.id", primary_key=True, ondelete="CASCADE")
    share_answers: bool = False
    joined_at: datetime = _ts(default_factory=utcnow)


class InviteFailure(SQLModel, table=True):
    """A wrong invite code tried; counted per user to slow guessing down."""

    __tablename__ = "invite_failure"

    id: int | None = Field(default=None, primary_key=True)
    telegram_user_id: int = Field(sa_type=sa.BigInteger, index=True, sa_column_kwargs=TELEGRAM_ID)
    at: datetime = _ts(default_factory=utcnow)


class AnswerComment(SQLModel, table=True):
    """An assessor's comment on one answer, and the learner's one reply to it."""

    __tablename__ = "answer_comment"

    id: int | None = Field(default=None, primary_key=True)
    attempt_id: int = Field(foreign_key="attempt.id", index=True, ondelete="CASCADE")
    # Whose answer it is (erased with them), and who wrote the comment (kept, unnamed, if the
    # assessor erases their own record: the learner still has the advice).
    learner_id: int = Field(foreign_key="learner.id", index=True, ondelete="CASCADE")
    assessor_id: int | None = Field(default=None, foreign_key="learner.id", ondelete="SET NULL")
    text: str = Field(sa_type=sa.Text)
    created_at: datetime = _ts(default_factory=utcnow)
    # The message that asked the learner for their reply: a Telegram reply to it is the reply.
    reply_prompt_message_id: int | None = Field(default=None, sa_type=sa.BigInteger)
    reply: str | None = Field(default=None, sa_type=sa.Text)
    replied_at: datetime | None = _ts(default=None)


class WorkKind(StrEnum):
    """What an assessor set (Assignment.kind)."""

    TOPIC = "topic"
    QUESTION = "question"


class Assignment(SQLModel, table=True):
    """Work an assessor set one learner (a whole cohort gets one row each): a topic or a
    question, with an optional due date. It is done once the learner submits an answer to it
    after it was set; nothing is stored for that, it is read from the attempts."""

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="learner.id", index=True, ondelete="CASCADE")
    assessor_id: int = Field(foreign_key="learner.id", index=True, ondelete="CASCADE")
    kind: WorkKind = Field(sa_type=StoredEnum(WorkKind, 10))
    target: str = Field(max_length=40)  # the topic id or the prompt id
    due_on: date | None = None
    created_at: datetime = _ts(default_factory=utcnow)


class PointDispute(SQLModel, table=True):
    """A learner says the coach got one marking point of one answer wrong (issue 13 item 3).

    Kept as a labelled example: the learner's label is the opposite of what the coach said, and
    operators export them (`star-coach disputes export`) to check the marking against."""

    __tablename__ = "point_dispute"
    __table_args__ = (sa.UniqueConstraint("attempt_id", "point_id"),)

    id: int | None = Field(default=None, primary_key=True)
    attempt_id: int = Field(foreign_key="attempt.id", index=True, ondelete="CASCADE")
    learner_id: int = Field(foreign_key="learner.id", index=True, ondelete="CASCADE")
    prompt_id: str = Field(max_length=40)
    point_id: str = Field(max_length=40)
    point_text: str = Field(sa_type=sa.Text)
    coach_met: bool  # what the coach said; the learner says the opposite
    created_at: datetime = _ts(default_factory=utcnow)
class MockStatus(StrEnum):
    """Where a mock discussion stands (MockSession.status)."""

    ACTIVE = "active"
    PAUSED = "paused"
    FINISHED = "finished"


class MockSession(SQLModel, table=True):
    """A mock professional discussion (issue 17): its clock, the question open now, the answer
    being written, every turn so far and, once finished, the readiness report. Everything is
    here, so a pause, a restart or a hard kill loses nothing."""

    __tablename__ = "mock_session"

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="learner.id", index=True, ondelete="CASCADE")
    standard_id: str = Field(max_length=40)
    minutes: int
    status: MockStatus = Field(default=MockStatus.ACTIVE, sa_type=StoredEnum(MockStatus, 10))
    started_at: datetime = _ts(default_factory=utcnow)
    # Seconds the discussion has been open, pauses excluded, up to `resumed_at`.
    active_seconds: int = 0
    # When the current open stretch began (None while paused or finished).
    resumed_at: datetime | None = _ts(default=None)
    finished_at: datetime | None = _ts(default=None, index=True)
    question: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
    answer: str = Field(default="", sa_type=sa.Text)
    parts: int = 0
    # The Telegram message id of the last part added: one handled again after a crash (the
    # durable inbox runs an update again if the process died inside it) is not added twice.
    last_message_id: int | None = Field(default=None, sa_type=sa.BigInteger)
    turns: list[Any] = Field(default_factory=list, sa_type=sa.JSON)
    report: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)


class LearnerReference(SQLModel, table=True):
    """What an assessor files a learner under (issue 18 item 4): their full name and their
    learner or ULN number, as the assessor typed them with /setref (never guessed). One row per
    assessor and learner; erased with either of them."""

    __tablename__ = "learner_reference"

    assessor_id: int = Field(foreign_key="learner.id", primary_key=True, ondelete="CASCADE")
    learner_id: int = Field(foreign_key="learner.id", primary_key=True, index=True, ondelete="CASCADE")
    reference: str = Field(max_length=30)
    full_name: str = Field(default="", max_length=128)
    updated_at: datetime = _ts(default_factory=utcnow)
