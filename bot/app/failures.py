"""Operator mistakes end in one or two plain lines and a documented exit status, not a traceback.

A wrong setting or a missing service is not a bug: the operator needs to read what is wrong and
what to do, and systemd needs to know that starting again will not help (the unit in
docs/operations.md has `RestartPreventExitStatus=2 3`). `--debug` (or LOG_LEVEL=DEBUG) logs the
traceback as well. Anything not recognised here is a bug and keeps its traceback (status 1).
"""

from __future__ import annotations

import errno
import socket
import sqlite3
from collections.abc import Iterator

from sqlalchemy.engine import make_url

from bot.app.redact import redact

#: A setting is wrong (missing, malformed, rejected): fix it, then start again.
CONFIG = 2
#: Something the coach needs is not there or not reachable (the database server, the port, the
#: Bot API): start it or free it, then start again.
UNAVAILABLE = 3


class OperatorError(Exception):
    """What is wrong and what to do, for an operator, with the exit status."""

    def __init__(self, what: str, todo: str, status: int = CONFIG) -> None:
        super().__init__(what)
        self.what = what
        self.todo = todo
        self.status = status

    def lines(self) -> list[str]:
        """The one or two lines printed to standard error (secrets masked)."""
        return [redact(f"star-coach: {self.what}"), redact(f"  {self.todo}")]


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _where(url: str) -> str:
    """host:port/database of a PostgreSQL URL, or the SQLite file (never the password)."""
    try:
        parsed = make_url(url)
    except Exception:  # the URL was checked before; this is only for a message
        return "the database"
    if parsed.get_backend_name() == "sqlite":
        return f"the SQLite file {parsed.database or '(in memory)'}"
    return f"PostgreSQL at {parsed.host or 'localhost'}:{parsed.port or 5432}"


def database_error(exc: BaseException, url: str, *, connecting: bool = True) -> OperatorError | None:
    """An operator's reading of a failure to open, check or upgrade the database. Network errors
    count only while `connecting` (elsewhere an OSError may be anything)."""
    from storage.db import DatabaseUrlError

    for item in _chain(exc):
        name = type(item).__name__
        text = str(item).splitlines()[0] if str(item) else name
        if isinstance(item, DatabaseUrlError):
            return OperatorError(str(item), "Correct DATABASE_URL in .env (see .env.example).")
        if name == "InvalidCatalogNameError":  # asyncpg: database "x" does not exist
            db = make_url(url).database
            return OperatorError(
                f"{text} on {_where(url)}.",
                f"Create it (createdb --owner=<user> {db}) or correct the name in DATABASE_URL.",
            )
        if name in ("InvalidPasswordError", "InvalidAuthorizationSpecificationError"):
            return OperatorError(
                f"{_where(url)} refused the login: {text}.",
                "Correct the user name and password in DATABASE_URL.",
            )
        if name == "InsufficientPrivilegeError":
            return OperatorError(
                f"{_where(url)} refused: {text}.",
                "Make the DATABASE_URL user the owner of the database "
                "(ALTER DATABASE <name> OWNER TO <user>), then start again.",
            )
        if name in ("UndefinedTableError",) or (
            isinstance(item, sqlite3.OperationalError) and text.startswith("no such table")
        ):
            return OperatorError(
                f"the database is not migrated ({text}).",
                "Run `star-coach db upgrade`, then start again.",
            )
        if name == "CommandError" and "Can't locate revision" in text:
            return OperatorError(
                f"the database schema is newer than this version of STAR Coach ({text}).",
                "Run the newer version that upgraded it, or restore the backup taken before.",
            )
        if isinstance(item, sqlite3.DatabaseError) and "not a database" in text:
            return OperatorError(
                f"cannot use {_where(url)}: {text}.",
                "Point DATABASE_URL at the coach's own database file, or at a new file name.",
            )
        if isinstance(item, sqlite3.OperationalError) and "unable to open" in text:
            return OperatorError(
                f"cannot use {_where(url)}: {text}.",
                "Create its folder and make it writable for this user, or correct DATABASE_URL.",
            )
        if not connecting:
            continue
        if isinstance(item, socket.gaierror):
            return OperatorError(
                f"cannot find the database host in DATABASE_URL ({_where(url)}): {item.strerror}.",
                "Correct the host name in DATABASE_URL, or check the DNS.",
                UNAVAILABLE,
            )
        if isinstance(item, ConnectionError | TimeoutError | OSError) and not isinstance(
            item, FileNotFoundError
        ):
            reason = item.strerror if isinstance(item, OSError) and item.strerror else text
            return OperatorError(
                f"cannot reach {_where(url)}: {reason}.",
                "Start PostgreSQL (systemctl start postgresql), or correct the host and port in "
                "DATABASE_URL.",
                UNAVAILABLE,
            )
    return None


def port_error(exc: OSError, listen: str, port: int) -> OperatorError | None:
    """The webhook server could not listen on WEBHOOK_LISTEN:WEBHOOK_PORT."""
    where = f"{listen}:{port}"
    if exc.errno == errno.EADDRINUSE:
        return OperatorError(
            f"port {where} is already in use by another program (WEBHOOK_LISTEN, WEBHOOK_PORT).",
            f"Stop it (`ss -ltnp 'sport = :{port}'` names it) or choose another WEBHOOK_PORT.",
            UNAVAILABLE,
        )
    if exc.errno == errno.EACCES:
        return OperatorError(
            f"no permission to listen on {where} (ports below 1024 need root).",
            "Use a port above 1024 (8080 is the default) behind the reverse proxy.",
        )
    if exc.errno == errno.EADDRNOTAVAIL or isinstance(exc, socket.gaierror):
        return OperatorError(
            f"WEBHOOK_LISTEN={listen} is not an address of this machine.",
            "Use 127.0.0.1 (behind a reverse proxy on the same machine) or 0.0.0.0.",
        )
    return None


def explain(exc: BaseException, database_url: str) -> OperatorError | None:
    """The operator's reading of an exception that ended a command, or None for a bug."""
    from telegram.error import InvalidToken

    from content.loader import ContentError

    for item in _chain(exc):
        if isinstance(item, OperatorError):
            return item
        if isinstance(item, ContentError):
            return content_error(item)
        if isinstance(item, InvalidToken):
            return token_rejected()
    return database_error(exc, database_url, connecting=False)


def content_error(exc: Exception) -> OperatorError:
    return OperatorError(
        f"content error: {exc}",
        "Fix that file (`star-coach content check` lists every problem), or take its folder out "
        "of CONTENT_PACK_DIRS.",
    )


def token_rejected() -> OperatorError:
    return OperatorError(
        "Telegram rejected TELEGRAM_BOT_TOKEN (it was revoked, or mistyped).",
        "Copy the token again from @BotFather (/mybots, your bot, API Token) into .env.",
    )
