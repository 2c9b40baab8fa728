"""Disputes: the learner says the coach got a marking point wrong ("That's not right").

The learner picks the point on one of their own answers; the disagreement is stored once per
point, acknowledged kindly, shown to the assessors of the learner's cohorts in /learner, and
exported by operators (`star-coach disputes export`) as labelled examples: the answer, the point,
what the coach said, and the learner's label (the opposite).

Nothing about the grade changes: a person looks at it. The learner's own record holds the rows,
so /mydata shows them and /deleteme erases them with everything else.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlmodel import col, select

from bot.clock import Clock
from storage.db import SessionFactory
from storage.models import Attempt, PointDispute


class DisputeError(Exception):
    """Something the learner can put right; the message says how."""


@dataclass(frozen=True)
class PointChoice:
    index: int
    id: str
    text: str
    met: bool


@dataclass(frozen=True)
class Disputed:
    point_text: str
    coach_met: bool
    already: bool  # the learner had said so before


def choices(attempt: Attempt) -> list[PointChoice]:
    """The marking points of a stored answer, in the order the feedback showed them."""
    points = attempt.result.get("marking_points", []) if attempt.result else []
    return [
        PointChoice(i, str(p.get("id", "")), str(p.get("text", "")), bool(p.get("met")))
        for i, p in enumerate(points)
    ]


class DisputeService:
    def __init__(self, *, sessions: SessionFactory, clock: Clock) -> None:
        self.sessions = sessions
        self.clock = clock

    async def _own_attempt(self, learner_id: int, attempt_id: int) -> Attempt:
        async with self.sessions() as session:
            attempt = await session.get(Attempt, attempt_id)
        if attempt is None or attempt.learner_id != learner_id:
            raise DisputeError("I can't find that answer any more. Your other answers are in /answers.")
        return attempt

    async def points(self, learner_id: int, attempt_id: int) -> list[PointChoice]:
        found = choices(await self._own_attempt(learner_id, attempt_id))
        if not found:
            raise DisputeError("That answer has no marking points to disagree with.")
        return found

    async def dispute(self, learner_id: int, attempt_id: int, index: int) -> Disputed:
        """Store that the learner disagrees with point number `index` of their answer."""
        attempt = await self._own_attempt(learner_id, attempt_id)
        points = choices(attempt)
        if not 0 <= index < len(points):
            raise DisputeError("That point is not on this answer any more. Open the feedback again.")
        point = points[index]
        async with self.sessions.begin() as session:
            existing = (
                await session.exec(
                    select(PointDispute).where(
                        PointDispute.attempt_id == attempt_id, PointDispute.point_id == point.id
                    )
                )
            ).first()
            if existing is not None:
                return Disputed(point.text, point.met, already=True)
            session.add(
                PointDispute(
                    attempt_id=attempt_id, learner_id=learner_id, prompt_id=attempt.prompt_id,
                    point_id=point.id, point_text=point.text, coach_met=point.met,
                    created_at=self.clock.now(),
                )
            )
        return Disputed(point.text, point.met, already=False)

    async def of_learners(self, learner_ids: Iterable[int]) -> dict[int, list[PointDispute]]:
        """Disputes by learner, newest first (for an assessor's /learner)."""
        ids = list(learner_ids)
        if not ids:
            return {}
        async with self.sessions() as session:
            rows = (
                await session.exec(
                    select(PointDispute)
                    .where(col(PointDispute.learner_id).in_(ids))
                    .order_by(col(PointDispute.created_at).desc(), col(PointDispute.id).desc())
                )
            ).all()
        out: dict[int, list[PointDispute]] = {}
        for row in rows:
            out.setdefault(row.learner_id, []).append(row)
        return out

    async def examples(self) -> list[dict[str, Any]]:
        """Every dispute as a labelled example, oldest first."""
        async with self.sessions() as session:
            rows = (
                await session.exec(
                    select(PointDispute, Attempt)
                    .join(Attempt, col(Attempt.id) == col(PointDispute.attempt_id))
                    .order_by(col(PointDispute.created_at), col(PointDispute.id))
                )
            ).all()
        out = []
        for dispute, attempt in rows:
            stored: list[dict[str, Any]] = (attempt.result or {}).get("marking_points", [])
            point: dict[str, Any] = next((p for p in stored if p.get("id") == dispute.point_id), {})
            out.append(
                {
                    "dispute_id": dispute.id,
                    "created_at": dispute.created_at.isoformat(timespec="seconds"),
                    "attempt_id": dispute.attempt_id,
                    "prompt": dispute.prompt_id,
                    "sector": (attempt.result or {}).get("sector"),
                    "point": dispute.point_id,
                    "point_text": dispute.point_text,
                    "coach_met": dispute.coach_met,
                    "learner_met": not dispute.coach_met,
                    "evidence": [q.get("text") for q in point.get("evidence", [])],
                    "text": attempt.text,
                }
            )
        return out


CSV_FIELDS = (
    "dispute_id", "created_at", "attempt_id", "prompt", "sector", "point", "point_text",
    "coach_met", "learner_met", "evidence", "text",
)


def to_jsonl(rows: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def to_csv(rows: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS)
    writer.writeheader()
    for r in rows:
        writer.writerow({**r, "evidence": " | ".join(e for e in r["evidence"] if e)})
    return buf.getvalue()
