"""Load benchmark: simulated learners through whole practice rounds against the Bot API emulator.

    python benchmarks/load_bench.py [--setup sqlite|postgres|both] [--learners 1000]
        [--concurrency 50] [--instances 2] [--pg-admin-url postgresql+asyncpg://postgres@127.0.0.1/postgres]

Each learner onboards (/start, privacy, level, sector, time zone), asks for a question
(/practice, a topic), answers it in two messages (the halves of a labelled chat answer from
tests/data) and presses Submit, waiting for the bot's reply to every step as a person would, so
per-user flood control never trips. `--concurrency` learners are active at once; the next starts
when one finishes.

Two setups: (a) `sqlite`: one `star-coach run` in polling mode on a SQLite file; (b) `postgres`:
`--instances` processes in webhook mode on one PostgreSQL database (created for the run as
star_coach_load_<pid> through `--pg-admin-url`, dropped afterwards), the emulator delivering
round robin as Telegram would to a load balancer. Reported: updates, wall time, throughput,
update-to-reply time (p50/p95/p99, from the moment an update is queued at the emulator to the
bot's reply to it), CPU seconds per update of the bot processes (user + system time from
/proc/<pid>/stat, summed over instances) and each instance's peak resident memory (VmHWM).

Not a test: the figures depend on the machine (docs/load.md records a run). The bot runs with its
real settings, including python-telegram-bot's rate limiter (30 requests a second per process,
Telegram's broadcast limit), which is what caps throughput here rather than CPU.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import resource
import shutil
import socket
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.emulator import BotApiEmulator, SimUser, inline_buttons  # noqa: E402

TOKEN = "123456:LOADBENCH_token"
PUBLIC_URL = "https://coach.example.org/tg/hook"
SECRET = "load-bench-Secret_1"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


# --- the simulated learner -----------------------------------------------------------------------


@dataclass
class Timings:
    """Update-to-reply seconds, one entry per update a learner sent."""

    latencies: list[float] = field(default_factory=list)
    updates: int = 0
    rounds: int = 0
    failures: list[str] = field(default_factory=list)


class TimedLearner:
    """A SimUser whose every send/press is timed until the reply the learner waits for."""

    def __init__(self, user: SimUser, timings: Timings, timeout: float) -> None:
        self.user, self.timings, self.timeout = user, timings, timeout
        self._sent_at: float | None = None

    async def send(self, text: str) -> None:
        self._sent_at = time.perf_counter()
        self.timings.updates += 1
        await self.user.send(text)

    async def press(self, message: dict[str, Any], prefix: str) -> None:
        data = [b["callback_data"] for b in inline_buttons(message)]
        chosen = next((d for d in data if d.startswith(prefix)), None)
        if chosen is None:
            raise AssertionError(f"no button {prefix!r} among {data}")
        self._sent_at = time.perf_counter()
        self.timings.updates += 1
        await self.user.press(message, chosen)

    async def reply(self, fragment: str) -> dict[str, Any]:
        message = await self.user.wait_reply(fragment, timeout=self.timeout)
        if self._sent_at is not None:
            self.timings.latencies.append(time.perf_counter() - self._sent_at)
            self._sent_at = None
        return message


async def practice_round(learner: TimedLearner, parts: list[str]) -> None:
    """The phone-first round: /start, I agree (a question comes at once), answer in parts,
    Submit, level, sector and nation asked before the feedback, read the feedback."""
    await learner.send("/start")
    welcome = await learner.reply("Your privacy")
    await learner.press(welcome, "onb:privacy:yes")
    await learner.reply("first question")
    status: dict[str, Any] = {}
    for number, part in enumerate(parts, start=1):
        await learner.send(part)
        status = await learner.reply(f"{number} message")
    await learner.press(status, "prac:submit:")
    level = await learner.reply("Which level")
    await learner.press(level, "onb:level:3:s")
    sector = await learner.reply("Which sector")
    await learner.press(sector, "onb:sector:retail:s")
    nation = await learner.reply("Where do you work")
    await learner.press(nation, "onb:nation:england:s")
    await learner.reply("Grade:")
    learner.timings.rounds += 1


def answer_pool() -> list[list[str]]:
    """Labelled chat answers from tests/data, each split into two messages."""
    pool = []
    for name in ("devset.yaml", "devset2.yaml"):
        for item in yaml.safe_load((ROOT / "tests" / "data" / name).read_text(encoding="utf-8")):
            words = str(item["text"]).split()
            if len(words) >= 20:
                half = len(words) // 2
                pool.append([" ".join(words[:half]), " ".join(words[half:])])
    return pool


async def drive(
    emulator: BotApiEmulator, learners: int, concurrency: int, first_id: int, wait: float, seed: int
) -> tuple[Timings, float]:
    timings = Timings()
    pool = answer_pool()
    rng = random.Random(seed)
    gate = asyncio.Semaphore(concurrency)

    async def one(n: int) -> None:
        async with gate:
            user = emulator.user(first_id + n, "Alex")
            try:
                await practice_round(TimedLearner(user, timings, wait), rng.choice(pool))
            except AssertionError as exc:
                timings.failures.append(f"learner {user.id}: {str(exc).splitlines()[0]}")

    started = time.perf_counter()
    await asyncio.gather(*(one(n) for n in range(learners)))
    return timings, time.perf_counter() - started


# --- bot processes -------------------------------------------------------------------------------


@dataclass
class Instance:
    process: asyncio.subprocess.Process
    log_path: Path
    port: int | None = None

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime

    def peak_rss_mib(self) -> float:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --unthrottled: a diagnostic, not a way to run the bot. It lifts python-telegram-bot's 30 requests
# a second per process (Telegram's own limit, which the emulator does not enforce by default) to
# show what the CPU and the database would allow.
UNTHROTTLE = '''
import telegram.ext._aioratelimiter as _rl

_init = _rl.AIORateLimiter.__init__


def _lifted(self, overall_max_rate=10_000, *args, **kwargs):
    _init(self, overall_max_rate, *args, **kwargs)


_rl.AIORateLimiter.__init__ = _lifted
'''


async def start_instance(
    emulator: BotApiEmulator, workdir: Path, database_url: str, webhook_port: int | None, number: int,
    unthrottled: Path | None = None,
) -> Instance:
    env = dict(os.environ)
    env.update(
        {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE_URL": emulator.base_url,
            "TELEGRAM_FILE_BASE_URL": emulator.base_file_url,
            "DATABASE_URL": database_url,
            "PYTHONPATH": os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep),
            "NO_PROXY": "127.0.0.1,localhost",
            "no_proxy": "127.0.0.1,localhost",
        }
    )
    if unthrottled is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(unthrottled), env["PYTHONPATH"]])
    if webhook_port is not None:
        env.update(
            {
                "WEBHOOK_URL": PUBLIC_URL,
                "WEBHOOK_SECRET": SECRET,
                "WEBHOOK_LISTEN": "127.0.0.1",
                "WEBHOOK_PORT": str(webhook_port),
            }
        )
    log_path = workdir / f"bot-{number}.log"
    with log_path.open("wb") as log:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", cwd=workdir, env=env,
            stdin=asyncio.subprocess.DEVNULL, stdout=log, stderr=asyncio.subprocess.STDOUT,
        )
    instance = Instance(process, log_path, webhook_port)
    await wait_ready(emulator, instance)
    return instance


async def wait_ready(emulator: BotApiEmulator, instance: Instance, timeout: float = 60.0) -> None:  # noqa: ASYNC109
    deadline = time.monotonic() + timeout
    async with aiohttp.ClientSession(trust_env=False) as http:
        while time.monotonic() < deadline:
            if instance.process.returncode is not None:
                raise SystemExit(f"bot exited early; see {instance.log_path}")
            if instance.port is None:
                if emulator.calls_of("getUpdates"):
                    return
            else:
                try:
                    async with http.get(f"http://127.0.0.1:{instance.port}/healthz") as reply:
                        if reply.status == 200:
                            return
                except aiohttp.ClientError:
                    pass
            await asyncio.sleep(0.1)
    raise SystemExit(f"bot not ready within {timeout}s; see {instance.log_path}")


async def stop(instances: list[Instance]) -> None:
    for instance in instances:
        if instance.process.returncode is None:
            instance.process.terminate()
    for instance in instances:
        try:
            async with asyncio.timeout(15):
                await instance.process.wait()
        except TimeoutError:
            instance.process.kill()
            await instance.process.wait()


# --- PostgreSQL scratch database ------------------------------------------------------------------


async def pg_admin(admin_url: str, statement: str) -> None:
    import asyncpg

    dsn = admin_url.replace("postgresql+asyncpg://", "postgresql://")
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


def with_database(admin_url: str, name: str) -> str:
    head, _, _ = admin_url.rpartition("/")
    return f"{head}/{name}"


# --- one setup -------------------------------------------------------------------------------------


async def run_setup(args: argparse.Namespace, setup: str, workdir: Path) -> dict[str, Any]:
    emulator = BotApiEmulator()
    await emulator.start()
    if args.telegram_limits == "both":
        emulator.enforce_limits()
    elif args.telegram_limits == "global":
        emulator.enforce_limits(per_chat_per_s=1000.0)
    instances: list[Instance] = []
    database = ""
    unthrottled: Path | None = None
    if args.unthrottled:
        unthrottled = workdir / "unthrottle"
        unthrottled.mkdir()
        (unthrottled / "sitecustomize.py").write_text(UNTHROTTLE)
    try:
        if setup == "sqlite":
            url = f"sqlite+aiosqlite:///{workdir}/load.db"
            instances.append(await start_instance(emulator, workdir, url, None, 1, unthrottled))
            description = "1 instance, polling, SQLite"
        else:
            database = f"star_coach_load_{os.getpid()}"
            await pg_admin(args.pg_admin_url, f'CREATE DATABASE "{database}"')
            url = with_database(args.pg_admin_url, database)
            # One instance first, so the schema is created once; then the rest.
            for number in range(1, args.instances + 1):
                instances.append(
                    await start_instance(emulator, workdir, url, free_port(), number, unthrottled)
                )
            emulator.route_webhook(
                [f"http://127.0.0.1:{i.port}/tg/hook" for i in instances], public_url=PUBLIC_URL
            )
            description = f"{args.instances} instances, webhook, PostgreSQL"
        if unthrottled is not None:
            description += " (bot rate limiter lifted)"
        if args.telegram_limits:
            description += f" (Telegram limits enforced: {args.telegram_limits})"
        cpu_before = [i.cpu_seconds() for i in instances]
        harness_before = resource.getrusage(resource.RUSAGE_SELF)
        first_update = emulator._next_update_id
        timings, wall = await drive(
            emulator, args.learners, args.concurrency, 100_000, args.timeout, args.seed
        )
        await asyncio.sleep(0.5)  # let the last updates be recorded
        cpu = [i.cpu_seconds() - b for i, b in zip(instances, cpu_before, strict=True)]
        harness = resource.getrusage(resource.RUSAGE_SELF)
        peaks = [round(i.peak_rss_mib(), 1) for i in instances]
        updates = emulator._next_update_id - first_update
        lat = sorted(timings.latencies)
        result = {
            "setup": description,
            "learners": args.learners,
            "rounds_completed": timings.rounds,
            "concurrency": args.concurrency,
            "updates": updates,
            "api_calls": sum(1 for c in emulator.calls if c.method != "getUpdates"),
            # Which calls: those naming a chat are paced to 30 a second (AIORateLimiter), the
            # answers to button presses are not.
            "api_calls_by_method": dict(Counter(c.method for c in emulator.calls if c.method != "getUpdates")
                                        .most_common()),
            "wall_s": round(wall, 1),
            "updates_per_s": round(updates / wall, 1),
            "rounds_per_s": round(timings.rounds / wall, 2),
            "latency_p50_ms": round(1000 * percentile(lat, 50), 1),
            "latency_p95_ms": round(1000 * percentile(lat, 95), 1),
            "latency_p99_ms": round(1000 * percentile(lat, 99), 1),
            "latency_max_ms": round(1000 * lat[-1], 1) if lat else None,
            "bot_cpu_s": [round(c, 1) for c in cpu],
            "cpu_ms_per_update": round(1000 * sum(cpu) / max(updates, 1), 2),
            "peak_rss_mib": peaks,
            "harness_cpu_s": round(
                harness.ru_utime - harness_before.ru_utime + harness.ru_stime - harness_before.ru_stime, 1
            ),
            "rate_limited_429": emulator.rate_limit_hits,
            "failures": timings.failures[:5],
            "failure_count": len(timings.failures),
        }
        if emulator.webhook_deliveries:
            failed = [d for d in emulator.webhook_deliveries if not d.ok]
            result["webhook_failed_deliveries"] = len(failed)
            taken = [d.target for d in emulator.webhook_deliveries if d.ok]
            result["updates_per_instance"] = [
                sum(1 for t in taken if t.endswith(f":{i.port}/tg/hook")) for i in instances
            ]
        for instance in instances:
            log = instance.log_path.read_text(encoding="utf-8", errors="replace")
            result.setdefault("tracebacks_in_logs", 0)
            result["tracebacks_in_logs"] += log.count("Traceback")
        return result
    finally:
        await stop(instances)
        await emulator.stop()
        if database:
            await pg_admin(args.pg_admin_url, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def percentile(sorted_values: list[float], pct: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(pct / 100 * len(sorted_values)) - 1))
    return sorted_values[index]


def machine() -> str:
    lines = [f"Python {sys.version.split()[0]} on {platform.platform()}", f"{os.cpu_count()} CPUs"]
    if shutil.which("lscpu"):
        import subprocess

        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        lines += [ln for ln in out.splitlines() if ln.startswith(("Model name", "CPU(s):"))]
    return "; ".join(lines)


def render(result: dict[str, Any]) -> str:
    rows = [
        ("Setup", result["setup"]),
        ("Learners (rounds completed)", f"{result['learners']} ({result['rounds_completed']})"),
        ("Active at once", result["concurrency"]),
        ("Updates / Bot API calls (not getUpdates)", f"{result['updates']} / {result['api_calls']}"),
        ("Wall time", f"{result['wall_s']} s"),
        ("Throughput", f"{result['updates_per_s']} updates/s, {result['rounds_per_s']} rounds/s"),
        (
            "Update to reply p50 / p95 / p99",
            f"{result['latency_p50_ms']} / {result['latency_p95_ms']} / {result['latency_p99_ms']} ms",
        ),
        ("Bot CPU per update", f"{result['cpu_ms_per_update']} ms (total {result['bot_cpu_s']} s)"),
        ("Peak RSS per instance", ", ".join(f"{p} MiB" for p in result["peak_rss_mib"])),
        ("Failures / tracebacks", f"{result['failure_count']} / {result['tracebacks_in_logs']}"),
        ("429 answers from the emulator", result["rate_limited_429"]),
    ]
    if "updates_per_instance" in result:
        rows.append(("Updates per instance", result["updates_per_instance"]))
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k:<{width}}  {v}" for k, v in rows)


async def main_async(args: argparse.Namespace) -> int:
    setups = ["sqlite", "postgres"] if args.setup == "both" else [args.setup]
    print(machine(), flush=True)
    results = []
    for setup in setups:
        with tempfile.TemporaryDirectory(prefix=f"load-{setup}-") as tmp:
            result = await run_setup(args, setup, Path(tmp))
        results.append(result)
        print("\n" + render(result), flush=True)
        for failure in result["failures"]:
            print("  failure:", failure)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:  # noqa: ASYNC230 - once, at the end
            json.dump({"machine": machine(), "results": results}, out, indent=2)
    return 1 if any(r["failure_count"] or r["rounds_completed"] < r["learners"] for r in results) else 0


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--setup", choices=["sqlite", "postgres", "both"], default="both")
    p.add_argument("--learners", type=int, default=1000)
    p.add_argument("--concurrency", type=int, default=50, help="learners active at once")
    p.add_argument("--instances", type=int, default=2, help="webhook instances (postgres setup)")
    p.add_argument(
        "--pg-admin-url", default="postgresql+asyncpg://postgres@127.0.0.1:5432/postgres",
        help="a PostgreSQL database to create the scratch database from",
    )
    p.add_argument("--telegram-limits", nargs="?", const="both", choices=["both", "global"],
                   help="the emulator answers 429 above 30 messages/s overall and (both) 1/s per chat")
    p.add_argument("--unthrottled", action="store_true",
                   help="diagnostic: lift the bot's own 30 requests/s limit to see what CPU allows")
    p.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for one reply")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--json", help="also write the results to this file")
    return asyncio.run(main_async(p.parse_args()))


if __name__ == "__main__":
    raise SystemExit(main())
