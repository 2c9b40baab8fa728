"""The `star-coach` command: run, chat, assess, transcribe, content check, db upgrade."""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from pydantic import ValidationError

from bot.app.settings import Settings
from bot.app.suggest import unknown

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine

    from bot.assessment import Assessor
    from bot.voice.service import Transcript
    from content.loader import Content
    from content.models import Prompt

log = logging.getLogger("star_coach")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="star-coach",
        description="Rehearse the customer-service professional discussion in STAR form.",
        epilog="Exit status: 0 done, 1 failed (a bug, or an assess/content check that found an error), "
        "2 a setting is wrong, 3 a service is unreachable or a port taken (docs/operations.md).",
    )
    p.add_argument(
        "--debug", action="store_true",
        help="log at DEBUG and show the traceback behind an error (the same as LOG_LEVEL=DEBUG)",
    )
    # `--debug` after the command too (`star-coach run --debug`); SUPPRESS keeps the one before.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)

    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(
        parent: argparse._SubParsersAction[argparse.ArgumentParser], name: str, summary: str,
        description: str,
    ) -> argparse.ArgumentParser:
        return parent.add_parser(name, help=summary, description=description, parents=[common])

    command(
        sub, "run", "run the Telegram bot (needs TELEGRAM_BOT_TOKEN)",
        "Run the Telegram bot: long polling, or a webhook server when WEBHOOK_URL is set. At start "
        "it checks the settings, the content, the database (bringing its schema up to date) and the "
        "token, and exits 2 or 3 with one line on what to fix.",
    )
    chat = command(
        sub, "chat", "practise in this terminal (no token needed)",
        "Practise in this terminal: a question, your answer over several lines, /done for feedback, "
        "the assessor's follow-up question. /help lists the commands; /settings sets your level, "
        "sector and nation. Piped input is read as plain lines.",
    )
    chat.add_argument("--user", help="whose progress to use (default: your login name)")

    assess = command(
        sub, "assess", "assess one answer, or many as JSON lines",
        "Assess an answer from a file or standard input and print the feedback (or, with --json, "
        "the result). With --jsonl, each line is one answer as JSON and each result line keeps its "
        "id. Prompt and sector ids: `star-coach content list`.",
    )
    assess.add_argument("file", nargs="?", default="-", help="a file, or - for standard input")
    assess.add_argument("--prompt", help="the prompt id to mark against (default: generic)")
    assess.add_argument("--sector", default="general", help="the learner's sector id (default: general)")
    assess.add_argument(
        "--nation", default="unknown", type=_nation_arg,
        help="where the learner works: england, wales, scotland, ni (northern_ireland) or unknown",
    )
    fmt = assess.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print the result as JSON")
    fmt.add_argument(
        "--jsonl", action="store_true",
        help='read one {"id", "text", "prompt"?, "sector"?} object a line; print one result a line',
    )

    assess.add_argument(
        "--audio", metavar="FILE",
        help="a recording (OGG/Opus, MP3, WAV, M4A...) to transcribe and assess instead of text",
    )

    transcribe = command(
        sub, "transcribe", "transcribe a recording, as the bot does a voice note",
        "Transcribe a recording on this machine with VOICE_ENGINE (faster-whisper when installed, else "
        "pocketsphinx) and "
        "print the text; --json adds the duration, the engine and the seconds it took.",
    )
    transcribe.add_argument("file", help="a recording: OGG/Opus, MP3, WAV, M4A, a video...")
    transcribe.add_argument("--json", action="store_true", help="print text, duration, engine, seconds")

    content = command(
        sub, "content", "content tools: check, list",
        "Content tools: check the shipped content and the packs in CONTENT_PACK_DIRS, or list the "
        "ids `assess` and the packs refer to.",
    )
    csub = content.add_subparsers(dest="content_command", required=True, metavar="ACTION")
    check = command(
        csub, "check", "validate all content and print counts",
        "Validate all content (shipped and operator packs) and print counts; on an error, exit 1 "
        "naming the file, the entry and the field.",
    )
    check.add_argument("--json", action="store_true", help="print the report as JSON")
    listing = command(
        csub, "list", "list prompt and sector ids",
        "List the prompt ids (by topic, with levels and the start of the question) and the sector "
        "ids, for `assess --prompt/--sector` and content packs.",
    )
    listing.add_argument(
        "what", nargs="?", choices=("prompts", "sectors"), help="only prompts, or only sectors"
    )

    stats = command(
        sub, "stats", "counts an operator checks: learners, activity, nudges",
        "Print learners, active in the last 7 days, answers today and in all, reminders on, nudges "
        "due and sent in the last 24 hours, and cohorts.",
    )
    stats.add_argument("--json", action="store_true", help="print the counts as JSON")

    disputes = command(
        sub, "disputes", "marking points learners said the coach got wrong",
        "Marking points learners said the coach got wrong (\"That's not right\", /wrong).",
    )
    disub = disputes.add_subparsers(dest="disputes_command", required=True, metavar="ACTION")
    export = command(
        disub, "export", "every dispute as a labelled example (JSON lines or CSV)",
        "Print every dispute as a labelled example: the answer, the prompt and point, what the "
        "coach said, the learner's label and the evidence, as JSON lines or CSV.",
    )
    export.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    export.add_argument("--out", metavar="FILE", help="write here instead of standard output")
    db = command(sub, "db", "database tools", "Database tools.")
    dsub = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    command(
        dsub, "upgrade", "bring the database schema up to date",
        "Bring the database schema up to date (Alembic); `run` and `chat` also do this at start.",
    )
    return p


def _nation_arg(value: str) -> str:
    from content.nations import parse_nation

    nation = parse_nation(value)
    if nation is None:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a UK nation: use england, wales, scotland, ni or unknown"
        )
    return nation


def _env_file_error(path: Path = Path(".env")) -> tuple[int, str] | None:
    """The first line of .env that python-dotenv cannot read (it would skip it with a warning,
    and a token on it would then be "not set"): its number and the setting it seems to name."""
    from dotenv.parser import parse_stream

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None  # not there (or not a file): the settings come from the environment
    for binding in parse_stream(io.StringIO(text)):
        if binding.error:
            name = re.match(r"\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)", binding.original.string)
            return binding.original.line, name.group(1) if name else ""
    return None


def _settings() -> Settings:
    from bot.app.failures import CONFIG
    from bot.app.redact import redact

    unreadable = _env_file_error()
    if unreadable is not None:
        line, name = unreadable
        named = f" ({name})" if name else ""
        # The line itself is never printed: it may hold the token.
        print(f"star-coach: .env line {line}{named} cannot be read, so it would be ignored.", file=sys.stderr)
        print("  Write each setting as NAME=value on a line of its own, any quotes closed "
              "(.env.example shows them).", file=sys.stderr)
        raise SystemExit(CONFIG)
    try:
        return Settings()
    except ValidationError as exc:
        err = exc.errors()[0]
        # The setting as spelt in .env: pydantic adds the list position (`ADMIN_USER_IDS.0`).
        field = str(err["loc"][0]).upper() if err["loc"] else "a setting"
        message = str(err["msg"]).removeprefix("Value error, ")  # pydantic's prefix for our own checks
        print(redact(f"star-coach: setting {field}: {message}"), file=sys.stderr)
        print(f"  Correct {field} in .env or the environment (.env.example explains it).", file=sys.stderr)
        raise SystemExit(CONFIG) from exc


def _open(name: str) -> AbstractContextManager[TextIO]:
    """The named file, or standard input for `-` (left open for the caller's caller)."""
    if name == "-":
        return nullcontext(sys.stdin)
    try:
        return open(name, encoding="utf-8")
    except OSError as exc:
        print(f"star-coach: cannot read {name}: {exc.strerror}", file=sys.stderr)
        raise SystemExit(2) from exc


_ID = re.compile(r'"id"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+)')


def _jsonl_items(stream: TextIO) -> Iterator[tuple[int, dict[str, object] | str, object]]:
    """(line number, the object or what is wrong with the line, its id). A line that is not valid
    JSON still gives back the id it starts with, when one can be read, so the caller can match
    the error line to its input."""
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, f"line {number}: not JSON ({exc.msg})", _readable_id(line)
            continue
        ident = item.get("id") if isinstance(item, dict) else None
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            yield number, f'line {number}: expected an object with a "text" string', ident
            continue
        yield number, item, ident


def _readable_id(line: str) -> object:
    match = _ID.search(line)
    if match is None:
        return None
    try:
        return json.loads(match.group(1))
    except json.JSONDecodeError:
        return None


def cmd_assess(args: argparse.Namespace, settings: Settings) -> int:
    from bot.app.startup import load_checked_content
    from bot.assessment import Assessor

    content = load_checked_content(settings)
    assessor = Assessor(content)

    def prompt_for(pid: object) -> Prompt | None:
        if pid is None:
            return None
        if pid not in content.prompts:
            raise KeyError(unknown("prompt", str(pid), content.prompts, "star-coach content list prompts"))
        return content.prompts[str(pid)]

    def sector_for(sid: object) -> str:
        if sid not in content.sectors:
            raise KeyError(unknown("sector", str(sid), content.sectors, "star-coach content list sectors"))
        return str(sid)

    if args.audio:
        if args.jsonl or args.file != "-":
            print("star-coach: --audio takes the place of the text file and of --jsonl.", file=sys.stderr)
            return 2
        heard = _transcribe_file(args.audio, settings, content)
        if heard is None:
            return 2
        if not args.json:
            print(f"Heard ({heard.duration:.1f} s, {heard.engine}): {heard.text}\n")
        with io.StringIO(heard.text) as spoken:
            return _assess_stream(spoken, args, assessor, prompt_for, sector_for)
    try:
        with _open(args.file) as stream:
            return _assess_stream(stream, args, assessor, prompt_for, sector_for)
    except UnicodeDecodeError:
        where = "standard input" if args.file == "-" else args.file
        print(f"star-coach: {where} is not plain text (UTF-8); a Word or PDF file, perhaps?", file=sys.stderr)
        print("  Save the answer as plain text (.txt), or copy the words and pipe them in.", file=sys.stderr)
        return 2


def _transcribe_file(path: str, settings: Settings, content: Content | None = None) -> Transcript | None:
    """Transcribe in this process; None (with one line on stderr) when the file will not do."""
    from bot.app.startup import load_checked_content
    from bot.voice.decode import AudioError
    from bot.voice.service import transcribe_bytes
    from bot.voice.vocabulary import catalogue_forms

    try:
        audio = Path(path).read_bytes()
    except OSError as exc:
        print(f"star-coach: cannot read {path}: {exc.strerror or exc}.", file=sys.stderr)
        return None
    if len(audio) > settings.voice_max_bytes:
        print(f"star-coach: {path} is larger than VOICE_MAX_BYTES ({settings.voice_max_bytes}).",
              file=sys.stderr)
        return None
    try:
        vocabulary = catalogue_forms(content or load_checked_content(settings))
        return transcribe_bytes(audio, settings.voice_engine, settings.voice_max_seconds, vocabulary)
    except AudioError as exc:
        print(f"star-coach: {path}: {exc}", file=sys.stderr)
        return None


def cmd_transcribe(args: argparse.Namespace, settings: Settings) -> int:
    heard = _transcribe_file(args.file, settings)
    if heard is None:
        return 2
    print(json.dumps(heard.as_dict(), indent=2) if args.json else heard.text)
    return 0


def cmd_content_list(what: str | None, settings: Settings) -> int:
    from bot.app.startup import load_checked_content

    content = load_checked_content(settings)
    if what in (None, "prompts"):
        print("Prompts (star-coach assess --prompt ID):")
        for topic_id, topic in content.topics.items():
            prompts = content.prompts_for(topic_id)
            if not prompts:
                continue
            print(f"  {topic.title}")
            for prompt in prompts:
                levels = ",".join(str(level) for level in prompt.levels)
                sectors = f" [{', '.join(prompt.sectors)}]" if prompt.sectors else ""
                words = prompt.text.split()
                start = " ".join(words[:9]) + (" ..." if len(words) > 9 else "")
                print(f"    {prompt.id:<34} L{levels}{sectors}  {start}")
    if what in (None, "sectors"):
        if what is None:
            print()
        print("Sectors (star-coach assess --sector ID):")
        for sector in content.sectors.values():
            print(f"  {sector.id:<20} {sector.label}")
    return 0


def _assess_stream(
    stream: TextIO,
    args: argparse.Namespace,
    assessor: Assessor,
    prompt_for: Callable[[object], Prompt | None],
    sector_for: Callable[[object], str],
) -> int:
    from bot.render.feedback import PLAIN, render_feedback

    if args.jsonl:
        failures = 0
        for number, item, ident in _jsonl_items(stream):
            if isinstance(item, str):
                failures += 1
                print(json.dumps({"id": ident, "line": number, "error": item}), flush=True)
                continue
            try:
                prompt = prompt_for(item.get("prompt"))
                sector = sector_for(item.get("sector") or args.sector)
            except KeyError as exc:
                failures += 1
                print(json.dumps({"id": item.get("id"), "line": number, "error": exc.args[0]}), flush=True)
                continue
            nation = _item_nation(item.get("nation"), args.nation)
            if nation is None:
                failures += 1
                print(json.dumps({"id": item.get("id"), "line": number, "error": (
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
        sector = sector_for(args.sector)
    except KeyError as exc:
        print(f"star-coach: {exc.args[0]}.", file=sys.stderr)
        return 2
    result = assessor.assess(text, prompt=prompt, sector=sector, nation=args.nation)
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
    from bot.app.startup import load_checked_content, open_database
    from bot.app.terminal import chat
    from bot.clock import Clock

    content = load_checked_content(settings)
    engine = await open_database(settings)
    services = Services.build(settings, content=content, engine=engine, clock=Clock())
    try:
        return await chat(services, user)
    finally:
        await services.close()


async def _db_upgrade(settings: Settings) -> int:
    from bot.app.startup import open_database
    from storage.db import current_revision

    engine = await open_database(settings)
    try:
        print(f"Database is at revision {await current_revision(engine)}.")
    finally:
        await engine.dispose()
    return 0


async def _open_read_only(settings: Settings, *, behind_ok: bool) -> AsyncEngine:
    """An engine on an existing, migrated database, for a command that only reads: it never
    creates a database file nor changes the schema (`db upgrade` does). A schema behind this
    version is named on standard error when `behind_ok`, else refused."""
    from bot.app.failures import OperatorError
    from bot.app.startup import open_database
    from storage.db import check_url, current_revision, head_revision, known_revision, sqlite_path

    check_url(settings.database_url)
    path = sqlite_path(settings.database_url)
    if path is not None and not path.exists():
        raise OperatorError(
            f"there is no database at {path}.",
            "Start the bot, or run `star-coach db upgrade`, to create it.",
        )
    engine = await open_database(settings, upgrade=False)
    try:
        revision = await current_revision(engine)
        if revision is None:
            raise OperatorError(
                "the database has no STAR Coach schema yet (not migrated).",
                "Run `star-coach db upgrade` (or start the bot) first.",
            )
        if not known_revision(revision):
            raise OperatorError(
                f"the database schema is newer than this version of STAR Coach (revision {revision}).",
                "Run the newer version that upgraded it, or restore the backup taken before.",
            )
        if revision != (head := head_revision()):
            behind = f"the schema is at revision {revision}, this version expects {head}"
            if not behind_ok:
                raise OperatorError(f"{behind}.", "Run `star-coach db upgrade` to bring it up to date.")
            print(f"star-coach: {behind}; run `star-coach db upgrade` to bring it up to date.",
                  file=sys.stderr)
    except BaseException:
        await engine.dispose()
        raise
    return engine


async def _stats(settings: Settings, as_json: bool) -> int:
    from datetime import UTC, datetime

    from bot.app import stats
    from storage.db import make_session_factory

    engine = await _open_read_only(settings, behind_ok=True)
    try:
        async with make_session_factory(engine)() as session:
            result = await stats.collect(session, now=datetime.now(UTC))
    finally:
        await engine.dispose()
    print(json.dumps(result.to_dict()) if as_json else stats.render(result))
    return 0


async def _dispute_rows(settings: Settings) -> list[dict[str, Any]]:
    from bot.clock import Clock
    from bot.practice.disputes import DisputeService
    from storage.db import make_session_factory

    # Read-only, like stats: run in the wrong folder it says so instead of creating a database.
    engine = await _open_read_only(settings, behind_ok=False)
    try:
        return list(await DisputeService(sessions=make_session_factory(engine), clock=Clock()).examples())
    finally:
        await engine.dispose()


def _disputes_export(settings: Settings, fmt: str, out: str | None) -> int:
    from bot.app.failures import OperatorError
    from bot.practice.disputes import to_csv, to_jsonl

    rows = asyncio.run(_dispute_rows(settings))
    text = to_csv(rows) if fmt == "csv" else to_jsonl(rows)
    if out:
        try:
            with open(out, "w", encoding="utf-8", newline="") as f:
                f.write(text)
        except OSError as exc:
            raise OperatorError(
                f"cannot write {out}: {exc.strerror or exc}.",
                "Give --out a file in a folder that exists and that you may write to.",
            ) from exc
        print(f"Wrote {len(rows)} dispute{'' if len(rows) == 1 else 's'} to {out}.", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _run(settings: Settings) -> int:
    """Check everything `run` needs (bot.app.startup), then run the bot until it is stopped."""
    from bot.app.startup import check_run_settings, load_checked_content, preflight_run

    check_run_settings(settings)
    content = load_checked_content(settings)
    asyncio.run(preflight_run(settings))
    if settings.webhook_url:
        from bot.app.webhook import serve

        asyncio.run(serve(settings, content=content))
        return 0
    from bot.app.application import run

    run(settings, content=content)
    return 0


def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "run":
        return _run(settings)
    if args.command == "chat":
        return asyncio.run(_chat(settings, args.user))
    if args.command == "assess":
        return cmd_assess(args, settings)
    if args.command == "transcribe":
        return cmd_transcribe(args, settings)
    if args.command == "content":
        from content.check import check_content

        if args.content_command == "list":
            return cmd_content_list(args.what, settings)
        return check_content(settings.content_pack_dirs, args.json, sys.stdout)
    if args.command == "stats":
        return asyncio.run(_stats(settings, args.json))
    if args.command == "db":
        return asyncio.run(_db_upgrade(settings))
    if args.command == "disputes":
        return _disputes_export(settings, args.format, args.out)
    return 2


def main(argv: list[str] | None = None) -> int:
    """Run one command. An operator's mistake (a setting, a missing service) prints what is wrong
    and what to do, and exits 2 (configuration) or 3 (unavailable); see bot.app.failures."""
    args = _parser().parse_args(argv)
    settings = _settings()
    from bot.app.failures import explain
    from bot.app.logs import configure

    debug = args.debug or settings.log_level.upper() == "DEBUG"
    configure("DEBUG" if debug else settings.log_level, settings.log_format)
    try:
        return _dispatch(args, settings)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`star-coach content list | head`): nothing is wrong.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as exc:
        err = explain(exc, settings.database_url)
        if err is None:
            # A bug, not a setting: the whole traceback, through the redacting log filter.
            log.critical("star-coach %s stopped on an unexpected error", args.command, exc_info=exc)
            return 1
        if debug:
            log.error("star-coach %s: %s", args.command, err.what, exc_info=exc)
        for line in err.lines():
            print(line, file=sys.stderr)
        return err.status


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
