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
    assert "Answer a question first (/done gives feedback)" in out
    assert "MODEL ANSWER OUTLINE" in out


async def test_answers_lists_the_book_and_opens_one_in_full(services: Services) -> None:
    out = await run_chat(services, ["/answers", WEAK, "/done", "/answers", "/answers 1", "/answers 7"])
    assert "Nothing here yet" in out  # before any answer
    assert "MY ANSWERS  (1 question, best answer each)" in out
    assert "Your best: " in out and WEAK in out.split("Your best: ")[1]
    assert "MODEL ANSWER OUTLINE" in out.split("Your best: ")[1]
    assert "Type /answers for the list" in out  # no question 7


async def attempts_of(services: Services, user: str = "tester") -> list[tuple[str, str]]:
    learner = await services.practice.learner(key=f"term:{user}")
    async with services.sessions() as s:
        attempts = await queries.list_attempts(s, learner_id=learner.id)
    return [(a.kind, a.prompt_id) for a in attempts]


def questions_asked(out: str) -> int:
    return out.count("Answer in STAR form")


async def test_done_on_an_empty_answer_keeps_the_question(services: Services) -> None:
    out = await run_chat(services, ["/done", "/done", WEAK, "/done"])
    assert out.count("Your answer is empty so far: type it, then /done. The question stands.") == 2
    assert questions_asked(out) == 1  # no other question swapped in
    first_question = out.split("\n\n")[1]
    [(kind, prompt_id)] = await attempts_of(services)
    assert kind == "answer" and services.content.prompts[prompt_id].text.strip() == first_question


async def test_a_follow_up_question_is_never_lost(services: Services) -> None:
    out = await run_chat(services, [WEAK, "/done", "/done", PROBE_REPLY, "/done"])
    assert "Your reply is empty so far" in out
    after_empty = out.split("Your reply is empty so far")[1]
    assert after_empty.lstrip().split("\n")[1].startswith("THE ASSESSOR ASKS:")
    assert "SINCE YOUR LAST TRY" in after_empty  # the reply was merged with the answer
    kinds = [kind for kind, _ in await attempts_of(services)]
    assert kinds == ["probe", "answer"]
    assert questions_asked(out) == 1


async def test_a_follow_up_question_waits_for_the_next_session(services: Services) -> None:
    first = await run_chat(services, [WEAK, "/done"])
    probe = first.split("THE ASSESSOR ASKS: ")[1].split("\n")[0]
    second = await run_chat(services, [PROBE_REPLY, "/done"])
    assert second.startswith("Carrying on where you left off: the assessor's follow-up question.")
    assert f"THE ASSESSOR ASKS: {probe}" in second
    assert questions_asked(second) == 0
    assert "SINCE YOUR LAST TRY" in second
    assert [kind for kind, _ in await attempts_of(services)] == ["probe", "answer"]


async def test_an_open_question_is_shown_again_not_swapped(services: Services) -> None:
    first = await run_chat(services, [])
    second = await run_chat(services, [])
    assert first.split("\n\n")[1] == second.split("\n\n")[1]


async def test_a_retry_left_open_is_carried_on(services: Services) -> None:
    await run_chat(services, [WEAK, "/done", "/retry"])
    out = await run_chat(services, [WEAK + " The Equality Act 2010 applied.", "/done"])
    assert out.startswith("Carrying on with your retry of this question.")
    assert "Now named: Equality Act 2010" in out


async def test_the_terminal_speaks_terminal(services: Services) -> None:
    """No Telegram wording: no buttons to press, nothing to send or submit."""
    out = await run_chat(
        services,
        ["/help", "/done", "/retry", "/answers", WEAK, "/done", "/done", "/cancel", "/done",
         "some words with no question", "/model", "/settings", "/settings colour blue", "/quit"],
    )
    # The coach's own words only: a question or its model outline may well speak of a first
    # "impression" or a customer's "message" (content, not an instruction to the learner).
    wording = out
    for prompt in services.content.prompts.values():
        for content_text in (prompt.text, *prompt.model_answer):
            wording = wording.replace(content_text, "")
    for telegram in ("Send ", "send ", "submit", "Submit", "press", "Tap ", "button", "message"):
        assert telegram not in wording, telegram
    assert "No question is open. Type /next for one." in out


async def test_settings_level_sector_and_nation(services: Services) -> None:
    out = await run_chat(
        services,
        ["/settings", "/settings level 4", "/settings level 9", "/settings sector Telecoms",
         "/settings sector telecom", "/settings sector space", "/settings sectors",
         "/settings nation NI", "/settings nation Ireland"],
    )
    assert "YOUR SETTINGS\n  Level:  not set\n  Sector: Other or not sure\n  Nation: not set" in out
    assert "/settings nation scotland" in out  # how to change them
    assert "Type /settings level 2, 3, 4 or 5." in out
    assert "I don't know the sector \u201ctelecom\u201d. Did you mean telecoms?" in out
    assert "I don't know the sector \u201cspace\u201d. /settings sectors lists them." in out
    assert "  retail " in out  # the list of sectors
    assert "Type /settings nation england, wales, scotland or ni" in out
    assert "Level:  4\n  Sector: Telecoms" in out and "Nation: Northern Ireland" in out
    learner = await services.learners.get((await services.practice.learner(key="term:tester")).id)
    assert (learner.level, learner.sector, learner.nation) == (4, "telecoms", "northern_ireland")


async def test_settings_choose_the_questions(services: Services) -> None:
    """A telecoms learner at level 2 is never asked a question written for another sector or
    level while the topic has one for them (a broadband adviser used to get the FCA's Duty)."""
    lines = ["/settings level 2", "/settings sector telecoms"]
    lines += ["/topic 1", "/next"] * 15
    out = await run_chat(services, lines)
    after = out.split("Saved. It counts from your next question.")[-1]  # not the first question
    asked = [p for p in services.content.prompts.values() if p.text.strip() in after]
    assert len(asked) > 3
    for prompt in asked:
        assert 2 in prompt.levels, prompt.id
        assert not prompt.sectors or "telecoms" in prompt.sectors, prompt.id


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


async def test_a_very_long_answer_is_kept_in_part_and_the_learner_is_told(services: Services) -> None:
    """Telegram says the first part only was kept; the terminal cut the answer in silence."""
    from bot.practice.service import MAX_ANSWER_CHARS

    line = "I refunded the customer under the Consumer Rights Act 2015. " * 400
    assert len(line) > MAX_ANSWER_CHARS
    out = await run_chat(services, [line, line, "/done"])
    assert out.count("very long, so I kept the first") == 1  # once, not for every line after
    assert "GRADE:" in out


async def test_wrong_with_a_number_not_on_the_feedback_lists_the_numbers(services: Services) -> None:
    out = await run_chat(services, [WEAK, "/done", "/wrong 99", "/wrong 0"])
    assert "Open the feedback again" not in out  # Telegram's words: the terminal has no such thing
    assert out.count("There is no point") == 2 and "numbered 1 to 4" in out
    assert "Thank you for telling me" not in out


async def test_at_a_terminal_the_feedback_is_the_summary_and_details_has_the_rest(
    services: Services,
) -> None:
    """As in Telegram: the grade, the one thing to fix and what was good first; /details (the
    Details button) the full checklist. Piped output keeps the full feedback for scripts."""
    out = io.StringIO()
    lines = ["/details", WEAK, "/done", "/details"]
    chat = TerminalChat(services, io.StringIO("\n".join(lines) + "\n"), out, interactive=True)
    assert await chat.run("tester") == 0
    text = out.getvalue()
    assert "Answer a question first" in text.split("GRADE: ")[0]  # /details before any feedback
    assert text.count("MARKING POINTS") == 1  # once, and only after /details
    summary, after = text[text.index("GRADE: "):].split("(/details: the full checklist", 1)
    assert "FIX FIRST:" in summary and "more in /details" in summary
    assert "STAR\n" not in summary and "WHAT YOU NAMED" not in summary
    assert "THE ASSESSOR ASKS" in after.split("GRADE: ")[0]
    details = after.split("GRADE: ", 1)[1]
    assert "WHAT YOU NAMED" in details and "STAR\n" in details and "MARKING POINTS" in details
    piped = await run_chat(services, [WEAK, "/done"])
    assert "MARKING POINTS" in piped and "WHAT YOU NAMED" in piped  # scripts still get everything


async def test_a_line_that_is_not_utf8_is_kept_readable_not_a_crash(services: Services) -> None:
    """Piped Latin-1 text (`café` as byte E9) reaches Python as a lone surrogate, which no
    database stores: the chat died with a UnicodeEncodeError traceback and lost the answer."""
    out = await run_chat(services, ["A customer in the caf\udce9 wanted a refund.\x00", WEAK, "/done"])
    assert out.count("can't be stored") == 1 and "GRADE:" in out
    learner = await services.practice.learner(key="term:tester")
    async with services.sessions() as s:
        (attempt,) = await queries.list_attempts(s, learner_id=learner.id)
    assert attempt.text == f"A customer in the caf\ufffd wanted a refund.\n{WEAK}"


async def test_mock_end_pause_and_report_with_no_mock_running(services: Services) -> None:
    """`/mock end` with no mock asked for a standard; `/mock report` (Telegram has it) was not
    there at all."""
    out = await run_chat(
        services,
        ["/mock end", "/mock pause", "/mock report", "/standard ST0072", "/mock report",
         "/mock 20", MOCK_ROLE, "/mock end", "/mock report"],
    )
    before, after = out.split("Your standard is ST0072")
    assert before.count("No mock discussion is running") == 2
    assert "You haven't finished a mock yet" in before
    assert "I don't know your apprenticeship standard" not in before
    assert "You haven't finished a mock yet" in after.split("MOCK PROFESSIONAL DISCUSSION")[0]
    assert after.count("READINESS REPORT") == 2  # at the end, and again on /mock report


async def test_next_follows_the_review_schedule_as_telegrams_next_question(
    services: Services, monkeypatch
) -> None:
    """/next (and the question after feedback) drew a random prompt; Telegram's Next question
    asks what the review schedule puts first: here the one topic not tried yet."""
    learner = await services.practice.learner(key="term:tester", first_name="tester")
    assert learner.id is not None
    topics = list(services.content.topics)
    for topic in topics[:-1]:
        await services.practice.start(learner.id, topic_id=topic)
        await services.practice.add_text(learner.id, WEAK)
        await services.practice.submit(learner.id)
    await services.practice.cancel(learner.id)  # no follow-up waiting: /next asks at once
    asked: list[str] = []
    start = services.practice.start

    async def recording(*args, **kwargs):
        prompt = await start(*args, **kwargs)
        asked.append(prompt.topic)
        return prompt

    monkeypatch.setattr(services.practice, "start", recording)
    await run_chat(services, ["/next"] * 5)
    assert len(asked) == 6 and set(asked) == {topics[-1]}, asked


async def test_a_mistyped_command_gets_the_close_one_in_the_terminal(services: Services) -> None:
    out = await run_chat(services, ["/practise", "/quti", "/xyzzy"])
    assert "I don't know /practise. Did you mean /practice? Type /help for the commands." in out
    assert "I don't know /quti. Did you mean /quit?" in out
    assert "I don't know /xyzzy. Type /help for the commands." in out


async def test_help_says_how_to_put_right_a_line_already_entered(services: Services) -> None:
    """A line once entered cannot be edited (arrow keys work before Enter only, and /replace is
    for a recording): /help says so, and what to do instead; a line that says it right is added."""
    out = await run_chat(services, ["/help", "/replace I meant the Consumer Rights Act"])
    assert "to put one right, add a line that says it right, or /cancel" in out
    assert "There is no recording to replace" in out
