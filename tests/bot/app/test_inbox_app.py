"""The durable inbox with the real application (offline Bot API): text a learner can type is
stored as typed where any database can hold it, and the learner is told of the change; a
database failure inside a handler is not mistaken for a refused statement (issue 20, items 1, 3).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy.exc import DataError, IntegrityError, OperationalError

from bot.app.application import build_application
from bot.app.inbox import clean
from bot.app.services import Services
from bot.app.settings import Settings
from bot.app.webhook import SECRET_HEADER, make_web_app
from content.loader import Content
from handlers.errors import _database_failure
from storage import queries
from storage.db import make_engine, make_session_factory
from storage.models import Learner
from tests.handlers.flow import apologies
from tests.handlers.offline import OfflineRequest
from tests.helpers import FixedClock

SECRET = "s3cret-Hook_value"
USER = 4242


def body(update_id: int, text: str, message_id: int | None = None) -> dict[str, Any]:
    message: dict[str, Any] = {
        "message_id": message_id or update_id, "date": 1_700_000_000, "text": text,
        "chat": {"id": USER, "type": "private"},
        "from": {"id": USER, "is_bot": False, "first_name": "Alex"},
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"update_id": update_id, "message": message}


@pytest.fixture
async def hook(db_url: str, content: Content, clock: FixedClock) -> AsyncIterator[Any]:
    """(post(body), request log, services) for one webhook instance on SQLite or PostgreSQL."""
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        telegram_bot_token="123456:TEST-token", database_url=db_url,
        webhook_url="https://coach.example.org/tg/hook", webhook_secret=SECRET, flood_burst=10_000,
    )
    services = await Services.create(settings, clock=clock, content=content)
    request = OfflineRequest()
    app = build_application(settings, services, request=request, updater=False)
    async with app:
        await app.start()
        async with TestClient(TestServer(make_web_app(app, settings))) as http:

            async def post(data: dict[str, Any]) -> int:
                reply = await http.post("/tg/hook", json=data, headers={SECRET_HEADER: SECRET})
                return reply.status

            yield post, request, services
        await app.stop()
    await services.close()


async def replied(request: OfflineRequest, fragment: str, timeout: float = 10.0) -> str:  # noqa: ASYNC109
    deadline = time.monotonic() + timeout
    while True:
        found = [t for t in request.texts() if fragment in t]
        if found:
            return found[-1]
        assert time.monotonic() < deadline, f"no reply with {fragment!r}: {request.texts()[-3:]}"
        await asyncio.sleep(0.02)


async def onboarded(post: Any, request: OfflineRequest, services: Services) -> int:
    """A learner who accepted the notice and has a question open."""
    async with services.sessions.begin() as s:
        learner = await queries.get_or_create_learner(s, key=f"tg:{USER}", telegram_user_id=USER)
        learner.privacy_accepted_at = services.clock.now()
        learner.level, learner.onboarding_step = 3, None
        assert learner.id is not None
        lid = learner.id
    await services.practice.start(lid, topic_id="rules_and_law")
    return lid


async def test_nul_and_lone_surrogates_are_stored_and_the_learner_told(hook) -> None:
    post, request, services = hook
    lid = await onboarded(post, request, services)
    assert await post(body(1001, "I told her\x00 about the refund \ud83d and the repair")) == 200
    status = await replied(request, "words so far")
    assert "can't be stored" in status
    assert await post(body(1002, "Then I logged it.")) == 200
    await replied(request, "2 messages")
    draft = await services.practice.current(lid)
    assert draft is not None
    async with services.sessions() as s:
        row = await queries.get_draft(s, learner_id=lid)
    assert row is not None
    assert row.text == "I told her about the refund \ufffd and the repair\nThen I logged it."
    assert not apologies(request)


def test_clean_reports_what_it_changed() -> None:
    data, changed = clean({"a": ["ok", {"b": "x\x00y\udfff"}], "n": 3})
    assert changed and data == {"a": ["ok", {"b": "xy\ufffd"}], "n": 3}
    same, untouched = clean({"a": "plain \u00e9 \U0001f600"})
    assert not untouched and same == {"a": "plain \u00e9 \U0001f600"}


def test_only_an_unreachable_database_counts_as_worth_retrying() -> None:
    assert _database_failure(OperationalError("SELECT 1", {}, Exception("gone")))
    assert _database_failure(ConnectionRefusedError())
    # A statement the database refused fails the same way every time: apologise, do not loop.
    assert not _database_failure(DataError("INSERT", {}, Exception("invalid byte sequence")))
    assert not _database_failure(IntegrityError("INSERT", {}, Exception("duplicate key")))
    assert not _database_failure(ValueError("a bug"))


async def test_errors_never_carry_sql_parameters(tmp_path) -> None:
    """A failed statement's message names the statement, not the learner's words in it."""
    engine = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'p.db'}")
    try:
        from storage.db import upgrade_database

        await upgrade_database(engine)
        sessions = make_session_factory(engine)
        async with sessions.begin() as s:
            s.add(Learner(key="tg:private-words-here"))
        with pytest.raises(IntegrityError) as raised:
            async with sessions.begin() as s:
                s.add(Learner(key="tg:private-words-here"))
        assert "private-words-here" not in str(raised.value)
        assert "hidden" in str(raised.value)
    finally:
        await engine.dispose()


@pytest.fixture
async def flood_hook(settings: Settings, content: Content, clock: FixedClock) -> AsyncIterator[Any]:
    """One webhook instance on SQLite with the default flood limits (20, then 3 a second)."""
    hooked = Settings(
        _env_file=None,  # type: ignore[call-arg]
        telegram_bot_token="123456:TEST-token", database_url=settings.database_url,
        webhook_url="https://coach.example.org/tg/hook", webhook_secret=SECRET,
    )
    services = await Services.create(hooked, clock=clock, content=content)
    request = OfflineRequest()
    app = build_application(hooked, services, request=request, updater=False)
    async with app:
        await app.start()
        async with TestClient(TestServer(make_web_app(app, hooked))) as http:

            async def post(data: dict[str, Any]) -> int:
                reply = await http.post("/tg/hook", json=data, headers={SECRET_HEADER: SECRET})
                return reply.status

            yield post, request, services
        await app.stop()
    await services.close()


async def test_a_done_sent_in_a_flood_waits_and_is_answered(flood_hook) -> None:
    """30 messages at once, then /done: every message is in the answer and /done is answered
    once the flood has passed, not dropped (issue 20, item 7)."""
    post, request, services = flood_hook
    lid = await onboarded(post, request, services)
    parts = [f"Part {n}: I followed the refund policy under the Consumer Rights Act 2015." for n in range(30)]
    for n, part in enumerate(parts):
        assert await post(body(2000 + n, part)) == 200
    assert await post(body(2100, "/done")) == 200
    feedback = await replied(request, "Grade:", timeout=30)
    assert "Consumer Rights Act 2015" in feedback
    async with services.sessions() as s:
        attempt = await queries.latest_attempt(s, learner_id=lid)
    assert attempt is not None and attempt.text == "\n".join(parts)
    assert sum("a lot of messages" in t for t in request.texts()) == 1


async def test_a_failed_job_is_logged_as_a_job_not_an_update(caplog) -> None:
    """A failed nudge-dispatcher poll has no update: the log says so (issue 20, item 7)."""
    from types import SimpleNamespace

    from handlers.errors import on_error

    context: Any = SimpleNamespace(error=OperationalError("SELECT", {}, Exception("down")), bot=None)
    await on_error(None, context)
    messages = [r.getMessage() for r in caplog.records if r.name == "handlers.errors"]
    assert messages == ["Unhandled error in a background job"]
