"""Bad and hostile input: floods, very long and odd text, HTML-like text, forged buttons."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.app.application import build_application
from bot.app.services import Services
from bot.app.settings import Settings
from handlers import texts
from storage import queries
from tests.handlers.flow import apologies
from tests.handlers.offline import Call, OfflineRequest, UpdateFactory
from tests.handlers.test_practice_flow import ask, feedback_text, onboard


@pytest.fixture
async def harness(settings: Settings, services: Services) -> AsyncIterator[Any]:
    # The default flood limits, not the relaxed ones the other offline tests use.
    defaults = Settings(_env_file=None)  # type: ignore[call-arg]
    services.settings = settings.model_copy(
        update={"flood_burst": defaults.flood_burst, "flood_rate": defaults.flood_rate}
    )
    request = OfflineRequest()
    app = build_application(settings, services, request=request)
    async with app:
        yield app, request, UpdateFactory(app.bot)


async def draft_text(services: Services) -> str:
    learner = await services.practice.learner(key="tg:42")
    async with services.sessions() as s:
        draft = await queries.get_draft(s, learner_id=learner.id)
    assert draft is not None
    return draft.text


class StillTime:
    """The flood control's clock, standing still unless a test moves it: a flood of 50 updates
    counts the same however slowly a loaded machine handles them (with real time, a slow run
    refilled the bucket and warned twice or let 30 through)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def still(monkeypatch: pytest.MonkeyPatch) -> StillTime:
    from handlers import throttle

    time = StillTime()
    monkeypatch.setattr(throttle, "monotonic", time)
    return time


async def test_a_flood_is_slowed_once_and_nothing_typed_is_lost(harness, services, still) -> None:
    app, request, users = harness
    await onboard(app, users)
    await ask(app, users)
    still.now += 60  # a minute later: the bucket is full again
    request.clear()
    for i in range(50):
        await app.process_update(users.message(f"line {i}"))
    slow = [t for t in request.texts() if "a lot of messages" in t]
    assert len(slow) == 1
    statuses = [t for t in request.texts() if "so far" in t]
    assert len(statuses) < 30
    assert len(statuses) == services.settings.flood_burst  # the burst, then silence
    assert (await draft_text(services)).split("\n") == [f"line {i}" for i in range(50)]


async def test_commands_in_a_flood_are_dropped_not_crashed(harness, still) -> None:
    app, request, users = harness
    await onboard(app, users)
    still.now += 60
    request.clear()
    for _ in range(30):
        await app.process_update(users.message("/help"))
    helps = [t for t in request.texts() if "/practice" in t]
    assert 0 < len(helps) < 30
    assert sum("a lot of messages" in t for t in request.texts()) == 1


async def test_long_unicode_and_html_like_text(harness, services) -> None:
    app, request, users = harness
    await onboard(app, users)
    await ask(app, users)
    odd = (
        "مرحبا <b>bold</b> & <script>alert(1)</script> 👍🏽 zero\u200bwidth "
        "I followed the Consumer Rights Act 2015. " + "word " * 2000
    )
    await app.process_update(users.message(odd))
    assert odd.strip() == await draft_text(services)
    await app.process_update(users.message("/done"))
    text = feedback_text(request)
    assert "<script>" not in "".join(request.texts())
    assert "Consumer Rights Act 2015" in text


FORGED = [
    "rem:time:2599", "rem:time:0960", "onb:rem:2599", "rem:day:9", "onb:tz:99", "onb:level:0",
    "prac:retry:99999999999", "coh:leave:99999999999", "rem:snooze:99999999999",
    "rem:skip:99999999999", "prac:submit:rules_and_law:99999999999", "ans:p:999",
    "work:go:999999999", "cmt:reply:999999999", "priv:delete:yes:99999999999999999999",
    "dis:open:99999999999", "dis:pt:99999999999:1", "mock:next:99999999999", "mock:len:99999999999",
]


@pytest.fixture
async def any_db_harness(db_url: str, settings: Settings, content, clock) -> AsyncIterator[Any]:
    """The offline application on SQLite and on PostgreSQL (ids there are 32-bit integers)."""
    on_db = settings.model_copy(update={"database_url": db_url})
    svc = await Services.create(on_db, clock=clock, content=content)
    request = OfflineRequest()
    app = build_application(on_db, svc, request=request)
    async with app:
        yield app, request, UpdateFactory(app.bot)
    await svc.close()


async def test_forged_buttons_are_refused_never_raise(any_db_harness, caplog) -> None:
    """Each forged payload (out-of-range times, ids past 32 bits, stale tokens) is refused with a
    kind answer; none reaches the error handler (issue 20, item 5)."""
    app, request, users = any_db_harness
    await onboard(app, users)
    for data in FORGED:
        request.clear()
        caplog.clear()
        await app.process_update(users.press(data))
        answered = [c for c in request.calls if c.method == "answerCallbackQuery"]
        assert answered, f"{data}: the button press was not answered"
        errors = [r for r in caplog.records if r.levelname == "ERROR"]
        assert not errors, f"{data}: {[r.getMessage() for r in errors]}"
        assert not apologies(request), data


def test_the_apology_check_is_precise() -> None:
    """A question that says "went wrong" is not an apology (the old substring check said it
    was); the error handler's apology is, whole."""
    request = OfflineRequest()
    probe = "What would happen to the customer, and to the business, if that went wrong?"
    request.calls.append(Call("sendMessage", {"chat_id": 1, "text": probe}))
    assert any("went wrong" in t for t in request.texts())  # what the old check tripped on
    assert apologies(request) == []
    request.calls.append(Call("sendMessage", {"chat_id": 1, "text": texts.ERROR}))
    assert apologies(request) == [texts.ERROR]
