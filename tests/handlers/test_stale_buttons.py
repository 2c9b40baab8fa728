"""Old buttons, offline: every keyboard closes when its moment passes, and a press on an old one
says what it was for and changes nothing (issue 16 item 4)."""

from __future__ import annotations

from datetime import UTC, timedelta

from bot.app.services import Services
from handlers import texts
from tests.handlers.flow import ANSWER, ask, buttons, onboard
from tests.handlers.offline import OfflineRequest

WEAK = "A customer was upset about a late parcel. I said sorry and sent a new one."


def button_of(request: OfflineRequest, prefix: str) -> str:
    """The button starting `prefix` on the last message the bot sent with one."""
    for params in reversed(request.sent()):
        found = [b for b in buttons(params) if b.startswith(prefix)]
        if found:
            return found[0]
    raise AssertionError(f"no {prefix} button among {[buttons(p) for p in request.sent()]}")


async def first_feedback(app, users, request) -> dict[str, int | str]:
    """Answer one question; the summary's buttons and its message id."""
    await ask(app, users)
    await app.process_update(users.message(WEAK))
    await app.process_update(users.message("/done"))
    summary = next(c for c in reversed(request.calls) if c.method == "sendMessage")
    assert "Grade:" in summary.params["text"]
    return {"retry": button_of(request, "prac:retry:"), "stop": button_of(request, "prac:stop:"),
            "next": button_of(request, "prac:next:"), "details": button_of(request, "prac:details:"),
            "model": button_of(request, "prac:model:")}


async def test_next_question_asks_the_next_question_and_closes_the_old_buttons(
    harness, services: Services
) -> None:
    app, request, users = harness
    await onboard(app, users)
    old = await first_feedback(app, users, request)
    learner = await services.practice.learner(key="tg:42")
    answered = (await services.practice.current(learner.id)).prompt.id  # the probe's prompt
    request.clear()
    await app.process_update(users.press(str(old["next"])))
    assert "Answer in STAR form" in request.last_text()  # a question, not the topic menu
    assert not any("What would you like to practise" in t for t in request.texts())
    current = await services.practice.current(learner.id)
    assert current is not None and current.prompt.id != answered and current.mode == "answer"
    # The feedback's keyboard was taken away when the next question came.
    closed = [c for c in request.calls if c.method == "editMessageReplyMarkup"]
    assert closed and all(not c.params.get("reply_markup") for c in closed)


async def test_an_old_try_again_or_stop_explains_itself_and_keeps_the_answer(
    harness, services: Services
) -> None:
    app, request, users = harness
    await onboard(app, users)
    old = await first_feedback(app, users, request)
    await first_feedback(app, users, request)  # a later answer: the first one's buttons are old
    await ask(app, users, topic="service_foundations")
    await app.process_update(users.message("Half of my new answer"))
    learner = await services.practice.learner(key="tg:42")
    before = await services.practice.current(learner.id)
    for data in (old["retry"], old["stop"], old["next"]):
        request.clear()
        await app.process_update(users.press(str(data)))
        (said,) = request.texts()
        assert "earlier question" in said and "did nothing" in said and "still open" in said
        after = await services.practice.current(learner.id)
        assert after == before  # same question, same words: nothing restarted or dropped


async def test_details_and_outline_of_an_old_answer_are_shown_without_buttons(harness) -> None:
    app, request, users = harness
    await onboard(app, users)
    old = await first_feedback(app, users, request)
    await first_feedback(app, users, request)
    request.clear()
    await app.process_update(users.press(str(old["details"])))
    assert "earlier answer" in request.last_text() and "Marking points" in request.last_text()
    assert buttons(request.sent()[-1]) == []
    await app.process_update(users.press(str(old["model"])))
    assert "Model answer outline" in request.last_text() and buttons(request.sent()[-1]) == []


async def test_an_old_topic_menu_never_drops_the_answer_being_written(
    harness, services: Services
) -> None:
    app, request, users = harness
    await onboard(app, users)
    await ask(app, users)
    await app.process_update(users.message(ANSWER))
    learner = await services.practice.learner(key="tg:42")
    before = await services.practice.current(learner.id)
    assert before is not None and before.started_at is not None
    request.clear()
    started = before.started_at.replace(tzinfo=before.started_at.tzinfo or UTC)  # SQLite: naive UTC
    menu_sent = started - timedelta(minutes=5)  # the menu came before this question
    await app.process_update(users.press("prac:topic:any", sent_at=menu_sent))
    assert "left it as it is" in request.last_text()
    assert await services.practice.current(learner.id) == before
    # A nudge's Practise now, and a legacy Stop without an attempt, keep it too.
    for data in ("rem:go:rules_and_law", "prac:stop"):
        await app.process_update(users.press(data))
        assert "left it as it is" in request.last_text()
        assert await services.practice.current(learner.id) == before


async def test_old_consent_and_settings_buttons_explain_themselves(harness, services) -> None:
    app, request, users = harness
    await onboard(app, users)
    learner = await services.practice.learner(key="tg:42")
    draft = await services.practice.current(learner.id)
    request.clear()
    await app.process_update(users.press("onb:privacy:yes"))  # agreed already
    shown = [c.params["text"] for c in request.calls if c.method in ("sendMessage", "editMessageText")]
    assert shown == [texts.PRIVACY_AGREED_BEFORE]
    assert await services.practice.current(learner.id) == draft  # no first question again
