"""Several instances behind one webhook URL: any instance may get any update.

The emulator maps the public https URL the bot registers to the instances' local ports and
delivers as Telegram does (one chat's updates one at a time, in order; a failed delivery is sent
again, to the next instance). First the delivery itself against plain aiohttp servers; then one
real `star-coach run` in webhook mode on SQLite; then two real processes on one PostgreSQL
database (skipped, with the reason, without TEST_DATABASE_URL): learners whose messages alternate
between the instances, and an instance killed while an update is half-handled.
"""

from __future__ import annotations

import asyncio
import os
import socket
import sys
import time
from collections.abc import AsyncIterator, Mapping
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from pydantic import SecretStr
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from bot.app.application import build_application
from bot.app.services import Services
from bot.app.settings import Settings
from bot.app.webhook import SECRET_HEADER, make_web_app
from storage.db import make_engine, make_session_factory
from tests.conftest import PG_SKIP_REASON, PG_URL, reset_postgres
from tests.e2e.conftest import BotProcess, start_bot_process
from tests.e2e.emulator import BotApiEmulator, SimUser, WebhookDelivery
from tests.e2e.stored import stored_attempts
from tests.e2e.test_bot_e2e import PART_ONE, PART_TWO, ask_question, button, onboard
from tests.handlers.offline import OfflineRequest

pytestmark = pytest.mark.e2e

PUBLIC_URL = "https://coach.example.org/tg/hook"
SECRET = "multi-Instance_secret-42"
PART_THREE = "I logged the refund on the complaints log so the team could spot repeat faults."
needs_postgres = pytest.mark.skipif(not PG_URL, reason=PG_SKIP_REASON)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def wait_webhook_ready(bot: BotProcess, port: int, timeout: float = 60.0) -> None:  # noqa: ASYNC109
    """Wait until the instance answers 200 on /healthz (it has set its webhook by then)."""
    deadline = time.monotonic() + timeout
    async with aiohttp.ClientSession(trust_env=False) as http:
        while time.monotonic() < deadline:
            if bot.returncode is not None:
                raise AssertionError(f"instance exited with {bot.returncode}\n{bot.log_tail()}")
            try:
                async with http.get(f"http://127.0.0.1:{port}/healthz") as reply:
                    if reply.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.1)
    raise AssertionError(f"instance on port {port} not healthy within {timeout}s\n{bot.log_tail()}")


async def start_instance(
    emulator: BotApiEmulator,
    tmp_path: Path,
    database_url: str,
    extra_env: Mapping[str, str] | None = None,
) -> tuple[BotProcess, str]:
    """A `star-coach run` in webhook mode on a free port; returns it and its local URL."""
    port = free_port()
    env = {
        "DATABASE_URL": database_url,
        "WEBHOOK_URL": PUBLIC_URL,
        "WEBHOOK_SECRET": SECRET,
        "WEBHOOK_LISTEN": "127.0.0.1",
        "WEBHOOK_PORT": str(port),
        **(extra_env or {}),
    }
    bot = await start_bot_process(emulator, tmp_path, env)
    await wait_webhook_ready(bot, port)
    return bot, f"http://127.0.0.1:{port}/tg/hook"


async def answer_and_submit(user: SimUser, parts: list[str]) -> dict[str, Any]:
    """Onboard, take a question, answer in several messages, submit; returns the feedback."""
    await onboard(user)
    await ask_question(user)
    status: dict[str, Any] = {}
    for number, part in enumerate(parts, start=1):
        await user.send(part)
        word = "message" if number == 1 else "messages"
        status = await user.wait_reply(f"{number} {word}", timeout=20)
    await user.press(status, button(status, "prac:submit:"))
    return await user.wait_reply("Grade:", timeout=20)


def assert_each_update_taken_once(emulator: BotApiEmulator) -> None:
    """Every update was acknowledged (2xx) exactly once, and nothing is left queued."""
    taken: dict[int, list[WebhookDelivery]] = {}
    for delivery in emulator.webhook_deliveries:
        if delivery.ok:
            taken.setdefault(delivery.update_id, []).append(delivery)
    twice = {uid: [d.target for d in ds] for uid, ds in taken.items() if len(ds) > 1}
    assert not twice, f"updates acknowledged more than once: {twice}"
    assert not emulator.pending_updates, f"left undelivered: {emulator.pending_updates}"


# --- the emulator's delivery, against plain aiohttp servers ---------------------------------------


class Target:
    """A stand-in webhook server that records what it gets and can fail on demand."""

    def __init__(self) -> None:
        self.received: list[tuple[int, str | None]] = []
        self.fail_next = 0
        self.port = 0
        self._runner: web.AppRunner | None = None

    async def _hook(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.received.append((body["update_id"], request.headers.get("X-Telegram-Bot-Api-Secret-Token")))
        if self.fail_next:
            self.fail_next -= 1
            return web.Response(status=500)
        await asyncio.sleep(0.01)
        return web.Response(text="ok")

    async def start(self) -> str:
        app = web.Application()
        app.router.add_post("/tg/hook", self._hook)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = int(self._runner.addresses[0][1])
        return f"http://127.0.0.1:{self.port}/tg/hook"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()


@pytest.fixture
async def targets() -> AsyncIterator[list[Target]]:
    pair = [Target(), Target()]
    yield pair
    for target in pair:
        await target.stop()


async def set_webhook(emulator: BotApiEmulator, url: str = PUBLIC_URL, secret: str = SECRET) -> None:
    async with aiohttp.ClientSession(trust_env=False) as http:
        params = {"url": url, "secret_token": secret}
        async with http.post(f"{emulator.base_url}{'1:abc'}/setWebhook", data=params) as reply:
            assert reply.status == 200, await reply.text()


async def test_updates_go_to_the_routed_targets_with_the_secret(
    emulator: BotApiEmulator, targets: list[Target]
) -> None:
    urls = [await t.start() for t in targets]
    emulator.route_webhook(urls, public_url=PUBLIC_URL, policy="per_chat")
    await set_webhook(emulator)
    ann, ben = emulator.user(11, "Ann"), emulator.user(12, "Ben")
    for n in range(3):
        await ann.send(f"ann {n}")
        await ben.send(f"ben {n}")
    await emulator.wait_idle(timeout=10)
    everything = targets[0].received + targets[1].received
    assert len(everything) == 6
    assert {secret for _, secret in everything} == {SECRET}
    # per_chat: each learner's successive updates alternate between the two instances.
    for user in (ann, ben):
        chat_targets = [d.target for d in emulator.webhook_deliveries if d.chat_id == user.id]
        assert chat_targets == [urls[0], urls[1], urls[0]]


async def test_failed_delivery_is_retried_on_the_next_target_in_order(
    emulator: BotApiEmulator, targets: list[Target]
) -> None:
    urls = [await t.start() for t in targets]
    targets[0].fail_next = 2
    emulator.route_webhook(urls)
    await set_webhook(emulator)
    ann = emulator.user(21, "Ann")
    for n in range(4):
        await ann.send(f"part {n}")
    await emulator.wait_idle(timeout=10)
    taken = [d for d in emulator.webhook_deliveries if d.ok]
    # One chat's updates stay in order although some needed a second attempt.
    assert [d.update_id for d in taken] == sorted(d.update_id for d in taken)
    assert len(taken) == 4
    failed = [d for d in emulator.webhook_deliveries if not d.ok]
    assert [d.status for d in failed] == [500, 500]
    assert emulator.webhook_last_error is not None


async def test_a_dead_target_is_skipped_by_the_retry(
    emulator: BotApiEmulator, targets: list[Target]
) -> None:
    live = await targets[0].start()
    dead = f"http://127.0.0.1:{free_port()}/tg/hook"
    emulator.route_webhook([dead, live])
    await set_webhook(emulator)
    await emulator.user(31).send("hello")
    await emulator.wait_idle(timeout=10)
    attempts = emulator.webhook_deliveries
    assert attempts[0].target == dead and attempts[0].status is None and attempts[0].error
    assert attempts[-1].target == live and attempts[-1].ok


async def test_webhook_answers_503_while_the_database_is_away(settings: Settings, services: Services) -> None:
    """An update that cannot reach the database is not acknowledged, so Telegram sends it again."""
    hooked = settings.model_copy(update={"webhook_url": PUBLIC_URL, "webhook_secret": SecretStr(SECRET)})
    request = OfflineRequest()
    app = build_application(hooked, services, request=request, updater=False)
    working = services.sessions
    services.sessions = make_session_factory(create_async_engine("sqlite+aiosqlite:////nonexistent/x.db"))
    body = {
        "update_id": 77, "message": {
            "message_id": 1, "date": 1_700_000_000, "text": "/help",
            "chat": {"id": 42, "type": "private"}, "from": {"id": 42, "is_bot": False, "first_name": "Al"},
            "entities": [{"type": "bot_command", "offset": 0, "length": 5}],
        },
    }
    async with app:
        await app.start()
        async with TestClient(TestServer(make_web_app(app, hooked, database_wait=0.3))) as http:
            headers = {SECRET_HEADER: SECRET}
            refused = await http.post("/tg/hook", json=body, headers=headers)
            assert refused.status == 503
            assert request.texts() == []
            services.sessions = working  # the database is back; Telegram sends it again
            taken = await http.post("/tg/hook", json=body, headers=headers)
            assert taken.status == 200  # stored; handled from the inbox
            await _replied(request, "/practice")
            again = await http.post("/tg/hook", json=body, headers=headers)
            assert again.status == 200
            await asyncio.sleep(1.5)  # longer than an idle worker waits before it looks again
            assert sum("/practice" in t for t in request.texts()) == 1  # a duplicate is not run
        await app.stop()


async def _replied(request: OfflineRequest, fragment: str, timeout: float = 10.0) -> None:  # noqa: ASYNC109
    deadline = time.monotonic() + timeout
    while not any(fragment in t for t in request.texts()):
        assert time.monotonic() < deadline, f"no reply with {fragment!r}: {request.texts()}"
        await asyncio.sleep(0.02)


# --- real instances ------------------------------------------------------------------------------


async def test_webhook_mode_round_trip_on_sqlite(emulator: BotApiEmulator, tmp_path: Path) -> None:
    """One real instance in webhook mode: the whole practice loop, each update taken once."""
    _bot, url = await start_instance(emulator, tmp_path, f"sqlite+aiosqlite:///{tmp_path}/hook.db")
    emulator.route_webhook([url], public_url=PUBLIC_URL)
    assert emulator.webhook_params.get("secret_token") == SECRET
    user = emulator.user(2001)
    feedback = await answer_and_submit(user, [PART_ONE, PART_TWO])
    assert "Consumer Rights Act 2015" in feedback["text"]
    await emulator.wait_idle(timeout=10)
    assert_each_update_taken_once(emulator)
    assert not emulator.calls_of("getUpdates")


@needs_postgres
async def test_two_instances_on_one_database(emulator: BotApiEmulator, tmp_path: Path) -> None:
    """Learners' messages alternate between two instances; every part is in the attempt."""
    assert PG_URL is not None
    await reset_postgres(PG_URL)
    first, url_a = await start_instance(emulator, tmp_path, PG_URL)
    second, url_b = await start_instance(emulator, tmp_path, PG_URL)
    emulator.route_webhook([url_a, url_b], public_url=PUBLIC_URL, policy="per_chat")
    users = [emulator.user(3000 + n, "Alex") for n in range(4)]
    parts = [PART_ONE, PART_TWO, PART_THREE]
    feedbacks = await asyncio.gather(*(answer_and_submit(u, parts) for u in users))
    await emulator.wait_idle(timeout=15)

    for user, feedback in zip(users, feedbacks, strict=True):
        assert "Consumer Rights Act 2015" in feedback["text"]
        [attempt] = await stored_attempts(PG_URL, user.id)
        assert attempt == "\n".join(parts), "a message is missing from the stored answer"
        # Feedback once, and exactly one status line per message.
        events = emulator._chat_state(user.id).events
        assert sum("Grade:" in str(e.get("text")) for e in events) == 1
        statuses = [e for e in events if "edit_date" not in e and "words so far" in str(e.get("text"))]
        assert len(statuses) == len(parts), [e.get("text") for e in statuses]
    assert_each_update_taken_once(emulator)
    taken = [d.target for d in emulator.webhook_deliveries if d.ok]
    assert taken.count(url_a) and taken.count(url_b)
    assert abs(taken.count(url_a) - taken.count(url_b)) <= len(users)
    engine = make_engine(PG_URL)
    async with engine.connect() as conn:
        handled = await conn.scalar(
            text("SELECT count(*) FROM inbox_update WHERE done_at IS NOT NULL")
        )
    await engine.dispose()
    assert handled == len({d.update_id for d in emulator.webhook_deliveries})
    for bot in (first, second):
        assert bot.returncode is None
        assert "Traceback" not in bot.log(), bot.log_tail()


@needs_postgres
async def test_instance_killed_mid_update_loses_nothing(emulator: BotApiEmulator, tmp_path: Path) -> None:
    """SIGKILL while an update is half-handled: it is in the inbox, and the other instance runs
    it once the dead one's lease has run out.

    The test holds the learner's draft row locked, so the first instance is stuck inside the
    update (before anything is written) when it is killed.
    """
    assert PG_URL is not None
    await reset_postgres(PG_URL)
    doomed, url_a = await start_instance(emulator, tmp_path, PG_URL)
    survivor, url_b = await start_instance(emulator, tmp_path, PG_URL)
    emulator.route_webhook([url_a, url_b], public_url=PUBLIC_URL)
    user = emulator.user(4001)
    await onboard(user)
    await ask_question(user)
    await user.send(PART_ONE)
    await user.wait_reply("1 message", timeout=20)
    await emulator.wait_idle()

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
            emulator.route_webhook([url_a], public_url=PUBLIC_URL)
            sent = await user.send(PART_TWO)
            update_id = _last_update_id(emulator, sent)
            await _wait_for_lock_waiter(engine)  # the instance is inside the update now
            doomed.kill()
            await doomed.wait_exit()
            emulator.route_webhook([url_a, url_b], public_url=PUBLIC_URL)
            await lock_conn.rollback()
        await user.wait_reply("2 messages", timeout=40)  # the lease (15 s) runs out first
        await user.send("/done")
        await user.wait_reply("Grade:", timeout=20)
        [attempt] = await stored_attempts(PG_URL, user.id)
        assert attempt == f"{PART_ONE}\n{PART_TWO}"
        tries = emulator.deliveries_of(update_id)
        # Stored by the instance that died (or, if it died before its 200 left, by the survivor
        # when Telegram sent it again); either way run by the survivor, once (the answer above).
        assert [d.target for d in tries if d.ok] in ([url_a], [url_b]), tries
        assert survivor.returncode is None
    finally:
        await engine.dispose()


def _last_update_id(emulator: BotApiEmulator, message: dict[str, Any]) -> int:
    for queued in reversed(emulator.pending_updates):
        if queued.get("message", {}).get("message_id") == message["message_id"]:
            return int(queued["update_id"])
    raise AssertionError("the message was not queued")


async def _wait_for_lock_waiter(engine: Any, timeout: float = 10.0) -> None:  # noqa: ASYNC109
    """Wait until some backend waits for a row lock (the instance is inside the update)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        async with engine.connect() as conn:
            waiting = await conn.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE wait_event_type = 'Lock' AND datname = current_database()"
                )
            )
        if waiting:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("no instance waited for the draft's row lock")


UPGRADE_AT = """
import asyncio, sys, time
from storage.db import make_engine, upgrade_database

async def main():
    engine = make_engine(sys.argv[1])
    async with engine.connect():
        pass  # connected and imported: only the upgrade itself is left to race
    time.sleep(max(0.0, float(sys.argv[2]) - time.time()))
    await upgrade_database(engine)
    await engine.dispose()

asyncio.run(main())
"""


@needs_postgres
async def test_instances_starting_together_both_migrate(tmp_path: Path) -> None:
    """Two instances bringing an empty database up to date at the same moment both succeed."""
    assert PG_URL is not None
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [os.getcwd(), *sys.path]))}
    for _round in range(1):
        await reset_postgres(PG_URL)
        start_at = str(time.time() + 2.0)
        procs = [
            await asyncio.create_subprocess_exec(
                sys.executable, "-c", UPGRADE_AT, PG_URL, start_at, env=env,
                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
            )
            for _ in range(2)
        ]
        outputs = [(await p.communicate())[0].decode() for p in procs]
        failed = [out for p, out in zip(procs, outputs, strict=True) if p.returncode != 0]
        assert not failed, failed[0][-1500:]


NUDGE = "Time for two minutes of practice"


@needs_postgres
async def test_two_instances_never_send_the_same_nudge(emulator: BotApiEmulator, tmp_path: Path) -> None:
    """Reminders fall due for many learners at once; both instances look every second."""
    assert PG_URL is not None
    await reset_postgres(PG_URL)
    fast = {"REMINDER_POLL_SECONDS": "1"}
    first, url_a = await start_instance(emulator, tmp_path, PG_URL, fast)
    second, url_b = await start_instance(emulator, tmp_path, PG_URL, fast)
    emulator.route_webhook([url_a, url_b], public_url=PUBLIC_URL)
    users = [emulator.user(6000 + n, "Alex") for n in range(8)]

    async def remind(user: SimUser) -> None:
        await onboard(user)
        await user.send("/remind 07:15")
        await user.wait_reply("remind you at 07:15", timeout=20)

    await asyncio.gather(*(remind(u) for u in users))
    engine = make_engine(PG_URL)
    try:
        for _round in range(2):
            async with engine.begin() as conn:
                await conn.execute(
                    text("UPDATE reminder SET next_due_at = now() - make_interval(secs => :ago)"),
                    {"ago": 5 + _round},
                )
            await asyncio.gather(*(u.wait_reply(NUDGE, timeout=30) for u in users))
            await asyncio.sleep(2.0)  # both instances have looked again meanwhile
            for user in users:
                sent = [m for m in emulator._chat_state(user.id).events if NUDGE in str(m.get("text"))]
                assert len(sent) == _round + 1, f"learner {user.id} got {len(sent)} nudges"
        async with engine.connect() as conn:
            rows = (await conn.execute(
                text("SELECT learner_id, count(*) FROM nudge_log WHERE status = 'sent' GROUP BY learner_id")
            )).all()
    finally:
        await engine.dispose()
    assert len(rows) == len(users) and all(n == 2 for _, n in rows), rows
    for bot in (first, second):
        assert bot.returncode is None and "Traceback" not in bot.log(), bot.log_tail()
