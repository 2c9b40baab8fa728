"""Data rights: the export holds everything about the learner and nothing about anyone else;
erasure removes the learner, their answers and their draft, and leaves other learners alone.
Runs on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text

from bot.app.services import Services
from bot.app.settings import Settings
from bot.learners.privacy import export_filename
from content.loader import Content
from storage import queries
from tests.helpers import FixedClock

ANSWER = (
    "A customer's parcel never arrived. My task was to sort it out. I followed our refund and "
    "returns policy and the Consumer Rights Act 2015 because the goods were never delivered, "
    "and refunded her the same day. As a result she gave us 5 out of 5."
)


@pytest.fixture
async def svc(migrated_db_url: str, content: Content, clock: FixedClock) -> AsyncIterator[Services]:
    settings = Settings(_env_file=None, database_url=migrated_db_url)  # type: ignore[call-arg]
    services = await Services.create(settings, clock=clock, content=content, upgrade=False)
    yield services
    await services.close()


async def learner_with_answers(services: Services, key: str, answers: int, draft: str | None) -> int:
    learner = await services.practice.learner(key=key, first_name=key)
    assert learner.id is not None
    for _ in range(answers):
        await services.practice.start(learner.id, prompt_id="rl_refund_dispute")
        await services.practice.add_text(learner.id, ANSWER)
        await services.practice.submit(learner.id)
        await services.practice.cancel(learner.id)  # drop any follow-up question it opened
    if draft is not None:
        await services.practice.start(learner.id, prompt_id="rl_refund_dispute")
        await services.practice.add_text(learner.id, draft)
    return learner.id


async def rows_in(services: Services, table: str, learner_id: int) -> int:
    column = "id" if table == "learner" else "learner_id"
    async with services.engine.connect() as conn:
        found = await conn.scalar(
            text(f"SELECT count(*) FROM {table} WHERE {column} = :i"), {"i": learner_id}
        )
    return int(found or 0)


async def test_export_holds_the_learner_draft_and_every_answer(svc: Services) -> None:
    me = await learner_with_answers(svc, "tg:1", answers=2, draft="Half an answer about the ICO")
    await learner_with_answers(svc, "tg:2", answers=1, draft="Someone else's secret draft")

    data = await svc.privacy.export(me)
    again = json.loads(json.dumps(data))  # what the learner receives is plain JSON
    assert again["learner"]["key"] == "tg:1" and again["learner"]["id"] == me
    assert again["draft"]["text"] == "Half an answer about the ICO"
    assert len(again["attempts"]) == 2
    first = again["attempts"][0]
    assert first["text"].replace("\n", " ") == ANSWER
    assert "Consumer Rights Act 2015" in {e["name"] for e in first["result"]["entities"]}
    assert first["score"] == first["result"]["score"]
    assert first["created_at"].endswith("+00:00")
    assert "Someone else" not in json.dumps(data)
    # Named for the learner's local day (the clock stands at 09:30 UTC on 2 November 2026).
    assert export_filename(data) == "star-coach-data-2026-11-02.json"


async def test_export_of_someone_unknown_is_empty(svc: Services) -> None:
    assert await svc.privacy.export(999) == {}


async def test_delete_erases_the_learner_their_answers_and_draft_only(svc: Services) -> None:
    me = await learner_with_answers(svc, "tg:1", answers=2, draft="Half an answer")
    other = await learner_with_answers(svc, "tg:2", answers=1, draft="Keep me")
    counts = await svc.privacy.counts(me)
    assert counts["learner"] == 1 and counts["attempt"] >= 2 and counts["draft"] == 1

    erased = await svc.privacy.erase(me)

    assert erased == sum(counts.values())
    for table in ("learner", "draft", "attempt"):
        assert await rows_in(svc, table, me) == 0, table
    assert await svc.privacy.find("tg:1") is None
    # The other learner keeps everything.
    assert await rows_in(svc, "learner", other) == 1
    assert await rows_in(svc, "attempt", other) >= 1
    kept = await svc.privacy.export(other)
    assert kept["draft"]["text"] == "Keep me"
    # Nothing left to erase the second time.
    assert await svc.privacy.erase(me) == 0


async def test_looking_a_learner_up_does_not_create_one(svc: Services) -> None:
    assert await svc.privacy.find("tg:404") is None
    async with svc.sessions() as session:
        assert await queries.get_learner(session, key="tg:404") is None
