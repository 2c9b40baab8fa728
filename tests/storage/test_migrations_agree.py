"""The Alembic revisions and the SQLModel tables describe the same schema, with one head."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (registers every table on SQLModel.metadata)
from storage.db import make_engine, upgrade_database

MIGRATIONS = Path(__file__).resolve().parents[2] / "storage" / "migrations"


def test_one_head() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert len(ScriptDirectory.from_config(config).get_heads()) == 1


async def test_upgraded_schema_matches_the_models(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'agree.db'}")
    await upgrade_database(engine)

    def diff(connection: Any) -> list[Any]:
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        return list(compare_metadata(context, SQLModel.metadata))

    async with engine.connect() as conn:
        found = await conn.run_sync(diff)
    await engine.dispose()
    assert found == []
