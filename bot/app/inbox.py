"""The durable inbox: no update is acknowledged to Telegram before it is in the database, and
each is handled from there, once.

Why: python-telegram-bot's Updater confirms the updates of one getUpdates call to Telegram with
the offset of the next call, and keeps the ones not yet handled in memory; a kill -9, or a stop
that outlasts systemd's patience while the database is away, lost them (24 of 48 messages in an
outage test). A webhook that answered 200 only after handling was sent an update again, to the
other instance, while the first still worked on it.

How:
- Polling: the Updater's queue is an `InboxQueue`, whose `put` writes the update to `inbox_update`
  (idempotent by update_id) and waits, retrying while the database is away, before returning. The
  Updater advances its offset (which confirms the batch to Telegram) only after every `put` of the
  batch returned, so nothing unstored is ever confirmed.
- Webhook: the POST is answered 200 once the update is stored (503 if the database cannot be
  reached within a few seconds: Telegram then sends it again later).
- Workers claim the oldest update of a chat with nothing older still open, with a token and a
  lease they renew while they work, run the application's handlers on it, and mark it done. A
  redelivered update finds its id stored and is not stored or run again; a worker that died
  leaves a lease that runs out, and the update is then claimed again (by this instance after a
  restart, or by another). A database failure inside a handler gives the claim back so the update
  is tried again a little later, in order, instead of apologising and dropping the message.
- Text is made storable before anything reads it: a NUL (PostgreSQL refuses it) is dropped and
  an unpaired surrogate (not UTF-8 at all) becomes U+FFFD; the learner is told (`cleaned`).
- Stopping is bounded: no new claims; the update in hand gets `STOP_GRACE` seconds, then it is
  abandoned and its claim given back, so it is resumed at the next start.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from telegram import Update
from telegram.ext import Application

from bot.app.storable import clean
from storage import inbox_queries
from storage.models import utcnow

log = logging.getLogger(__name__)

AnyApplication = Application[Any, Any, Any, Any, Any, Any]

# A claim lasts this long unless renewed; a dead worker's update is claimed again after it.
LEASE = timedelta(seconds=15)
RENEW_EVERY = 5.0
# How often an idle worker looks for work it was not woken for (another instance's, a retry).
IDLE_POLL = 1.0
# A stopping instance gives the update in hand this long to finish.
STOP_GRACE = 10.0
# A handler that meets a database failure is tried again this many times in all.
MAX_ATTEMPTS = 8
# Handled update ids are kept this long: Telegram resends for 24 hours at most.
KEEP = timedelta(days=2)

DATABASE_ERRORS = (SQLAlchemyError, OSError)


def chat_key(update: Update) -> int | None:
    """The chat whose updates must run in order (the user's, for an inline query)."""
    if update.effective_chat is not None:
        return update.effective_chat.id
    if update.effective_user is not None:
        return update.effective_user.id
    return None


def encode(data: dict[str, Any]) -> str:
    """ASCII JSON: a NUL or a lone surrogate is escaped, so any database stores it as sent."""
    return json.dumps(data, ensure_ascii=True, separators=(",", ":"))


class Inbox:
    """Stores updates and runs them from the database; one per application."""

    def __init__(self, application: AnyApplication, *, workers: int | None = None) -> None:
        self.application = application
        self._workers_wanted = workers
        self._wake = asyncio.Event()
        self._stopping = False
        self._tasks: list[asyncio.Task[None]] = []
        self._in_hand: dict[int, tuple[int, str]] = {}  # worker number -> (update id, token)
        self.handled = 0

    @property
    def _services(self) -> Any:
        return self.application.bot_data.services

    # -- storing ---------------------------------------------------------------------------------

    async def store(self, data: dict[str, Any], update: Update) -> bool:
        """Write the update (once); True when it was new. Raises if the database fails."""
        async with self._services.sessions.begin() as session:
            new = await inbox_queries.store(
                session, update_id=update.update_id, chat_key=chat_key(update),
                payload=encode(data), now=utcnow(),
            )
        self._wake.set()
        return new

    async def store_within(self, data: dict[str, Any], update: Update, limit: float | None) -> bool:
        """`store`, tried again while the database is unreachable, for up to `limit` seconds
        (None: until it works or the caller is cancelled); after that the last error is raised."""
        pause, waited = 0.25, 0.0
        while True:
            try:
                return await self.store(data, update)
            except DATABASE_ERRORS as exc:
                if limit is not None and waited >= limit:
                    raise
                log.warning(
                    "Database unreachable (%s); update %s waits %.2fs to be stored",
                    type(exc).__name__, update.update_id, pause,
                )
                await asyncio.sleep(pause)
                waited += pause
                pause = min(pause * 2, 5.0)

    # -- running ---------------------------------------------------------------------------------

    async def release_all(self) -> None:
        """At the start of the only instance (polling): claims left by a killed process are
        free at once rather than when their lease runs out."""
        from sqlalchemy import update as sa_update
        from sqlmodel import col

        from storage.models import InboxUpdate

        async with self._services.sessions.begin() as session:
            await session.exec(
                sa_update(InboxUpdate)
                .where(col(InboxUpdate.done_at).is_(None))
                .values(claim_token=None, claimed_until=None)
            )

    def _worker_count(self) -> int:
        if self._workers_wanted is not None:
            return self._workers_wanted
        # SQLite has one writer at a time: one worker. PostgreSQL: several chats at once.
        return 4 if self._services.engine.dialect.name == "postgresql" else 1

    async def start(self) -> None:
        self._stopping = False
        for number in range(self._worker_count()):
            self._tasks.append(asyncio.create_task(self._work(number), name=f"inbox-worker-{number}"))
        self._wake.set()  # whatever was stored before the start (a restart) runs now

    def wake(self) -> None:
        self._wake.set()

    async def stop(self, grace: float = STOP_GRACE) -> None:
        """Take no new updates; give those in hand `grace` seconds, then abandon them (their
        claims are given back, so the next start resumes them)."""
        self._stopping = True
        self._wake.set()
        if not self._tasks:
            return
        _done, running = await asyncio.wait(self._tasks, timeout=grace)
        if running:
            log.warning(
                "Stopping: %d update(s) still running after %.0fs are left for the next start",
                len(running), grace,
            )
            abandoned = list(self._in_hand.values())
            for task in running:
                task.cancel()
            await asyncio.gather(*running, return_exceptions=True)
            for update_id, token in abandoned:
                with contextlib.suppress(*DATABASE_ERRORS):
                    async with asyncio.timeout(2.0):
                        async with self._services.sessions.begin() as session:
                            await inbox_queries.release(
                                session, update_id=update_id, token=token, not_before=utcnow()
                            )
        self._tasks.clear()

    async def _work(self, number: int) -> None:
        token = f"{uuid.uuid4().hex[:12]}-{number}"
        pause = 0.25
        while not self._stopping:
            self._wake.clear()
            try:
                async with self._services.sessions.begin() as session:
                    claimed = await inbox_queries.claim_next(
                        session, token=token, now=utcnow(), lease=LEASE
                    )
            except DATABASE_ERRORS as exc:
                log.warning("Database unreachable (%s); the inbox waits %.2fs", type(exc).__name__, pause)
                await asyncio.sleep(pause)
                pause = min(pause * 2, 5.0)
                continue
            pause = 0.25
            if claimed is None:
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(IDLE_POLL):
                        await self._wake.wait()
                continue
            self._in_hand[number] = (claimed.update_id, claimed.token)
            try:
                await self._handle(claimed)
            finally:
                self._in_hand.pop(number, None)

    async def _handle(self, claimed: inbox_queries.Claimed) -> None:
        app = self.application
        bot_data = app.bot_data
        try:
            data, changed = clean(json.loads(claimed.payload))
            update = Update.de_json(data, app.bot)
        except Exception:  # a stored body that no longer parses: log it, never loop on it
            log.exception("Update %s in the inbox cannot be read; skipped", claimed.update_id)
            await self._finish(claimed)
            return
        keeper = asyncio.create_task(self._keep(claimed))
        if claimed.attempts < MAX_ATTEMPTS:
            bot_data.deferrable.add(claimed.update_id)
        if changed:
            bot_data.cleaned.add(claimed.update_id)
        if claimed.attempts > 1:
            bot_data.reruns.add(claimed.update_id)
        try:
            await app.process_update(update)
        finally:
            keeper.cancel()
            bot_data.deferrable.discard(claimed.update_id)
            bot_data.cleaned.discard(claimed.update_id)
            bot_data.reruns.discard(claimed.update_id)
        wait = bot_data.later.pop(claimed.update_id, None)
        if wait is not None:
            await self._patiently(
                lambda session: inbox_queries.release(
                    session, update_id=claimed.update_id, token=claimed.token,
                    not_before=utcnow() + timedelta(seconds=wait), counts=False,
                )
            )
            self._wake_after(wait)
            return
        if claimed.update_id in bot_data.deferred:
            bot_data.deferred.discard(claimed.update_id)
            delay = min(2.0 ** claimed.attempts, 60.0)
            log.warning(
                "Update %s met a database failure; tried again in %.0fs (try %d of %d)",
                claimed.update_id, delay, claimed.attempts, MAX_ATTEMPTS,
            )
            await self._patiently(
                lambda session: inbox_queries.release(
                    session, update_id=claimed.update_id, token=claimed.token,
                    not_before=utcnow() + timedelta(seconds=delay),
                )
            )
            return
        await self._finish(claimed)

    def _wake_after(self, seconds: float) -> None:
        """Look again when a waiting update may run (sooner than the idle poll)."""
        asyncio.get_running_loop().call_later(seconds + 0.01, self._wake.set)

    async def _finish(self, claimed: inbox_queries.Claimed) -> None:
        async def mark(session: Any) -> None:
            if not await inbox_queries.finish(
                session, update_id=claimed.update_id, token=claimed.token, now=utcnow()
            ):
                log.warning("Update %s was handled after its claim ran out", claimed.update_id)

        await self._patiently(mark)
        self.handled += 1

    async def _patiently(self, work: Any, limit: float = 30.0) -> None:
        """One small write, tried again while the database is away (up to `limit` seconds; if it
        never comes back the lease runs out and the update is run again)."""
        pause, waited = 0.25, 0.0
        while True:
            try:
                async with self._services.sessions.begin() as session:
                    await work(session)
                return
            except DATABASE_ERRORS as exc:
                if waited >= limit:
                    log.error("Inbox bookkeeping failed (%s); the lease will run out", type(exc).__name__)
                    return
                await asyncio.sleep(pause)
                waited += pause
                pause = min(pause * 2, 5.0)

    async def _keep(self, claimed: inbox_queries.Claimed) -> None:
        """Renew the lease while the handlers run, so a slow update is not taken over."""
        while True:
            await asyncio.sleep(RENEW_EVERY)
            with contextlib.suppress(*DATABASE_ERRORS):
                async with self._services.sessions.begin() as session:
                    await inbox_queries.renew(
                        session, update_id=claimed.update_id, token=claimed.token,
                        now=utcnow(), lease=LEASE,
                    )

    async def prune(self) -> None:
        async with self._services.sessions.begin() as session:
            await inbox_queries.prune(session, before=utcnow() - KEEP)


class InboxQueue(asyncio.Queue[object]):
    """The Updater's queue in polling mode: `put` stores the update in the inbox and returns only
    once it is stored (the Updater confirms a batch to Telegram after its last `put`). Anything
    else (the Application's stop signal) passes through as usual."""

    inbox: Inbox | None = None

    async def put(self, item: object) -> None:
        if isinstance(item, Update) and self.inbox is not None:
            await self.inbox.store_within(item.to_dict(), item, None)
            return
        await super().put(item)
