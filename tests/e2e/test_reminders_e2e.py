"""End to end: daily reminders through the real `star-coach run` process and the Bot API emulator.

`/remind` at the next minute: the nudge arrives once and "Practise now" starts a prompt. Then a
restart: the bot is killed, the reminder falls due while it is down, and after the restart the
nudge arrives once; a further restart sends nothing more. REMINDER_POLL_SECONDS is 1 so that a
due nudge goes out within a second or two.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from storage.db import make_engine, make_session_factory
from storage.models import NudgeLog, Reminder
from tests.e2e.emulator import BotApiEmulator, inline_buttons, message_text
from tests.e2e.stored import inbox_settled
from tests.e2e.test_bot_e2e import onboard

pytestmark = pytest.mark.e2e

FAST = {"REMINDER_POLL_SECONDS": "1"}
NUDGE = "Time for two minutes of practice"


def nudges(emulator: BotApiEmulator, chat_id: int) -> list[str]:
    """Texts of the nudges the bot sent to this chat (successful sends only)."""
    user = emulator.user(chat_id)
    return [message_text(m) for m in user.messages if NUDGE in message_text(m)]


async def next_minute() -> str:
    """HH:MM (London) of the coming minute, at least ten seconds away."""
    now = datetime.now(ZoneInfo("Europe/London"))
    if now.second >= 50:
        await asyncio.sleep(61 - now.second)
        now = datetime.now(ZoneInfo("Europe/London"))
    return (now + timedelta(minutes=1)).strftime("%H:%M")


async def test_remind_next_minute_arrives_once_and_practise_now_starts_a_prompt(
    emulator: BotApiEmulator, start_bot
) -> None:
    bot = await start_bot(FAST)
    await bot.wait_ready(timeout=60)
    user = emulator.user(2001)
    await onboard(user)
    await user.send("/remind 25:00")
    assert "/remind 18:30" in (await user.wait_reply("on the clock"))["text"]

    at = await next_minute()
    await user.send(f"/remind {at}")
    await user.wait_reply(f"remind you at {at}")
    nudge = await user.wait_reply(NUDGE, timeout=90)
    data = [b["callback_data"] for b in inline_buttons(nudge)]
    assert data[0].startswith("rem:go:") and data[1].startswith("rem:snooze:")
    assert data[2].startswith("rem:skip:")
    assert "streak" in nudge["text"].lower()

    await user.assert_no_reply(within=3.0, predicate=NUDGE)
    assert len(nudges(emulator, user.id)) == 1

    await user.press(nudge, data[0])
    prompt = await user.wait_reply("Answer in STAR form", timeout=15)
    topic = data[0].split(":")[2]
    assert prompt["text"]  # a question from that topic's prompts
    assert topic in {"rules_and_law", "policies_procedures", "external_environment",
                     "service_foundations", "monitoring_improvement"}
    assert not emulator.unknown_methods


async def move_due(tmp_path: Path, *, ago: timedelta) -> datetime:
    """While the bot is down: make the reminder fall due `ago` in the past (its own row)."""
    engine = make_engine(f"sqlite+aiosqlite:///{tmp_path}/coach.db")
    try:
        async with make_session_factory(engine).begin() as session:
            row = (await session.exec(select(Reminder))).one()
            due = (datetime.now(UTC) - ago).replace(second=0, microsecond=0)
            row.next_due_at = due
            session.add(row)
    finally:
        await engine.dispose()
    return due


async def log_rows(tmp_path: Path) -> list[tuple[str, datetime]]:
    engine = make_engine(f"sqlite+aiosqlite:///{tmp_path}/coach.db")
    try:
        async with make_session_factory(engine)() as session:
            rows = (await session.exec(select(NudgeLog))).all()
    finally:
        await engine.dispose()
    return [(r.status, r.due_at) for r in rows]


async def test_due_while_down_is_sent_once_after_the_restart(
    emulator: BotApiEmulator, start_bot, tmp_path: Path
) -> None:
    bot = await start_bot(FAST)
    await bot.wait_ready(timeout=60)
    user = emulator.user(2002)
    await onboard(user)
    await user.send("/remind 06:00")
    await user.wait_reply("remind you at 06:00")
    await emulator.wait_idle(timeout=10)  # the /remind update is confirmed: not delivered again
    await inbox_settled(f"sqlite+aiosqlite:///{tmp_path}/coach.db")  # ... and handled
    bot.kill()  # down before the reminder's time
    await bot.wait_exit(timeout=10)
    await move_due(tmp_path, ago=timedelta(minutes=40))  # ... which passes while it is down

    again = await start_bot(FAST)
    await again.wait_ready(timeout=60)
    await user.wait_reply(NUDGE, timeout=30)
    await user.assert_no_reply(within=3.0, predicate=NUDGE)
    await again.stop()

    third = await start_bot(FAST)  # and once more: nothing twice
    await third.wait_ready(timeout=60)
    await user.assert_no_reply(within=4.0, predicate=NUDGE)
    assert len(nudges(emulator, user.id)) == 1
    assert [status for status, _ in await log_rows(tmp_path)] == ["sent"]
