"""The learner's data rights: a copy of everything stored about them, and erasure.

Both work from the learner row outwards: every table with a foreign key to `learner.id` is
found from the schema (storage.queries.learner_tables), so a table added later is exported
and erased with no change here, as long as it references the learner with ON DELETE CASCADE.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from bot.clock import Clock, zone
from storage import queries
from storage.db import SessionFactory
from storage.models import Learner, aware

EXPORT_FORMAT = "star-coach-export/1"
ABOUT = (
    "Everything STAR Coach stores about you: your learner record, the answer you are writing "
    "(if any) and every answer you submitted with its assessment. Stored times are in UTC; "
    "exported_at is your local time."
)


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return aware(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def export_filename(data: dict[str, Any]) -> str:
    """`star-coach-data-<local date>.json` for an export made by `export_learner`."""
    return f"star-coach-data-{str(data.get('exported_at', ''))[:10] or 'export'}.json"


@dataclass(frozen=True)
class Privacy:
    """The learner's data rights, over the database: find without creating, export, count, erase."""

    sessions: SessionFactory
    clock: Clock
    default_timezone: str

    async def find(self, key: str) -> Learner | None:
        """The learner with this key, without creating one (asking about data must not store any)."""
        async with self.sessions() as session:
            return await queries.get_learner(session, key=key)

    async def export(self, learner_id: int) -> dict[str, Any]:
        """Everything stored about one learner, ready for `json.dumps`; an empty dict if the
        learner does not exist.

        Keys: `learner` (the row), `draft` (the open answer, or null), `attempts` (oldest first,
        each with its `result`), and any further table about the learner under its own name.
        """
        async with self.sessions() as session:
            rows = await queries.learner_rows(session, learner_id=learner_id)
        learner_row = rows.pop(queries.LEARNER_TABLE, [])
        if not learner_row:
            return {}
        learner = learner_row[0]
        tz = zone(learner.get("timezone"), self.default_timezone)
        drafts = rows.pop("draft", [])
        data: dict[str, Any] = {
            "format": EXPORT_FORMAT,
            "about": ABOUT,
            # The learner's local time: it also names the file they receive.
            "exported_at": self.clock.now().astimezone(tz).isoformat(timespec="seconds"),
            "learner": _jsonable(learner),
            "draft": _jsonable(drafts[0]) if drafts else None,
            "attempts": _jsonable(rows.pop("attempt", [])),
        }
        data.update({name: _jsonable(items) for name, items in rows.items()})
        return data

    async def counts(self, learner_id: int) -> dict[str, int]:
        """How many rows each table holds about the learner (`learner` is 0 or 1)."""
        async with self.sessions() as session:
            return await queries.count_learner_rows(session, learner_id=learner_id)

    async def erase(self, learner_id: int) -> int:
        """Erase the learner and, through ON DELETE CASCADE, everything that references them.
        Returns the number of rows erased (0 if there was nothing to erase)."""
        async with self.sessions.begin() as session:
            return await queries.delete_learner(session, learner_id=learner_id)
