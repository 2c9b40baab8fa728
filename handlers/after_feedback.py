"""The buttons under feedback: Details, Try again, Model answer outline, Next question, Stop.

Each carries the attempt it belongs to. Only the learner's latest attempt has live buttons: a
press on an older one says which question it was for and does nothing, so an old "Try again"
can never restart an earlier question, and an old "Stop" can never drop the answer being
written. Details and the outline of an older answer may still be read, without buttons.
"""

from __future__ import annotations

import html
import re

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.practice.changes import compare
from bot.practice.service import PracticeError
from bot.render.answers import short
from bot.render.feedback import HTML, TELEGRAM_LIMIT, render_changes, render_feedback, render_prompt
from bot.render.summary import assessment_from_result
from handlers import keyboards, texts
from handlers.assignments import work_rows
from handlers.callback import Callback
from handlers.common import (
    answer_in_progress,
    close_live_keyboards,
    learner_for,
    reply,
    reply_live,
    take_press,
)
from handlers.context import Context
from handlers.mock import step_aside
from storage.models import Attempt


async def stale(update: Update, context: Context, learner_id: int, question: str) -> None:
    """Explain an old button: which question it was for, and what is open now."""
    current = await context.services.practice.current(learner_id)
    now = texts.STALE_NOW_OPEN if current is not None and current.words else texts.STALE_NOW_NONE
    await reply(update, context, texts.STALE_EARLIER.format(
        question=html.escape(short(question)), now=now))


def _question(context: Context, attempt: Attempt) -> str:
    prompt = context.services.content.prompts.get(attempt.prompt_id)
    return prompt.text if prompt else "a question no longer asked"


async def _outline(context: Context, learner_id: int, outline: list[str]) -> str:
    """The model answer's bullets, with a note for any law in it that does not apply in the
    learner's nation (the Equality Act 2010 for a learner in Northern Ireland)."""
    svc = context.services
    nation = (await svc.learners.get(learner_id)).nation
    lines = [*outline, *svc.assessor.nation_notes(" ".join(outline), nation)]
    return "\n".join(f"• {html.escape(b)}" for b in lines)


async def _pressed(
    update: Update, context: Context, kind: Callback
) -> tuple[re.Match[str], int, Attempt | None, bool] | None:
    """The press, the learner, the attempt its button names (None for an older version's Next
    or Stop, which named none) and whether that attempt is the learner's latest; None (and said
    so) when the attempt is not theirs, or gone."""
    found = await take_press(update, kind)
    if found is None:
        return None
    learner = await learner_for(update, context)
    assert learner.id is not None
    ref = found["ref"] if "ref" in kind.fields else found["attempt"]
    if ref is None or not ref.isdigit():
        return found, learner.id, None, True
    got = await context.services.practice.attempt_of(learner.id, int(ref))
    if got is None:
        await reply(update, context, texts.STALE_BUTTON)
        return None
    return found, learner.id, got[0], got[1]


def _after_markup(attempt: Attempt) -> InlineKeyboardMarkup | None:
    return keyboards.after_feedback_keyboard(attempt.id, details=False) if attempt.id else None


async def details_button(update: Update, context: Context) -> None:
    """Details: the checklist and the evidence of the answer."""
    pressed = await _pressed(update, context, keyboards.DETAILS)
    if pressed is None:
        return
    _, learner_id, attempt, latest = pressed
    if attempt is None:
        return  # the pattern asks for an attempt id: not reached
    text = await details_text(context, learner_id, attempt)
    if latest:
        await reply_live(update, context, text, reply_markup=_after_markup(attempt))
    else:
        await reply(update, context, texts.DETAILS_EARLIER + text)


async def model_button(update: Update, context: Context) -> None:
    """Model answer outline, of the attempt's question (an older version's button names the
    question itself)."""
    pressed = await _pressed(update, context, keyboards.MODEL)
    if pressed is None:
        return
    found, learner_id, attempt, latest = pressed
    prompt_id = attempt.prompt_id if attempt is not None else found["ref"]
    prompt = context.services.content.prompts.get(prompt_id)
    if prompt is None:
        await reply(update, context, texts.STALE_BUTTON)
        return
    outline = texts.MODEL_ANSWER.format(bullets=await _outline(context, learner_id, prompt.model_answer))
    if attempt is not None and latest:
        await reply_live(update, context, outline, reply_markup=_after_markup(attempt))
    else:
        await reply(update, context, outline)


async def retry_button(update: Update, context: Context) -> None:
    """Try again (and My answers' Answer it again): the same question, compared with this try."""
    pressed = await _pressed(update, context, keyboards.RETRY)
    if pressed is None:
        return
    _, learner_id, attempt, latest = pressed
    if attempt is None:
        return  # the pattern asks for an attempt id: not reached
    if not latest:
        await stale(update, context, learner_id, _question(context, attempt))
        return
    assert attempt.id is not None
    svc = context.services
    await close_live_keyboards(context)
    await step_aside(update, context, learner_id)  # a running mock pauses for the practice
    try:
        prompt = await svc.practice.retry(learner_id, attempt.id)
    except PracticeError as exc:
        await reply(update, context, html.escape(str(exc)))
        return
    title = svc.content.topics[prompt.topic].title
    await reply(update, context, f"{texts.RETRY_INTRO}\n\n{render_prompt(prompt, title, HTML)}")


async def _may_go_on(
    update: Update, context: Context, kind: Callback
) -> tuple[int, Attempt | None] | None:
    """Next or Stop pressed: the learner and the attempt named, if the press may act. Not from
    an older feedback (said so: it never restarts an earlier question), nor, from an older
    version's button that names no attempt, over an answer with words in it (said so)."""
    pressed = await _pressed(update, context, kind)
    if pressed is None:
        return None
    _, learner_id, attempt, latest = pressed
    if attempt is not None and not latest:
        await stale(update, context, learner_id, _question(context, attempt))
        return None
    if attempt is None and await answer_in_progress(update, context, learner_id):
        return None
    return learner_id, attempt


async def next_button(update: Update, context: Context) -> None:
    """Next question: never the one just answered."""
    if (going := await _may_go_on(update, context, keyboards.NEXT)) is not None:
        learner_id, attempt = going
        await next_question(update, context, learner_id, attempt.prompt_id if attempt else None)


async def stop_button(update: Update, context: Context) -> None:
    """Stop: the follow-up question is dropped; nothing else is asked."""
    if (going := await _may_go_on(update, context, keyboards.STOP)) is not None:
        await context.services.practice.cancel(going[0])
        await reply(update, context, texts.STOPPED)


def handlers() -> list[BaseHandler]:
    return [
        CallbackQueryHandler(details_button, pattern=keyboards.DETAILS.pattern),
        CallbackQueryHandler(model_button, pattern=keyboards.MODEL.pattern),
        CallbackQueryHandler(retry_button, pattern=keyboards.RETRY.pattern),
        CallbackQueryHandler(next_button, pattern=keyboards.NEXT.pattern),
        CallbackQueryHandler(stop_button, pattern=keyboards.STOP.pattern),
    ]


async def details_text(context: Context, learner_id: int, attempt: Attempt) -> str:
    """The full feedback of a stored attempt: what changed since the try it builds on, the
    corrections, what was named, the STAR checklist and every marking point."""
    assessment = assessment_from_result(attempt.result)
    text = render_feedback(assessment, HTML)
    if attempt.parent_id is not None:
        parent = await context.services.practice.attempt_of(learner_id, attempt.parent_id)
        if parent is not None:
            text = f"{render_changes(compare(parent[0].result, assessment), HTML)}\n\n{text}"
    return text if len(text) <= TELEGRAM_LIMIT else render_feedback(assessment, HTML)


async def next_question(
    update: Update, context: Context, learner_id: int, just_answered: str | None
) -> None:
    """Work the assessor set, else the area the review schedule puts first
    (bot.mastery.review), never the question just answered."""
    svc = context.services
    await close_live_keyboards(context)
    open_work = await svc.assignments.open_for(learner_id)
    if open_work:
        await reply(update, context, texts.CHOOSE_TOPIC_WITH_WORK,
                    reply_markup=keyboards.InlineKeyboardMarkup(work_rows(open_work)))
        return
    await step_aside(update, context, learner_id)  # a running mock pauses for the practice
    try:
        prompt = await svc.practice.start(learner_id, weakest=True, avoid=just_answered)
    except PracticeError as exc:
        await reply(update, context, html.escape(str(exc)))
        return
    await reply(update, context, render_prompt(prompt, svc.content.topics[prompt.topic].title, HTML))
