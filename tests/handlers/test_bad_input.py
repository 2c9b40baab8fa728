"""Bad and hostile input: floods, very long and odd text, HTML-like text, forged buttons."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.app.application import build_application
from bot.app.services import Services
from bot.app.settings import Settings
from storage import queries
from tests.handlers.offline import OfflineRequest, UpdateFactory
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


async def test_a_flood_is_slowed_once_and_nothing_typed_is_lost(harness, services) -> None:
    app, request, users = harness
    await onboard(app, users)
    await ask(app, users)
    request.clear()
    for i in range(50):
        await app.process_update(users.message(f"line {i}"))
    slow = [t for t in request.texts() if "a lot of messages" in t]
    assert len(slow) == 1
    statuses = [t for t in request.texts() if "so far" in t]
    assert len(statuses) < 30
    assert (await draft_text(services)).split("\n") == [f"line {i}" for i in range(50)]


async def test_commands_in_a_flood_are_dropped_not_crashed(harness) -> None:
    app, request, users = harness
    await onboard(app, users)
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


@pytest.mark.parametrize(
    "data", ["prac:submit", "prac:retry:abc", "prac:topic:../../etc", "onb:level:9", "x" * 64, ""]
)
async def test_malformed_buttons_get_a_kind_answer(harness, data: str) -> None:
    app, request, users = harness
    await onboard(app, users)
    request.clear()
    await app.process_update(users.press(data))
    answers = [c.params for c in request.calls if c.method == "answerCallbackQuery"]
    replies = request.texts()
    assert answers, "the button press was not answered"
    assert any("recognise" in str(a.get("text", "")) for a in answers) or any(
        "earlier question" in t or "recognise" in t for t in replies
    )
