"""Assessors in Telegram: the operators' /grant, /revoke, /assessors and /assessorlink; the
assessor's /newcohort, /invite, /stopinvite, /cohort, /learner, /export, /digest and
/assessorhelp; per-chat command menus; and the jobs (weekly digests, pruning wrong codes).
The learner's side of an invite, and /leave, are in handlers.cohort_invites.

Every view and export goes through CohortService.scope, which only ever holds the caller's own
cohorts; a refusal says the same whatever exists. The domain lives in bot/; this module reads
the update, calls it, and sends what it renders.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from zoneinfo import ZoneInfo

from telegram import BotCommand, BotCommandScopeChat, MessageOriginUser, Update
from telegram.constants import ChatAction
from telegram.error import TelegramError
from telegram.ext import BaseHandler, CommandHandler, filters

from bot.clock import zone
from bot.cohorts import digest as digests
from bot.cohorts.roles import RoleError, parse_user_id
from bot.cohorts.service import (
    ASSESSOR_PREFIX,
    ASSESSORS_ONLY,
    COHORT_PREFIX,
    Ambiguous,
    CohortError,
    NotFound,
    invite_link,
    split_days,
)
from bot.render.assessor import local, render_cohorts, render_learner, render_work_status
from bot.render.digest import render_digest
from bot.render.disputes import render_for_assessor as render_disputes
from bot.render.feedback import HTML
from bot.render.reports import cohort_csv, cohort_pdf, evidence_csv, filename, plural
from handlers import texts
from handlers.common import reply
from handlers.context import App, Context

log = logging.getLogger(__name__)

PRIVATE = filters.ChatType.PRIVATE
esc = HTML.esc  # names, cohort names and answers are typed by users


def user_id(update: Update) -> int:
    assert update.effective_user is not None  # registered for user updates only
    return update.effective_user.id


def _arg(context: Context) -> str | None:
    return " ".join(context.args or []).strip() or None


async def _assessor_zone(update: Update, context: Context) -> ZoneInfo:
    """The caller's own time zone (from /settings): dates they read are in it."""
    svc = context.services
    learner = await svc.privacy.find(f"tg:{user_id(update)}")
    return zone(learner.timezone if learner else None, svc.settings.default_timezone)


async def refuse(update: Update, context: Context, exc: Exception) -> None:
    text = esc(str(exc))
    if isinstance(exc, Ambiguous):
        text += "\n" + "\n".join(f"• {esc(c)}" for c in exc.choices)
    await reply(update, context, text)


async def set_menu(context: Context | App, chat_id: int) -> None:
    """The command menu of one private chat: learners' commands, plus the assessor's and the
    operator's where the user holds those roles; nobody else sees them."""
    svc = context.bot_data.services
    assessor, admin = await svc.roles.is_assessor(chat_id), svc.roles.is_admin(chat_id)
    scope = BotCommandScopeChat(chat_id)
    try:
        if not (assessor or admin):
            await context.bot.delete_my_commands(scope=scope)
            return
        commands = [*texts.COMMANDS]
        commands += texts.ASSESSOR_COMMANDS if assessor else []
        commands += texts.ADMIN_COMMANDS if admin else []
        await context.bot.set_my_commands([BotCommand(c, d) for c, d in commands], scope=scope)
    except TelegramError:  # a chat the bot never had (an admin who has not started it)
        log.info("Could not set the command menu of chat %s", chat_id)


async def _tell(context: Context, chat_id: int | None, text: str) -> None:
    if chat_id is None:
        return
    try:
        await context.bot.send_message(chat_id, text)
    except TelegramError:  # they blocked the bot: the operator's reply still says it is done
        log.info("Could not tell user %s about their role", chat_id)


# -- operators ----------------------------------------------------------------------------------


def _target(update: Update, context: Context) -> int:
    """The user id after the command, or of the sender of a forwarded message replied to."""
    message = update.effective_message
    origin = message.reply_to_message.forward_origin if message and message.reply_to_message else None
    if not context.args and isinstance(origin, MessageOriginUser):
        return origin.sender_user.id
    return parse_user_id(_arg(context) or "")


async def grant(update: Update, context: Context) -> None:
    """/grant <user id>: make a user an assessor (operators only)."""
    svc = context.services
    try:
        svc.roles.require_admin(user_id(update))
        done = await svc.roles.grant(by=user_id(update), telegram_user_id=_target(update, context))
    except RoleError as exc:
        await refuse(update, context, exc)
        return
    name = esc(done.learner.first_name or str(done.learner.telegram_user_id))
    if done.already:
        await reply(update, context, texts.GRANTED_ALREADY.format(name=name))
        return
    await reply(update, context, texts.GRANTED.format(name=name))
    await _tell(context, done.learner.telegram_user_id, texts.ASSESSOR_WELCOME)
    if done.learner.telegram_user_id is not None:
        await set_menu(context, done.learner.telegram_user_id)


async def revoke(update: Update, context: Context) -> None:
    """/revoke <user id>: withdraw the assessor role (operators only)."""
    svc = context.services
    try:
        svc.roles.require_admin(user_id(update))
        if not context.args:
            raise RoleError(texts.REVOKE_USAGE)
        learner = await svc.roles.revoke(by=user_id(update), telegram_user_id=_target(update, context))
    except RoleError as exc:
        await refuse(update, context, exc)
        return
    await reply(update, context, texts.REVOKED.format(name=esc(learner.first_name or "They")))
    await _tell(context, learner.telegram_user_id, texts.ASSESSOR_REVOKED_NOTE)
    if learner.telegram_user_id is not None:
        await set_menu(context, learner.telegram_user_id)


async def assessors(update: Update, context: Context) -> None:
    """/assessors: who holds the role (operators only)."""
    try:
        found = await context.services.roles.assessors(by=user_id(update))
    except RoleError as exc:
        await refuse(update, context, exc)
        return
    if not found:
        await reply(update, context, texts.NO_ASSESSORS)
        return
    lines = [f"• {esc(a.name or '(no name)')}: {a.telegram_user_id}, since "
             f"{a.granted_at:%d %b %Y}" for a in found]
    await reply(update, context, texts.ASSESSORS.format(lines="\n".join(lines)))


async def assessor_link(update: Update, context: Context) -> None:
    """/assessorlink: a one-time link that makes whoever opens it an assessor."""
    try:
        code, expires = await context.services.roles.new_invite(by=user_id(update))
    except RoleError as exc:
        await refuse(update, context, exc)
        return
    link = invite_link(context.bot.username, ASSESSOR_PREFIX, code)
    expiry = local(expires, await _assessor_zone(update, context), with_time=True)
    await reply(update, context, texts.ASSESSOR_LINK.format(expires=expiry, link=link))


# -- assessors ----------------------------------------------------------------------------------


async def assessor_help(update: Update, context: Context) -> None:
    """/assessorhelp: the assessor's commands and the status rules."""
    svc = context.services
    admin = svc.roles.is_admin(user_id(update))
    if not await svc.roles.is_assessor(user_id(update)) and not admin:
        await reply(update, context, ASSESSORS_ONLY)
        return
    await reply(update, context, texts.ASSESSOR_HELP + (texts.ADMIN_HELP if admin else ""))


async def new_cohort(update: Update, context: Context) -> None:
    """/newcohort <name>: create a cohort and show its invite link."""
    try:
        made = await context.services.cohorts.create(user_id(update), _arg(context) or "")
    except CohortError as exc:
        await refuse(update, context, exc)
        return
    assert made.code is not None
    tz = await _assessor_zone(update, context)
    await reply(update, context, texts.NEW_COHORT.format(
        name=esc(made.cohort.name), expires=local(made.expires_at, tz, with_time=True),
        link=invite_link(context.bot.username, COHORT_PREFIX, made.code),
    ))


async def invite(update: Update, context: Context) -> None:
    """/invite [cohort] [14d|never]: the cohort's link, or a new one."""
    svc, text = context.services, _arg(context) or ""
    name, days = split_days(text)
    try:
        try:
            made = await svc.cohorts.invite(user_id(update), name, days=days)
        except NotFound:
            if days is None:
                raise
            # "Group 14d" may be the cohort's whole name rather than a name and a duration.
            made = await svc.cohorts.invite(user_id(update), text, days=None)
    except CohortError as exc:
        await refuse(update, context, exc)
        return
    assert made.code is not None
    tz = await _assessor_zone(update, context)
    validity = (texts.INVITE_UNTIL.format(expires=local(made.expires_at, tz, with_time=True))
                if made.expires_at else texts.INVITE_FOREVER)
    await reply(update, context, texts.INVITE_LINK.format(
        name=esc(made.cohort.name), validity=validity,
        link=invite_link(context.bot.username, COHORT_PREFIX, made.code),
    ))


async def stop_invite(update: Update, context: Context) -> None:
    """/stopinvite [cohort]: the link stops working at once."""
    try:
        cohort = await context.services.cohorts.stop_invite(user_id(update), _arg(context))
    except CohortError as exc:
        await refuse(update, context, exc)
        return
    await reply(update, context, texts.INVITE_STOPPED.format(name=esc(cohort.name)))


async def cohort(update: Update, context: Context) -> None:
    """/cohort [name]: one block a learner, in each of the caller's cohorts (or the one named)."""
    svc = context.services
    try:
        scope = await svc.cohorts.scope(user_id(update), _arg(context))
    except CohortError as exc:
        await refuse(update, context, exc)
        return
    report, _ = await svc.insights.cohort_report(scope)
    for text in render_cohorts(report, HTML):
        await reply(update, context, text)
    # Set work and who has done it.
    if (work := render_work_status(await svc.assignments.status(scope), HTML)) is not None:
        await reply(update, context, work)


async def learner(update: Update, context: Context) -> None:
    """/learner <name or #number>: one learner of the caller's cohorts in full."""
    svc = context.services
    try:
        scope = await svc.cohorts.scope(user_id(update))
        query = _arg(context)
        if query is None:
            raise CohortError(texts.LEARNER_USAGE)
        detail = await svc.insights.learner_detail(scope, query)
    except CohortError as exc:
        await refuse(update, context, exc)
        return
    for text in render_learner(detail, HTML):
        await reply(update, context, text)
    disputed = await svc.disputes.of_learners([detail.summary.learner_id])
    block = render_disputes(disputed.get(detail.summary.learner_id, []), HTML)
    if block is not None:
        await reply(update, context, block)


async def export(update: Update, context: Context) -> None:
    """/export [cohort]: the summary as CSV and the report as PDF, sent as documents."""
    svc, chat = context.services, update.effective_chat
    try:
        scope = await svc.cohorts.scope(user_id(update), _arg(context))
        if not scope.cohorts:
            raise CohortError("You have no cohorts yet. Create one with /newcohort <name>.")
    except CohortError as exc:
        await refuse(update, context, exc)
        return
    assert chat is not None
    with contextlib.suppress(TelegramError):
        await context.bot.send_chat_action(chat.id, ChatAction.UPLOAD_DOCUMENT)
    report, details = await svc.insights.cohort_report(scope)
    evidence = await svc.evidence.collect(scope)
    named = scope.cohorts[0].name if _arg(context) else None
    # Drawing charts and laying out pages takes CPU time: keep it off the event loop.
    data = await asyncio.to_thread(cohort_csv, report)
    answers = await asyncio.to_thread(evidence_csv, report, evidence)
    pdf = await asyncio.to_thread(
        cohort_pdf, report, details, assessor=scope.assessor.first_name, evidence=evidence
    )
    learners = [s.learner_id for section in report.sections for s in section.learners]
    count = len(learners)
    answered = sum(len(evidence[i].answers) for i in learners if i in evidence)
    await context.bot.send_document(
        chat.id, document=data, filename=filename(report, "csv", named),
        caption=texts.EXPORT_CAPTION_CSV.format(count=plural(count, "learner")),
    )
    await context.bot.send_document(
        chat.id, document=answers, filename=filename(report, "csv", named, "evidence"),
        caption=texts.EXPORT_CAPTION_EVIDENCE.format(count=plural(answered, "answer")),
    )
    await context.bot.send_document(
        chat.id, document=pdf, filename=filename(report, "pdf", named), caption=texts.EXPORT_CAPTION_PDF,
    )


async def digest(update: Update, context: Context) -> None:
    """/digest [day HH:MM | off]: when the weekly digest comes."""
    svc = context.services
    try:
        me = await svc.cohorts.assessor(user_id(update))
        if not context.args:
            state = await svc.digests.state(me)
            await reply(update, context, texts.DIGEST_NOW.format(state=esc(state)))
            return
        setting = digests.parse_setting(_arg(context) or "")
        next_at = await svc.digests.set(me, setting)
    except (CohortError, digests.DigestError) as exc:
        await refuse(update, context, exc)
        return
    if setting is None or next_at is None:
        await reply(update, context, texts.DIGEST_OFF)
        return
    tz = await _assessor_zone(update, context)
    await reply(update, context, texts.DIGEST_SET.format(
        day=digests.DAY_NAMES[setting[0]], time=setting[1], tz=esc(str(tz.key)),
        next=local(next_at, tz, with_time=True),
    ))


# -- jobs -------------------------------------------------------------------------------------


async def send_digests(context: Context) -> None:
    """Job: send every weekly digest that is due (the database says which), once each."""
    svc = context.services
    for item in await svc.digests.due():
        chat = item.learner.telegram_user_id
        if chat is None or not await svc.digests.claim(item):
            continue  # another instance took it, or the role was withdrawn meanwhile
        try:
            report = await svc.digests.report(item.learner)
            late = await svc.digests.overdue(item.learner)
            for text in render_digest(report, HTML, svc.content, late):
                await context.bot.send_message(chat, text)
        except (TelegramError, CohortError):
            log.warning("Could not send the digest of learner %s", item.learner.id, exc_info=True)


async def prune_failures(context: Context) -> None:
    """Job: forget wrong invite codes older than a day (the limit looks back one hour)."""
    await context.services.cohorts.prune_failures()


async def refresh_menus(context: Context) -> None:
    """Job, once at start: assessors' and operators' menus follow this version's commands."""
    svc = context.services
    ids = set(svc.settings.admin_user_ids)
    for user_id in await svc.roles.assessor_ids():
        ids.add(user_id)
    for user_id in sorted(ids):
        await set_menu(context, user_id)


def schedule(app: App) -> None:
    """The named jobs (a name is never scheduled twice)."""
    if app.job_queue is None:
        return
    for name, callback, interval, first in (
        ("assessor:digests", send_digests, 300, 30),
        ("prune:invite_failures", prune_failures, 6 * 3600, 120),
    ):
        if not app.job_queue.get_jobs_by_name(name):
            app.job_queue.run_repeating(callback, interval=interval, first=first, name=name)
    if not app.job_queue.get_jobs_by_name("assessor:menus"):
        app.job_queue.run_once(refresh_menus, when=5, name="assessor:menus")


def handlers() -> list[BaseHandler]:
    """Registered by bot.app.application before its catch-alls (the learner's side is in
    handlers.cohort_invites)."""
    command = [
        ("grant", grant), ("revoke", revoke), ("assessors", assessors),
        ("assessorlink", assessor_link), ("assessorhelp", assessor_help),
        ("newcohort", new_cohort), ("invite", invite), ("stopinvite", stop_invite),
        ("cohort", cohort), ("learner", learner), ("export", export), ("digest", digest),
        ]
    found: list[BaseHandler] = [CommandHandler(name, callback, filters=PRIVATE) for name, callback in command]
    return found
