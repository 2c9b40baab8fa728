"""Asking and marking: the first question after consent, the profile questions still owed
(level, sector, nation) asked when an answer is first submitted, and the feedback with its buttons.

Shared by /done and Submit (handlers.practice), the last profile answer (handlers.onboarding) and
the invite flow (handlers.cohort_invites), so none of them imports another's handlers.
"""

from __future__ import annotations

import html

from telegram import InlineKeyboardMarkup, Update

from bot.learners.onboarding import FIRST_TOPIC, profile_owed, read_level, read_nation, read_sector
from bot.practice.service import PracticeError, Submission
from bot.render.feedback import HTML, render_prompt
from bot.render.summary import render_summary
from handlers import keyboards, onboarding_buttons, texts
from handlers.common import close_live_keyboards, learner_for, replace_message, reply, reply_live
from handlers.consent import describe, reminder_line
from handlers.context import Context
from storage.models import Learner


def profile_question(context: Context, step: str) -> tuple[str, InlineKeyboardMarkup]:
    """The text and buttons of one profile question asked before feedback."""
    if step == "level":
        return texts.ASK_LEVEL, onboarding_buttons.levels_keyboard(then_submit=True)
    if step == "sector":
        content = context.services.content
        return texts.ASK_SECTOR, onboarding_buttons.sectors_keyboard(content, then_submit=True)
    return texts.ASK_NATION, onboarding_buttons.nations_keyboard(then_submit=True)


async def ask_first(update: Update, context: Context, learner: Learner) -> None:
    """A new learner's first question, straight after consent, unless an answer is open."""
    svc = context.services
    assert learner.id is not None
    if await svc.practice.current(learner.id) is not None:
        return  # never replace an answer being written
    await close_live_keyboards(context)
    topic = FIRST_TOPIC if FIRST_TOPIC in svc.content.topics else next(iter(svc.content.topics))
    prompt = await svc.practice.start(learner.id, prompt_id=svc.practice.first_prompt(topic).id)
    text = render_prompt(prompt, svc.content.topics[prompt.topic].title, HTML)
    await reply(update, context, texts.FIRST_QUESTION.format(prompt=text))


async def submit(update: Update, context: Context) -> None:
    """Mark the open answer; first ask any profile question still owed (it changes the marking)."""
    svc = context.services
    learner = await learner_for(update, context)
    assert learner.id is not None
    owed = profile_owed(learner)
    if owed is not None:
        current = await svc.practice.current(learner.id)
        if current is not None and current.words > 0:
            question, markup = profile_question(context, owed)
            _asking(context, True)
            await reply_live(update, context, f"{texts.PROFILE_INTRO}\n\n{question}", reply_markup=markup)
            return
    try:
        submission = await svc.practice.submit(learner.id)
    except PracticeError as exc:
        if not await resend_lost_feedback(update, context, learner.id):
            await reply(update, context, html.escape(str(exc)))
        return
    await send_submission(update, context, submission)


async def resend_lost_feedback(update: Update, context: Context, learner_id: int) -> bool:
    """When this update is being run again (the process died inside it, bot.app.inbox) and the
    answer it submitted was stored then, send that feedback now: it may never have gone out.
    True if it was sent."""
    message = update.effective_message
    if update.update_id not in context.bot_data.reruns or message is None:
        return False
    again = await context.services.practice.resubmission(learner_id, since=message.date)
    if again is None:
        return False
    await send_submission(update, context, again)
    return True


async def continue_profile(update: Update, context: Context, learner: Learner, echo: str) -> None:
    """After a profile answer given before feedback: the next question in the same message,
    or, when none is owed, the echo of all of them and the feedback."""
    owed = profile_owed(learner)
    # A button's choice is echoed in place; a typed one in a new message, under what was typed.
    show = replace_message if update.callback_query is not None else reply_live
    _asking(context, owed is not None)
    if owed is not None:
        question, markup = profile_question(context, owed)
        await show(update, context, f"{echo}\n\n{question}", reply_markup=markup)
        return
    shown = describe(learner, context)
    await show(update, context, texts.PROFILE_DONE.format(
        level=shown["level"], sector=shown["sector"], nation=shown["nation"],
        reminder=await reminder_line(context, learner),
    ))
    await submit(update, context)


def _asking(context: Context, asked: bool) -> None:
    """Remember whether a profile question is on screen (see typed_profile)."""
    if context.user_data is not None:
        context.user_data.profile_asked = asked


def _asked(context: Context, learner: Learner) -> str | None:
    """The profile question on screen now, if any: "level", "sector" or "nation"."""
    owed = profile_owed(learner)
    return owed if owed is not None and context.user_data and context.user_data.profile_asked else None


async def typed_profile(update: Update, context: Context, learner: Learner, text: str) -> bool:
    """A short reply typed to the profile question on screen ("level 3", "retail", "scotlnd")
    answers it as its button would; True if it did. Anything else is part of the answer
    (see reask_profile)."""
    step, svc, lid = _asked(context, learner), context.services, learner.id
    assert lid is not None
    if step == "level" and (level := read_level(text)) is not None:
        learner = await svc.learners.set_level(lid, level)
        echo = texts.ECHO_LEVEL.format(level=learner.level)
    elif step == "sector" and (sector := read_sector(text, svc.content)) is not None:
        learner = await svc.learners.set_sector(lid, sector)
        echo = texts.ECHO_SECTOR.format(sector=describe(learner, context)["sector"])
    elif step == "nation" and (nation := read_nation(text)) is not None:
        learner = await svc.learners.set_nation(lid, nation)
        echo = texts.ECHO_NATION.format(nation=describe(learner, context)["nation"])
    else:
        return False
    await close_live_keyboards(context)  # the question's buttons: answered by typing
    await continue_profile(update, context, learner, echo)
    return True


async def reask_profile(update: Update, context: Context, learner: Learner, words: int) -> bool:
    """After a message that did not answer the profile question on screen (it went into the
    answer, so nothing is lost): say so and ask the question again. True if asked."""
    step = _asked(context, learner)
    if step is None:
        return False
    question, markup = profile_question(context, step)
    await close_live_keyboards(context)
    await reply_live(update, context, f"{texts.PROFILE_KEPT.format(words=words)}\n\n{question}",
                     reply_markup=markup)
    return True


async def send_submission(update: Update, context: Context, submission: Submission) -> None:
    """The feedback summary (one screen) with the assessor's question and the buttons."""
    summary = render_summary(
        submission.assessment, HTML, probe=submission.probe.text if submission.probe else None,
        changes=submission.changes,
    )
    await close_live_keyboards(context)  # the buttons of the try before
    await reply_live(update, context, summary,
                     reply_markup=keyboards.after_feedback_keyboard(submission.attempt_id))
