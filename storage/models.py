"""SQLModel tables. Alembic owns the schema: change a table here, then add a revision."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


def aware(value: datetime) -> datetime:
    """SQLite hands back naive datetimes; everything stored is UTC, so say so."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _ts(**kw: Any) -> Any:
    return Field(sa_type=sa.DateTime(timezone=True), **kw)


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
    privacy_accepted_at: datetime | None = _ts(default=None)
    # Where the learner is in onboarding (privacy, level, sector, timezone); None when done.
    onboarding_step: str | None = Field(default=None, max_length=20)
    created_at: datetime = _ts(default_factory=utcnow)


class Draft(SQLModel, table=True):
    """The answer a learner is writing now: one per learner, kept in the database so a
    restart (even a hard kill) loses nothing they typed."""

    learner_id: int = Field(foreign_key="learner.id", primary_key=True, ondelete="CASCADE")
    prompt_id: str = Field(max_length=40)
    # answer: a first answer; probe: an answer to a follow-up probe; retry: a new try.
    mode: str = Field(default="answer", max_length=10)
    # For probe and retry: the attempt it builds on.
    parent_attempt_id: int | None = None
    probe_point: str | None = Field(default=None, max_length=40)
    text: str = Field(default="", sa_type=sa.Text)
    parts: int = 0
    # The status message edited as the answer grows (Telegram message id), if any.
    status_message_id: int | None = Field(default=None, sa_type=sa.BigInteger)
    started_at: datetime = _ts(default_factory=utcnow)
    updated_at: datetime = _ts(default_factory=utcnow)


class Attempt(SQLModel, table=True):
    """A submitted, assessed answer."""

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="learner.id", index=True, ondelete="CASCADE")
    prompt_id: str = Field(max_length=40)
    topic_id: str = Field(max_length=40)
    kind: str = Field(default="answer", max_length=10)
    parent_id: int | None = Field(default=None, foreign_key="attempt.id", ondelete="SET NULL")
    text: str = Field(sa_type=sa.Text)
    score: int
    grade: str = Field(max_length=16)
    result: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
    created_at: datetime = _ts(default_factory=utcnow, index=True)


class ProcessedUpdate(SQLModel, table=True):
    """Telegram delivers at least once: an update id seen here is not handled again."""

    __tablename__ = "processed_update"

    update_id: int = Field(primary_key=True, sa_type=sa.BigInteger, sa_column_kwargs={"autoincrement": False})
    processed_at: datetime = _ts(default_factory=utcnow, index=True)
