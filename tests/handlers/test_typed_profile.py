"""The level, sector and nation asked before the first feedback can be typed as well as tapped:
"level 3", "retail" or "scotlnd" answer the question; anything else stays in the answer (never
lost) and the question is asked again."""

from __future__ import annotations

from typing import Any

import pytest

from bot.app.services import Services
from tests.handlers.flow import buttons, feedback_text
from tests.handlers.offline import UpdateFactory
from tests.handlers.test_voice import draft_text

ANSWER = "A customer was upset about a late parcel. I said sorry and sent a new one."


async def _asked_level(app: Any, request: Any, users: UpdateFactory) -> None:
    """Consent, the first question answered, /done: the level question with its buttons."""
    for update in (users.message("/start"), users.press("onb:privacy:yes"), users.message(ANSWER),
                   users.message("/done")):
        await app.process_update(update)
    assert "Which level" in request.last_text()
    request.clear()


async def _profile(services: Services) -> tuple[Any, ...]:
    learner = await services.practice.learner(key="tg:42")
    return learner.level, learner.sector, learner.nation


async def test_typed_level_sector_and_nation_answer_the_questions(harness, services: Services) -> None:
    app, request, users = harness
    await _asked_level(app, request, users)

    await app.process_update(users.message("Level 3"))
    assert "Level 3" in request.last_text() and "Which sector" in request.last_text()
    assert "onb:sector:retail:s" in buttons(request.sent()[-1])
    await app.process_update(users.message("retial"))  # a typo is forgiven
    assert "Where do you work" in request.last_text()
    assert await draft_text(services) == ANSWER  # nothing typed went into the answer
    await app.process_update(users.message("scotlnd"))

    assert await _profile(services) == (3, "retail", "scotland")
    assert feedback_text(request)  # and then the feedback, of the answer alone
    assert "Level 3, Retail" in " ".join(request.texts())


@pytest.mark.parametrize("typed", ["level three", "lvl 4", "4"])
async def test_a_level_typed_in_other_ways_is_read(harness, services: Services, typed: str) -> None:
    app, request, users = harness
    await _asked_level(app, request, users)
    await app.process_update(users.message(typed))
    assert (await _profile(services))[0] in (3, 4)
    assert "Which sector" in request.last_text()


async def test_other_text_is_kept_in_the_answer_and_the_question_asked_again(
    harness, services: Services
) -> None:
    app, request, users = harness
    await _asked_level(app, request, users)

    await app.process_update(users.message("The next day I rang her back to check."))

    assert await draft_text(services) == f"{ANSWER}\nThe next day I rang her back to check."
    said = request.last_text()
    assert "added" in said and "Which level" in said
    assert buttons(request.sent()[-1]) == ["onb:level:2:s", "onb:level:3:s", "onb:level:4:s", "onb:level:5:s"]
    assert (await _profile(services))[0] is None


async def test_before_the_question_is_asked_a_place_name_is_part_of_the_answer(
    harness, services: Services
) -> None:
    app, _request, users = harness
    for update in (users.message("/start"), users.press("onb:privacy:yes"), users.message(ANSWER),
                   users.message("Scotland")):
        await app.process_update(update)
    assert await draft_text(services) == f"{ANSWER}\nScotland"
    assert (await _profile(services))[2] == "unknown"
