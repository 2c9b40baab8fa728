"""Benchmark: 10,000 learners due at the same minute, sent through the Bot API emulator.

    python benchmarks/nudge_bench.py [--learners 10000] [--rate 25] [--database-url URL]

The real dispatcher (bot.reminders.dispatcher) and the real Telegram sender (python-telegram-bot's ExtBot
with the AIORateLimiter the bot uses) send to tests/e2e/emulator.py with `enforce_limits` on:
30 messages a second overall and 1 a second per chat, answering 429 beyond that. Every learner's
reminder is due at the start of the current minute. Reported: time taken against the 30-a-second
bound, 429 answers (goal 0), duplicates (0), lost (0), how late nudges went out, and the machine.
The database is a fresh SQLite file unless --database-url names an empty database (PostgreSQL).
Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402
from sqlmodel import func, select  # noqa: E402
from telegram.ext import AIORateLimiter, ExtBot  # noqa: E402
from telegram.request import HTTPXRequest  # noqa: E402

from bot.app.services import Services  # noqa: E402
from bot.app.settings import Settings  # noqa: E402
from bot.clock import Clock  # noqa: E402
from bot.reminders.dispatcher import Dispatcher  # noqa: E402
from handlers.reminders import TelegramSender  # noqa: E402
from storage.models import Learner, NudgeLog, Reminder, aware  # noqa: E402
from tests.e2e.emulator import BotApiEmulator, message_text  # noqa: E402

TOKEN = "123456:BENCH_token"
FIRST_ID = 10_000_000


def machine() -> dict[str, object]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu, "cores": os.cpu_count(), "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
    }


async def seed(services: Services, n: int, due: datetime) -> None:
    """n learners, each with a reminder at the local time of `due`, due at `due`."""
    async with services.sessions.begin() as session:
        existing = (await session.exec(select(func.count()).select_from(Learner))).one()
        if existing:
            raise SystemExit("the database already holds learners: give an empty one")
        conn = await session.connection()
        now = datetime.now(UTC)
        await conn.execute(sa.insert(Learner), [
            {"key": f"tg:{FIRST_ID + i}", "telegram_user_id": FIRST_ID + i, "first_name": f"L{i}",
             "sector": "retail", "timezone": "Europe/London", "level": 3,
             "privacy_accepted_at": now, "created_at": now}
            for i in range(n)
        ])
        ids = (await conn.execute(sa.select(Learner.id).order_by(Learner.id))).scalars().all()  # type: ignore[arg-type]
        local = due.astimezone(ZoneInfo("Europe/London")).strftime("%H:%M")
        await conn.execute(sa.insert(Reminder), [
            {"learner_id": lid, "enabled": True, "local_time": local, "days": "0123456",
             "next_due_at": due, "ignored_in_row": 0, "attempts": 0}
            for lid in ids
        ])


async def run(args: argparse.Namespace) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite+aiosqlite:///{tmp}/bench.db"
        settings = Settings(_env_file=None, database_url=url)  # type: ignore[call-arg]
        services = await Services.create(settings, clock=Clock())
        emulator = BotApiEmulator()
        await emulator.start()
        try:
            due = datetime.now(UTC).replace(second=0, microsecond=0)
            t_seed = time.perf_counter()
            await seed(services, args.learners, due)
            seeded = time.perf_counter() - t_seed
            for i in range(args.learners):
                emulator.user(FIRST_ID + i).started = True  # each has written to the bot once
            emulator.enforce_limits(per_chat_per_s=1.0, global_per_s=30.0)
            bot = ExtBot(
                TOKEN, base_url=emulator.base_url, base_file_url=emulator.base_file_url,
                request=HTTPXRequest(connection_pool_size=64),
                rate_limiter=AIORateLimiter(max_retries=3),
            )
            await bot.initialize()
            dispatcher = Dispatcher(
                sessions=services.sessions, review=services.practice.review, clock=services.clock,
                sender=TelegramSender(bot), rate=args.rate, concurrency=args.concurrency,
            )
            started = time.perf_counter()
            stats = await dispatcher.drain()
            elapsed = time.perf_counter() - started
            again = await dispatcher.drain()  # a second run must find nothing to send
            await bot.shutdown()

            per_chat = Counter()
            for i in range(args.learners):
                user = emulator.user(FIRST_ID + i)
                per_chat[user.id] = sum("two minutes of practice" in message_text(m) for m in user.messages)
            async with services.sessions() as session:
                rows = (await session.exec(select(NudgeLog.status, NudgeLog.due_at, NudgeLog.sent_at))).all()
            statuses = Counter(status for status, _, _ in rows)
            late = sorted((aware(sent) - aware(d)).total_seconds() for _, d, sent in rows if sent)
            http_429 = sum(1 for e in emulator.errors if e.error_code == 429)
            return {
                "learners": args.learners,
                "database": "postgresql" if url.startswith("postgres") else "sqlite",
                "rate_setting_per_s": args.rate,
                "seed_seconds": round(seeded, 1),
                "send_seconds": round(elapsed, 1),
                "bound_seconds_at_30_per_s": round(args.learners / 30, 1),
                "achieved_per_s": round(args.learners / elapsed, 2),
                "send_calls": len(emulator.calls_of("sendMessage")),
                "http_429": http_429,
                "emulator_rate_limit_hits": emulator.rate_limit_hits,
                "dispatcher_rate_limited": stats.rate_limited,
                "delivered": sum(1 for c in per_chat.values() if c >= 1),
                "duplicates": sum(c - 1 for c in per_chat.values() if c > 1),
                "lost": sum(1 for c in per_chat.values() if c == 0),
                "log_statuses": dict(statuses),
                "second_run_sent": again.sent,
                "late_seconds_p50": round(statistics.median(late), 1) if late else None,
                "late_seconds_max": round(late[-1], 1) if late else None,
                "machine": machine(),
            }
        finally:
            await emulator.stop()
            await services.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--learners", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=25.0, help="dispatcher pace, messages a second")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--database-url", default=None, help="an EMPTY database (default: temp SQLite)")
    args = parser.parse_args()
    result = asyncio.run(run(args))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
