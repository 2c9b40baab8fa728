"""Edited messages (issue 20, item 2): an edit of a part of the answer being written replaces
that part; an edit of anything older is left alone with a kind note; an edit never runs a
command."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from telegram import Message, MessageEntity, Update
from telegram.constants import MessageEntityType

from bot.app.services import Services
from storage import queries
from tests.handlers.flow import ask, onboard
from tests.handlers.offline import UpdateFactory

TYPO = "I refunded the custmer under the Consumer Rihgts Act 2015."
FIXED = "I refunded the customer under the Consumer Rights Act 2015."
LONG_PART = (
    "Last month a customer came in with a kettle that stopped working after three weeks, "
    "and my task was to decide between a refund and a repair for her."
)


def edit(users: UpdateFactory, original: Update, text: str) -> Update:
    """The update Telegram sends when the user edits `original` to `text`."""
    message = original.message
    assert message is not None
    entities = None
    if text.startswith("/"):
        entities = [MessageEntity(MessageEntityType.BOT_COMMAND, 0, len(text.split()[0]))]
    edited = Message(
        message.message_id, message.date, users.chat, from_user=users.user, text=text,
        entities=entities, edit_date=datetime.now(UTC),
    )
    users._stamp(edited)
    return users._stamp(Update(next(users._update_ids), edited_message=edited))


async def draft(services: Services) -> Any:
    learner = await services.practice.learner(key="tg:42")
    async with services.sessions() as s:
        return await queries.get_draft(s, learner_id=learner.id)


async def test_an_edited_part_replaces_itself(harness, services: Services) -> None:
    app, request, users = harness
    await onboard(app, users)
    await ask(app, users)
    first = users.message(LONG_PART)
    second = users.message(TYPO)
    await app.process_update(first)
    await app.process_update(second)
    request.clear()
    await app.process_update(edit(users, second, FIXED))
    row = await draft(services)
    assert row.text == f"{LONG_PART}\n{FIXED}" and row.parts == 2
    assert "updated message 2" in request.last_text()
    assert "2 messages" in request.last_text()


async def test_an_edit_of_an_older_answer_is_left_alone(harness, services: Services) -> None:
    app, request, users = harness
    await onboard(app, users)
    await ask(app, users)
    old = users.message(LONG_PART)
    await app.process_update(old)
    await app.process_update(users.message("/done"))
    await ask(app, users, topic="rules_and_law")
    await app.process_update(users.message(TYPO))
    request.clear()
    await app.process_update(edit(users, old, FIXED))
    assert (await draft(services)).text == TYPO
    assert "left that one as it was" in request.last_text()


async def test_an_edit_into_a_command_does_not_run_it(harness, services: Services) -> None:
    app, request, users = harness
    await onboard(app, users)
    await ask(app, users)
    part = users.message(LONG_PART)
    await app.process_update(part)
    request.clear()
    await app.process_update(edit(users, part, "/cancel"))
    row = await draft(services)
    assert row is not None and row.text == LONG_PART  # the 25 words are still there
    assert "Edits don't run commands" in request.last_text()
    assert not any(t.startswith("Cancelled") for t in request.texts())


async def test_an_edit_during_a_mock_says_how_to_correct_the_mock_answer(
    harness, services: Services
) -> None:
    """Before, an edit of a message of the mock answer being written was told "only the messages
    of the answer you're writing now can be changed": untrue, and no way to put it right."""
    from tests.handlers.test_mock import level_two

    app, request, users = harness
    await level_two(app, users)
    await app.process_update(users.message("/mock 20"))
    part = users.message(TYPO)
    await app.process_update(part)
    request.clear()
    await app.process_update(edit(users, part, FIXED))
    said = request.last_text()
    assert "mock" in said and "new message" in said and "answer you're writing now" not in said
    learner = await services.practice.learner(key="tg:42")
    assert learner.id is not None
    await app.process_update(users.message(FIXED))  # as the reply advises: added to the answer
    view = await services.mock.current(learner.id)
    assert view is not None and view.words == len(f"{TYPO} {FIXED}".split())
