"""/start, /help and /privacy: the welcome, the command list and the privacy notice."""

from __future__ import annotations

import html

from telegram import Update
from telegram.ext import ContextTypes

from handlers import texts
from handlers.common import learner_for, reply


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet the learner, record them, and show the short privacy notice."""
    learner = await learner_for(update, context)
    name = html.escape(learner.first_name or "there")
    await reply(update, context, texts.WELCOME.format(name=name))
    await reply(update, context, texts.PRIVACY_SHORT)


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the commands."""
    await reply(update, context, texts.HELP)


async def privacy(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show the full privacy notice."""
    await reply(update, context, texts.PRIVACY)


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any command the bot does not know."""
    await reply(update, context, texts.UNKNOWN_COMMAND)


async def not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Voice notes, photos, stickers...: answers are typed."""
    await reply(update, context, texts.NOT_TEXT)
