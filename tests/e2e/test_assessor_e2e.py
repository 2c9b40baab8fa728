"""End to end: an operator makes an assessor, who creates a cohort; a new learner opens the
invite link (`/start c_<code>`), agrees to the privacy notice, sees what is shared and joins; the
assessor sees them in /cohort and exports the CSV and PDF; a bot restart in the middle loses
nothing. The real `star-coach run` process against the Bot API emulator."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import pytest

from tests.e2e.emulator import BotApiEmulator, inline_buttons

pytestmark = pytest.mark.e2e

ADMIN, ASSESSOR, LEARNER, OTHER = 7001, 7002, 7003, 7004
LINK = re.compile(r"https://t\.me/\w+\?start=(c_[A-Za-z0-9_-]+)")


def data_of(message: dict[str, Any]) -> list[str]:
    return [b["callback_data"] for b in inline_buttons(message)]


async def test_invite_consent_join_view_and_export(emulator: BotApiEmulator, start_bot) -> None:
    env = {"ADMIN_USER_IDS": str(ADMIN)}
    bot = await start_bot(extra_env=env)
    await bot.wait_ready(timeout=60)
    admin, olive = emulator.user(ADMIN, "Ada"), emulator.user(ASSESSOR, "Olive")
    lee, other = emulator.user(LEARNER, "Lee <3"), emulator.user(OTHER, "Otto")

    await olive.send("/start")
    await olive.wait_reply("Your privacy")
    await admin.send(f"/grant {ASSESSOR}")
    await admin.wait_reply("is now an assessor")
    await olive.wait_reply("You are now an assessor")
    await olive.send("/newcohort Retail March")
    created = await olive.wait_reply("created")
    payload = LINK.search(created["text"]).group(1)  # type: ignore[union-attr]

    await lee.send(f"/start {payload}")
    notice = await lee.wait_reply("Your privacy")  # one message before the first button
    assert "invite" in notice["text"] and len(notice["text"]) <= 600
    assert data_of(notice)[0] == f"coh:pv:{payload[2:]}"

    # A restart between the notice and the answer loses nothing: the code is in the button.
    await bot.stop()
    bot = await start_bot(extra_env=env)
    await bot.wait_ready(timeout=60)

    await lee.press(notice, f"coh:pv:{payload[2:]}")
    consent = await lee.wait_reply("Join “Retail March”?")
    assert "Olive" in consent["text"] and "answer texts" in consent["text"]
    await lee.press(consent, f"coh:join:{payload[2:]}:s")
    await lee.wait_reply("You've joined Retail March")
    await lee.wait_reply("first question")

    await olive.send("/cohort")
    view = await olive.wait_reply("Retail March")
    assert "Lee <3" in view["text"] and "1 learner" in view["text"]  # parsed HTML: escaped right

    await other.send("/cohort")
    await other.wait_reply("This command is for assessors.")

    await olive.send("/export")
    await olive.wait_reply(lambda m: m["document"]["file_name"].endswith(".pdf"), timeout=20)
    files = {u.filename: u.data for u in emulator.uploads if u.chat_id == ASSESSOR}
    (csv_name,) = [n for n in files if n and n.endswith(".csv") and "-evidence-" not in n]
    rows = list(csv.DictReader(io.StringIO(files[csv_name].decode("utf-8-sig"))))
    assert [(r["name"], r["status"], r["shares_answers"]) for r in rows] == [("Lee <3", "red", "no")]
    (evidence_name,) = [n for n in files if n and n.endswith(".csv") and "-evidence-" in n]
    header = files[evidence_name].decode("utf-8-sig").splitlines()[0]
    assert header.startswith("cohort,learner_no,full_name,first_name,reference,")
    (pdf,) = [d for n, d in files.items() if n and n.endswith(".pdf")]
    assert pdf.startswith(b"%PDF-")

    # The assessor's own command menu has the assessor commands; the default one does not.
    menus = {json.loads(scope)["type"] + str(json.loads(scope).get("chat_id", "")): cmds
             for (scope, _), cmds in emulator.commands.items()}
    assert "newcohort" in {c["command"] for c in menus[f"chat{ASSESSOR}"]}
    assert "newcohort" not in {c["command"] for c in menus["default"]}
    await bot.stop()
