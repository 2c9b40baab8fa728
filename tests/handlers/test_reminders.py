"""/remind, the reminder menu in /settings, a nudge's three buttons, Telegram's answers mapped
for the dispatcher, and the data rights over the new tables; offline."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlmodel import select
from telegram import Bot
from telegram.error import RetryAfter
from telegram.request import BaseRequest, RequestData

from bot.app.services import Services
from bot.reminders.dispatcher import Dispatcher
from bot.render.nudge import Nudge, NudgeAction, NudgeButton
from handlers.reminders import TelegramSender, nudge_button
from storage import queries
from storage.models import Reminder
from tests.handlers.flow import ANSWER, buttons, onboard
from tests.handlers.offline import OfflineRequest
from tests.helpers import FixedClock

GO_NUDGE = Nudge("Hi", ((NudgeButton("Go", NudgeAction.PRACTISE, topic="x"),),))


async def say(app: Any, users: Any, text: str) -> None:
    await app.process_update(users.message(text))


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("/remind 25:00", "no “25:00” on the clock"),
        ("/remind tomorrow", "“tomorrow” isn't one"),
        ("/remind 18:30 someday", "didn't understand the days"),
        ("/remind", "same time every day"),
    ],
)
async def test_bad_input_gets_a_kind_message_with_an_example(harness, typed: str, expected: str) -> None:
    app, request, users = harness
    await onboard(app, users)
    request.clear()
    await say(app, users, typed)
    reply = request.last_text()
    assert expected in reply
    assert "<code>/remind 18:30</code>" in reply


async def test_remind_sets_shows_and_stops(harness, services: Services) -> None:
    app, request, users = harness
    await onboard(app, users)
    await say(app, users, "/remind 6:30pm weekdays")
    text = request.last_text()
    assert "<b>18:30</b> on weekdays (Europe/London)" in text
    assert "today at 18:30" in text  # Monday 2 November, 09:30
    await say(app, users, "/remind")
    assert "Your daily reminder: <b>18:30</b> on weekdays" in request.last_text()
    assert "rem:days" in buttons(request.sent()[-1])
    await say(app, users, "/remind off")
    assert "Reminders are off" in request.last_text()
    learner = await services.practice.learner(key="tg:42")
    assert learner.id is not None
    assert not (await services.reminders.status(learner.id)).enabled
    await say(app, users, "/remind on")
    assert "<b>18:30</b>" in request.last_text()


async def test_remind_before_consent_asks_for_it(harness) -> None:
    app, request, users = harness
    await say(app, users, "/start")  # a record, not agreed (with none: test_deleted_learner.py)
    request.clear()
    await say(app, users, "/remind 18:30")
    assert any("please agree" in t for t in request.texts())
    assert buttons(request.sent()[-1]) == ["onb:privacy:yes", "onb:privacy:no", "onb:read"]


async def test_settings_offers_times_and_days(harness, services: Services) -> None:
    app, request, users = harness
    await onboard(app, users)
    await say(app, users, "/settings")
    assert "Daily reminder: off" in request.last_text()
    assert "rem:menu" in buttons(request.sent()[-1])
    request.clear()
    await app.process_update(users.press("rem:menu"))
    edited = [c.params for c in request.calls if c.method == "editMessageText"]
    assert edited and "rem:time:1800" in buttons(edited[-1])
    await app.process_update(users.press("rem:time:0730"))
    assert "<b>07:30</b> every day" in request.last_text()
    await app.process_update(users.press("rem:days"))
    await app.process_update(users.press("rem:day:6"))  # Sunday off
    edited = [c.params for c in request.calls if c.method == "editMessageText"]
    assert "✅ Sun" not in json.dumps(edited[-1]["reply_markup"], ensure_ascii=False)
    learner = await services.practice.learner(key="tg:42")
    assert learner.id is not None
    assert (await services.reminders.status(learner.id)).days == "012345"
    await app.process_update(users.press("rem:days:wk"))
    assert (await services.reminders.status(learner.id)).days == "01234"
    await say(app, users, "/settings")
    assert "Daily reminder: 07:30 on weekdays" in request.last_text()
    await app.process_update(users.press("rem:off"))
    assert not (await services.reminders.status(learner.id)).enabled


async def nudge(
    app: Any, services: Services, clock: FixedClock, request: OfflineRequest,
    at: datetime = datetime(2026, 11, 2, 10, 0, 3, tzinfo=UTC),
) -> dict[str, Any]:
    """Set a reminder for 10:00, move the clock to `at` and let the dispatcher send it."""
    learner = await services.practice.learner(key="tg:42")
    assert learner.id is not None
    await services.reminders.set(learner.id, "10:00")
    clock.set(at)
    dispatcher = Dispatcher(
        sessions=services.sessions, review=services.practice.review, clock=clock,
        sender=TelegramSender(app.bot),
    )
    request.clear()
    assert (await dispatcher.drain()).sent == 1
    (sent,) = request.sent()
    return sent


async def test_practise_now_starts_a_prompt_of_that_area(
    harness, services: Services, clock: FixedClock
) -> None:
    app, request, users = harness
    await onboard(app, users)
    sent = await nudge(app, services, clock, request)
    assert sent["parse_mode"] == "HTML" and "Time for two minutes of practice" in sent["text"]
    go, snooze, skip = buttons(sent)
    assert go.startswith("rem:go:") and snooze.startswith("rem:snooze:") and skip.startswith("rem:skip:")
    topic = go.split(":")[2]
    request.clear()
    await app.process_update(users.press(go))
    assert "Answer in STAR form" in request.last_text()
    learner = await services.practice.learner(key="tg:42")
    assert learner.id is not None
    status = await services.practice.current(learner.id)
    assert status is not None and status.prompt.topic == topic


async def test_snooze_and_not_today_from_the_nudge(harness, services: Services, clock: FixedClock) -> None:
    app, request, users = harness
    await onboard(app, users)
    sent = await nudge(app, services, clock, request)
    _, snooze, skip = buttons(sent)
    await app.process_update(users.press(snooze))
    assert "Snoozed: I'll remind you again at 11:00" in request.last_text()
    await app.process_update(users.press(skip))
    assert "nothing more today" in request.last_text() and "tomorrow at 10:00" in request.last_text()
    clock.advance(timedelta(days=1))
    await app.process_update(users.press(snooze))  # yesterday's nudge
    assert "from earlier" in request.last_text()


async def test_mydata_exports_and_deleteme_erases_the_review_and_reminder_rows(
    harness, services: Services, clock: FixedClock
) -> None:
    app, request, users = harness
    await onboard(app, users)
    await app.process_update(users.message("/practice"))
    await app.process_update(users.press("prac:topic:rules_and_law"))
    await say(app, users, ANSWER)
    await say(app, users, "/done")
    await say(app, users, "/cancel")
    clock.set(datetime(2026, 11, 3, 8, tzinfo=UTC))
    await nudge(app, services, clock, request, at=datetime(2026, 11, 3, 10, 0, 3, tzinfo=UTC))
    await say(app, users, "/mydata")
    document, _readable = [c.params for c in request.calls if c.method == "sendDocument"]
    (_, content, *_), = document["files"].values()
    data = json.loads(content)
    assert data["reminder"][0]["local_time"] == "10:00"
    assert data["nudge_log"][0]["status"] == "sent"
    assert {row["skill"] for row in data["area_card"]} >= {"legislation", "policies"}
    assert "fsrs" in data["area_card"][0]["card"]

    await say(app, users, "/deleteme")
    yes, _ = buttons(request.sent()[-1])
    await app.process_update(users.press(yes))
    async with services.sessions() as session:
        assert await queries.get_learner(session, key="tg:42") is None
        assert (await session.exec(select(Reminder))).all() == []


# -- Telegram's answers, as the dispatcher sees them -----------------------------------------------


class Answering(BaseRequest):
    """Answers sendMessage with one fixed Bot API error (or success)."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        self.status, self.body = status, body

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, **_: Any
    ) -> tuple[int, bytes]:
        return self.status, json.dumps(self.body).encode()


def error(code: int, description: str, **parameters: Any) -> tuple[int, dict[str, Any]]:
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return code, body


@pytest.mark.filterwarnings("error::telegram.warnings.PTBDeprecationWarning")
@pytest.mark.parametrize(
    ("answer", "outcome", "retry_after"),
    [
        (error(403, "Forbidden: bot was blocked by the user"), "blocked", None),
        (error(403, "Forbidden: user is deactivated"), "blocked", None),
        (error(400, "Bad Request: chat not found"), "blocked", None),
        (error(429, "Too Many Requests: retry after 7", retry_after=7), "retry", 7.0),
        (error(502, "Bad Gateway"), "retry", None),
        (error(400, "Bad Request: can't parse entities"), "failed", None),
        ((200, {"ok": True, "result": {"message_id": 5, "date": 0, "chat": {"id": 1, "type": "private"}}}),
         "sent", None),
    ],
)
async def test_telegram_answers_become_outcomes(
    answer: tuple[int, dict[str, Any]], outcome: str, retry_after: float | None
) -> None:
    bot = Bot("123456:TEST-token", request=Answering(*answer))
    result = await TelegramSender(bot).send(1, GO_NUDGE)
    assert result.outcome == outcome
    assert result.retry_after == retry_after


@pytest.mark.filterwarnings("error::telegram.warnings.PTBDeprecationWarning")
async def test_a_429_is_read_without_a_deprecation_warning() -> None:
    """PTB 22 gives Retry-After as int seconds with a PTBDeprecationWarning (from its own
    constructor too) unless PTB_TIMEDELTA opts in to the timedelta PTB 23 always gives: the
    coach opts in (bot/__init__.py), so a 429 warns nowhere and is read as a timedelta."""
    bot = Bot("123456:TEST-token", request=Answering(*error(429, "Too Many Requests", retry_after=12)))
    result = await TelegramSender(bot).send(1, GO_NUDGE)
    assert (result.outcome, result.retry_after) == ("retry", 12.0)
    assert isinstance(RetryAfter(12).retry_after, timedelta)


async def test_a_reminder_today_after_practice_says_it_is_skipped_and_when_the_first_comes(
    harness, services: Services
) -> None:
    app, request, users = harness
    await onboard(app, users)
    await say(app, users, "/remind 18:30")
    assert "today at 18:30" in request.last_text() and "not today" not in request.last_text()
    # Practise (Monday 2 November, 09:30 in London), then set a time later today.
    await say(app, users, "/practice")
    await app.process_update(users.press("prac:topic:rules_and_law"))
    await say(app, users, ANSWER)
    await say(app, users, "/done")
    await say(app, users, "/remind 18:45")
    text = request.last_text()
    assert "tomorrow at 18:45" in text and "already practised today" in text
    await say(app, users, "/remind")
    assert "tomorrow at 18:45" in request.last_text()


def profile_done_line(request) -> str:
    """The message that echoed level and sector before the first feedback."""
    edits = [str(c.params["text"]) for c in request.calls if c.method == "editMessageText"]
    found = [t for t in edits if t.startswith("✓ Level")]
    assert found, edits
    return found[-1]


async def test_after_onboarding_the_reminder_line_is_what_was_chosen(harness) -> None:
    app, request, users = harness
    for update in (
        users.message("/start"), users.press("onb:privacy:yes"), users.message(ANSWER),
        users.message("/remind 18:30"), users.message("/done"),
        users.press("onb:level:3:s"), users.press("onb:sector:retail:s"), users.press("onb:nation:wales:s"),
    ):
        await app.process_update(update)
    done = profile_done_line(request)
    assert "Daily reminder at 18:30 every day" in done
    assert "today at 18:30" in done
    assert "/remind 18:30 sets" not in done  # no offer of what is already on


async def test_after_onboarding_without_a_reminder_it_is_offered(harness) -> None:
    app, request, users = harness
    for update in (
        users.message("/start"), users.press("onb:privacy:yes"), users.message(ANSWER),
        users.message("/done"), users.press("onb:level:3:s"), users.press("onb:sector:retail:s"),
        users.press("onb:nation:england:s"),
    ):
        await app.process_update(update)
    assert "/remind 18:30 sets a daily reminder" in profile_done_line(request)


def test_a_nudges_buttons_become_the_callback_data_their_handlers_take() -> None:
    made = [
        nudge_button(
            NudgeButton("Practise now", NudgeAction.PRACTISE, topic="rules_and_law", skill="legislation")
        ),
        nudge_button(NudgeButton("Practise now", NudgeAction.PRACTISE, topic="rules_and_law")),
        nudge_button(NudgeButton("Mock (20 min)", NudgeAction.MOCK, minutes=20)),
        nudge_button(NudgeButton("Snooze 1 hour", NudgeAction.SNOOZE, log_id=7)),
        nudge_button(NudgeButton("Not today", NudgeAction.NOT_TODAY, log_id=7)),
    ]
    assert [b.callback_data for b in made] == [
        "rem:go:rules_and_law:legislation", "rem:go:rules_and_law", "mock:len:20",
        "rem:snooze:7", "rem:skip:7",
    ]
