"""Alembic environment, used two ways.

- In-process: `storage.db.upgrade_database` (what `star-coach run`, `chat` and `db upgrade` call)
  hands in an open connection, so the bot needs no `alembic.ini` and takes its advisory lock.
- The Alembic command line, for developers (`alembic -c alembic.ini revision --autogenerate`,
  `alembic upgrade head`, `alembic check`): the database comes from `-x url=...` or the
  `DATABASE_URL` environment variable, and `--sql` prints the SQL instead of running it.
"""

from __future__ import annotations

import asyncio
import os
from logging.config import fileConfig

from alembic import context
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

import storage.models  # registers the tables on SQLModel.metadata
from storage.db import make_engine, normalise_url

target_metadata = SQLModel.metadata


def _render_item(kind: str, obj: object, autogen_context: object) -> str | bool:
    """A state column (storage.models.StoredEnum) is a plain VARCHAR in a revision."""
    if kind == "type" and isinstance(obj, storage.models.StoredEnum):
        return f"sa.String(length={obj.length})"
    return False  # Alembic's own rendering


def _configure(**kwargs: object) -> None:
    options = {"target_metadata": target_metadata, "compare_type": True, "render_item": _render_item}
    context.configure(**options, **kwargs)  # type: ignore[arg-type]


def _run_on(connection: Connection) -> None:
    # SQLite cannot ALTER most things in place; batch mode copies the table instead.
    _configure(connection=connection, render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


def _command_line_url() -> str:
    url = context.get_x_argument(as_dictionary=True).get("url") or os.environ.get("DATABASE_URL")
    if not url:
        raise SystemExit(
            "alembic: say which database, e.g. DATABASE_URL=sqlite+aiosqlite:///scratch.db "
            "alembic revision --autogenerate -m 'what changed' (or -x url=...)"
        )
    return normalise_url(url)


async def _run_from_command_line(url: str) -> None:
    engine = make_engine(url)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_run_on)
            await connection.commit()
    finally:
        await engine.dispose()


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run_on(connection)
    elif context.is_offline_mode():
        url = _command_line_url()
        _configure(url=url, literal_binds=True, render_as_batch=url.startswith("sqlite"))
        with context.begin_transaction():
            context.run_migrations()
    else:
        asyncio.run(_run_from_command_line(_command_line_url()))


if context.config.config_file_name is not None and context.config.attributes.get("connection") is None:
    fileConfig(context.config.config_file_name, disable_existing_loggers=False)
run_migrations()
