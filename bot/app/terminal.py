"""`star-coach chat`: the practice loop in a terminal, on the same domain services as Telegram.

Interactive (a terminal): a `>` prompt with line editing and history (readline, when Python has
it; the history is kept in the user's data folder, see `history_path`), and the commands in
HELP. Piped (not a terminal): plain lines; the question is printed, answer lines are taken until a
line `/done`, the feedback is printed (with the assessor's follow-up question, if any), and end of
input exits 0. Lines after the feedback answer the follow-up, or, without one, start the next
question.

Nothing typed is lost: the answer is saved with every line; `/done` on an empty answer keeps
the question (and a follow-up question waiting for its reply); a question, follow-up or retry
left open is shown again at the next start.
"""

from __future__ import annotations

import asyncio
import getpass
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TextIO

from bot.app.services import Services
from bot.app.storable import clean
from bot.app.suggest import close_matches
from bot.learners.onboarding import LEVELS, SettingError
from bot.practice.service import MAX_ANSWER_CHARS, DraftStatus, EmptyDraft, NoDraft, PracticeError
from bot.render.feedback import PLAIN, render_changes, render_feedback, render_prompt
from bot.render.summary import render_summary
from content import nations
from content.models import Probe, Prompt
from storage.models import AnswerMode, MockStatus

HELP = """Type your answer over one or more lines, then /done on a line of its own for feedback.
  /topics          list the topics; /topic N practises topic N, /topic weakest your weakest
  /next            another question        /retry   try the last question again
  /model           model answer outline    /progress  your progress so far
  /details         the last feedback in full: every marking point, with your words
  /answers         every question you answered, best answer each; /answers N shows one in full
  /settings        your level, sector and nation (they choose the questions and the law expected)
  /wrong           the last feedback's marking points; /wrong N says the coach got point N wrong
  /mock [20|40|60] a timed mock discussion (/done hands each answer in; /mock pause, /mock end,
                   /mock report the last readiness report)
  /standard CODE   your apprenticeship standard for the mock, e.g. /standard ST0072
  /voice FILE      add a recording to your answer (transcribed here; the file is only read)
  /replace WORDS   put WORDS in place of the last recording heard (when it was misheard)
  /cancel          drop the answer         /quit    leave (an unfinished answer is kept)
Arrow keys edit the line before Enter; up and down recall earlier lines. A line once entered is
part of your answer (a recalled line entered again is added again; /replace is only for a
recording): to put one right, add a line that says it right, or /cancel to drop the whole answer."""

# What /help offers, for "did you mean" on a mistyped command.
COMMANDS = (
    "/topics", "/topic", "/next", "/practice", "/retry", "/model", "/details", "/progress", "/answers",
    "/settings", "/wrong", "/mock", "/standard", "/voice", "/replace", "/cancel", "/quit", "/help", "/done",
)

SETTINGS_HELP = """  /settings level 3           your apprenticeship level (2 to 5)
  /settings sector retail     where you work (/settings sectors lists them)
  /settings nation scotland   England, Wales, Scotland or NI: whose law applies"""

HISTORY_LINES = 1000


def data_dir() -> Path:
    """Where STAR Coach keeps a user's own files: the platform's per-user data folder."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "star-coach"


def history_path() -> Path:
    return data_dir() / "chat_history"


class LineEditor:
    """Line editing and history through readline, when this Python has it.

    Without readline (some Windows and minimal builds) lines are read plainly; an unreadable or
    unwritable history file only means no history. Nothing here ever stops the chat."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.readline: ModuleType | None = None
        try:
            import readline
        except ImportError:
            return
        self.readline = readline
        try:
            readline.set_history_length(HISTORY_LINES)
            if self.path.exists():
                readline.read_history_file(str(self.path))
        except OSError:
            pass

    def read(self, prompt: str) -> str | None:
        """One line, edited; None at end of input (Ctrl+D). Ctrl+C raises KeyboardInterrupt
        here and now: asyncio's own SIGINT handler would only cancel the chat once the line was
        finished, so the terminal would seem to ignore it."""
        try:
            previous = signal.signal(signal.SIGINT, signal.default_int_handler)
        except ValueError:  # not the main thread: leave signals alone
            previous = None
        try:
            return input(prompt)
        except EOFError:
            return None
        finally:
            if previous is not None:
                signal.signal(signal.SIGINT, previous)

    def save(self) -> None:
        if self.readline is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.readline.write_history_file(str(self.path))
            # Answers are in it: readable by this user only.
            self.path.chmod(0o600)
        except OSError:
            pass


class TerminalChat:
    def __init__(
        self,
        services: Services,
        stdin: TextIO,
        stdout: TextIO,
        interactive: bool,
        reader: Callable[[str], str | None] | None = None,
    ):
        self.svc = services
        self.stdin = stdin
        self.stdout = stdout
        self.interactive = interactive
        # Interactive input (LineEditor.read); piped input is read from `stdin`.
        self.reader = reader
        self.prompt: Prompt | None = None
        # The assessor's follow-up question waiting for a reply, if any.
        self.probe: Probe | None = None
        self.last_attempt: int | None = None
        # The last transcript added to a practice answer (/voice), which /replace swaps out.
        self.heard: str | None = None
        # Told that the answer was too long to keep whole: once per question, not every line after.
        self.told_truncated = False
        # Told that a line had characters that cannot be stored: once a session.
        self.told_cleaned = False

    def say(self, text: str = "") -> None:
        self.stdout.write(text + "\n")
        self.stdout.flush()

    async def read_line(self) -> str | None:
        """One line, made storable: bytes that are not UTF-8 (piped Latin-1, say) arrive as lone
        surrogates, which no database takes; they become U+FFFD, and a NUL is dropped, as in
        Telegram's inbox. The learner is told once."""
        line = await self._read_raw()
        if line is None:
            return None
        line, cleaned = clean(line)
        if cleaned and not self.told_cleaned:
            self.told_cleaned = True
            self.say("Your line had a character that can't be stored (shown as \ufffd or left out); "
                     "the rest is saved.")
        return str(line)

    async def _read_raw(self) -> str | None:
        if self.interactive and self.reader is not None:
            # Read in this thread: nothing else runs meanwhile, and Ctrl+C reaches it directly.
            return self.reader("> ")
        if self.interactive:
            self.stdout.write("> ")
            self.stdout.flush()
        line = await asyncio.to_thread(self.stdin.readline)
        return None if line == "" else line.rstrip("\n")

    def show(self, prompt: Prompt) -> None:
        self.prompt = prompt
        self.probe = None
        self.heard = None
        self.told_truncated = False
        self.say(render_prompt(prompt, self.svc.content.topics[prompt.topic].title, PLAIN))
        self.say()

    def show_probe(self, probe: Probe) -> None:
        self.probe = probe
        self.say(f"THE ASSESSOR ASKS: {probe.text}")
        self.say("(Type your reply and /done; or /next, /retry, /model.)")
        self.say()

    async def ask(self, learner_id: int, topic: str | None = None, weakest: bool = False) -> None:
        if await self.svc.mock.pause_if_running(learner_id):
            self.say("Your mock discussion is paused while you practise. /mock resumes it.")
        try:
            prompt = await self.svc.practice.start(
                learner_id, topic_id=topic, weakest=weakest,
                avoid=self.prompt.id if weakest and self.prompt is not None else None,
            )
        except PracticeError as exc:
            self.say(self.words(exc))
            return
        self.show(prompt)

    def topics(self) -> list[str]:
        return list(self.svc.content.topics)

    def words(self, exc: PracticeError) -> str:
        """The terminal's own wording for a practice error (the service speaks Telegram)."""
        if isinstance(exc, EmptyDraft):
            if self.probe is not None:
                return "Your reply is empty so far: type it, then /done. The assessor's question stands."
            return "Your answer is empty so far: type it, then /done. The question stands."
        if isinstance(exc, NoDraft):
            return "No question is open. Type /next for one."
        return str(exc).replace("Send /practice", "Type /next")

    async def submit(self, learner_id: int) -> bool | None:
        """Print the feedback. True: a follow-up question now waits for a reply; False: done with
        this question; None: nothing was submitted (the question, or the follow-up, stands)."""
        try:
            sub = await self.svc.practice.submit(learner_id)
        except PracticeError as exc:
            self.say(self.words(exc))
            if isinstance(exc, EmptyDraft) and self.probe is not None:
                self.say(f"THE ASSESSOR ASKS: {self.probe.text}")
            return None
        self.last_attempt = sub.attempt_id
        self.probe = None
        if self.interactive:
            # As Telegram shows it: one screen first, the full checklist on request (/details).
            self.say(render_summary(sub.assessment, PLAIN, changes=sub.changes, limit=100_000)
                     .replace("in Details)", "in /details)"))
            self.say("(/details: the full checklist, with every marking point and your words.)")
        else:
            # Piped, for scripts: everything at once.
            if sub.changes is not None:
                self.say(render_changes(sub.changes, PLAIN))
                self.say()
            self.say(render_feedback(sub.assessment, PLAIN, limit=100_000))
        self.say()
        if sub.probe is not None:
            self.show_probe(sub.probe)
            return True
        return False

    async def details(self, learner_id: int) -> None:
        """/details: the full feedback of the last answer (Telegram's Details button)."""
        from bot.practice.changes import compare
        from bot.render.summary import assessment_from_result

        found = None
        if self.last_attempt is not None:
            found = await self.svc.practice.attempt_of(learner_id, self.last_attempt)
        if found is None:
            self.say("Answer a question first (/done gives feedback); then /details shows all of it.")
            return
        attempt = found[0]
        assessment = assessment_from_result(attempt.result)
        if attempt.parent_id is not None:
            parent = await self.svc.practice.attempt_of(learner_id, attempt.parent_id)
            if parent is not None:
                self.say(render_changes(compare(parent[0].result, assessment), PLAIN))
                self.say()
        self.say(render_feedback(assessment, PLAIN, limit=100_000))

    async def command(self, learner_id: int, command: str) -> bool:
        """Run a slash command; False means quit."""
        name, _, arg = command.partition(" ")
        name = name.lower()
        arg = arg.strip()
        if name in ("/quit", "/exit"):
            return False
        if name == "/help":
            self.say(HELP)
        elif name == "/cancel":
            await self.svc.practice.cancel(learner_id)
            self.probe = None
            self.say("Answer dropped. /next for another question.")
        elif name in ("/next", "/practice"):
            # As Telegram's Next question: what the review schedule puts first (bot.mastery.review).
            await self.ask(learner_id, weakest=True)
        elif name == "/topics":
            for i, topic_id in enumerate(self.topics(), start=1):
                self.say(f"  {i}. {self.svc.content.topics[topic_id].title}")
            self.say("Type /topic N, or /topic weakest.")
        elif name == "/topic":
            if arg.lower() == "weakest":
                await self.ask(learner_id, weakest=True)
            elif arg.isdigit() and 1 <= int(arg) <= len(self.topics()):
                await self.ask(learner_id, topic=self.topics()[int(arg) - 1])
            else:
                self.say("Type /topics to see the list, then /topic N with one of its numbers.")
        elif name == "/retry":
            if self.last_attempt is None:
                self.say("Answer a question first (/done gives feedback); then /retry tries it again.")
            else:
                try:
                    prompt = await self.svc.practice.retry(learner_id, self.last_attempt)
                except PracticeError as exc:
                    self.say(self.words(exc))
                else:
                    self.say("TRY AGAIN: answer the same question; I'll show what changed.")
                    self.show(prompt)
        elif name == "/details":
            await self.details(learner_id)
        elif name == "/model":
            if self.prompt is None:
                self.say("Ask for a question first (/next).")
            else:
                self.say("MODEL ANSWER OUTLINE")
                nation = (await self.svc.learners.get(learner_id)).nation
                outline = self.prompt.model_answer
                notes = self.svc.assessor.nation_notes(" ".join(outline), nation)
                self.say("\n".join(f"• {b}" for b in [*outline, *notes]))
        elif name == "/progress":
            from bot.render.progress import render_progress

            summary = await self.svc.progress.summary(learner_id)
            self.say(render_progress(summary, PLAIN, limit=100_000))
        elif name == "/answers":
            await self.answers(learner_id, arg)
        elif name == "/settings":
            await self.settings(learner_id, arg)
        elif name == "/wrong":
            await self.wrong(learner_id, arg)
        elif name == "/mock":
            await self.mock(learner_id, arg)
        elif name == "/standard":
            await self.standard(learner_id, arg)
        elif name == "/voice":
            await self.voice(learner_id, arg)
        elif name == "/replace":
            await self.replace(learner_id, arg)
        else:
            near = close_matches(name.lstrip("/"), [c.lstrip("/") for c in COMMANDS], limit=1, cutoff=70.0)
            maybe = f" Did you mean /{near[0]}?" if near else ""
            self.say(f"I don't know {name}.{maybe} Type /help for the commands.")
        return True

    async def voice(self, learner_id: int, arg: str) -> None:
        """/voice FILE: transcribe a recording and add what was heard to the answer."""
        from bot.voice.decode import AudioError
        from bot.voice.service import VoiceBusy

        if not arg:
            self.say("Type /voice and the path of a recording, e.g. /voice answer.ogg")
            return
        try:
            audio = await asyncio.to_thread(lambda: Path(arg).expanduser().read_bytes())
        except OSError as exc:
            self.say(f"I cannot read {arg}: {exc.strerror or exc}.")
            return
        self.say("(Listening...)")
        try:
            heard = await self.svc.voice.transcribe(audio)
        except (AudioError, VoiceBusy) as exc:
            self.say(f"I could not use that recording: {exc}")
            return
        if not heard.text:
            self.say("I could not make out any words in that recording.")
            return
        if await self.svc.mock.is_taking_answers(learner_id):
            await self.svc.mock.add_text(learner_id, heard.text)
            self.heard = heard.text
            self.say(f"I heard: {heard.text}")
            self.say("(Added to your answer. Misheard? /replace and the right words. "
                     "Type more, or /done to hand it in.)")
            return
        try:
            await self.svc.practice.add_text(learner_id, heard.text)
        except NoDraft:
            await self.ask(learner_id)
            await self.svc.practice.add_text(learner_id, heard.text)
        self.heard = heard.text
        self.say(f"I heard: {heard.text}")
        self.say("(Added to your answer. Misheard? /replace and the right words. "
                 "Type more, /cancel to drop it, or /done for feedback.)")

    async def replace(self, learner_id: int, arg: str) -> None:
        """/replace WORDS: the right words in place of the last recording heard."""
        if self.heard is None:
            self.say("There is no recording to replace: /replace works on the last one you "
                     "added with /voice, before /done.")
            return
        if not arg.strip():
            self.say("Type /replace and the right words, e.g. /replace I apologised for the delay")
            return
        if await self.svc.mock.is_taking_answers(learner_id):
            await self.replace_in_mock(learner_id, self.heard, arg)
            return
        status = await self.svc.practice.replace_last(learner_id, self.heard, arg)
        if status is not None:
            self.heard = arg.strip()  # a second /replace corrects the correction
            self.say(f"(Replaced. Your answer now has {status.words} words. /done for feedback.)")
            return
        # The recording is no longer the end of an open answer: keep the words all the same.
        self.heard = None
        try:
            await self.svc.practice.add_text(learner_id, arg)
        except NoDraft:
            self.say("No answer is open, so there is nothing to replace. Type /next for a question.")
            return
        self.say("(That recording is no longer the last part of your answer, so I added your words.)")

    async def replace_in_mock(self, learner_id: int, old: str, arg: str) -> None:
        """/replace during a mock: `old`, the last recording heard, swapped in the mock's answer,
        as in practice (Telegram's Replace this part)."""
        view = await self.svc.mock.replace_last(learner_id, old, arg)
        if view is not None:
            self.heard = arg.strip()
            self.say(f"(Replaced. Your answer now has {view.words} words. /done to hand it in.)")
            return
        self.heard = None
        await self.svc.mock.add_text(learner_id, arg)
        self.say("(That recording is no longer the last part of your answer, so I added your words.)")

    async def wrong(self, learner_id: int, arg: str) -> None:
        """That's not right: /wrong lists the last feedback's points, /wrong N disputes point N."""
        from bot.practice.disputes import DisputeError
        from bot.render.disputes import WRONG_USAGE, acknowledge

        if self.last_attempt is None:
            self.say(WRONG_USAGE)
            return
        try:
            if not arg:
                points = await self.svc.disputes.points(learner_id, self.last_attempt)
                self.say("Which point did I get wrong? Type /wrong and its number.")
                for p in points:
                    self.say(f"  {p.index + 1}. {'met' if p.met else 'not found'}: {p.text}")
            elif arg.isdigit():
                count = len(await self.svc.disputes.points(learner_id, self.last_attempt))
                if not 1 <= int(arg) <= count:
                    self.say(f"There is no point {arg}: the points are numbered 1 to {count}. "
                             "Type /wrong to see them.")
                    return
                done = await self.svc.disputes.dispute(learner_id, self.last_attempt, int(arg) - 1)
                self.say(acknowledge(done, PLAIN))
            else:
                self.say(WRONG_USAGE)
        except DisputeError as exc:
            self.say(str(exc))

    async def mock(self, learner_id: int, arg: str) -> None:
        """/mock: start (with a length), show, pause, resume or end the mock discussion."""
        from bot.mock.service import MockError, NoStandard
        from bot.render.mock import render_intro, render_paused, render_question, render_report

        svc = self.svc.mock
        current = await svc.current(learner_id)
        self.heard = None  # the answer open may change: /replace reaches only a recording after this
        try:
            if arg == "report":
                reports = await svc.reports(learner_id, limit=1)
                self.say(render_report(reports[0], PLAIN) if reports
                         else "You haven't finished a mock yet. /mock 20 starts one.")
            elif current is None and arg in ("end", "pause"):
                self.say("No mock discussion is running. /mock 20 starts one (20, 40 or 60 minutes).")
            elif current is None and arg in ("20", "40", "60"):
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
                if current.status == MockStatus.PAUSED:
                    current = await svc.resume(learner_id)
                    self.say("Welcome back: the clock is running again.")
                self.say(render_question(current, PLAIN))
        except NoStandard as exc:
            self.say(str(exc).replace("Choose it in /settings (Standard).", "Type /standard ST0072.")
                     .replace("choose ST0072 in /settings", "type /standard ST0072"))
        except MockError as exc:
            self.say(str(exc))

    async def standard(self, learner_id: int, arg: str) -> None:
        """/standard CODE: the standard the mock maps to."""
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
            self.heard = None  # the recording went with that answer; /replace cannot reach it now
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

    async def settings(self, learner_id: int, arg: str) -> None:
        """`/settings` shows level, sector and nation; `/settings level 3` (sector, nation) sets one."""
        what, _, value = arg.partition(" ")
        what, value = what.lower(), value.strip()
        learners = self.svc.learners
        content = self.svc.content
        try:
            if what == "":
                pass
            elif what == "sectors":
                for sector in content.sectors.values():
                    self.say(f"  {sector.id:<20} {sector.label}")
                self.say("Type /settings sector <id>, e.g. /settings sector retail.")
                return
            elif what == "level":
                if not value.isdigit() or int(value) not in LEVELS:
                    raise SettingError("Type /settings level 2, 3, 4 or 5.")
                await learners.set_level(learner_id, int(value))
            elif what == "sector":
                await learners.set_sector(learner_id, self.sector_id(value))
            elif what == "nation":
                if nations.parse_nation(value) is None:
                    raise SettingError(
                        "Type /settings nation england, wales, scotland or ni "
                        "(or unknown, and I judge as for England)."
                    )
                await learners.set_nation(learner_id, value)
            else:
                raise SettingError(f"I can set level, sector or nation.\n{SETTINGS_HELP}")
        except SettingError as exc:
            self.say(str(exc))
            return
        learner = await learners.get(learner_id)
        chosen = content.sectors.get(learner.sector or "")
        if what:
            self.say("Saved. It counts from your next question.")
        self.say("YOUR SETTINGS")
        self.say(f"  Level:  {learner.level or 'not set'}")
        self.say(f"  Sector: {chosen.label if chosen else 'not set'}")
        self.say(f"  Nation: {nations.label(nations.normalise(learner.nation))}")
        if not what:
            self.say(SETTINGS_HELP)

    def sector_id(self, value: str) -> str:
        """The sector id meant by an id or a name, in any case; SettingError with the close ones."""
        sectors = self.svc.content.sectors
        key = value.strip().lower()
        for sector in sectors.values():
            if key in (sector.id, sector.label.lower()):
                return sector.id
        names = {s.label: s.id for s in sectors.values()} | {s.id: s.id for s in sectors.values()}
        near = list(dict.fromkeys(names[n] for n in close_matches(value, names)))
        hint = f" Did you mean {' or '.join(near)}?" if near else ""
        raise SettingError(
            f"I don't know the sector \u201c{value}\u201d.{hint} /settings sectors lists them."
        )

    async def resume(self, learner_id: int, current: DraftStatus | None) -> None:
        """Show what was left open last time (a question, a retry, a follow-up), or a new question."""
        if current is None:
            await self.ask(learner_id, weakest=True)
            return
        typed = f" ({current.words} words so far)" if current.words else ""
        if current.mode == AnswerMode.PROBE:
            nation = (await self.svc.learners.get(learner_id)).nation
            probe = current.prompt.probe_for(current.probe_point, nation)
            self.say(f"Carrying on where you left off{typed}: the assessor's follow-up question.")
            self.prompt = current.prompt
            self.last_attempt = current.token or None
            if probe is not None:
                self.show_probe(probe)
                return
        elif current.mode == AnswerMode.RETRY:
            self.say(f"Carrying on with your retry of this question{typed}.")
            self.last_attempt = current.token or None
        elif current.words:
            self.say(f"You have an unfinished answer{typed}; carrying on with it.")
        self.show(current.prompt)

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
        await self.resume(lid, await self.svc.practice.current(lid))
        # Piped input asks the next question only if more lines follow, so a script that sends
        # one answer gets exactly one question and one feedback.
        ask_next = False
        while (line := await self.read_line()) is not None:
            text = line.strip()
            if text.startswith("/"):
                if text.lower() == "/done" and await self.mock_done(lid):
                    continue
                if text.lower() == "/done":
                    if ask_next:
                        self.say("No question is open. Type /next for one.")
                        continue
                    outcome = await self.submit(lid)
                    if outcome is False:
                        if self.interactive:
                            await self.ask(lid, weakest=True)
                        else:
                            ask_next = True
                    continue
                if text.split()[0].lower() in ("/next", "/practice", "/topic", "/retry", "/cancel"):
                    ask_next = False
                if not await self.command(lid, text):
                    break
            elif text and await self.svc.mock.is_taking_answers(lid):
                await self.svc.mock.add_text(lid, line)
            elif text:
                if ask_next:
                    await self.ask(lid, weakest=True)
                    ask_next = False
                try:
                    status = await self.svc.practice.add_text(lid, line)
                except PracticeError as exc:
                    self.say(self.words(exc))
                    continue
                if status.truncated and not self.told_truncated:
                    self.told_truncated = True
                    self.say(f"Your answer is very long, so I kept the first {MAX_ANSWER_CHARS:,} "
                             "characters only. Type /done for feedback on them.")
        return 0


async def chat(services: Services, user: str | None = None) -> int:
    interactive = sys.stdin.isatty()
    editor = LineEditor(history_path()) if interactive else None
    term = TerminalChat(
        services, sys.stdin, sys.stdout, interactive, reader=editor.read if editor else None
    )
    try:
        return await term.run(user or getpass.getuser())
    finally:
        if editor is not None:
            editor.save()
        if interactive:
            term.say("\nBye! Your progress is saved.")
