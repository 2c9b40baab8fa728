"""End to end: the real process at LOG_LEVEL=DEBUG prints no secret.

At DEBUG python-telegram-bot logs the Bot API URL, which holds the token; the redacting filter on
every handler masks it. (Every e2e log is also grepped for the test secrets after each test.)
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import TEST_BOT_TOKEN
from tests.e2e.emulator import BotApiEmulator

pytestmark = pytest.mark.e2e


async def test_debug_log_masks_the_token(emulator: BotApiEmulator, start_bot) -> None:
    bot = await start_bot({"LOG_LEVEL": "DEBUG"})
    await bot.wait_ready(timeout=60)
    await bot.stop()
    log = bot.log()
    assert "Set Bot API URL" in log, bot.log_tail()  # the line that used to print the token
    assert "bot[REDACTED]" in log
    assert TEST_BOT_TOKEN not in log
    assert TEST_BOT_TOKEN.split(":")[1] not in log
