"""The practice service: the domain flow shared by Telegram and the terminal."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from sqlalchemy import event

from bot.app.services import Services
from bot.app.settings import Settings
from bot.practice.service import MAX_ANSWER_CHARS, EmptyDraft, NoDraft, PracticeError
from content.loader import Content
from storage import queries

ANSWER = (
    "A customer called last week because her new washing machine leaked. My task was to put it "
    "right within the Consumer Rights Act 2015. I checked our refund and returns policy, "
    "arranged a replacement because it was within 30 days, and logged the complaint. As a "
    "result the replacement arrived in 2 days and she scored us 9 out of 10."
)


async def new_learner(services: Services, key: str = "tg:9") -> int:
    learner = await services.practice.learner(key=key, telegram_user_id=9, first_name="Sam")
    assert learner.id is not None
    return learner.id


async def test_answer_in_parts_is_assessed_as_a_whole(services: Services) -> None:
    lid = await new_learner(services)
    prompt = await services.practice.start(lid, prompt_id="rl_refund_dispute")
    # Split between two words of the Act's name: the parts are one answer.
    cut = ANSWER.index("Rights Act")
    first, second = ANSWER[:cut].rstrip(), ANSWER[cut:]
    await services.practice.add_text(lid, first)
    status = await services.practice.add_text(lid, second)
    assert status.parts == 2 and status.prompt.id == prompt.id

    submission = await services.practice.submit(lid)
    names = {f.name for f in submission.assessment.entities}
    assert "Consumer Rights Act 2015" in names
    assert submission.text == f"{first}\n{second}"
    async with services.sessions() as s:
        attempts = await queries.list_attempts(s, learner_id=lid)
        assert await queries.get_draft(s, learner_id=lid) is None
    assert len(attempts) == 1 and attempts[0].score == submission.assessment.score
    assert attempts[0].topic_id == prompt.topic


async def test_a_draft_survives_new_services_on_the_same_database(
    services: Services, settings: Settings, content: Content
) -> None:
    """What the learner typed lives in the database, not in memory."""
    lid = await new_learner(services)
    await services.practice.start(lid, prompt_id="rl_refund_dispute")
    await services.practice.add_text(lid, "The Equality Act 2010 meant I had to")
    await services.close()

    again = await Services.create(settings, content=content)
    try:
        status = await again.practice.current(lid)
        assert status is not None and status.words == 8
        assert status.prompt.id == "rl_refund_dispute"
    finally:
        await again.close()


async def test_submit_without_draft_or_with_empty_draft_is_refused(services: Services) -> None:
    lid = await new_learner(services)
    with pytest.raises(NoDraft):
        await services.practice.submit(lid)
    await services.practice.start(lid)
    with pytest.raises(EmptyDraft):
        await services.practice.submit(lid)


async def test_text_without_a_question_is_refused(services: Services) -> None:
    lid = await new_learner(services)
    with pytest.raises(NoDraft):
        await services.practice.add_text(lid, "hello")


async def test_very_long_answers_are_capped_and_flagged(services: Services) -> None:
    lid = await new_learner(services)
    await services.practice.start(lid)
    status = await services.practice.add_text(lid, "word " * (MAX_ANSWER_CHARS // 4))
    assert status.truncated
    status = await services.practice.add_text(lid, "more")
    assert status.truncated  # no room left
    async with services.sessions() as s:
        draft = await queries.get_draft(s, learner_id=lid)
    assert draft is not None and len(draft.text) <= MAX_ANSWER_CHARS


async def test_next_question_avoids_repeating_the_last_one(
    services: Services, content: Content
) -> None:
    lid = await new_learner(services)
    topic = content.prompts["rl_refund_dispute"].topic
    if len(content.prompts_for(topic)) < 2:
        pytest.skip("needs at least two prompts in the topic")
    first = await services.practice.start(lid, topic_id=topic)
    for _ in range(10):
        nxt = await services.practice.start(lid, topic_id=topic)
        assert nxt.id != first.id
        first = nxt


async def test_unknown_topic_and_prompt_are_explained(services: Services) -> None:
    lid = await new_learner(services)
    with pytest.raises(PracticeError):
        await services.practice.start(lid, topic_id="no_such_topic")
    with pytest.raises(PracticeError):
        await services.practice.start(lid, prompt_id="no_such_prompt")


async def test_cancel_reports_what_was_dropped(services: Services) -> None:
    lid = await new_learner(services)
    assert await services.practice.cancel(lid) is None
    await services.practice.start(lid)
    await services.practice.add_text(lid, "one two")
    dropped = await services.practice.cancel(lid)
    assert dropped is not None and dropped.words == 2
    assert await services.practice.current(lid) is None


class _Watching:
    """The real assessor, plus a look at the database while it works."""

    def __init__(self, services: Services, during: Callable[[], None] | None = None) -> None:
        self.real, self.services, self.during = services.assessor, services, during
        self.connections_held: list[int] = []

    def assess(self, text: str, **kwargs: Any) -> Any:
        self.connections_held.append(self.services.engine.pool.checkedout())  # type: ignore[attr-defined]
        if self.during is not None:
            during, self.during = self.during, None
            during()
        return self.real.assess(text, **kwargs)


async def test_no_database_connection_is_held_while_assessing(services: Services) -> None:
    """Assessing is slow work: the draft's row lock (and any connection) is not held through it,
    so another instance handling the learner's next message does not wait on it."""
    lid = await new_learner(services)
    await services.practice.start(lid, prompt_id="rl_refund_dispute")
    await services.practice.add_text(lid, ANSWER)
    watching = _Watching(services)
    services.practice.assessor = watching  # type: ignore[assignment]
    await services.practice.submit(lid)
    assert watching.connections_held == [0]


async def test_a_message_that_arrives_while_assessing_is_part_of_the_answer(
    services: Services, settings: Settings, content: Content
) -> None:
    """Another instance stores a message while this one assesses: the answer is assessed again
    with it, and nothing typed is lost."""
    lid = await new_learner(services)
    await services.practice.start(lid, prompt_id="rl_refund_dispute")
    await services.practice.add_text(lid, "A customer called because her new washing machine leaked.")

    def other_instance_adds_text() -> None:
        async def add() -> None:
            other = await Services.create(settings, content=content, upgrade=False)
            try:
                await other.practice.add_text(lid, "I followed the Consumer Rights Act 2015.")
            finally:
                await other.close()

        with ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, add()).result()

    watching = _Watching(services, during=other_instance_adds_text)
    services.practice.assessor = watching  # type: ignore[assignment]
    submission = await services.practice.submit(lid)
    assert "Consumer Rights Act 2015" in submission.text
    assert "Consumer Rights Act 2015" in {f.name for f in submission.assessment.entities}
    assert len(watching.connections_held) == 2
    async with services.sessions() as s:
        (attempt,) = await queries.list_attempts(s, learner_id=lid)
    assert attempt.text == submission.text and attempt.score == submission.assessment.score


async def test_a_submit_reads_the_review_cards_in_one_statement(services: Services) -> None:
    lid = await new_learner(services)
    await services.practice.start(lid, prompt_id="rl_refund_dispute")
    await services.practice.add_text(lid, ANSWER)
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(" ".join(statement.split()))

    event.listen(services.engine.sync_engine, "before_cursor_execute", record)
    try:
        await services.practice.submit(lid)
    finally:
        event.remove(services.engine.sync_engine, "before_cursor_execute", record)
    card_reads = [s for s in statements if s.startswith("SELECT") and "FROM area_card" in s]
    card_writes = [s for s in statements if s.startswith("INSERT INTO area_card")]
    assert len(card_reads) == 1
    assert len(card_writes) == 1  # several areas, one batched INSERT
    async with services.sessions() as s:
        assert len(await services.review.cards(s, learner_id=lid)) > 1


async def test_a_message_is_stored_with_one_read_and_one_write(services: Services) -> None:
    lid = await new_learner(services)
    await services.practice.start(lid, prompt_id="rl_refund_dispute")
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement.split()[0])

    event.listen(services.engine.sync_engine, "before_cursor_execute", record)
    try:
        status = await services.practice.add_text(lid, "A customer rang about a refund.")
    finally:
        event.remove(services.engine.sync_engine, "before_cursor_execute", record)
    assert status.parts == 1
    assert statements == ["SELECT", "UPDATE"]  # the draft, locked once; the new text


def test_the_probe_never_asks_for_another_law_when_none_was_found(content: Content) -> None:
    """Issue 13 item 4: "What you named: Nothing yet", then "You've named one law. Which other..."."""
    from bot.assessment import Assessor
    from bot.practice.service import next_probe

    prompt = content.prompts["rl_two_laws_one_case"]
    assessor = Assessor(content)
    none = assessor.assess("A customer wanted a refund. I gave him one.", prompt=prompt)
    probe = next_probe(prompt, none)
    assert probe is not None and probe.point == "two_laws" and "named one law" not in probe.text
    one = assessor.assess(
        "A customer wanted a refund under the Consumer Rights Act 2015. I gave him one.", prompt=prompt
    )
    probe = next_probe(prompt, one)
    assert probe is not None and "named one law" in probe.text
