"""The buttons under feedback: Details, Try again, Model answer outline, Next question, Stop.

Each carries the attempt it belongs to. Only the learner's latest attempt has live buttons: a
press on an older one says which question it was for and does nothing, so an old "Try again"
can never restart an earlier question, and an old "Stop" can never drop the answer being
written. Details and the outline of an older answer may still be read, without buttons.
"""

from __future__ import annotations

import html

from telegram import Update

from bot.practice.changes import compare
from bot.practice.service import PracticeError
from bot.render.answers import short
from bot.render.feedback import HTML, TELEGRAM_LIMIT, render_changes, render_feedback, render_prompt
from bot.render.summary import assessment_from_result
from handlers import keyboards, texts
from handlers.assignments import work_rows
from handlers.common import answer_in_progress, close_live_keyboards, reply, reply_live
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


async def handle(update: Update, context: Context, learner_id: int, action: str, args: list[str]) -> None:
    """One button under feedback (`prac:details|retry|model|next|stop[:<attempt id>]`)."""
    svc = context.services
    found = None
    if args and args[0].isdigit():
        found = await svc.practice.attempt_of(learner_id, int(args[0]))
        if found is None:
            await reply(update, context, texts.STALE_BUTTON)
            return
    elif action == keyboards.MODEL and args:  # an older version's button: the prompt id
        prompt = svc.content.prompts.get(args[0])
        if prompt is None:
            await reply(update, context, texts.STALE_BUTTON)
            return
        bullets = await _outline(context, learner_id, prompt.model_answer)
        await reply(update, context, texts.MODEL_ANSWER.format(bullets=bullets))
        return
    elif action in (keyboards.RETRY, keyboards.DETAILS):
        await reply(update, context, texts.STALE_BUTTON)
        return
    attempt, latest = found if found is not None else (None, True)
    markup = keyboards.after_feedback_keyboard(attempt.id, details=False) if attempt and attempt.id else None
    if action == keyboards.DETAILS and attempt is not None:
        text = await details_text(context, learner_id, attempt)
        if latest:
            await reply_live(update, context, text, reply_markup=markup)
        else:
            await reply(update, context, texts.DETAILS_EARLIER + text)
    elif action == keyboards.MODEL and attempt is not None:
        prompt = svc.content.prompts.get(attempt.prompt_id)
        if prompt is None:
            await reply(update, context, texts.STALE_BUTTON)
            return
        bullets = await _outline(context, learner_id, prompt.model_answer)
        if latest:
            await reply_live(update, context, texts.MODEL_ANSWER.format(bullets=bullets), reply_markup=markup)
        else:
            await reply(update, context, texts.MODEL_ANSWER.format(bullets=bullets))
    elif not latest and attempt is not None:
        await stale(update, context, learner_id, _question(context, attempt))
    elif action == keyboards.RETRY and attempt is not None and attempt.id is not None:
        await close_live_keyboards(context)
        await step_aside(update, context, learner_id)  # a running mock pauses for the practice
        try:
            prompt = await svc.practice.retry(learner_id, attempt.id)
        except PracticeError as exc:
            await reply(update, context, html.escape(str(exc)))
            return
        title = svc.content.topics[prompt.topic].title
        await reply(update, context, f"{texts.RETRY_INTRO}\n\n{render_prompt(prompt, title, HTML)}")
    elif action == keyboards.NEXT:
        if attempt is None and await answer_in_progress(update, context, learner_id):
            return
        await next_question(update, context, learner_id, attempt.prompt_id if attempt else None)
    elif action == keyboards.STOP:
        if attempt is None and await answer_in_progress(update, context, learner_id):
            return
        await svc.practice.cancel(learner_id)
        await reply(update, context, texts.STOPPED)


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
