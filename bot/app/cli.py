"""The `star-coach` command: run, chat, assess, content check, db upgrade."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING, TextIO

from pydantic import ValidationError

from bot.app.settings import Settings

if TYPE_CHECKING:
    from bot.assessment import Assessor
    from content.models import Prompt

NO_TOKEN = (
    "star-coach: no bot token. Create a bot with @BotFather in Telegram, then put "
    "TELEGRAM_BOT_TOKEN=<token> in a .env file here (see .env.example). "
    "`star-coach chat` works without one."
)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="star-coach",
        description="Rehearse the customer-service professional discussion in STAR form.",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("run", help="run the Telegram bot (needs TELEGRAM_BOT_TOKEN)")
    chat = sub.add_parser("chat", help="practise in this terminal (no token needed)")
    chat.add_argument("--user", help="whose progress to use (default: your login name)")

    assess = sub.add_parser("assess", help="assess one answer, or many as JSON lines")
    assess.add_argument("file", nargs="?", default="-", help="a file, or - for standard input")
    assess.add_argument("--prompt", help="the prompt id to mark against (default: generic)")
    assess.add_argument("--sector", default="general", help="the learner's sector id")
    assess.add_argument(
        "--nation", default="unknown", type=_nation_arg,
        help="where the learner works: england, wales, scotland, ni (northern_ireland) or unknown",
    )
    fmt = assess.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print the result as JSON")
    fmt.add_argument(
        "--jsonl", action="store_true",
        help='read one {"id", "text", "prompt"?} object a line; print one result a line',
    )

    content = sub.add_parser("content", help="content tools")
    csub = content.add_subparsers(dest="content_command", required=True, metavar="ACTION")
    check = csub.add_parser("check", help="validate all content and print counts")
    check.add_argument("--json", action="store_true", help="print the report as JSON")

    stats = sub.add_parser("stats", help="counts an operator checks: learners, activity, nudges")
    stats.add_argument("--json", action="store_true", help="print the counts as JSON")

    db = sub.add_parser("db", help="database tools")
    dsub = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    dsub.add_parser("upgrade", help="bring the database schema up to date")
    return p


def _nation_arg(value: str) -> str:
    from content.nations import parse_nation

    nation = parse_nation(value)
    if nation is None:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a UK nation: use england, wales, scotland, ni or unknown"
        )
    return nation


def _settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"]).upper()
        print(f"star-coach: setting {field}: {err['msg']}", file=sys.stderr)
        raise SystemExit(2) from exc


def _open(name: str) -> AbstractContextManager[TextIO]:
    """The named file, or standard input for `-` (left open for the caller's caller)."""
    if name == "-":
        return nullcontext(sys.stdin)
    try:
        return open(name, encoding="utf-8")
    except OSError as exc:
        print(f"star-coach: cannot read {name}: {exc.strerror}", file=sys.stderr)
        raise SystemExit(2) from exc


def _jsonl_items(stream: TextIO) -> Iterator[tuple[int, dict[str, object] | str]]:
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, f"line {number}: not JSON ({exc.msg})"
            continue
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            yield number, f'line {number}: expected an object with a "text" string'
            continue
        yield number, item


def cmd_assess(args: argparse.Namespace, settings: Settings) -> int:
    from bot.assessment import Assessor
    from content.loader import load_content

    content = load_content(settings.content_pack_dirs)
    assessor = Assessor(content)

    def prompt_for(pid: object) -> Prompt | None:
        if pid is None:
            return None
        if pid not in content.prompts:
            raise KeyError(f"unknown prompt id {pid!r}")
        return content.prompts[str(pid)]

    with _open(args.file) as stream:
        return _assess_stream(stream, args, assessor, prompt_for)


def _assess_stream(
    stream: TextIO,
    args: argparse.Namespace,
    assessor: Assessor,
    prompt_for: Callable[[object], Prompt | None],
) -> int:
    from bot.render.feedback import PLAIN, render_feedback

    if args.jsonl:
        failures = 0
        for _number, item in _jsonl_items(stream):
            if isinstance(item, str):
                failures += 1
                print(json.dumps({"error": item}), flush=True)
                continue
            try:
                prompt = prompt_for(item.get("prompt"))
            except KeyError as exc:
                failures += 1
                print(json.dumps({"id": item.get("id"), "error": exc.args[0]}), flush=True)
                continue
            sector = str(item.get("sector") or args.sector)
            nation = _item_nation(item.get("nation"), args.nation)
            if nation is None:
                failures += 1
                print(json.dumps({"id": item.get("id"), "error": (
                    f"unknown nation {item.get('nation')!r}: use england, wales, scotland, ni or unknown"
                )}), flush=True)
                continue
            result = assessor.assess(str(item["text"]), prompt=prompt, sector=sector, nation=nation)
            print(json.dumps({"id": item.get("id"), **result.to_dict()}), flush=True)
        return 1 if failures else 0

    text = stream.read()
    if not text.strip():
        print("star-coach: the answer is empty; give a file or pipe the text in.", file=sys.stderr)
        return 2
    try:
        prompt = prompt_for(args.prompt)
    except KeyError as exc:
        print(f"star-coach: {exc.args[0]}; see `star-coach content check`.", file=sys.stderr)
        return 2
    result = assessor.assess(text, prompt=prompt, sector=args.sector, nation=args.nation)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2))
    else:
        print(render_feedback(result, PLAIN, limit=100_000))
    return 0


def _item_nation(value: object, default: str) -> str | None:
    """A `--jsonl` line's own `nation`, else the `--nation` flag; None when it names no nation."""
    from content.nations import parse_nation

    if value is None:
        return default
    return parse_nation(str(value))


async def _chat(settings: Settings, user: str | None) -> int:
    from bot.app.services import Services
    from bot.app.terminal import chat

    services = await Services.create(settings)
    try:
        return await chat(services, user)
    finally:
        await services.close()


async def _db_upgrade(settings: Settings) -> int:
    from storage.db import current_revision, make_engine, upgrade_database

    engine = make_engine(settings.database_url)
    try:
        await upgrade_database(engine)
        print(f"Database is at revision {await current_revision(engine)}.")
    finally:
        await engine.dispose()
    return 0


async def _stats(settings: Settings, as_json: bool) -> int:
    from datetime import UTC, datetime

    from bot.app import stats
    from storage.db import make_engine, make_session_factory, upgrade_database

    engine = make_engine(settings.database_url)
    try:
        await upgrade_database(engine)
        async with make_session_factory(engine)() as session:
            result = await stats.collect(session, now=datetime.now(UTC))
    finally:
        await engine.dispose()
    print(json.dumps(result.to_dict()) if as_json else stats.render(result))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = _settings()
    from bot.app.logs import configure

    configure(settings.log_level, settings.log_format)
    from content.loader import ContentError

    try:
        if args.command == "run":
            if settings.telegram_bot_token is None:
                print(NO_TOKEN, file=sys.stderr)
                return 2
            if settings.webhook_url:
                if settings.webhook_secret is None:
                    print(
                        "star-coach: WEBHOOK_URL is set but WEBHOOK_SECRET is not. Set "
                        "WEBHOOK_SECRET to a long random string (1-256 of A-Z a-z 0-9 _ -).",
                        file=sys.stderr,
                    )
                    return 2
                from bot.app.webhook import serve

                asyncio.run(serve(settings))
                return 0
            from bot.app.application import run

            run(settings)
            return 0
        if args.command == "chat":
            return asyncio.run(_chat(settings, args.user))
        if args.command == "assess":
            return cmd_assess(args, settings)
        if args.command == "content":
            from content.check import check_content

            return check_content(settings.content_pack_dirs, args.json, sys.stdout)
        if args.command == "stats":
            return asyncio.run(_stats(settings, args.json))
        if args.command == "db":
            return asyncio.run(_db_upgrade(settings))
    except ContentError as exc:
        print(f"star-coach: content error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 2


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
