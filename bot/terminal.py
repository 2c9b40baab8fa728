"""`star-coach chat`: the practice loop in a terminal, on the same domain services as Telegram.

Interactive (a terminal): a `>` prompt, commands /done, /cancel, /next, /help, /quit.
Piped (not a terminal): plain lines; the prompt is printed, answer lines are taken until a line
`/done`, the feedback is printed, and the next prompt follows; end of input exits 0. An answer
left unfinished at end of input stays saved and is offered again next time.
"""

from __future__ import annotations

import asyncio
import getpass
import sys
from typing import TextIO

from bot.feedback import PLAIN, render_feedback, render_prompt
from bot.practice import PracticeError
from bot.services import Services

HELP = (
    "Type your answer over one or more lines, then /done to get feedback.\n"
    "/cancel drops the answer, /next asks another question, /quit leaves (your answer is kept)."
)


class TerminalChat:
    def __init__(self, services: Services, stdin: TextIO, stdout: TextIO, interactive: bool):
        self.svc = services
        self.stdin = stdin
        self.stdout = stdout
        self.interactive = interactive

    def say(self, text: str = "") -> None:
        self.stdout.write(text + "\n")
        self.stdout.flush()

    async def read_line(self) -> str | None:
        if self.interactive:
            self.stdout.write("> ")
            self.stdout.flush()
        line = await asyncio.to_thread(self.stdin.readline)
        return None if line == "" else line.rstrip("\n")

    async def ask(self, learner_id: int) -> None:
        prompt = await self.svc.practice.start(learner_id)
        self.say(render_prompt(prompt, self.svc.content.topics[prompt.topic].title, PLAIN))
        self.say()

    async def run(self, user: str) -> int:
        learner = await self.svc.practice.learner(key=f"term:{user}", first_name=user)
        assert learner.id is not None
        if self.interactive:
            self.say("STAR Coach: practise your professional discussion. " + HELP)
            self.say()
        current = await self.svc.practice.current(learner.id)
        if current is not None and current.words:
            topic = self.svc.content.topics[current.prompt.topic].title
            self.say(f"You have an unfinished answer ({current.words} words); carrying on with it.")
            self.say(render_prompt(current.prompt, topic, PLAIN))
            self.say()
        else:
            await self.ask(learner.id)
        # Piped input asks the next question only if more lines follow, so a script that sends
        # one answer gets exactly one prompt and one feedback.
        ask_next = False
        while (line := await self.read_line()) is not None:
            command = line.strip().lower()
            if ask_next and command not in ("/next", "/practice", "/quit", "/exit"):
                await self.ask(learner.id)
            ask_next = False
            if command == "/done":
                try:
                    submission = await self.svc.practice.submit(learner.id)
                except PracticeError as exc:
                    self.say(str(exc))
                    continue
                self.say(render_feedback(submission.assessment, PLAIN, limit=100_000))
                self.say()
                if self.interactive:
                    await self.ask(learner.id)
                else:
                    ask_next = True
            elif command == "/cancel":
                await self.svc.practice.cancel(learner.id)
                self.say("Answer dropped.")
                await self.ask(learner.id)
            elif command in ("/next", "/practice"):
                await self.ask(learner.id)
            elif command == "/help":
                self.say(HELP)
            elif command in ("/quit", "/exit"):
                break
            elif line.strip():
                await self.svc.practice.add_text(learner.id, line)
        return 0


async def chat(services: Services, user: str | None = None) -> int:
    interactive = sys.stdin.isatty()
    term = TerminalChat(services, sys.stdin, sys.stdout, interactive)
    try:
        return await term.run(user or getpass.getuser())
    finally:
        if interactive:
            term.say("\nBye! Your progress is saved.")
