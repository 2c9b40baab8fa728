"""Small async query functions, keyword-only, one job each: `f(session, *, ...)`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

import sqlalchemy as sa
from sqlmodel import SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import AnswerMode, Attempt, Draft, Learner, utcnow


async def get_learner(session: AsyncSession, *, key: str) -> Learner | None:
    result = await session.exec(select(Learner).where(Learner.key == key))
    return result.first()


async def touch_learner(session: AsyncSession, *, key: str, first_name: str = "") -> Learner | None:
    """The learner with this key, their first name kept current; None if there is none (never
    started, or erased): this never makes one."""
    learner = await get_learner(session, key=key)
    if learner is not None and first_name and learner.first_name != first_name[:128]:
        learner.first_name = first_name[:128]
        session.add(learner)
    return learner


async def get_or_create_learner(
    session: AsyncSession,
    *,
    key: str,
    telegram_user_id: int | None = None,
    first_name: str = "",
    timezone: str = "Europe/London",
) -> Learner:
    learner = await touch_learner(session, key=key, first_name=first_name)
    if learner is None:
        learner = Learner(
            key=key, telegram_user_id=telegram_user_id, first_name=first_name[:128],
            timezone=timezone,
        )
        session.add(learner)
        await session.flush()
    return learner


async def get_draft(
    session: AsyncSession, *, learner_id: int, for_update: bool = False
) -> Draft | None:
    """The learner's open draft. `for_update` locks the row until the transaction ends (on
    PostgreSQL), so two instances handling two messages from one learner cannot lose either."""
    return await session.get(Draft, learner_id, with_for_update=for_update)


async def start_draft(
    session: AsyncSession,
    *,
    learner_id: int,
    prompt_id: str,
    mode: AnswerMode = AnswerMode.ANSWER,
    parent_attempt_id: int | None = None,
    probe_point: str | None = None,
    now: datetime | None = None,
) -> Draft:
    """Begin a new answer (or probe answer, or retry), replacing any unfinished one."""
    now = now or utcnow()
    draft = await session.get(Draft, learner_id)
    if draft is None:
        draft = Draft(learner_id=learner_id, prompt_id=prompt_id, started_at=now, updated_at=now)
    draft.prompt_id, draft.text, draft.parts = prompt_id, "", 0
    draft.mode, draft.parent_attempt_id, draft.probe_point = mode, parent_attempt_id, probe_point
    draft.status_message_id = None
    draft.part_messages, draft.replacing = [], None
    draft.started_at = draft.updated_at = now
    session.add(draft)
    await session.flush()
    return draft


async def append_text(
    session: AsyncSession,
    *,
    draft: Draft,
    text: str,
    now: datetime | None = None,
    message_id: int | None = None,
) -> Draft:
    """Add one message to a draft already read (and locked) in this transaction; with its
    Telegram message id, so it is never added twice and an edit can replace it."""
    draft.text = f"{draft.text}\n{text}" if draft.text else text
    if message_id is not None and len(draft.part_messages) == draft.parts:
        # A new list, so the JSON column is seen as changed.
        draft.part_messages = [*draft.part_messages, [message_id, text]]
    draft.parts += 1
    draft.updated_at = now or utcnow()
    session.add(draft)
    await session.flush()
    return draft


async def delete_draft(session: AsyncSession, *, learner_id: int) -> bool:
    draft = await session.get(Draft, learner_id)
    if draft is None:
        return False
    await session.delete(draft)
    await session.flush()
    return True


async def add_attempt(
    session: AsyncSession,
    *,
    learner_id: int,
    prompt_id: str,
    topic_id: str,
    text: str,
    score: int,
    grade: str,
    result: dict[str, Any],
    kind: AnswerMode = AnswerMode.ANSWER,
    parent_id: int | None = None,
    now: datetime | None = None,
) -> Attempt:
    attempt = Attempt(
        learner_id=learner_id, prompt_id=prompt_id, topic_id=topic_id, text=text, score=score,
        grade=grade, result=result, kind=kind, parent_id=parent_id, created_at=now or utcnow(),
    )
    session.add(attempt)
    await session.flush()
    return attempt


async def list_attempts(
    session: AsyncSession, *, learner_id: int, limit: int = 50
) -> Sequence[Attempt]:
    result = await session.exec(
        select(Attempt)
        .where(Attempt.learner_id == learner_id)
        .order_by(col(Attempt.created_at).desc(), col(Attempt.id).desc())
        .limit(limit)
    )
    return result.all()


async def latest_attempt(session: AsyncSession, *, learner_id: int) -> Attempt | None:
    result = await session.exec(
        select(Attempt).where(Attempt.learner_id == learner_id).order_by(col(Attempt.id).desc()).limit(1)
    )
    return result.first()


async def get_attempt(session: AsyncSession, *, attempt_id: int) -> Attempt | None:
    return await session.get(Attempt, attempt_id)


async def topic_averages(session: AsyncSession, *, learner_id: int) -> dict[str, float]:
    """Mean score per topic over the learner's attempts."""
    from sqlalchemy import func

    result = await session.exec(
        select(Attempt.topic_id, func.avg(Attempt.score))
        .where(Attempt.learner_id == learner_id)
        .group_by(Attempt.topic_id)
    )
    return {topic: float(avg) for topic, avg in result.all()}


async def update_learner(session: AsyncSession, *, learner_id: int, **fields: Any) -> Learner | None:
    """Set the given Learner fields (level, sector, timezone, onboarding_step, ...)."""
    learner = await session.get(Learner, learner_id)
    if learner is None:
        return None
    for name, value in fields.items():
        if name not in Learner.model_fields or name in {"id", "key"}:
            raise ValueError(f"cannot set learner field {name!r}")
        setattr(learner, name, value)
    session.add(learner)
    await session.flush()
    return learner


async def list_all_attempts(session: AsyncSession, *, learner_id: int) -> Sequence[Attempt]:
    """Every attempt of a learner, oldest first (progress needs the whole history)."""
    result = await session.exec(
        select(Attempt)
        .where(Attempt.learner_id == learner_id)
        .order_by(col(Attempt.created_at), col(Attempt.id))
    )
    return result.all()


LEARNER_TABLE = "learner"


def learner_tables() -> list[tuple[sa.Table, sa.Column[Any]]]:
    """The learner table and every table with a foreign key to `learner.id`, with that column.

    Found from the metadata rather than listed by hand, so a table added later (reminders, cohort
    links) is exported, counted and erased without touching the privacy code.
    """
    learner = SQLModel.metadata.tables[LEARNER_TABLE]
    found: list[tuple[sa.Table, sa.Column[Any]]] = [(learner, learner.c.id)]
    for table in SQLModel.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table is learner and table is not learner:
                found.append((table, cast(sa.Column[Any], fk.parent)))
    return found


def telegram_id_columns() -> list[tuple[sa.Table, sa.Column[Any]]]:
    """Every column that holds a person's Telegram user id without a foreign key to the learner
    (marked with `storage.models.TELEGRAM_ID`): an operator's id on the roles and links they
    made, the wrong invite codes a user tried. Found from the metadata, like `learner_tables`."""
    return [
        (table, column)
        for table in SQLModel.metadata.sorted_tables
        for column in table.columns
        if column.info.get("holds") == "telegram_user_id"
    ]


async def _telegram_id(session: AsyncSession, learner_id: int) -> int | None:
    learner = SQLModel.metadata.tables[LEARNER_TABLE]
    conn = await session.connection()
    value = await conn.scalar(sa.select(learner.c.telegram_user_id).where(learner.c.id == learner_id))
    return int(value) if value is not None else None


def _places(
    learner_id: int, telegram_id: int | None
) -> list[tuple[str, sa.Table, sa.Column[Any], Any]]:
    """(name, table, column, value) for every place rows about one person are: the columns with
    a foreign key to the learner (by learner id) and the Telegram-id columns (by Telegram id,
    named `table.column` where the table is already listed by learner id)."""
    places = [(t.name, t, c, learner_id) for t, c in learner_tables()]
    if telegram_id is not None:
        by_id = {name for name, *_ in places}
        for table, column in telegram_id_columns():
            name = f"{table.name}.{column.name}" if table.name in by_id else table.name
            places.append((name, table, column, telegram_id))
    return places


async def learner_rows(session: AsyncSession, *, learner_id: int) -> dict[str, list[dict[str, Any]]]:
    """Every stored row about one learner, by table name, each table in primary-key order."""
    telegram_id = await _telegram_id(session, learner_id)
    conn = await session.connection()
    rows: dict[str, list[dict[str, Any]]] = {}
    for name, table, column, value in _places(learner_id, telegram_id):
        result = await conn.execute(
            sa.select(table).where(column == value).order_by(*table.primary_key.columns)
        )
        rows.setdefault(name, []).extend(dict(r._mapping) for r in result)
    return rows


async def count_learner_rows(
    session: AsyncSession, *, learner_id: int, telegram_id: int | None = None
) -> dict[str, int]:
    """How many rows each table holds about one learner (the learner table: 0 or 1). After an
    erasure the learner row is gone: pass the Telegram id it had."""
    telegram_id = telegram_id or await _telegram_id(session, learner_id)
    conn = await session.connection()
    counts: dict[str, int] = {}
    for name, table, column, value in _places(learner_id, telegram_id):
        total = await conn.scalar(sa.select(sa.func.count()).select_from(table).where(column == value))
        counts[name] = counts.get(name, 0) + int(total or 0)
    return counts


async def delete_learner(session: AsyncSession, *, learner_id: int) -> int:
    """Delete the learner row; ON DELETE CASCADE takes every row that references it; then the
    rows that hold their Telegram id without a reference (`telegram_id_columns`) are deleted,
    or the id cleared where the row is someone else's (the assessors an operator made).

    Returns the number of rows erased or cleared (0 when there was no such learner). If anything
    is left behind (say a SQLite connection without `PRAGMA foreign_keys=ON`), raise, so the
    transaction rolls back rather than report an erasure that did not happen.
    """
    telegram_id = await _telegram_id(session, learner_id)
    before = await count_learner_rows(session, learner_id=learner_id, telegram_id=telegram_id)
    if not before.get(LEARNER_TABLE):
        return 0
    learner = SQLModel.metadata.tables[LEARNER_TABLE]
    conn = await session.connection()
    await conn.execute(sa.delete(learner).where(learner.c.id == learner_id))
    if telegram_id is not None:
        for table, column in telegram_id_columns():
            if column.nullable:
                await conn.execute(sa.update(table).where(column == telegram_id).values({column.name: None}))
            else:
                await conn.execute(sa.delete(table).where(column == telegram_id))
    after = await count_learner_rows(session, learner_id=learner_id, telegram_id=telegram_id)
    left = {name: n for name, n in after.items() if n}
    if left:
        raise RuntimeError(f"rows outlived their learner (are foreign keys enforced?): {left}")
    return sum(before.values())
