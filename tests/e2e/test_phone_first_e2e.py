"""End to end, phone first (issue 16): a new learner through the real bot and the emulator.

From /start to the first question in at most three taps and no typed command; level, sector and
nation asked before the first feedback, each echoed; no message over one phone screen (about 600
characters) unless the learner asked for it; the feedback's buttons close when the next
question comes, so an old Try again cannot be pressed.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.emulator import BotApiEmulator, inline_buttons, message_text
from tests.e2e.test_bot_e2e import PART_ONE, PART_TWO, button

pytestmark = pytest.mark.e2e

SCREEN = 600


def current(user: Any, message: dict[str, Any]) -> dict[str, Any]:
    """The message as the learner's screen shows it now (after edits)."""
    (now,) = [m for m in user.messages if m["message_id"] == message["message_id"]]
    return now


async def test_a_new_learner_gets_a_question_in_one_tap_and_feedback_on_one_screen(
    emulator: BotApiEmulator, start_bot
) -> None:
    bot = await start_bot()
    await bot.wait_ready(timeout=60)
    user = emulator.user(1601, "Sam")
    taps = 0

    await user.send("/start")  # Telegram's START button
    welcome = await user.wait_reply("Hello Sam")
    assert "Your privacy" in welcome["text"]  # consent in the same message
    await user.assert_no_reply(within=0.5)  # one message before the first button
    assert [b["text"] for b in inline_buttons(welcome)] == ["I agree", "No thanks", "Read all"]

    await user.press(welcome, "onb:privacy:yes")
    taps += 1
    question = await user.wait_reply("Answer in STAR form", timeout=15)
    assert "first question" in question["text"]
    assert taps <= 3  # the goal: at most three taps, and no command typed but /start
    assert "agreed" in message_text(current(user, welcome))  # the choice, echoed in place

    await user.send(PART_ONE)
    await user.wait_reply("1 message")
    await user.send(PART_TWO)
    status = await user.wait_reply("2 messages")
    await user.press(status, button(status, "prac:submit:"))
    ask = await user.wait_reply("Which level", timeout=15)
    assert "Before I mark it" in ask["text"]
    await user.press(ask, "onb:level:3:s")
    sector = await user.wait_reply("Which sector")
    assert sector["message_id"] == ask["message_id"] and sector["text"].startswith("✓ Level 3")
    await user.press(sector, "onb:sector:retail:s")
    nation = await user.wait_reply("Where do you work")
    assert nation["text"].startswith("✓ Sector: Retail")
    await user.press(nation, "onb:nation:england:s")
    summary = await user.wait_reply("Grade:", timeout=15)
    echoed = message_text(current(user, ask))
    assert echoed.startswith("✓ Level 3, Retail") and "England" in echoed

    # Nothing so far needed scrolling: every message, as shown now, fits one screen.
    lengths = [len(message_text(m)) for m in user.messages]
    assert max(lengths) <= SCREEN, lengths

    await user.press(summary, button(summary, "prac:details:"))
    details = await user.wait_reply("Marking points", timeout=15)
    assert "Consumer Rights Act 2015" in details["text"]  # asked for: may be longer
    retry = button(details, "prac:retry:")

    await user.press(details, button(details, "prac:next:"))
    await user.wait_reply("Answer in STAR form", timeout=15)
    # The moment of those buttons has passed: they are gone from the screen.
    assert inline_buttons(current(user, details)) == []
    assert inline_buttons(current(user, summary)) == []
    with pytest.raises(AssertionError):
        await user.press(details, retry)

    await user.send("/progress")
    progress = await user.wait_reply("Your progress", timeout=15)
    assert len(progress["text"]) <= SCREEN
    await user.send("/privacy")
    privacy = await user.wait_reply("Your privacy")
    assert len(privacy["text"]) <= SCREEN
    assert not emulator.calls_of("__unknown__")
