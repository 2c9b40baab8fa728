"""Callback data, checked as a whole: every kind of button is declared once (handlers/callback.py)
and registered; whatever any keyboard can build fits Telegram's 64 bytes and reaches exactly one
handler; a stale or malformed press gets a kind answer, never an exception."""

from __future__ import annotations

import ast
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from telegram import Bot
from telegram.ext import CallbackQueryHandler

from bot.app.application import build_application, handlers
from bot.app.services import Services
from bot.app.settings import Settings
from handlers import texts
from handlers.callback import LIMIT, declared
from tests.handlers.flow import onboard
from tests.handlers.offline import OfflineRequest, UpdateFactory

ROOT = Path(__file__).resolve().parents[2]
KINDS = declared()  # bot.app.application imported every feature's module, so all are declared


def _registered() -> list[CallbackQueryHandler[Any, Any]]:
    return [h for h in handlers() if isinstance(h, CallbackQueryHandler) and h.pattern is not None]


def test_every_kind_of_button_is_registered_once_and_nothing_else_is() -> None:
    patterns = [h.pattern for h in _registered()]
    assert len(KINDS) >= 40
    assert sorted(p.pattern for p in patterns) == sorted(k.pattern.pattern for k in KINDS)  # type: ignore[union-attr]
    assert len({k.pattern.pattern for k in KINDS}) == len(KINDS)


def test_the_longest_and_shortest_data_fit_and_reach_exactly_one_handler() -> None:
    registered = _registered()
    users = UpdateFactory(Bot("123456:TEST-token"))
    for kind in KINDS:
        for data in kind.examples():
            assert len(data.encode()) <= LIMIT, data
            press = users.press(data)
            reached = [h for h in registered if h.check_update(press)]
            assert len(reached) == 1, f"{data} reaches {len(reached)} handlers"
            assert reached[0].pattern is kind.pattern, data


def test_building_data_that_its_pattern_refuses_fails_at_once() -> None:
    submit = next(k for k in KINDS if k.prefix == "prac:submit")
    assert submit.data("rules_and_law", 7) == "prac:submit:rules_and_law:7"
    for bad in (("Rules And Law", 7), ("rules_and_law", "x"), ("a" * 41, 7), ("rules_and_law",)):
        with pytest.raises(ValueError):
            submit.data(*bad)


def test_only_the_declarations_set_callback_data() -> None:
    """A keyboard can only build data through a Callback, so every button it shows was checked
    against the pattern its handler is registered with."""
    offenders = []
    for package in ("bot", "handlers"):
        for path in (ROOT / package).rglob("*.py"):
            if path == ROOT / "handlers" / "callback.py":
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.keyword) and node.arg == "callback_data":
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


@pytest.fixture
async def any_db_harness(
    migrated_db_url: str, settings: Settings, content: Any, clock: Any
) -> AsyncIterator[Any]:
    """The offline application on SQLite and on PostgreSQL (whose ids are 32-bit integers)."""
    on_db = settings.model_copy(update={"database_url": migrated_db_url})
    svc = await Services.create(on_db, clock=clock, content=content)
    request = OfflineRequest()
    app = build_application(on_db, svc, request=request)
    async with app:
        yield app, request
    await svc.close()


#: Data no keyboard builds, as a forger would type it: a field missing, a word where a number
#: goes, a path, 64 bytes of nothing and nothing at all.
FORGED_BY_HAND = ["prac:submit", "prac:retry:abc", "prac:topic:../../etc", "onb:level:9", "x" * 64, ""]


def _stale_and_malformed() -> list[str]:
    """Every kind's longest and shortest data (values that name nothing of this learner's), each
    prefix with a field too many, a wrong field, and none; and FORGED_BY_HAND."""
    out = [data for kind in KINDS for data in kind.examples()]
    for kind in KINDS:
        out += [f"{kind.examples()[0]}:9", f"{kind.prefix}:~", f"{kind.prefix}:"]
    return out + FORGED_BY_HAND


def _says_it_is_unknown(answer: dict[str, Any], replies: list[str]) -> bool:
    """The press was answered with "I don't recognise that button", or the reply says so or
    points to an earlier question."""
    return "recognise" in str(answer.get("text", "")) or any(
        "earlier question" in t or "recognise" in t for t in replies
    )


async def test_a_stale_or_malformed_press_gets_a_kind_answer(any_db_harness, caplog) -> None:
    """Pressed by a learner who agreed to the privacy notice (on both databases) and, on SQLite,
    by someone who never did."""
    app, request = any_db_harness
    agreed = UpdateFactory(app.bot, user_id=4242)
    await onboard(app, agreed)
    people = [agreed]
    if app.bot_data.services.settings.database_url.startswith("sqlite"):
        people.append(UpdateFactory(app.bot, user_id=4243))
    for users in people:
        for data in _stale_and_malformed():
            request.clear()
            caplog.clear()
            await app.process_update(users.press(data))
            answers = [c.params for c in request.calls if c.method == "answerCallbackQuery"]
            assert len(answers) == 1, f"{data}: answered {len(answers)} times"
            errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
            assert errors == [], f"{data}: {errors}"
            assert texts.ERROR not in request.texts(), data  # the error handler's apology
            if data.endswith((":~", ":")):
                assert answers[0].get("text") == texts.UNKNOWN_BUTTON and answers[0].get("show_alert"), data
            if data in FORGED_BY_HAND and users is agreed:
                assert _says_it_is_unknown(answers[0], request.texts()), data
