"""Assessors see their learners' mock reports: /learner, /cohort (areas not yet evidenced across
the cohort), the CSV export and the weekly digest; a learner's words only if they share answers."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from bot.render import reports
from handlers import assessor as assessor_handlers
from handlers.context import Context
from tests.bot.render.test_reports import pdf_text
from tests.handlers.test_assessor import LEARNER, OWNER, World, cohort, settings, world  # noqa: F401
from tests.helpers import FixedClock

ROLE = (
    "My role is customer adviser and I am responsible for first-line queries. Our customers are "
    "account holders and internal customers in billing. I work within the Consumer Rights Act 2015 "
    "and follow our complaints procedure."
)
BO = 301


async def mock_once(world: World, uid: int, answer: str) -> None:  # noqa: F811
    await world.press(uid, "exam:std:st0072")
    await world.send(uid, "/mock 20")
    await world.send(uid, answer)
    texts = await world.send(uid, "/mock end")
    assert "Readiness report" in texts[-1]


async def test_mock_reports_reach_the_assessor_everywhere(
    world: World, cohort: dict[str, str], clock: FixedClock,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(reports, "unicode_font", lambda: None)  # the PDF's text stays readable
    clock.advance(timedelta(days=1))
    await mock_once(world, LEARNER, ROLE)
    await mock_once(world, BO, "My role is to help customers on the phone.")

    lee = "\n".join(await world.send(OWNER, "/learner Lee"))
    assert "Mock discussions" in lee and "4/18 areas, not yet ready" in lee
    assert "Meeting regulations and legislation: “I work within the Consumer Rights Act 2015" in lee
    bo = "\n".join(await world.send(OWNER, "/learner #" + str(await learner_no(world, BO))))
    assert "1/18 areas" in bo and "Your role and responsibility" in bo
    assert "My role is to help" not in bo  # Bo shares summaries only

    overview = "\n".join(await world.send(OWNER, "/cohort"))
    assert "Mock discussions: 2 of 2 learners have done one." in overview
    assert ("Not yet evidenced in their latest mock: Systems and resources (2), Customer experience (2)"
            in overview)
    assert "latest mock: " in overview

    await world.send(OWNER, "/export")
    (_, csv_bytes), _, (_, pdf_bytes) = world.documents(OWNER)
    pdf = pdf_text(pdf_bytes)
    assert "Mock discussions" in pdf and "Not yet evidenced in their latest mock" in pdf
    rows = {r["name"]: r for r in csv.DictReader(io.StringIO(csv_bytes.decode("utf-8-sig")))}
    assert rows["Lee"]["mock_band"] == "not_yet" and rows["Lee"]["mock_areas_evidenced"] == "4"
    assert rows["Lee"]["mock_areas_total"] == "18"
    assert "Team working" in rows["Lee"]["mock_not_yet_evidenced"]
    assert "Meeting regulations" not in rows["Lee"]["mock_not_yet_evidenced"]

    clock.set(clock.now() + timedelta(days=6))
    await assessor_handlers.send_digests(Context(world.app))
    digest = next(t for t in world.request.texts(OWNER) if "Weekly digest" in t)
    mocked = next(line for line in digest.splitlines() if line.startswith("Mock discussions this week"))
    assert "Lee" in mocked and "Bo &amp; Co" in mocked
    gaps = next(line for line in digest.splitlines() if line.startswith("Not yet evidenced"))
    assert "Customer experience (2)" in gaps and "Meeting regulations and legislation (1)" in gaps


async def learner_no(world: World, uid: int) -> int:  # noqa: F811
    learner = await world.app.bot_data.services.practice.learner(key=f"tg:{uid}")
    assert learner.id is not None
    return learner.id
