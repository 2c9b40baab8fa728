"""Comments on answers: the assessor's /comment A<number> <words>; the learner receives it with
the answer it refers to and a Reply button (`cmt:reply:<comment id>`), which asks for one message
as a Telegram reply; that reply is stored and passed on to the assessor.

A reply to any other message is an ordinary message: it goes on to the answer being written.
"""

from __future__ import annotations

import contextlib

from telegram import ForceReply, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.clock import zone
from bot.cohorts.service import CohortError
from bot.render.feedback import GRADE_LABEL, HTML
from handlers import practice, texts
from handlers.assessor import refuse, user_id
from handlers.callback import ATTEMPT, Callback
from handlers.common import learner_for, reply, take_press
from handlers.context import Context
from storage.models import aware

esc = HTML.esc
REPLY = Callback("cmt:reply", comment=ATTEMPT)
EXCERPT = 300


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


async def comment(update: Update, context: Context) -> None:
    """/comment A<number> <words>: an assessor comments on one of their learners' answers."""
    svc = context.services
    args = context.args or []
    try:
        scope = await svc.cohorts.scope(user_id(update))
        if not args:
            raise CohortError("Send /comment A123 followed by your comment; /learner shows the numbers.")
        posted = await svc.comments.post(scope, args[0], " ".join(args[1:]))
    except CohortError as exc:
        await refuse(update, context, exc)
        return
    learner, attempt, note = posted.learner, posted.attempt, posted.comment
    prompt = svc.content.prompts.get(attempt.prompt_id)
    tz = zone(learner.timezone, svc.settings.default_timezone)
    when = aware(attempt.created_at).astimezone(tz)
    text = texts.COMMENT_TO_LEARNER.format(
        assessor=esc(scope.assessor.first_name or "Your assessor"),
        question=esc(_short(prompt.text) if prompt else attempt.prompt_id),
        when=f"{when.day} {when:%b %Y}",
        grade=f"{GRADE_LABEL.get(attempt.grade, attempt.grade)} {attempt.score}",
        answer=esc(_short(attempt.text)),
        comment=esc(note.text),
    )
    assert note.id is not None
    markup = InlineKeyboardMarkup([[REPLY.button("↩️ Reply", note.id)]])
    name = esc(learner.first_name or "the learner")
    try:
        assert learner.telegram_user_id is not None
        await context.bot.send_message(learner.telegram_user_id, text, reply_markup=markup)
    except (TelegramError, AssertionError):
        await reply(update, context, texts.COMMENT_NOT_DELIVERED.format(name=name))
        return
    await reply(update, context, texts.COMMENT_SENT.format(name=name, id=learner.id))


async def reply_button(update: Update, context: Context) -> None:
    """Reply: ask for the reply as a Telegram reply to this prompt."""
    found = await take_press(update, REPLY, close=False)
    if found is None:
        return
    learner = await learner_for(update, context)
    assert learner.id is not None and update.effective_chat is not None
    svc = context.services
    try:
        note = await svc.comments.ask_reply(learner.id, int(found["comment"]))
    except CohortError as exc:
        await reply(update, context, esc(str(exc)))
        return
    assessor = await svc.comments.author_name(note)
    sent = await context.bot.send_message(
        update.effective_chat.id,
        texts.COMMENT_REPLY_PROMPT.format(assessor=esc(assessor)),
        reply_markup=ForceReply(input_field_placeholder="Your reply"),
    )
    assert note.id is not None
    await svc.comments.remember_prompt(note.id, sent.message_id)


async def reply_message(update: Update, context: Context) -> None:
    """A text sent as a reply: the learner's reply to a comment, or else part of their answer."""
    message = update.effective_message
    assert message is not None and message.reply_to_message is not None
    learner = await learner_for(update, context)
    assert learner.id is not None
    replied = await context.services.comments.reply(
        learner.id, message.reply_to_message.message_id, message.text or ""
    )
    if replied is None:
        await practice.answer_text(update, context)
        return
    who = esc(replied.assessor.first_name if replied.assessor else "your assessor")
    await reply(update, context, texts.COMMENT_REPLY_SAVED.format(assessor=who))
    if replied.assessor is not None and replied.assessor.telegram_user_id is not None:
        with contextlib.suppress(TelegramError):
            await context.bot.send_message(
                replied.assessor.telegram_user_id,
                texts.COMMENT_REPLY_TO_ASSESSOR.format(
                    name=esc(replied.learner.first_name or "A learner"), id=replied.learner.id,
                    ref=replied.comment.attempt_id, reply=esc(replied.comment.reply or ""),
                ),
            )


def handlers() -> list[BaseHandler]:
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("comment", comment, filters=private),
        CallbackQueryHandler(reply_button, pattern=REPLY.pattern),
    ]


def reply_handler() -> BaseHandler:
    """Registered just before the answer-text catch-all (bot.app.application)."""
    return MessageHandler(
        filters.ChatType.PRIVATE & filters.REPLY & filters.TEXT & ~filters.COMMAND, reply_message
    )

