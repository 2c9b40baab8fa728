"""That's not right (issue 13 item 3): the learner says which point the coach got wrong, gets a
kind acknowledgement, and the assessor of their cohort sees it in /learner."""

from __future__ import annotations

from sqlmodel import select

from bot.app.services import Services
from storage.models import PointDispute
from tests.handlers.flow import buttons
from tests.handlers.test_assessor import LEARNER, OWNER, World, cohort, settings, world

__all__ = ["cohort", "settings", "world"]  # fixtures shared with the assessor tests


def open_button(world: World, uid: int) -> str:
    found = [d for params in world.request.sent(uid) for d in buttons(params) if d.startswith("dis:open:")]
    assert found, "no That's not right button under the feedback"
    return found[-1]


async def test_the_learner_says_a_point_was_wrong_and_the_assessor_sees_it(
    world: World, cohort: dict[str, str], services: Services
) -> None:
    (pick,) = await world.press(LEARNER, open_button(world, LEARNER))
    assert "Which point did I get wrong?" in pick
    choices = world.last_buttons(LEARNER)
    assert choices and all(c.startswith("dis:pt:") for c in choices)

    before = len(world.request.calls)
    await world.press(LEARNER, choices[0])
    (edited,) = [c for c in world.request.calls[before:] if c.method == "editMessageText"]
    assert "Thank you for telling me" in edited.params["text"]
    assert "Your grade stays as it is" in edited.params["text"]
    async with services.sessions() as session:
        (row,) = (await session.exec(select(PointDispute))).all()
    assert row.point_id and row.learner_id

    await world.press(LEARNER, choices[0])  # the same point again is stored once
    async with services.sessions() as session:
        assert len((await session.exec(select(PointDispute))).all()) == 1

    texts = await world.send(OWNER, "/learner Lee")
    block = [t for t in texts if "Where they think the coach got it wrong" in t]
    assert block and row.point_text in block[0] and f"A{row.attempt_id}" in block[0]


async def test_someone_elses_answer_cannot_be_disputed(
    world: World, cohort: dict[str, str], services: Services
) -> None:
    data = open_button(world, LEARNER)
    (refused,) = await world.press(301, data)  # Bo pressing Lee's button
    assert "can't find that answer" in refused
    attempt = data.rsplit(":", 1)[1]
    await world.press(301, f"dis:pt:{attempt}:0")
    async with services.sessions() as session:
        assert (await session.exec(select(PointDispute))).all() == []
