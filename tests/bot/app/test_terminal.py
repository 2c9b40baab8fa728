"""`star-coach chat` driven in-process with text streams (piped mode)."""

from __future__ import annotations

import io

from bot.app.services import Services
from bot.app.terminal import TerminalChat
from storage import queries

WEAK = "A customer was upset about a late parcel. I said sorry and sent a new one."
PROBE_REPLY = (
    "I followed our complaints procedure and the Consumer Rights Act 2015 because it was late; "
    "as a result she rated us 5 out of 5."
)


async def run_chat(services: Services, lines: list[str]) -> str:
    out = io.StringIO()
    chat = TerminalChat(services, io.StringIO("\n".join(lines) + "\n"), out, interactive=False)
    assert await chat.run("tester") == 0
    return out.getvalue()


async def test_probe_reply_is_merged_and_compared(services: Services) -> None:
    out = await run_chat(services, [WEAK, "/done", PROBE_REPLY, "/done"])
    assert "THE ASSESSOR ASKS:" in out
    assert "SINCE YOUR LAST TRY" in out
    assert "Now named: Consumer Rights Act 2015" in out
    learner = await services.practice.learner(key="term:tester")
    async with services.sessions() as s:
        attempts = await queries.list_attempts(s, learner_id=learner.id)
    assert [a.kind for a in attempts] == ["probe", "answer"]


async def test_topics_retry_model_progress_and_unknown(services: Services) -> None:
    out = await run_chat(
        services,
        [WEAK, "/done", "/retry", WEAK + " The Equality Act 2010 applied.", "/done", "/model",
         "/topics", "/topic 3", "/topic 99", "/progress", "/bogus"],
    )
    assert "TRY AGAIN" in out
    assert "Now named: Equality Act 2010" in out
    assert "MODEL ANSWER OUTLINE" in out
    titles = [t.title for t in services.content.topics.values()]
    assert f"  3. {titles[2]}" in out
    assert titles[2] in out.split("/topic N, or /topic weakest.")[1]
    assert "with one of its numbers" in out
    assert "YOUR PROGRESS" in out
    assert "I don't know /bogus" in out


async def test_retry_before_any_answer_explains(services: Services) -> None:
    out = await run_chat(services, ["/retry", "/model"])
    assert "Submit an answer first" in out
    assert "MODEL ANSWER OUTLINE" in out


async def test_answers_lists_the_book_and_opens_one_in_full(services: Services) -> None:
    out = await run_chat(services, ["/answers", WEAK, "/done", "/answers", "/answers 1", "/answers 7"])
    assert "Nothing here yet" in out  # before any answer
    assert "MY ANSWERS  (1 question, best answer each)" in out
    assert "Your best: " in out and WEAK in out.split("Your best: ")[1]
    assert "MODEL ANSWER OUTLINE" in out.split("Your best: ")[1]
    assert "Type /answers for the list" in out  # no question 7


MOCK_ROLE = (
    "My role is customer adviser and I am responsible for first-line queries. Our customers are "
    "account holders and internal customers in billing. I work within the Consumer Rights Act 2015 "
    "and follow our complaints procedure."
)


async def test_a_mock_in_the_terminal_from_standard_to_report(services: Services) -> None:
    out = await run_chat(
        services,
        ["/mock", "/standard ST0072", "/mock 20", MOCK_ROLE, "/done", "/mock pause",
         "this line goes to practice", "/mock", "I use our CRM system and the knowledge base.",
         "/done", "/mock end"],
    )
    assert "Type /standard ST0072." in out
    assert "Your standard is ST0072 Customer service practitioner" in out
    assert "MOCK PROFESSIONAL DISCUSSION: 20 MINUTES" in out
    assert "Tell me about your role" in out and "Talk me through the products" in out
    assert "MOCK PAUSED." in out and "Welcome back" in out
    report = out.split("READINESS REPORT")[1]
    assert "Consumer Rights Act 2015" in report and "Systems and resources: “I use our CRM" in report
    assert "NOT YET EVIDENCED" in report
    learner = await services.practice.learner(key="term:tester")
    assert learner.id is not None
    assert await services.mock.current(learner.id) is None
    status = await services.practice.current(learner.id)
    assert status is not None and status.words >= 5  # the paused line went to practice
