"""End to end: the real `star-coach run` process against the Bot API emulator on 127.0.0.1.

A simulated learner onboards, practises, answers in parts and submits; the bot is killed with
SIGKILL half-way through an answer and started again; an update is delivered twice; a sticker
arrives. Nothing here reaches Telegram.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from tests.e2e.emulator import BotApiEmulator, SimUser, inline_buttons

pytestmark = pytest.mark.e2e

PART_ONE = (
    "Last month a customer came in with a kettle that stopped working after three weeks. "
    "My task was to decide between a refund and a repair under the Consumer Rights Act 2015."
)
PART_TWO = (
    "I checked our refund and returns policy because she was within 30 days, and I refunded "
    "her in full. As a result she rated us 5 out of 5."
)


def button(message: dict[str, Any], prefix: str) -> str:
    data = [b["callback_data"] for b in inline_buttons(message)]
    found = [d for d in data if d.startswith(prefix)]
    assert found, f"no button starting {prefix!r} among {data}"
    return found[0]


async def onboard(user: SimUser) -> None:
    """/start and I agree (a first question comes at once), then level, sector and nation from /settings,
    so that no profile question is owed before the first feedback."""
    await user.send("/start")
    welcome = await user.wait_reply("Your privacy")
    await user.press(welcome, "onb:privacy:yes")
    await user.wait_reply("first question")
    await user.send("/settings")
    view = await user.wait_reply("Your settings")
    await user.press(view, "onb:change:level")
    levels = await user.wait_reply("Which level")
    await user.press(levels, "onb:level:3")
    view = await user.wait_reply("Saved: Level 3")
    await user.press(view, "onb:change:sector")
    sectors = await user.wait_reply("Which sector")
    await user.press(sectors, "onb:sector:retail")
    view = await user.wait_reply("Saved: Sector")
    await user.press(view, "onb:change:nation")
    places = await user.wait_reply("Where do you work")
    await user.press(places, "onb:nation:england")
    await user.wait_reply("Saved: Nation: England")


async def ask_question(user: SimUser) -> dict[str, Any]:
    await user.send("/practice")
    topics = await user.wait_reply("What would you like to practise")
    await user.press(topics, "prac:topic:rules_and_law")
    return await user.wait_reply("Answer in STAR form")


async def test_practice_round_trip(emulator: BotApiEmulator, start_bot) -> None:
    bot = await start_bot()
    await bot.wait_ready(timeout=60)
    user = emulator.user(1001)
    await onboard(user)
    await ask_question(user)

    await user.send(PART_ONE)
    await user.wait_reply("1 message")
    await user.send(PART_TWO)
    status = await user.wait_reply("2 messages")
    await user.press(status, button(status, "prac:submit:"))
    summary = await user.wait_reply("Grade:", timeout=15)
    assert len(summary["text"]) <= 600  # one phone screen
    await user.press(summary, button(summary, "prac:details:"))
    feedback = await user.wait_reply("What you named", timeout=15)
    text = feedback["text"]
    assert "Consumer Rights Act 2015" in text
    assert "refund and returns policy" in text
    assert "Situation ✅" in text
    commands = emulator.calls_of("setMyCommands")
    assert commands, "the command menu was not set"
    assert not emulator.calls_of("__unknown__")


async def test_half_written_answer_survives_sigkill(emulator: BotApiEmulator, start_bot) -> None:
    bot = await start_bot()
    await bot.wait_ready(timeout=60)
    user = emulator.user(1002)
    await onboard(user)
    await ask_question(user)
    await user.send(PART_ONE)
    await user.wait_reply("1 message")
    bot.kill()  # SIGKILL: no chance to save anything on the way out
    await bot.wait_exit(timeout=10)

    again = await start_bot()
    await again.wait_ready(timeout=60)
    await user.send(PART_TWO)
    await user.wait_reply("2 messages", timeout=15)
    await user.send("/done")
    summary = await user.wait_reply("Grade:", timeout=15)
    await user.press(summary, button(summary, "prac:details:"))
    feedback = await user.wait_reply("What you named", timeout=15)
    # What was typed before the kill is part of the assessed answer.
    assert "Consumer Rights Act 2015" in feedback["text"]


async def test_duplicate_update_is_handled_once(emulator: BotApiEmulator, start_bot) -> None:
    bot = await start_bot()
    await bot.wait_ready(timeout=60)
    user = emulator.user(1003)
    await onboard(user)
    await ask_question(user)
    update = {
        "update_id": 900_001,
        "message": {
            "message_id": 5000, "date": int(time.time()), "chat": user.chat_dict,
            "from": user.user_dict, "text": PART_ONE,
        },
    }
    await emulator.push_raw_update(update)
    await user.wait_reply("1 message", timeout=15)
    await emulator.push_raw_update(update)  # delivered again
    await user.assert_no_reply(within=1.5)
    await user.send(PART_TWO)
    await user.wait_reply("2 messages", timeout=15)


async def test_sticker_gets_a_kind_explanation(emulator: BotApiEmulator, start_bot) -> None:
    bot = await start_bot()
    await bot.wait_ready(timeout=60)
    user = emulator.user(1004)
    await user.send_sticker()
    reply = await user.wait_reply(timeout=15)
    assert "typed" in reply["text"]


async def test_probe_retry_model_and_progress(emulator: BotApiEmulator, start_bot) -> None:
    """The loop after feedback: the probe reply is merged, a model answer, a retry, progress."""
    bot = await start_bot()
    await bot.wait_ready(timeout=60)
    user = emulator.user(1005)
    await onboard(user)
    await ask_question(user)
    await user.send("A customer was upset about a late parcel. I said sorry and sent a new one.")
    status = await user.wait_reply("1 message")
    await user.press(status, button(status, "prac:submit:"))
    probe = await user.wait_reply("The assessor asks:", timeout=15)  # in the summary itself
    assert "Grade:" in probe["text"]

    await user.press(probe, button(probe, "prac:model:"))
    outline = await user.wait_reply("Model answer outline")
    assert outline["text"].count("•") >= 3
    assert button(outline, "prac:retry:")  # Try again stays after the outline

    await user.send(PART_ONE + " " + PART_TWO)
    await user.wait_reply("1 message")
    await user.send("/done")
    merged = await user.wait_reply("Grade:", timeout=15)
    assert "→" in merged["text"]  # the score then and now
    await user.press(merged, button(merged, "prac:details:"))
    details = await user.wait_reply("Since your last try", timeout=15)
    assert "Consumer Rights Act 2015" in details["text"]

    await user.send("/progress")
    await user.wait_reply("progress", timeout=15)
    chart = await user.wait_reply(lambda m: "photo" in m, timeout=15)
    assert chart["photo"], "the chart arrived without an image"
