"""End to end: the mock discussion through the real `star-coach run` process and the emulator.

A learner chooses their standard, starts a 20-minute mock, answers the open invitation in two
messages, and the bot is killed (SIGKILL) between the two; after the restart the answer is whole,
the discussion carries on to its question budget with no marks on the way, and ends with a
readiness report naming what was and was not evidenced. Then the assessment date: /examdate moves
an area's next review (read back from the database) within the aim.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.mastery.review import start_of_day
from bot.mock.plan import budget
from storage.db import make_engine, make_session_factory
from storage.models import AreaCard, Learner
from tests.e2e.emulator import BotApiEmulator, SimUser, inline_buttons, message_text
from tests.e2e.test_bot_e2e import onboard

pytestmark = pytest.mark.e2e

ROLE_ONE = (
    "My role is customer adviser in the contact centre and I am responsible for first-line queries. "
    "Our customers are account holders, and internal customers in billing rely on my notes."
)
ROLE_TWO = "I work within the Consumer Rights Act 2015 and I follow our complaints procedure on every call."
ANSWER = (
    "Last month a customer phoned because her order was late. My task was to put it right. I checked "
    "our CRM system, followed the complaints procedure and rebooked the delivery because she needed it "
    "for a birthday. As a result it arrived the next day and she rated us 9 out of 10."
)
QUESTION = re.compile(r"Question (\d+) · ")


def data(message: dict[str, Any], prefix: str) -> str:
    found = [b["callback_data"] for b in inline_buttons(message) if b["callback_data"].startswith(prefix)]
    assert found, f"no button {prefix!r} in {message_text(message)!r}"
    return str(found[0])


async def choose_st0072(user: SimUser) -> None:
    await user.send("/settings")
    settings = await user.wait_reply("Your settings")
    await user.press(settings, "exam:menu")
    menu = await user.wait_reply("Choose your apprenticeship standard")
    await user.press(menu, data(menu, "exam:std:st0072"))
    await user.wait_reply("Your standard")


async def test_a_whole_short_mock_with_a_restart_in_the_middle(
    emulator: BotApiEmulator, start_bot: Any
) -> None:
    bot = await start_bot()
    await bot.wait_ready(timeout=60)
    user = emulator.user(1701)
    await onboard(user)
    await choose_st0072(user)
    await user.send("/mock")
    lengths = await user.wait_reply("How long?")
    await user.press(lengths, "mock:len:20")
    await user.wait_reply("Mock professional discussion: 20 minutes")
    await user.wait_reply("Tell me about your role")
    await user.send(ROLE_ONE)
    await user.wait_reply("words so far")

    bot.kill()  # SIGKILL mid-answer: nothing may be lost
    await bot.wait_exit(timeout=10)
    again = await start_bot()
    await again.wait_ready(timeout=60)

    await user.send(ROLE_TWO)
    # Both halves are one answer: its word count survived the kill. The kill may land before
    # the first half's status line was recorded as sent; its update, run again, then sends it
    # again (the same count: nothing is added twice) before the second half's.
    one, both = len(ROLE_ONE.split()), len((ROLE_ONE + " " + ROLE_TWO).split())
    while True:
        status = await user.wait_reply("words so far", timeout=15)
        words = int(message_text(status).split()[1])
        assert words in (one, both), message_text(status)
        if words == both:
            break
    await user.press(status, data(status, "mock:next:"))
    asked = 1
    while True:
        reply = await user.wait_reply(
            lambda m: bool(QUESTION.search(message_text(m))) or "Readiness report" in message_text(m),
            timeout=20,
        )
        text = message_text(reply)
        if "Readiness report" in text:
            break
        asked += 1
        assert "Grade" not in text and "Distinction" not in text  # no marks during the mock
        await user.send(ANSWER)
        await user.wait_reply("words so far", timeout=15)
        await user.send("/done")
    assert asked == budget(20)
    assert "Readiness report: ST0072 Customer service practitioner" in text
    assert f"{budget(20)} questions" in text
    evidenced, missing = text.split("Not yet evidenced")
    assert "Meeting regulations and legislation: “I work within the Consumer Rights Act 2015" in evidenced
    assert "Your role and responsibility: “My role is customer adviser" in evidenced
    assert "Team working" in missing
    assert "Practise next" in text
    assert not emulator.calls_of("__unknown__")


async def far_card(tmp_path: Path, telegram_id: int, days: int) -> int:
    engine = make_engine(f"sqlite+aiosqlite:///{tmp_path}/coach.db")
    try:
        async with make_session_factory(engine).begin() as session:
            query = select(Learner).where(Learner.telegram_user_id == telegram_id)
            learner = (await session.exec(query)).one()
            assert learner.id is not None
            session.add(AreaCard(learner_id=learner.id, topic_id="rules_and_law", skill="legislation",
                                 due_at=datetime.now(UTC) + timedelta(days=days)))
            return int(learner.id)
    finally:
        await engine.dispose()


async def card_due(tmp_path: Path, learner_id: int) -> datetime:
    engine = make_engine(f"sqlite+aiosqlite:///{tmp_path}/coach.db")
    try:
        async with make_session_factory(engine)() as session:
            card = await session.get(AreaCard, (learner_id, "rules_and_law", "legislation"))
            assert card is not None
            return card.due_at.replace(tzinfo=UTC)
    finally:
        await engine.dispose()


async def test_the_exam_date_moves_the_review_schedule(
    emulator: BotApiEmulator, start_bot: Any, tmp_path: Path
) -> None:
    bot = await start_bot()
    await bot.wait_ready(timeout=60)
    user = emulator.user(1702)
    await onboard(user)
    learner_id = await far_card(tmp_path, 1702, days=40)
    london = ZoneInfo("Europe/London")
    today = datetime.now(london).date()
    exam = today + timedelta(days=10)
    await user.send(f"/examdate {exam.isoformat()}")
    reply = await user.wait_reply("Reviews now aim at it", timeout=15)
    assert "in 10 days" in message_text(reply)
    assert await card_due(tmp_path, learner_id) == start_of_day(today + timedelta(days=5), london)
    await user.send("/settings")
    assert f"Assessment date: {exam:%A} {exam.day} {exam:%B %Y}" in message_text(
        await user.wait_reply("Your settings")
    )
