"""After /deleteme a learner stays deleted until they send /start: an old button, a message, a
voice note or an edit gets a kind word and stores nothing (no learner row is made again)."""

from __future__ import annotations

from typing import Any

import pytest
from telegram import Voice

import bot.app.application  # noqa: F401  (imports every feature's module, declaring every button)
from bot.app.services import Services
from handlers.callback import declared
from storage import queries
from tests.handlers.flow import ANSWER, ask, buttons, onboard
from tests.handlers.offline import UpdateFactory
from tests.handlers.test_edits import edit

# One press of every kind of button the coach has ever shown (the shortest data each allows);
# Read all only shows the privacy notice (tested below).
PRESSES = sorted({kind.examples()[1] for kind in declared()} - {"onb:read"})


async def _learners(services: Services, key: str = "tg:42") -> bool:
    async with services.sessions() as session:
        return await queries.get_learner(session, key=key) is not None


async def _erase(app: Any, request: Any, users: UpdateFactory, services: Services) -> None:
    """Onboard, start an answer, then /deleteme and Yes: nothing left."""
    await onboard(app, users)
    await ask(app, users)
    await app.process_update(users.message(ANSWER))
    await app.process_update(users.message("/deleteme"))
    yes = next(b for b in buttons(request.sent()[-1]) if b.startswith("priv:delete:yes:"))
    await app.process_update(users.press(yes))
    assert "erased everything" in request.last_text()
    assert not await _learners(services)
    request.clear()


def _alerts(request: Any) -> list[str]:
    return [str(c.params.get("text")) for c in request.calls if c.method == "answerCallbackQuery"]


@pytest.mark.parametrize("data", PRESSES)
async def test_an_old_button_after_deleteme_makes_no_learner(harness, services: Services, data: str) -> None:
    app, request, users = harness
    await _erase(app, request, users, services)

    await app.process_update(users.press(data))

    assert not await _learners(services), f"{data} made a learner again"
    said = " ".join([*request.texts(), *_alerts(request)])
    # The erasure's own Yes/No says it in its words ("already been erased"), as it always has.
    assert "/start" in said and ("data was deleted" in said or "already been erased" in said), said


@pytest.mark.parametrize("typed", ["/practice", "/settings", "/progress", "/mock", "/remind 18:30",
                                   "/answers", "/examdate 12 March", "/done", "/cancel",
                                   "my answer goes on"])
async def test_a_message_after_deleteme_makes_no_learner(harness, services: Services, typed: str) -> None:
    app, request, users = harness
    await _erase(app, request, users, services)

    await app.process_update(users.message(typed))

    assert not await _learners(services), f"{typed!r} made a learner again"
    assert "/start" in request.last_text()


async def test_a_voice_note_or_an_edit_after_deleteme_makes_no_learner(harness, services: Services) -> None:
    app, request, users = harness
    await _erase(app, request, users, services)

    await app.process_update(users.message(voice=Voice("v1", "uv1", duration=3)))
    await app.process_update(edit(users, users.message("old words"), "an edit of an old message"))

    assert not await _learners(services)
    assert all("/start" in text for text in request.texts()), request.texts()


async def test_read_all_after_deleteme_shows_the_notice_and_stores_nothing(
    harness, services: Services
) -> None:
    """Read all under /privacy (or an old welcome) only shows the full notice, to someone with
    no record too (a stranger reading /privacy first is not told their data was deleted)."""
    app, request, users = harness
    await _erase(app, request, users, services)
    await app.process_update(users.message("/privacy"))
    await app.process_update(users.press("onb:read"))
    (shown,) = [c.params for c in request.calls if c.method == "editMessageText"]
    assert "ico.org.uk" in shown["text"] and not buttons(shown)
    assert not await _learners(services)


async def test_start_after_deleteme_begins_again(harness, services: Services) -> None:
    app, request, users = harness
    await _erase(app, request, users, services)

    await app.process_update(users.message("/start"))

    assert await _learners(services)
    assert "I agree" in str(request.sent()[-1]["reply_markup"])


async def test_what_needs_no_learner_still_answers_after_deleteme(harness, services: Services) -> None:
    """/help, /privacy, /leave, an unknown command, /mydata and /deleteme say what they always
    say, and store nothing."""
    app, request, users = harness
    await _erase(app, request, users, services)
    for command in ("/help", "/privacy", "/leave", "/nonsense", "/mydata", "/deleteme"):
        await app.process_update(users.message(command))
    assert not await _learners(services)
    assert "don't hold anything" in request.last_text()
