"""What a nudge says: what is due, the streak, the back-off note, and its three buttons."""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.mastery.review import Focus, Why, skill_label
from bot.reminders.planning import BACKOFF_AFTER
from content.models import Topic


class NudgeAction(StrEnum):
    PRACTISE = "practise"  # a question on `topic` (and `skill`) now
    MOCK = "mock"  # a mock discussion of `minutes`
    SNOOZE = "snooze"  # this nudge (`log_id`) again in an hour
    NOT_TODAY = "not_today"  # no more of this nudge (`log_id`) today


@dataclass(frozen=True)
class NudgeButton:
    """What a button under a nudge does; the sender turns it into the transport's button
    (handlers.reminders: Telegram's callback data)."""

    label: str
    action: NudgeAction
    topic: str = ""
    skill: str = ""
    minutes: int = 0
    log_id: int = 0


@dataclass(frozen=True)
class Nudge:
    """A message to send: Telegram HTML text and rows of buttons."""

    text: str
    buttons: tuple[tuple[NudgeButton, ...], ...] = ()


@dataclass(frozen=True)
class SetWork:
    """A piece of set work as a nudge names it (bot.cohorts.assignments.Work)."""

    label: str
    set_by: str
    due_on: date | None = None


@dataclass(frozen=True)
class NudgeContent:
    name: str
    focus: Focus
    streak: int
    unanswered: int  # nudges in a row before this one with no practice and no button pressed
    next_gap: int  # days until the next nudge if this one goes unanswered too
    snoozed: bool = False
    # Days from the nudge's day to the learner's assessment date (None: no date, or passed).
    days_to_exam: int | None = None
    # Work an assessor set and the learner has not answered yet, soonest due first.
    work: tuple[SetWork, ...] = ()


# In the last week before the assessment, a nudge suggests a mock discussion (issue 17).
MOCK_WEEK = 7


def exam_line(days: int | None) -> str | None:
    """The countdown a nudge carries when the learner gave their assessment date."""
    if days is None:
        return None
    if days == 0:
        return "🎓 <b>Your assessment is today.</b> Good luck: lead with your examples."
    when = "tomorrow" if days == 1 else f"in {days} days"
    if days <= MOCK_WEEK:
        return (f"⏳ <b>Your assessment is {when}.</b> This is the week for a mock discussion: "
                "it shows which areas you have evidenced and which you have not.")
    return f"⏳ Your assessment is {when}."


def work_line(work: tuple[SetWork, ...]) -> str:
    """The first piece of set work (it comes first in /practice too), and how many more."""
    first = work[0]
    who = html.escape(first.set_by) if first.set_by else "Your assessor"
    due = f", due {first.due_on.day} {first.due_on:%b}" if first.due_on else ""
    more = f" (and {_plural(len(work) - 1, 'more piece')})" if len(work) > 1 else ""
    return f"📌 {who} set you work: {html.escape(first.label)}{due}{more}. /practice shows it first."


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def render_nudge(content: NudgeContent, log_id: int, topics: Mapping[str, Topic]) -> Nudge:
    """The nudge: what is due, the streak, the back-off note, and its three buttons."""
    focus = content.focus
    title = html.escape(topics[focus.topic_id].title if focus.topic_id in topics else focus.topic_id)
    skill = html.escape(skill_label(focus.skill))
    area = f"<b>{title}</b>" + (f" ({skill})" if skill else "")
    hello = f"Hi {html.escape(content.name)}! " if content.name else ""
    lines = [
        "⏰ <b>Here's your reminder again.</b>" if content.snoozed
        else f"⏰ {hello}<b>Time for two minutes of practice.</b>"
    ]
    if focus.reason is Why.DUE:
        more = len(focus.due) - 1
        extra = f", and {_plural(more, 'more area')}" if more > 0 else ""
        lines.append(f"Due for review: {area}{extra}.")
    elif focus.reason is Why.NEW:
        lines.append(f"Nothing is due for review, so try a topic you haven't practised yet: {area}.")
    else:
        lines.append(f"Nothing is due for review, so let's work on your weakest area: {area}.")
    if content.streak:
        lines.append(f"Streak: {_plural(content.streak, 'day')} 🔥 Practise today to keep it going.")
    else:
        lines.append("No streak yet: one answer today starts one.")
    if not content.snoozed and content.unanswered == BACKOFF_AFTER - 1:
        lines.append(
            f"\n<i>This is my {BACKOFF_AFTER}rd reminder in a row without practice. If it goes "
            "unanswered too, I'll give you some space: the next comes in 2 days, then 4, then "
            "once a week. Practise any time and I'll go back to every day.</i>"
        )
    elif not content.snoozed and content.unanswered >= BACKOFF_AFTER:
        lines.append(
            f"\n<i>You haven't practised after my last {content.unanswered} reminders, so I'm "
            f"reminding you less often: if this one goes unanswered, the next comes in "
            f"{_plural(content.next_gap, 'day')}. Practise any time and I'll go back to every "
            "day.</i>"
        )
    if content.work:
        lines.insert(2, work_line(content.work))
    countdown = exam_line(content.days_to_exam)
    if countdown:
        lines.insert(1, countdown)
    go = NudgeButton("Practise now", NudgeAction.PRACTISE, topic=focus.topic_id, skill=focus.skill or "")
    first: tuple[NudgeButton, ...] = (go,)
    if content.days_to_exam is not None and 1 <= content.days_to_exam <= MOCK_WEEK:
        first = (go, NudgeButton("Mock (20 min)", NudgeAction.MOCK, minutes=20))
    return Nudge(
        "\n".join(lines),
        (first,
         (NudgeButton("Snooze 1 hour", NudgeAction.SNOOZE, log_id=log_id),
          NudgeButton("Not today", NudgeAction.NOT_TODAY, log_id=log_id))),
    )
