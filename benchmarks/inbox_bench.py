"""Benchmark: what the durable inbox costs per update (store, claim, finish), on its own.

    python benchmarks/inbox_bench.py [--updates 2000] [--database-url URL]

Each update (a realistic 600-byte text message) goes through the inbox's three writes one after
the other, as one worker does: stored (INSERT ... ON CONFLICT DO NOTHING, as the Updater's queue
or the webhook does before Telegram is told), claimed (the UPDATE ... RETURNING with the per-chat
order check) and finished (done, payload emptied). The handlers' own work is not included: this
is the price of never losing or doubling an update, to compare with a whole update's cost in
docs/load.md. The database is a fresh SQLite file unless --database-url names an empty database
(PostgreSQL; its schema is dropped first). Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from bot.app.inbox import LEASE, encode  # noqa: E402
from storage import inbox_queries  # noqa: E402
from storage.db import make_engine, make_session_factory, upgrade_database  # noqa: E402
from storage.models import utcnow  # noqa: E402

WORDS = (
    "I checked our refund and returns policy because she was within 30 days, and I refunded her "
    "in full under the Consumer Rights Act 2015. "
) * 4


def fake_update(update_id: int, chat: int) -> dict[str, object]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id, "date": 1_764_800_000, "text": WORDS[:600],
            "chat": {"id": chat, "type": "private", "first_name": "Alex"},
            "from": {"id": chat, "is_bot": False, "first_name": "Alex", "language_code": "en"},
        },
    }


async def run(url: str, count: int) -> dict[str, object]:
    engine = make_engine(url)
    if engine.dialect.name == "postgresql":
        async with engine.begin() as conn:
            await conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))
    await upgrade_database(engine)
    sessions = make_session_factory(engine)
    stages: dict[str, list[float]] = {"store": [], "claim": [], "finish": []}
    started = time.perf_counter()
    for n in range(count):
        data = fake_update(n + 1, 1000 + n % 50)
        t0 = time.perf_counter()
        async with sessions.begin() as s:
            await inbox_queries.store(
                s, update_id=n + 1, chat_key=1000 + n % 50, payload=encode(data), now=utcnow()
            )
        t1 = time.perf_counter()
        async with sessions.begin() as s:
            claimed = await inbox_queries.claim_next(s, token="bench", now=utcnow(), lease=LEASE)
        t2 = time.perf_counter()
        assert claimed is not None and claimed.update_id == n + 1
        async with sessions.begin() as s:
            await inbox_queries.finish(s, update_id=n + 1, token="bench", now=utcnow())
        t3 = time.perf_counter()
        stages["store"].append(t1 - t0)
        stages["claim"].append(t2 - t1)
        stages["finish"].append(t3 - t2)
    total = time.perf_counter() - started
    # The yardstick on the same machine at the same moment: an empty transaction.
    bare: list[float] = []
    for _ in range(200):
        t0 = time.perf_counter()
        async with sessions.begin() as s:
            await s.exec(text("SELECT 1"))  # type: ignore[call-overload]
        bare.append(time.perf_counter() - t0)
    await engine.dispose()

    def ms(values: list[float], q: float) -> float:
        return round(statistics.quantiles(values, n=100)[int(q) - 1] * 1000, 2)

    per = [a + b + c for a, b, c in zip(stages["store"], stages["claim"], stages["finish"], strict=True)]
    return {
        "database": engine.dialect.name,
        "updates": count,
        "per_update_ms": {"median": ms(per, 50), "p95": ms(per, 95)},
        "stages_median_ms": {k: ms(v, 50) for k, v in stages.items()},
        "updates_per_second": round(count / total, 1),
        "empty_transaction_median_ms": ms(bare, 50),
        "load_average": os.getloadavg()[0],
        "rows_after": count,
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "kept_for": str(timedelta(days=2)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=2000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite+aiosqlite:///{tmp}/inbox.db"
        print(json.dumps(asyncio.run(run(url, args.updates)), indent=2))


if __name__ == "__main__":
    main()
