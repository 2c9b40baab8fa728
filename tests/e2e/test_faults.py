"""Faults around the real `star-coach run` process, and what must hold afterwards.

The Bot API answers 429 (retry_after), 500, drops the connection or stalls past the client's
timeout while the bot sends feedback; PostgreSQL is restarted under a running bot (a scratch
cluster of its own, started with initdb, so the shared server other tests use is left alone);
the bot is SIGKILLed while it is inside an update and started again. Afterwards no answer is
lost, none is handled twice, and the process is still up and answering.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import BotProcess, start_bot_process
from tests.e2e.emulator import BotApiEmulator, SimUser
from tests.e2e.stored import stored_attempts
from tests.e2e.test_bot_e2e import PART_ONE, PART_TWO, ask_question, onboard

pytestmark = pytest.mark.e2e

PART_THREE = "I logged the refund on the complaints log so the team could spot repeat faults."
SORRY = "Sorry, something went wrong"


async def answer_ready(emulator: BotApiEmulator, start_bot: Any, user_id: int) -> tuple[BotProcess, SimUser]:
    """A running bot and a learner with a two-part answer waiting to be submitted."""
    bot = await start_bot()
    await bot.wait_ready(timeout=60)
    user = emulator.user(user_id)
    await onboard(user)
    await ask_question(user)
    await user.send(PART_ONE)
    await user.wait_reply("1 message")
    await user.send(PART_TWO)
    await user.wait_reply("2 messages")
    return bot, user


def feedback_count(user: SimUser) -> int:
    return sum("Grade:" in str(m.get("text")) for m in user.messages)


async def still_answering(bot: BotProcess, user: SimUser) -> None:
    """The process is up and replies to the next thing the learner sends."""
    assert bot.returncode is None, bot.log_tail()
    await user.send("/help")
    await user.wait_reply("/practice", timeout=15)


async def submit_expecting_one_feedback(user: SimUser) -> dict[str, Any]:
    await user.send("/done")
    feedback = await user.wait_reply("Grade:", timeout=30)
    assert "Consumer Rights Act 2015" in feedback["text"]
    await user.assert_no_reply(within=0.5, predicate="Grade:")
    assert feedback_count(user) == 1
    assert not any(SORRY in str(m.get("text")) for m in user.messages)
    return feedback


# --- the Bot API misbehaves while feedback is sent ---------------------------------------------


async def test_429_on_feedback_waits_retry_after(emulator: BotApiEmulator, start_bot) -> None:
    bot, user = await answer_ready(emulator, start_bot, 5001)
    emulator.fail_next("sendMessage", 429, retry_after=2)
    since = len(emulator.calls)
    await submit_expecting_one_feedback(user)
    sends = [i for i in range(since, len(emulator.calls)) if emulator.calls[i].method == "sendMessage"]
    refused, retried = sends[0], sends[1]
    assert emulator.call_times[retried] - emulator.call_times[refused] >= 2.0
    await still_answering(bot, user)


@pytest.mark.parametrize("fault", ["500", "drop"])
async def test_feedback_survives_a_failed_send(emulator: BotApiEmulator, start_bot, fault: str) -> None:
    """A 500 or a dropped connection while sending feedback: it is sent again, once."""
    bot, user = await answer_ready(emulator, start_bot, 5002 if fault == "500" else 5003)
    if fault == "500":
        emulator.fail_next("sendMessage", 500)
    else:
        emulator.drop_next("sendMessage")
    await submit_expecting_one_feedback(user)
    await still_answering(bot, user)


async def test_feedback_survives_a_timeout(emulator: BotApiEmulator, start_bot) -> None:
    """The Bot API stalls past the client's 5 s read timeout: the feedback is sent again."""
    bot, user = await answer_ready(emulator, start_bot, 5004)
    emulator.delay_next("sendMessage", 6.0)
    await submit_expecting_one_feedback(user)
    await still_answering(bot, user)


# --- the bot is killed inside an update -----------------------------------------------------------


async def test_sigkill_inside_an_update_then_restart(
    emulator: BotApiEmulator, start_bot, tmp_path: Path
) -> None:
    """Killed while replying to a message (after it was saved): nothing lost, nothing twice."""
    bot = await start_bot()
    await bot.wait_ready(timeout=60)
    user = emulator.user(5005)
    await onboard(user)
    await ask_question(user)
    await user.send(PART_ONE)
    await user.wait_reply("1 message")
    emulator.delay_next("sendMessage", 30.0)  # the status line for part two hangs
    since = len(emulator.calls)
    await user.send(PART_TWO)
    await emulator.wait_for_call("sendMessage", since=since, timeout=15)
    bot.kill()
    await bot.wait_exit(timeout=10)

    again = await start_bot()
    await again.wait_ready(timeout=60)
    await user.send(PART_THREE)
    await user.wait_reply("3 messages", timeout=15)
    await submit_expecting_one_feedback(user)
    [attempt] = await sqlite_attempts(tmp_path / "coach.db", user.id)
    assert attempt == f"{PART_ONE}\n{PART_TWO}\n{PART_THREE}"
    await still_answering(again, user)


async def sqlite_attempts(path: Path, telegram_id: int) -> list[str]:
    return await stored_attempts(f"sqlite+aiosqlite:///{path}", telegram_id)


# --- PostgreSQL restarted under the bot -----------------------------------------------------------


class ScratchCluster:
    """A throw-away PostgreSQL server (initdb) on a free port, for restarting at will."""

    def __init__(self, bindir: Path, datadir: Path, port: int, run_as: list[str]) -> None:
        self.bindir, self.datadir, self.port, self.run_as = bindir, datadir, port, run_as
        self.url = f"postgresql+asyncpg://postgres@127.0.0.1:{port}/postgres"

    def _pg_ctl(self, *args: str) -> None:
        subprocess.run(
            [*self.run_as, str(self.bindir / "pg_ctl"), "-D", str(self.datadir), *args],
            check=True, capture_output=True, timeout=60,
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.datadir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._pg_ctl("-o", options, "-l", str(self.datadir / "server.log"), "-w", "start")

    def stop(self, mode: str = "fast") -> None:
        self._pg_ctl("-m", mode, "-w", "stop")


def _postgres_bindir() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), reverse=True)
    return candidates[0].parent if candidates else None


@pytest.fixture
def scratch_cluster() -> Iterator[ScratchCluster]:
    bindir = _postgres_bindir()
    if bindir is None:
        pytest.skip("restarting PostgreSQL needs initdb and pg_ctl (the postgresql server package)")
    run_as: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        runuser = shutil.which("runuser")
        if runuser is None or subprocess.run(["id", "postgres"], capture_output=True).returncode:
            pytest.skip("running as root without a postgres user to run initdb as")
        run_as = [runuser, "-u", "postgres", "--"]
    datadir = Path(tempfile.mkdtemp(prefix="star-coach-pg-"))
    if run_as:
        shutil.chown(datadir, "postgres")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    subprocess.run(
        [*run_as, str(bindir / "initdb"), "-D", str(datadir / "data"), "-A", "trust",
         "-U", "postgres", "--no-sync"],
        check=True, capture_output=True, timeout=120,
    )
    cluster = ScratchCluster(bindir, datadir / "data", port, run_as)
    cluster.start()
    try:
        yield cluster
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            cluster.stop("immediate")
        shutil.rmtree(datadir, ignore_errors=True)


@pytest.fixture
async def bot_on_scratch(
    emulator: BotApiEmulator, tmp_path: Path, scratch_cluster: ScratchCluster
) -> AsyncIterator[BotProcess]:
    bot = await start_bot_process(emulator, tmp_path, {"DATABASE_URL": scratch_cluster.url})
    await bot.wait_ready(timeout=60)
    yield bot


async def settled(user: SimUser) -> None:
    """Wait until the bot has finished the learner's last update, not just replied to it.

    Updates are handled one at a time, so once /help is answered the one before is recorded.
    (Stopping the database between a reply and that record is a different fault: the learner
    gets an apology, see docs/operations.md.)
    """
    await user.send("/help")
    await user.wait_reply("/practice", timeout=15)


async def test_postgresql_restart_mid_answer(
    emulator: BotApiEmulator, scratch_cluster: ScratchCluster, bot_on_scratch: BotProcess
) -> None:
    """A message sent while the database is down waits for it, then is saved; nothing lost."""
    user = emulator.user(5006)
    await onboard(user)
    await ask_question(user)
    await user.send(PART_ONE)
    await user.wait_reply("1 message")
    await settled(user)

    await asyncio.to_thread(scratch_cluster.stop)
    await user.send(PART_TWO)
    await asyncio.sleep(1.5)  # the bot tries, and finds no database
    await asyncio.to_thread(scratch_cluster.start)
    await user.wait_reply("2 messages", timeout=30)
    await settled(user)

    await asyncio.to_thread(scratch_cluster.stop, "immediate")  # a crash this time
    await asyncio.to_thread(scratch_cluster.start)
    await user.send(PART_THREE)
    await user.wait_reply("3 messages", timeout=30)
    await submit_expecting_one_feedback(user)
    [attempt] = await stored_attempts(scratch_cluster.url, user.id)
    assert attempt == f"{PART_ONE}\n{PART_TWO}\n{PART_THREE}"
    await still_answering(bot_on_scratch, user)
