"""`star-coach chat`: the practice loop in a terminal, on the same domain services as Telegram.

Interactive (a terminal): a `>` prompt and the commands in HELP. Piped (not a terminal): plain
lines; the prompt is printed, answer lines are taken until a line `/done`, the feedback is
printed (with the assessor's follow-up probe, if any), and end of input exits 0. Lines after the
feedback answer the probe, or, without one, start the next question. An answer left unfinished
at end of input stays saved and is offered again next time.
"""

from __future__ import annotations

import asyncio
import getpass
import sys
from typing import TextIO

from bot.app.services import Services
from bot.practice.service import PracticeError
from bot.render.feedback import PLAIN, render_changes, render_feedback, render_prompt
from content.models import Prompt

HELP = """Type your answer over one or more lines, then /done for feedback.
  /topics          list the topics; /topic N practises topic N, /topic weakest your weakest
  /next            another question        /retry   try the last question again
  /model           model answer outline    /progress  your progress so far
  /answers         every question you answered, best answer each; /answers N shows one in full
  /mock [20|40|60] a timed mock discussion (/done hands each answer in; /mock pause, /mock end)
  /standard CODE   your apprenticeship standard for the mock, e.g. /standard ST0072
  /cancel          drop the answer         /quit    leave (an unfinished answer is kept)"""


class TerminalChat:
    def __init__(self, services: Services, stdin: TextIO, stdout: TextIO, interactive: bool):
        self.svc = services
        self.stdin = stdin
        self.stdout = stdout
        self.interactive = interactive
        self.prompt: Prompt | None = None
        self.last_attempt: int | None = None

    def say(self, text: str = "") -> None:
        self.stdout.write(text + "\n")
        self.stdout.flush()

    async def read_line(self) -> str | None:
        if self.interactive:
            self.stdout.write("> ")
            self.stdout.flush()
        line = await asyncio.to_thread(self.stdin.readline)
        return None if line == "" else line.rstrip("\n")

    def show(self, prompt: Prompt) -> None:
        self.prompt = prompt
        self.say(render_prompt(prompt, self.svc.content.topics[prompt.topic].title, PLAIN))
        self.say()

    async def ask(self, learner_id: int, topic: str | None = None, weakest: bool = False) -> None:
        if await self.svc.mock.pause_if_running(learner_id):
            self.say("Your mock discussion is paused while you practise. /mock resumes it.")
        self.show(await self.svc.practice.start(learner_id, topic_id=topic, weakest=weakest))

    def topics(self) -> list[str]:
        return list(self.svc.content.topics)

    async def submit(self, learner_id: int) -> bool:
        """Print the feedback; True if a follow-up probe is now waiting for a reply."""
        try:
            sub = await self.svc.practice.submit(learner_id)
        except PracticeError as exc:
            self.say(str(exc))
            return False
        self.last_attempt = sub.attempt_id
        if sub.changes is not None:
            self.say(render_changes(sub.changes, PLAIN))
            self.say()
        self.say(render_feedback(sub.assessment, PLAIN, limit=100_000))
        self.say()
        if sub.probe is not None:
            self.say(f"THE ASSESSOR ASKS: {sub.probe.text}")
            self.say("(Reply and /done, or /next, /retry, /model.)")
            self.say()
            return True
        return False

    async def command(self, learner_id: int, command: str) -> bool:
        """Run a slash command; False means quit."""
        name, _, arg = command.partition(" ")
        arg = arg.strip()
        if name in ("/quit", "/exit"):
            return False
        if name == "/help":
            self.say(HELP)
        elif name == "/cancel":
            await self.svc.practice.cancel(learner_id)
            self.say("Answer dropped. /next for another question.")
        elif name in ("/next", "/practice"):
            await self.ask(learner_id)
        elif name == "/topics":
            for i, topic_id in enumerate(self.topics(), start=1):
                self.say(f"  {i}. {self.svc.content.topics[topic_id].title}")
            self.say("Type /topic N, or /topic weakest.")
        elif name == "/topic":
            if arg == "weakest":
                await self.ask(learner_id, weakest=True)
            elif arg.isdigit() and 1 <= int(arg) <= len(self.topics()):
                await self.ask(learner_id, topic=self.topics()[int(arg) - 1])
            else:
                self.say("Type /topics to see the list, then /topic N with one of its numbers.")
        elif name == "/retry":
            if self.last_attempt is None:
                self.say("Submit an answer first; then /retry tries the same question again.")
            else:
                self.say("TRY AGAIN: answer the same question; I'll show what changed.")
                self.show(await self.svc.practice.retry(learner_id, self.last_attempt))
        elif name == "/model":
            if self.prompt is None:
                self.say("Ask for a question first (/next).")
            else:
                self.say("MODEL ANSWER OUTLINE")
                self.say("\n".join(f"• {b}" for b in self.prompt.model_answer))
        elif name == "/progress":
            from bot.render.progress import render_progress

            summary = await self.svc.progress.summary(learner_id)
            self.say(render_progress(summary, PLAIN, limit=100_000))
        elif name == "/answers":
            await self.answers(learner_id, arg)
        elif name == "/mock":
            await self.mock(learner_id, arg)
        elif name == "/standard":
            await self.standard(learner_id, arg)
        else:
            self.say(f"I don't know {name}. Type /help for the commands.")
        return True

    async def mock(self, learner_id: int, arg: str) -> None:
        """/mock: start (with a length), show, pause, resume or end the mock discussion."""
        from bot.mock.service import MockError, NoStandard
        from bot.render.mock import render_intro, render_paused, render_question, render_report

        svc = self.svc.mock
        current = await svc.current(learner_id)
        try:
            if current is None and arg in ("20", "40", "60"):
                view = await svc.start(learner_id, int(arg))
                self.say(render_intro(view, PLAIN))
                self.say()
                self.say(render_question(view, PLAIN))
            elif current is None:
                learner = await self.svc.learners.get(learner_id)
                svc.standard_for(learner)
                self.say("Mock professional discussion: type /mock 20, /mock 40 or /mock 60 (minutes).")
            elif arg == "end":
                self.say(render_report(await svc.end(learner_id), PLAIN))
            elif arg == "pause":
                self.say(render_paused(await svc.pause(learner_id), PLAIN))
            else:
                if current.status == "paused":
                    current = await svc.resume(learner_id)
                    self.say("Welcome back: the clock is running again.")
                self.say(render_question(current, PLAIN))
        except NoStandard as exc:
            self.say(str(exc).replace("Choose it in /settings (Standard).", "Type /standard ST0072.")
                     .replace("choose ST0072 in /settings", "type /standard ST0072"))
        except MockError as exc:
            self.say(str(exc))

    async def standard(self, learner_id: int, arg: str) -> None:
        """/standard CODE: the standard the mock maps to (the terminal has no /settings)."""
        standards = {s.code.casefold(): s for s in self.svc.content.standards.values()}
        chosen = standards.get(arg.casefold())
        if chosen is None:
            listed = ", ".join(f"{s.code} ({s.title}, Level {s.level})" for s in standards.values())
            self.say(f"Type /standard with one of: {listed}.")
            return
        await self.svc.learners.set_standard(learner_id, chosen.id)
        self.say(f"Your standard is {chosen.code} {chosen.title}. /mock 20 starts a mock.")

    async def mock_done(self, learner_id: int) -> bool:
        """/done during a running mock: hand the answer in; False when no mock is running."""
        from bot.mock.service import MockError
        from bot.render.mock import render_question, render_report

        if not await self.svc.mock.is_taking_answers(learner_id):
            return False
        try:
            step = await self.svc.mock.submit(learner_id)
        except MockError as exc:
            self.say(str(exc))
            return True
        self.say()
        if step.report is not None:
            self.say("Thank you: that is the end of the discussion. Here is your readiness report.\n")
            self.say(render_report(step.report, PLAIN))
        elif step.view is not None:
            self.say(render_question(step.view, PLAIN, area_title=step.area_title))
        self.say()
        return True

    async def answers(self, learner_id: int, arg: str) -> None:
        """My answers: the index, or one question in full."""
        from bot.clock import zone
        from bot.render.answers import render_index, render_question

        book = await self.svc.answers.book(learner_id)
        if not arg:
            self.say(render_index(book, PLAIN, None))
        elif arg.isdigit() and 1 <= int(arg) <= len(book.questions):
            tz = zone(None, self.svc.settings.default_timezone)
            self.say(render_question(book.questions[int(arg) - 1], PLAIN, tz, full=True))
        else:
            self.say("Type /answers for the list, then /answers N with one of its numbers.")

    async def run(self, user: str) -> int:
        learner = await self.svc.practice.learner(key=f"term:{user}", first_name=user)
        assert learner.id is not None
        lid = learner.id
        if self.interactive:
            self.say("STAR Coach: practise your professional discussion.\n" + HELP)
            self.say()
        mock = await self.svc.mock.current(lid)
        if mock is not None:
            self.say(f"You have a mock discussion in progress ({mock.status}): /mock carries on with it.")
        current = await self.svc.practice.current(lid)
        if current is not None and current.words:
            self.say(f"You have an unfinished answer ({current.words} words); carrying on with it.")
            self.show(current.prompt)
        else:
            await self.ask(lid)
        # Piped input asks the next question only if more lines follow, so a script that sends
        # one answer gets exactly one prompt and one feedback.
        ask_next = False
        while (line := await self.read_line()) is not None:
            text = line.strip()
            if text.startswith("/"):
                ask_next = False
                if text.lower() == "/done" and await self.mock_done(lid):
                    pass
                elif text.lower() == "/done":
                    waiting = await self.submit(lid)
                    if not waiting:
                        if self.interactive:
                            await self.ask(lid)
                        else:
                            ask_next = True
                elif not await self.command(lid, text.lower() if " " not in text else text):
                    break
            elif text and await self.svc.mock.is_taking_answers(lid):
                await self.svc.mock.add_text(lid, line)
            elif text:
                if ask_next:
                    await self.ask(lid)
                    ask_next = False
                try:
                    await self.svc.practice.add_text(lid, line)
                except PracticeError as exc:
                    self.say(str(exc))
        return 0


async def chat(services: Services, user: str | None = None) -> int:
    interactive = sys.stdin.isatty()
    term = TerminalChat(services, sys.stdin, sys.stdout, interactive)
    try:
        return await term.run(user or getpass.getuser())
    finally:
        if interactive:
            term.say("\nBye! Your progress is saved.")
