"""The migrations and the models agree, and the README's Alembic workflow works from the shell."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (registers the tables)
from storage.db import head_revision, make_engine, upgrade_database

ROOT = Path(__file__).resolve().parents[2]


def _differences(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, SQLModel.metadata))


async def test_the_migrated_schema_is_the_models(db_url: str) -> None:
    """Every table, column, type, index and key in storage/models.py is made by the migrations,
    and nothing else: a model changed without a revision (or the reverse) fails here."""
    engine = make_engine(db_url)
    try:
        await upgrade_database(engine)
        async with engine.connect() as conn:
            assert await conn.run_sync(_differences) == []
    finally:
        await engine.dispose()


def _alembic(*args: str, cwd: Path, url: str, config: Path = ROOT / "alembic.ini") -> str:
    env = {**os.environ, "DATABASE_URL": url}
    env.pop("PYTHONPATH", None)  # alembic.ini itself puts the project on the path
    done = subprocess.run(
        [sys.executable, "-m", "alembic", "-c", str(config), *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout + done.stderr


def test_alembic_command_line_refuses_without_a_database(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PYTHONPATH")}
    done = subprocess.run(
        [sys.executable, "-m", "alembic", "-c", str(ROOT / "alembic.ini"), "current"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode != 0 and "DATABASE_URL" in done.stderr
    assert not list(tmp_path.iterdir())  # no database file made by accident


def test_autogenerate_writes_the_revision_a_model_change_needs(tmp_path: Path) -> None:
    """The README's workflow on a copy of the migrations without the revisions from 0003 on (the
    newest among them): the models are then "changed", and autogenerate must write a revision that
    brings the schema to them, with state columns (enums in the models) as plain VARCHARs."""
    scripts = tmp_path / "migrations"
    shutil.copytree(ROOT / "storage" / "migrations", scripts,
                    ignore=shutil.ignore_patterns("__pycache__"))
    later = [path for path in (scripts / "versions").glob("*.py") if path.name >= "0003"]
    assert any(f"revision: str = '{head_revision()}'" in path.read_text() for path in later)
    for path in later:
        path.unlink()
    ini = tmp_path / "alembic.ini"
    ini.write_text(
        (ROOT / "alembic.ini").read_text()
        .replace("script_location = %(here)s/storage/migrations", f"script_location = {scripts}")
        .replace("prepend_sys_path = %(here)s", f"prepend_sys_path = {ROOT}")
    )
    url = f"sqlite+aiosqlite:///{tmp_path / 'scratch.db'}"
    _alembic("upgrade", "head", cwd=tmp_path, url=url, config=ini)
    _alembic("revision", "--autogenerate", "-m", "the change", "--rev-id", "0099_test",
             cwd=tmp_path, url=url, config=ini)
    (written,) = (scripts / "versions").glob("0099_test_*.py")
    assert written.name == "0099_test_the_change.py"
    revision = written.read_text()
    assert "def upgrade() -> None:\n    pass" not in revision  # it found the change
    assert "sa.Column('status', sa.String(length=16), nullable=False)" in revision  # nudge_log
    assert "StoredEnum" not in revision
    _alembic("upgrade", "head", cwd=tmp_path, url=url, config=ini)
    assert "No new upgrade operations detected" in _alembic("check", cwd=tmp_path, url=url, config=ini)
    assert "0099_test (head)" in _alembic("current", cwd=tmp_path, url=url, config=ini)


def test_alembic_prints_postgresql_sql_offline(tmp_path: Path) -> None:
    """`--sql` writes the SQL for a DBA to read or run, connecting to nothing."""
    out = _alembic("upgrade", "head", "--sql", cwd=tmp_path, url="postgresql://nobody@127.0.0.1:1/none")
    assert "CREATE TABLE learner" in out and f"'{head_revision()}'" in out
