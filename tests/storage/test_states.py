"""States are enums in code and their plain values in the database: what is written is the value
(the strings stored before the enums, so no migration), and what is read back is the member."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import SQLModel, select

from storage import queries
from storage.db import SessionFactory, make_engine, make_session_factory
from storage.models import (
    MockSession,
    MockStatus,
    NudgeLog,
    NudgeStatus,
    Reminder,
    RemindersOff,
    StoredEnum,
)


@pytest.fixture
async def sessions(migrated_db_url: str) -> AsyncIterator[SessionFactory]:
    engine: AsyncEngine = make_engine(migrated_db_url)
    yield make_session_factory(engine)
    await engine.dispose()


async def test_a_state_is_stored_as_its_value_and_read_back_as_the_member(sessions: SessionFactory) -> None:
    due = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)
    async with sessions.begin() as s:
        learner = await queries.get_or_create_learner(s, key="tg:5", telegram_user_id=5, first_name="Kay")
        assert learner.id is not None
        s.add(NudgeLog(learner_id=learner.id, due_at=due, status=NudgeStatus.SKIPPED_LATE))
        s.add(Reminder(learner_id=learner.id, local_time="18:00", disabled_reason=RemindersOff.NO_CHAT))
        s.add(MockSession(learner_id=learner.id, standard_id="cs_practitioner", minutes=20,
                          status=MockStatus.PAUSED))
    async with sessions() as s:
        raw = (await (await s.connection()).execute(sa.text(
            "SELECT n.status, r.disabled_reason, m.status FROM nudge_log n, reminder r, mock_session m"
        ))).one()
        assert tuple(raw) == ("skipped_late", "no_chat", "paused")
        assert type(raw[0]) is str
        entry = (await s.exec(select(NudgeLog))).one()
        reminder = (await s.exec(select(Reminder))).one()
        mock = (await s.exec(select(MockSession))).one()
    assert entry.status is NudgeStatus.SKIPPED_LATE
    assert reminder.disabled_reason is RemindersOff.NO_CHAT
    assert mock.status is MockStatus.PAUSED


def test_every_enum_column_is_a_plain_string_column() -> None:
    """No native database enum type: a new state needs no migration, only a wide enough column."""
    enum_columns = [
        column for table in SQLModel.metadata.tables.values() for column in table.columns
        if isinstance(column.type, StoredEnum)
    ]
    assert len(enum_columns) >= 6
    for column in enum_columns:
        longest = max(len(member.value) for member in column.type.enum)
        assert isinstance(column.type.impl_instance, sa.String), column
        assert column.type.impl_instance.length is not None
        assert longest <= column.type.impl_instance.length, column
