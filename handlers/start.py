"""/help and /privacy, and the catch-alls: unknown commands and messages that are not text."""

from __future__ import annotations

from telegram import Update

from bot.app.suggest import close_matches
from handlers import texts
from handlers.common import reply
from handlers.context import Context
from handlers.onboarding_buttons import read_all_keyboard


async def help_command(update: Update, context: Context) -> None:
    """List the commands."""
    await reply(update, context, texts.HELP)


async def privacy(update: Update, context: Context) -> None:
    """The privacy notice in brief, with Read all for the full notice in place."""
    await reply(update, context, texts.PRIVACY_SUMMARY, reply_markup=read_all_keyboard())


async def unknown_command(update: Update, context: Context) -> None:
    """Any command the bot does not know; a close one is offered (/practise: /practice)."""
    message = update.effective_message
    typed = (message.text or "").split()[0].split("@")[0].lstrip("/") if message is not None else ""
    known = [name for name, _ in (*texts.COMMANDS, *texts.ASSESSOR_COMMANDS, *texts.ADMIN_COMMANDS)]
    near = close_matches(typed, known, limit=1, cutoff=70.0) if typed else []
    if near:
        await reply(update, context, texts.UNKNOWN_COMMAND_NEAR.format(command=near[0]))
        return
    await reply(update, context, texts.UNKNOWN_COMMAND)


async def not_text(update: Update, context: Context) -> None:
    """Voice notes, photos, stickers...: answers are typed."""
    await reply(update, context, texts.NOT_TEXT)
