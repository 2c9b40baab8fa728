"""One retry policy for sending (issue 20, item 7; issue 12): a nudge whose send timed out is not
sent again underneath the dispatcher, which records the outcome as unknown; a reply to a
learner (feedback) is still sent again, since a lost reply is worse than a rare duplicate."""

from __future__ import annotations

import asyncio

import pytest
from telegram.ext import ExtBot
from telegram.request import HTTPXRequest

from bot.app.application import RetryingRateLimiter
from bot.render.nudge import Nudge
from handlers.reminders import TelegramSender
from tests.e2e.conftest import TEST_BOT_TOKEN
from tests.e2e.emulator import BotApiEmulator, message_text

pytestmark = pytest.mark.e2e


async def _bot(emulator: BotApiEmulator) -> ExtBot[None]:
    bot: ExtBot[None] = ExtBot(
        TEST_BOT_TOKEN, base_url=emulator.base_url, base_file_url=emulator.base_file_url,
        request=HTTPXRequest(read_timeout=1.0), rate_limiter=RetryingRateLimiter(max_retries=3),
    )
    await bot.initialize()
    return bot


def _received(emulator: BotApiEmulator, chat_id: int, words: str) -> int:
    return sum(words in message_text(e) for e in emulator._chat_state(chat_id).events)


async def test_a_timed_out_nudge_is_sent_once(emulator: BotApiEmulator) -> None:
    user = emulator.user(7001)
    await user.send("/start")
    bot = await _bot(emulator)
    try:
        emulator.answer_late_next("sendMessage", 2.0)  # delivered, answered after the client gave up
        result = await TelegramSender(bot).send(user.id, Nudge("⏰ Time for two minutes of practice"))
        assert result.outcome == "unknown"
        await asyncio.sleep(2.5)
        assert _received(emulator, user.id, "Time for two minutes") == 1
    finally:
        await bot.shutdown()


async def test_a_timed_out_reply_is_sent_again(emulator: BotApiEmulator) -> None:
    user = emulator.user(7002)
    await user.send("/start")
    bot = await _bot(emulator)
    try:
        emulator.delay_next("sendMessage", 2.0)  # never carried out: the client gave up first
        await bot.send_message(user.id, "Grade: Pass")
        await asyncio.sleep(2.5)
        assert _received(emulator, user.id, "Grade: Pass") == 1
    finally:
        await bot.shutdown()
