"""Erasure and /mydata cover every column that holds a person's id, found by walking the schema
(issue 20, item 4): the foreign keys to `learner`, and the columns that hold a Telegram user id
without one (an operator's id on the roles and links they made, wrong invite codes tried)."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (every table on the metadata)
from storage import queries
from storage.db import make_engine, make_session_factory, upgrade_database
from storage.models import Assessor, AssessorInvite, InviteFailure

OPERATOR_TG = 987_654_321_012  # beyond 32 bits, and unlike any other number stored here
NOW = datetime(2026, 12, 4, 7, 0, tzinfo=UTC)
# Columns that look like they name a person but are erased another way, and why.
ERASED_OTHERWISE = {
    ("learner", "telegram_user_id"): "the learner row itself",
    ("inbox_update", "chat_key"): "cleared with the update's contents once it is handled",
}


def _looks_like_a_person(column: sa.Column) -> bool:  # type: ignore[type-arg]
    """A name that says "a user", "done by" or "a chat", or a reference to the learner table."""
    name = column.name
    refers = any(fk.column.table.name == "learner" for fk in column.foreign_keys)
    return refers or "user" in name or name.endswith("_by") or "chat" in name


def test_every_column_that_names_a_person_is_exported_and_erased() -> None:
    covered = {(t.name, c.name) for t, c in queries.learner_tables()}
    covered |= {(t.name, c.name) for t, c in queries.telegram_id_columns()}
    missing = [
        (table.name, column.name)
        for table in SQLModel.metadata.sorted_tables
        for column in table.columns
        if _looks_like_a_person(column)
        and (table.name, column.name) not in covered
        and (table.name, column.name) not in ERASED_OTHERWISE
    ]
    assert not missing, f"columns naming a person that /mydata and /deleteme do not cover: {missing}"


async def test_an_operator_who_erases_leaves_no_trace_of_their_id(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        await upgrade_database(engine)
        sessions = make_session_factory(engine)
        async with sessions.begin() as s:
            operator = await queries.get_or_create_learner(
                s, key=f"tg:{OPERATOR_TG}", telegram_user_id=OPERATOR_TG
            )
            other = await queries.get_or_create_learner(s, key="tg:5", telegram_user_id=5)
            assert operator.id is not None and other.id is not None
            operator_id = operator.id
            s.add(Assessor(learner_id=other.id, granted_by=OPERATOR_TG, granted_at=NOW))
            s.add(AssessorInvite(code="abc", created_by=OPERATOR_TG, created_at=NOW))
            s.add(InviteFailure(telegram_user_id=OPERATOR_TG, at=NOW))
            s.add(InviteFailure(telegram_user_id=5, at=NOW))
        async with sessions() as s:
            exported = await queries.learner_rows(s, learner_id=operator_id)
        assert [r["telegram_user_id"] for r in exported["invite_failure"]] == [OPERATOR_TG]
        assert [r["learner_id"] for r in exported["assessor.granted_by"]] == [other.id]
        assert [r["code"] for r in exported["assessor_invite.created_by"]] == ["abc"]

        async with sessions.begin() as s:
            assert await queries.delete_learner(s, learner_id=operator_id) > 0
        async with engine.connect() as conn:
            # Walk every column wide enough for a Telegram id, in every table, for the operator's.
            for table in SQLModel.metadata.sorted_tables:
                for column in table.columns:
                    if isinstance(column.type, sa.BigInteger):
                        found = await conn.scalar(
                            sa.select(sa.func.count()).select_from(table).where(column == OPERATOR_TG)
                        )
                        assert not found, f"{table.name}.{column.name} still holds the erased id"
            # Other people's rows stay: the assessor the operator made, the other user's tries.
            assert await conn.scalar(sa.select(sa.func.count()).select_from(Assessor)) == 1
            assert await conn.scalar(sa.select(sa.func.count()).select_from(InviteFailure)) == 1
    finally:
        await engine.dispose()
