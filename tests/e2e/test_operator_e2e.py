"""End to end: the real `star-coach run` process meets an operator's mistakes and prints no secret.

At DEBUG python-telegram-bot logs the Bot API URL, which holds the token: the redacting filter on
every handler masks it. A token the Bot API rejects, and a webhook port another program holds,
end in two plain lines and the documented status. (Every e2e log is also grepped for the test
secrets after each test, in tests/e2e/conftest.py.)
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from tests.e2e.conftest import TEST_BOT_TOKEN, start_bot_process
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


@pytest.mark.parametrize("debug", [False, True])
async def test_rejected_token(tmp_path: Path, debug: bool) -> None:
    async with BotApiEmulator(token="654321:the-right-token") as emulator:
        extra = {"STARTUP_WAIT_SECONDS": "0", **({"LOG_LEVEL": "DEBUG"} if debug else {})}
        bot = await start_bot_process(emulator, tmp_path, extra)
        code = await bot.wait_exit(timeout=60)
    log = bot.log()
    assert code == 2, bot.log_tail()
    assert TEST_BOT_TOKEN not in log and TEST_BOT_TOKEN.split(":")[1] not in log
    assert "star-coach: Telegram rejected TELEGRAM_BOT_TOKEN" in log
    assert "@BotFather" in log
    if debug:
        assert "Traceback" in log and "InvalidToken" in log
    else:
        assert log.strip().count("\n") == 1, log  # two lines, nothing else
    assert not emulator.calls_of("getUpdates")


async def test_webhook_port_taken(emulator: BotApiEmulator, tmp_path: Path) -> None:
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        bot = await start_bot_process(emulator, tmp_path, {
            "WEBHOOK_URL": "https://coach.example.org/tg/hook",
            "WEBHOOK_SECRET": "multi-Instance_secret-42",
            "WEBHOOK_PORT": str(port),
        })
        code = await bot.wait_exit(timeout=60)
    log = bot.log()
    assert code == 3, bot.log_tail()
    assert f"port 127.0.0.1:{port} is already in use" in log and "Traceback" not in log
    assert not emulator.calls_of("setWebhook")  # Telegram was not pointed at a dead instance


async def test_info_log_is_quiet(emulator: BotApiEmulator, start_bot) -> None:
    """At INFO the reminder poll (every 0.5 s here) leaves no "Running job" lines."""
    import asyncio

    bot = await start_bot({"LOG_LEVEL": "INFO", "REMINDER_POLL_SECONDS": "0.5"})
    await bot.wait_ready(timeout=60)
    await asyncio.sleep(3)
    await bot.stop()
    log = bot.log()
    assert "STAR Coach is up as @" in log, bot.log_tail()
    assert "Running job" not in log and "executed successfully" not in log, bot.log_tail()
    assert "HTTP Request" not in log


async def test_webhook_url_refused_by_telegram(emulator: BotApiEmulator, tmp_path: Path) -> None:
    emulator.fail_next("setWebhook", 400, "Bad Request: bad webhook: Failed to resolve host")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    bot = await start_bot_process(emulator, tmp_path, {
        "WEBHOOK_URL": "https://coach.example.org/tg/hook",
        "WEBHOOK_SECRET": "multi-Instance_secret-42",
        "WEBHOOK_PORT": str(port),
    })
    code = await bot.wait_exit(timeout=60)
    log = bot.log()
    assert code == 2, bot.log_tail()
    assert "star-coach: Telegram refused WEBHOOK_URL https://coach.example.org/tg/hook" in log
    assert "failed to resolve host" in log.lower() and "Traceback" not in log
