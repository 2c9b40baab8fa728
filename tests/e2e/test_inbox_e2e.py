"""The durable inbox against the real process: nothing fetched is lost to a kill -9, and a
webhook redelivery never runs an update twice (issue 20, item 1).

Before the inbox, python-telegram-bot confirmed a batch of updates to Telegram as soon as it had
fetched it and kept the ones not yet handled in memory: killing the process lost them. And the
webhook recorded an update as handled only after its handlers finished, so a redelivery reaching
another instance meanwhile appended the learner's message twice.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from storage.db import make_engine
from tests.conftest import PG_URL, reset_postgres
from tests.e2e.conftest import start_bot_process
from tests.e2e.emulator import BotApiEmulator
from tests.e2e.stored import inbox_settled, stored_attempts
from tests.e2e.test_bot_e2e import PART_ONE, PART_TWO, ask_question, onboard
from tests.e2e.test_faults import (  # noqa: F401  (scratch_cluster is a fixture used here)
    PART_THREE,
    ScratchCluster,
    answer_ready,
    feedback_count,
    scratch_cluster,
    submit_expecting_one_feedback,
)
from tests.e2e.test_multi_instance import (
    PUBLIC_URL,
    _wait_for_lock_waiter,
    needs_postgres,
    start_instance,
)

pytestmark = pytest.mark.e2e


async def _confirmed_past(emulator: BotApiEmulator, update_id: int, timeout: float = 15.0) -> None:  # noqa: ASYNC109
    """Wait until the bot has told Telegram it has every update up to `update_id` (a getUpdates
    with a higher offset): from then on Telegram would never send them again."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(int(p.get("offset") or 0) > update_id for p in emulator.calls_of("getUpdates")):
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"updates up to {update_id} were never confirmed")


async def test_kill_9_with_updates_queued_loses_none(
    emulator: BotApiEmulator, start_bot, tmp_path: Path
) -> None:
    """Three messages fetched and confirmed while the first one's reply hangs; kill -9; restart:
    all three are in the answer, each once."""
    bot = await start_bot()
    await bot.wait_ready(timeout=60)
    user = emulator.user(6001)
    await onboard(user)
    await ask_question(user)
    emulator.delay_next("sendMessage", 60.0)  # the status line for part one hangs
    since = len(emulator.calls)
    await user.send(PART_ONE)
    await user.send(PART_TWO)
    await user.send(PART_THREE)
    last = emulator._next_update_id - 1
    await emulator.wait_for_call("sendMessage", since=since, timeout=15)
    await _confirmed_past(emulator, last)
    bot.kill()
    await bot.wait_exit(timeout=10)
    assert not [u for u in emulator.pending_updates if u["update_id"] <= last]  # Telegram forgot them

    again = await start_bot()
    await again.wait_ready(timeout=60)
    await user.wait_reply("3 messages", timeout=30)
    await submit_expecting_one_feedback(user)
    [attempt] = await stored_attempts(f"sqlite+aiosqlite:///{tmp_path}/coach.db", user.id)
    assert attempt == f"{PART_ONE}\n{PART_TWO}\n{PART_THREE}"


@needs_postgres
async def test_webhook_redelivery_to_another_instance_runs_once(
    emulator: BotApiEmulator, tmp_path: Path
) -> None:
    """The proxy gives up on the first instance (3 s here) while it is still inside the update
    (the test holds the draft row locked), and Telegram sends the update again, to the second
    instance: the message is in the answer once. Before the inbox it was appended twice."""
    assert PG_URL is not None
    await reset_postgres(PG_URL)
    first, url_a = await start_instance(emulator, tmp_path, PG_URL)
    second, url_b = await start_instance(emulator, tmp_path, PG_URL)
    emulator.route_webhook([url_a], public_url=PUBLIC_URL)
    user = emulator.user(6002)
    await onboard(user)
    await ask_question(user)
    await user.send(PART_ONE)
    await user.wait_reply("1 message", timeout=20)
    await emulator.wait_idle()
    emulator.webhook_timeout = 3.0

    engine = make_engine(PG_URL)
    try:
        async with engine.connect() as lock_conn:
            await lock_conn.execute(
                text(
                    "SELECT d.text FROM draft d JOIN learner l ON l.id = d.learner_id "
                    "WHERE l.key = :key FOR UPDATE"
                ),
                {"key": f"tg:{user.id}"},
            )
            sent = await user.send(PART_TWO)
            update = {"update_id": emulator._next_update_id - 1, "message": sent}
            await _wait_for_lock_waiter(engine)  # the first instance is inside the update
            emulator.route_webhook([url_b], public_url=PUBLIC_URL)
            since = len(emulator.webhook_deliveries)
            await emulator.push_raw_update(update)  # Telegram sends it again, to the other one
            await emulator.wait_delivery(lambda d: d.target == url_b, since=since, timeout=20)
            await asyncio.sleep(1.5)  # the second instance's workers look at the inbox meanwhile
            await lock_conn.rollback()
        await emulator.wait_idle(timeout=30)
        await user.wait_reply("2 messages", timeout=20)
        await user.send("/done")
        await user.wait_reply("Grade:", timeout=20)
        [attempt] = await stored_attempts(PG_URL, user.id)
        assert attempt == f"{PART_ONE}\n{PART_TWO}"
        ok = [d.target for d in emulator.deliveries_of(update["update_id"]) if d.ok]
        assert ok == [url_a, url_b], ok  # both took it (stored); only one ran it
        for bot in (first, second):
            assert bot.returncode is None and "Traceback" not in bot.log(), bot.log_tail()
    finally:
        await engine.dispose()


async def test_sigterm_is_bounded_and_the_update_in_hand_resumes(
    emulator: BotApiEmulator, start_bot, tmp_path: Path
) -> None:
    """SIGTERM while an update hangs on the Bot API: the process exits within the grace period
    (not systemd's 30 s kill), and the next start finishes that update, once."""
    bot = await start_bot()
    await bot.wait_ready(timeout=60)
    user = emulator.user(6003)
    await onboard(user)
    await ask_question(user)
    emulator.delay_next("sendMessage", 120.0, count=10)  # every try of the status line hangs
    since = len(emulator.calls)
    await user.send(PART_ONE)
    await emulator.wait_for_call("sendMessage", since=since, timeout=15)
    started = time.monotonic()
    code = await bot.stop(timeout=25)
    assert code == 0 and time.monotonic() - started < 20, bot.log_tail()
    emulator._faults.pop("sendMessage", None)  # the Bot API is well again

    again = await start_bot()
    await again.wait_ready(timeout=60)
    await user.wait_reply("1 message", timeout=30)
    await submit_expecting_one_feedback(user)
    [attempt] = await stored_attempts(f"sqlite+aiosqlite:///{tmp_path}/coach.db", user.id)
    assert attempt == PART_ONE


async def test_kill_9_while_feedback_is_sent_then_it_arrives_once(
    emulator: BotApiEmulator, start_bot, tmp_path: Path
) -> None:
    """Killed after the attempt was stored and before its feedback went out: at the restart the
    feedback arrives, once, instead of "your answer is empty" (issue 20, item 6)."""
    bot, user = await answer_ready(emulator, start_bot, 6004)
    emulator.delay_next("sendMessage", 120.0)  # the feedback hangs on its way out
    since = len(emulator.calls)
    await user.send("/done")
    await emulator.wait_for_call("sendMessage", since=since, timeout=15)
    bot.kill()
    await bot.wait_exit(timeout=10)
    assert feedback_count(user) == 0

    again = await start_bot()
    await again.wait_ready(timeout=60)
    feedback = await user.wait_reply("Grade:", timeout=30)
    assert "Consumer Rights Act 2015" in feedback["text"]
    await user.assert_no_reply(within=1.5, predicate="Grade:")
    assert feedback_count(user) == 1
    assert not any("empty" in str(m.get("text")) for m in user.messages)
    [attempt] = await stored_attempts(f"sqlite+aiosqlite:///{tmp_path}/coach.db", user.id)
    assert attempt == f"{PART_ONE}\n{PART_TWO}"


async def test_database_outage_then_sigterm_loses_nothing(
    emulator: BotApiEmulator, scratch_cluster: ScratchCluster, tmp_path: Path,  # noqa: F811
) -> None:
    """The database goes away; the learner sends 8 messages; the bot is stopped (SIGTERM) and
    exits in time although nothing can be stored; the database comes back and the bot starts
    again: all 8 are in the answer, once each. Before the inbox the fetched messages were
    confirmed to Telegram and lost, and the stop outlasted systemd's 30 s."""
    env = {"DATABASE_URL": scratch_cluster.url}
    bot = await start_bot_process(emulator, tmp_path, env)
    await bot.wait_ready(timeout=60)
    user = emulator.user(6005)
    await onboard(user)
    await ask_question(user)
    await inbox_settled(scratch_cluster.url)

    await asyncio.to_thread(scratch_cluster.stop)
    parts = [f"Part {n}: I refunded her under the Consumer Rights Act 2015." for n in range(8)]
    for part in parts:
        await user.send(part)
    await asyncio.sleep(2.0)  # fetched, and waiting for the database
    started = time.monotonic()
    code = await bot.stop(timeout=25)
    assert code == 0 and time.monotonic() - started < 20, bot.log_tail()

    await asyncio.to_thread(scratch_cluster.start)
    again = await start_bot_process(emulator, tmp_path, env)
    await again.wait_ready(timeout=60)
    await user.wait_reply("8 messages", timeout=60)
    await submit_expecting_one_feedback(user)
    [attempt] = await stored_attempts(scratch_cluster.url, user.id)
    assert attempt == "\n".join(parts)
