"""/answers ("My answers"), offline: the index, paging, one question in full, the file, and the
one-tap way in from /progress."""

from __future__ import annotations

from typing import Any

from tests.handlers.flow import buttons
from tests.handlers.test_practice_flow import ANSWER, ask, onboard
from tests.handlers.test_progress_privacy import uploaded_file, uploads


async def answer(app: Any, users: Any, text: str = ANSWER, topic: str = "rules_and_law") -> None:
    await ask(app, users, topic)
    await app.process_update(users.message(text))
    await app.process_update(users.message("/done"))
    await app.process_update(users.message("/cancel"))


async def test_answers_before_any_answer_says_what_it_will_hold(harness) -> None:
    app, request, users = harness
    await onboard(app, users)
    request.clear()
    await app.process_update(users.message("/answers"))
    text = request.last_text()
    assert "Nothing here yet" in text and "/practice" in text
    assert buttons(request.sent()[-1]) == []


async def test_answers_lists_each_question_once_with_its_best_grade(harness) -> None:
    app, request, users = harness
    await onboard(app, users)
    await answer(app, users, "I helped a customer.")  # a weak first try
    await answer(app, users)
    request.clear()

    await app.process_update(users.message("/answers"))
    index = request.sent()[-1]
    assert "My answers" in index["text"]
    data = buttons(index)
    assert data[-1] == "ans:file"
    questions = [d for d in data if d.startswith("ans:q:")]
    assert questions and len(questions) == len(set(questions))
    # Every callback fits Telegram's 64-byte limit.
    assert all(len(d.encode()) <= 64 for d in data)

    await app.process_update(users.press(questions[0]))
    full = request.sent()[-1]
    assert "Your best:" in full["text"] and "Model answer outline" in full["text"]
    again, back = buttons(full)
    assert again.startswith("prac:retry:") and back == "ans:p:0"


async def test_a_question_opens_with_the_best_of_several_tries(harness) -> None:
    app, request, users = harness
    await onboard(app, users)
    # Answer the same question twice (Try again), weak then strong; the book keeps the strong one.
    await ask(app, users)
    await app.process_update(users.message("I helped."))
    await app.process_update(users.message("/done"))
    retry = next(d for d in buttons(request.sent()[-2]) + buttons(request.sent()[-1])
                 if d.startswith("prac:retry:"))
    await app.process_update(users.press(retry))
    await app.process_update(users.message(ANSWER))
    await app.process_update(users.message("/done"))
    request.clear()

    await app.process_update(users.message("/answers 1"))
    text = request.last_text()
    assert "2 tries" in text
    assert "Consumer Rights Act 2015" in text  # the strong answer, not "I helped."
    assert "I helped." not in text


async def test_paging_moves_in_place_and_a_forged_page_is_clamped(harness) -> None:
    app, request, users = harness
    await onboard(app, users)
    services = app.bot_data.services
    # Seven different questions: more than one page of six.
    prompts = list(services.content.prompts)[:7]
    for prompt_id in prompts:
        learner = await services.practice.learner(key="tg:42")
        assert learner.id is not None
        await services.practice.start(learner.id, prompt_id=prompt_id)
        await services.practice.add_text(learner.id, ANSWER)
        await services.practice.submit(learner.id)
    request.clear()

    await app.process_update(users.message("/answers"))
    first = request.sent()[-1]
    assert "Page 1 of 2" in first["text"] and "ans:p:1" in buttons(first)
    await app.process_update(users.press("ans:p:1"))
    edit = [c for c in request.calls if c.method == "editMessageText"][-1].params
    assert "Page 2 of 2" in edit["text"] and "7." in edit["text"]
    await app.process_update(users.press("ans:p:999"))  # forged: the last page, not an error
    edit = [c for c in request.calls if c.method == "editMessageText"][-1].params
    assert "Page 2 of 2" in edit["text"]


async def test_download_all_sends_a_readable_html_file(harness) -> None:
    app, request, users = harness
    await onboard(app, users)
    await answer(app, users, ANSWER + " <script>alert(1)</script>")
    request.clear()
    await app.process_update(users.press("ans:file"))
    (document,) = uploads(request, "sendDocument")
    name, content = uploaded_file(document)
    page = content.decode()
    assert name.startswith("star-coach-my-answers-") and name.endswith(".html")
    assert page.startswith("<!doctype html>") and "Model answer outline" in page
    assert "<script>" not in page and "&lt;script&gt;" in page  # what the learner typed is escaped


async def test_an_unknown_question_button_explains_itself(harness) -> None:
    app, request, users = harness
    await onboard(app, users)
    await app.process_update(users.press("ans:q:no_such_prompt"))
    assert "can't find that question" in request.last_text()


async def test_progress_offers_my_answers_in_one_tap(harness) -> None:
    app, request, users = harness
    await onboard(app, users)
    await answer(app, users)
    request.clear()
    await app.process_update(users.message("/progress"))
    summary = next(c.params for c in request.calls if c.method == "sendMessage")
    assert buttons(summary)[-1] == "ans:p:0"  # beside Details
