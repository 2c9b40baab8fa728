"""/practice, answer messages, Submit (/done) and Cancel (/cancel).

Flow: /practice starts a draft in the database and asks the prompt; each text message is added
to the draft and acknowledged with a status line carrying Submit and Cancel buttons; Submit
assesses the whole draft, stores the attempt and sends the feedback.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.feedback import HTML, render_feedback, render_prompt, render_status
from bot.practice import PracticeError
from handlers import keyboards, texts
from handlers.common import learner_for, reply, services


async def practice(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Ask a new STAR prompt."""
    svc = services(context)
    learner = await learner_for(update, context)
    assert learner.id is not None
    prompt = await svc.practice.start(learner.id)
    topic = svc.content.topics[prompt.topic]
    await reply(update, context, render_prompt(prompt, topic.title, HTML))


async def answer_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Add a message to the answer being written."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    svc = services(context)
    learner = await learner_for(update, context)
    assert learner.id is not None
    try:
        status = await svc.practice.add_text(learner.id, message.text)
    except PracticeError as exc:
        await reply(update, context, str(exc))
        return
    text = render_status(status.words, status.parts)
    if status.truncated:
        text = f"{texts.TRUNCATED}\n{text}"
    await reply(update, context, text, reply_markup=keyboards.draft_keyboard(status.prompt.id))


async def _submit(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
    learner = await learner_for(update, context)
    assert learner.id is not None
    try:
        submission = await svc.practice.submit(learner.id)
    except PracticeError as exc:
        await reply(update, context, str(exc))
        return
    await reply(
        update,
        context,
        render_feedback(submission.assessment, HTML),
        reply_markup=keyboards.after_feedback_keyboard(),
    )


async def done(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/done: submit the answer for feedback."""
    await _submit(update, context)


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/cancel: drop the answer being written."""
    learner = await learner_for(update, context)
    assert learner.id is not None
    dropped = await services(context).practice.cancel(learner.id)
    if dropped is None:
        await reply(update, context, texts.NOTHING_TO_CANCEL)
    else:
        await reply(update, context, texts.CANCELLED.format(words=dropped.words))


async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Submit, Cancel and Next question buttons (callback data `prac:*`)."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    if query.message is not None:
        # The buttons have done their job; removing them stops a second press.
        await query.edit_message_reply_markup(reply_markup=None)
    learner = await learner_for(update, context)
    assert learner.id is not None
    action, prompt_id = keyboards.parse(query.data)
    if action in (keyboards.SUBMIT, keyboards.CANCEL):
        current = await services(context).practice.current(learner.id)
        if current is None or current.prompt.id != prompt_id:
            await reply(update, context, texts.STALE_BUTTON)
        elif action == keyboards.SUBMIT:
            await _submit(update, context)
        else:
            await cancel(update, context)
    elif action == keyboards.NEXT:
        await practice(update, context)


async def unknown_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any button this version does not know (an old message, or a malformed payload)."""
    query = update.callback_query
    assert query is not None
    await query.answer(texts.UNKNOWN_BUTTON, show_alert=True)
