"""Fixtures for end-to-end tests: the Bot API emulator and the real bot as a subprocess.

``emulator`` is a started :class:`BotApiEmulator` per test. ``start_bot_process`` launches
``python -m bot run`` (the same as ``star-coach run``) against it; ``start_bot`` is the same
bound to the test's emulator and tmp_path. Every process started here is killed at teardown,
whatever the test did.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import signal
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from pathlib import Path

import pytest

from .emulator import BotApiEmulator

#: The token the bot process is started with (the emulator accepts any well-formed token).
TEST_BOT_TOKEN = "123456:TESTTOKEN_abc"
#: The command ``start_bot_process`` runs unless told otherwise.
BOT_COMMAND: tuple[str, ...] = (sys.executable, "-m", "bot", "run")

_live_processes: set[BotProcess] = set()
#: Every bot process log of the current test, grepped for secrets when the test ends.
_logs_this_test: list[Path] = []
_log_numbers = itertools.count(1)


class BotProcess:
    """A bot subprocess talking to an emulator; output goes to ``log_path``."""

    def __init__(
        self,
        process: asyncio.subprocess.Process,
        emulator: BotApiEmulator,
        log_path: Path,
        calls_at_start: int,
    ) -> None:
        self.process = process
        self.emulator = emulator
        self.log_path = log_path
        self._calls_at_start = calls_at_start

    @property
    def pid(self) -> int:
        """The process id."""
        return self.process.pid

    @property
    def returncode(self) -> int | None:
        """The exit code, or None while running (negative: killed by that signal)."""
        return self.process.returncode

    def log(self) -> str:
        """Everything the process wrote to stdout/stderr so far."""
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def log_tail(self, lines: int = 60) -> str:
        """The last ``lines`` lines of the log, headed for use in assertion messages."""
        tail = "\n".join(self.log().splitlines()[-lines:])
        return f"--- bot process {self.pid} log ({self.log_path}) ---\n{tail}\n--- end of log ---"

    async def wait_ready(self, timeout: float = 30.0) -> None:  # noqa: ASYNC109 - test-facing API
        """Wait until the emulator has seen a getUpdates call made since this process started.

        Fails at once (with the log) if the process exits first, or after ``timeout`` seconds.
        """
        polled = asyncio.ensure_future(
            self.emulator.wait_for_call("getUpdates", since=self._calls_at_start, timeout=None)
        )
        exited = asyncio.ensure_future(self.process.wait())
        try:
            done, _ = await asyncio.wait(
                {polled, exited}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
            )
        finally:
            for task in (polled, exited):
                if not task.done():
                    task.cancel()
            await asyncio.gather(polled, exited, return_exceptions=True)
        if polled in done:
            polled.result()
            return
        if exited in done:
            raise AssertionError(
                f"bot process exited with code {self.returncode} before it polled for updates\n"
                f"{self.log_tail()}"
            )
        raise AssertionError(f"bot process made no getUpdates call within {timeout}s\n{self.log_tail()}")

    def kill(self) -> None:
        """SIGKILL the process (and its process group). No-op once it has exited."""
        if self.process.returncode is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)

    async def stop(self, timeout: float = 10.0) -> int:  # noqa: ASYNC109 - test-facing API
        """SIGTERM, wait up to ``timeout`` seconds for a clean exit, else SIGKILL; the exit code."""
        if self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.send_signal(signal.SIGTERM)
            try:
                async with asyncio.timeout(timeout):
                    await self.process.wait()
            except TimeoutError:
                self.kill()
        return await self.wait_exit()

    async def wait_exit(self, timeout: float = 10.0) -> int:  # noqa: ASYNC109
        """Wait for the process to exit (without signalling it); returns the exit code."""
        async with asyncio.timeout(timeout):
            code = await self.process.wait()
        _live_processes.discard(self)
        return code


async def start_bot_process(
    emulator: BotApiEmulator,
    tmp_path: Path,
    extra_env: Mapping[str, str] | None = None,
    *,
    command: Sequence[str] | None = None,
) -> BotProcess:
    """Launch the bot (``python -m bot run`` in ``tmp_path``) pointed at ``emulator``.

    The environment is this process's plus the bot token, the emulator's URLs, a SQLite
    database in ``tmp_path`` and ``extra_env``. Output goes to ``tmp_path/bot-<n>.log``.
    ``command`` replaces the command line (for harness tests with a stand-in script).
    """
    env = dict(os.environ)
    no_proxy = ",".join(filter(None, [env.get("NO_PROXY"), "127.0.0.1", "localhost"]))
    env.update(
        {
            "TELEGRAM_BOT_TOKEN": TEST_BOT_TOKEN,
            "TELEGRAM_API_BASE_URL": emulator.base_url,
            "TELEGRAM_FILE_BASE_URL": emulator.base_file_url,
            "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/coach.db",
            "PYTHONUNBUFFERED": "1",
            "NO_PROXY": no_proxy,
            "no_proxy": no_proxy,
        }
    )
    if extra_env:
        env.update(extra_env)
    log_path = tmp_path / f"bot-{next(_log_numbers)}.log"
    calls_at_start = len(emulator.calls)
    with log_path.open("wb") as log_file:
        process = await asyncio.create_subprocess_exec(
            *(command or BOT_COMMAND),
            cwd=tmp_path,
            env=env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=log_file,
            stderr=asyncio.subprocess.STDOUT,
            start_new_session=True,  # its own process group, killed as a whole
        )
    bot = BotProcess(process, emulator, log_path, calls_at_start)
    _live_processes.add(bot)
    _logs_this_test.append(log_path)
    emulator.add_diagnostic(bot.log_tail)
    return bot


async def _reap(processes: set[BotProcess]) -> None:
    for bot in list(processes):
        bot.kill()
        with contextlib.suppress(TimeoutError):
            await bot.wait_exit(timeout=5.0)
        processes.discard(bot)


@pytest.fixture
async def emulator(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[BotApiEmulator]:
    """A started Bot API emulator; bot processes using it are killed before it stops."""
    no_proxy = ",".join(filter(None, [os.environ.get("NO_PROXY"), "127.0.0.1", "localhost"]))
    monkeypatch.setenv("NO_PROXY", no_proxy)  # httpx honours proxy variables
    monkeypatch.setenv("no_proxy", no_proxy)
    emu = BotApiEmulator()
    await emu.start()
    try:
        yield emu
    finally:
        await _reap({bot for bot in _live_processes if bot.emulator is emu})
        await emu.stop()


@pytest.fixture(autouse=True)
async def _kill_leftover_bot_processes() -> AsyncIterator[None]:
    """Whatever a test did, no bot process outlives it; and none printed a secret or the words
    of a test answer."""
    from tests.conftest import ANSWER_WORDS, TEST_SECRETS

    private = (*TEST_SECRETS, *ANSWER_WORDS)

    _logs_this_test.clear()
    yield
    await _reap(_live_processes)
    for path in _logs_this_test:
        text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
        leaked = [line for line in text.splitlines() if any(s in line for s in private)]
        assert not leaked, f"{path} prints a secret or answer text:\n" + "\n".join(leaked[:5])


@pytest.fixture
def start_bot(emulator: BotApiEmulator, tmp_path: Path) -> Callable[..., Awaitable[BotProcess]]:
    """``await start_bot(extra_env=None)``: start_bot_process bound to this test's emulator."""

    async def start(extra_env: Mapping[str, str] | None = None) -> BotProcess:
        return await start_bot_process(emulator, tmp_path, extra_env)

    return start
