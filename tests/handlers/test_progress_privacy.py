"""/progress, /mydata and /deleteme, offline: what the learner sees and receives."""

from __future__ import annotations

import html
import io
import json
from typing import Any

from PIL import Image

from bot.app.services import Services
from handlers.answers import PAGE
from storage import queries
from tests.handlers.offline import OfflineRequest, UpdateFactory
from tests.handlers.test_practice_flow import ANSWER, ask, buttons, onboard


async def answer_one(app: Any, users: UpdateFactory) -> None:
    """Onboard if needed, take a question, answer it and submit, as the learner would."""
    await ask(app, users)
    await app.process_update(users.message(ANSWER))
    await app.process_update(users.message("/done"))
    await app.process_update(users.message("/cancel"))  # leave any follow-up question


def uploads(request: OfflineRequest, method: str) -> list[dict[str, Any]]:
    return [c.params for c in request.calls if c.method == method]


def uploaded_file(params: dict[str, Any]) -> tuple[str, bytes]:
    (name, content, *_), = params["files"].values()
    return name, content


async def stored(services: Services, key: str = "tg:42") -> dict[str, int]:
    async with services.sessions() as session:
        learner = await queries.get_learner(session, key=key)
        if learner is None or learner.id is None:
            return {}
        return await queries.count_learner_rows(session, learner_id=learner.id)


# -- /progress ------------------------------------------------------------------------------------


async def test_progress_without_answers_is_text_only_and_points_to_practice(harness) -> None:
    app, request, users = harness
    await onboard(app, users)
    await app.process_update(users.message("/progress"))
    assert "/practice" in request.last_text()
    assert not uploads(request, "sendPhoto")


async def test_progress_with_answers_sends_the_summary_and_a_chart(harness) -> None:
    app, request, users = harness
    await onboard(app, users)
    await answer_one(app, users)
    await answer_one(app, users)
    request.clear()

    await app.process_update(users.message("/progress"))
    summary = request.last_text()
    assert len(summary) <= 600  # one phone screen
    assert "Your progress" in summary and "2 answers" in summary
    assert "Streak: 1 day" in summary
    assert "Best topic: Working within organisational rules and the law" in summary
    assert "Not tried yet: 4 topics" in summary
    assert "Key Acts named: 1 of" in summary
    assert buttons(request.sent()[-1]) == ["prog:details", PAGE.data(0)]
    photo_calls = len(uploads(request, "sendPhoto"))

    await app.process_update(users.press("prog:details"))  # the bars and the lists, in place
    (details,) = [c.params for c in request.calls if c.method == "editMessageText"]
    assert "Working within organisational rules and the law (2 answers)" in details["text"]
    assert "Consumer Rights Act 2015" in details["text"]  # named in the answer, so covered
    assert "Key legislation: 1 of" in details["text"]
    assert buttons(details) == [PAGE.data(0)]
    assert len(uploads(request, "sendPhoto")) == photo_calls  # no second chart

    photos = uploads(request, "sendPhoto")
    assert len(photos) == 1
    assert "Pass (50)" in photos[0]["caption"] and "Distinction (80)" in photos[0]["caption"]
    name, png = uploaded_file(photos[0])
    assert name.endswith(".png")
    assert Image.open(io.BytesIO(png)).format == "PNG"


# -- /mydata --------------------------------------------------------------------------------------


async def test_mydata_sends_a_json_file_with_the_answers(harness) -> None:
    app, request, users = harness
    await onboard(app, users)
    await answer_one(app, users)
    await ask(app, users)
    await app.process_update(users.message("A half-written answer about the ICO"))
    request.clear()

    await app.process_update(users.message("/mydata"))
    document, readable = uploads(request, "sendDocument")
    name, content = uploaded_file(document)
    assert name.startswith("star-coach-data-2026-11-02") and name.endswith(".json")
    assert "your answer and its feedback" in document["caption"]
    data = json.loads(content)
    assert data["learner"]["first_name"] == "Alex"
    assert data["learner"]["telegram_user_id"] == 42
    assert data["attempts"][0]["text"].replace("\n", " ") == ANSWER
    assert data["attempts"][0]["result"]["grade"] in {"not_yet", "pass", "distinction"}
    assert data["draft"]["text"] == "A half-written answer about the ICO"
    # Beside the JSON, the same answers as a person reads them: questions by their text.
    page_name, page = uploaded_file(readable)
    assert page_name.endswith(".html") and "best answer each" in readable["caption"]
    question = app.bot_data.services.content.prompts[data["attempts"][0]["prompt_id"]].text
    assert html.escape(" ".join(question.split()), quote=True) in " ".join(page.decode().split())
    assert data["attempts"][0]["prompt_id"] not in page.decode()  # named by text, not by id


async def test_mydata_for_a_stranger_stores_nothing(harness, services: Services) -> None:
    app, request, users = harness
    await app.process_update(users.message("/mydata"))
    assert "don't hold anything" in request.last_text()
    assert not uploads(request, "sendDocument")
    assert await stored(services) == {}


# -- /deleteme ------------------------------------------------------------------------------------


async def test_deleteme_asks_first_and_no_keeps_everything(harness, services: Services) -> None:
    app, request, users = harness
    await onboard(app, users)
    await answer_one(app, users)
    before = await stored(services)
    request.clear()

    await app.process_update(users.message("/deleteme"))
    question = request.sent()[-1]
    assert "Delete everything?" in question["text"]
    assert "the answer you submitted" in question["text"]
    yes, no = buttons(question)
    assert yes.startswith("priv:delete:yes:") and no.startswith("priv:delete:no:")
    assert await stored(services) == before  # asking deletes nothing

    await app.process_update(users.press(no))
    assert "Nothing was deleted" in request.last_text()
    assert await stored(services) == before
    assert any(c.method == "editMessageReplyMarkup" for c in request.calls)  # buttons removed


async def test_deleteme_yes_erases_everything_and_a_stale_press_is_kind(
    harness, services: Services
) -> None:
    app, request, users = harness
    other = UpdateFactory(app.bot, user_id=77, first_name="Bo")
    for who in (users, other):
        await onboard(app, who)
        await answer_one(app, who)
    await ask(app, users)
    await app.process_update(users.message("an unfinished answer"))
    assert (await stored(services))["draft"] == 1
    others_before = await stored(services, "tg:77")

    await app.process_update(users.message("/deleteme"))
    yes, no = buttons(request.sent()[-1])
    request.clear()
    await app.process_update(users.press(yes))
    assert "erased everything" in request.last_text()
    assert await stored(services) == {}
    assert await stored(services, "tg:77") == others_before

    # The same button again (or a duplicate delivery): nothing is recreated, and it says so.
    request.clear()
    await app.process_update(users.press(yes))
    assert "already been erased" in request.last_text()
    await app.process_update(users.press(no))
    assert "already been erased" in request.last_text()
    assert await stored(services) == {}

    await app.process_update(users.message("/progress"))
    assert "Send /start" in request.last_text()  # erased stays erased until /start
    assert await stored(services) == {}

    # Starting again makes a new record; the old "Yes" must not erase it.
    await onboard(app, users)
    await answer_one(app, users)
    again = await stored(services)
    assert again
    await app.process_update(users.press(yes))
    assert "already been erased" in request.last_text()
    assert await stored(services) == again


async def test_privacy_commands_are_in_help_and_the_menu(harness) -> None:
    app, request, users = harness
    await app.process_update(users.message("/help"))
    for command in ("/progress", "/mydata", "/deleteme"):
        assert command in request.last_text()
    await app.process_update(users.message("/privacy"))
    assert "/mydata" in request.last_text() and "/deleteme" in request.last_text()
    await app.post_init(app)  # type: ignore[misc]
    (menu,) = [c for c in request.calls if c.method == "setMyCommands"]
    assert {"progress", "mydata", "deleteme"} <= {c["command"] for c in menu.params["commands"]}
