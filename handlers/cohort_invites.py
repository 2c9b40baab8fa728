"""The learner's side of a cohort: the invite link (`/start c_<code>`), what joining shares,
Join or Not now, and /leave. Also the one-time assessor link (`/start a_<code>`).

Flow: a learner who opens an invite link gets one message first if they have not agreed to the
privacy notice yet: the welcome and the notice in brief (its "I agree" button carries the code,
so the invite survives a restart; "Read all" shows the full notice in place). Then exactly what
the assessor will see, with "Join, summaries only", "Join and share my answers" and "Not now"
(`coh:join:<code>:s|a`, `coh:no`). A wrong or expired code gets one message whatever the reason,
and counts towards the limit on wrong codes. A new learner then gets their first question.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.cohorts.roles import payload_kind
from bot.cohorts.service import ASSESSOR_PREFIX, COHORT_PREFIX, CohortError, Invitation
from bot.learners.onboarding import profile_owed
from handlers import texts
from handlers.answering import ask_first
from handlers.assessor import esc, refuse, set_menu, user_id
from handlers.callback import ATTEMPT, INVITE_CODE, Callback, choice
from handlers.common import learner_for, reply, take_press
from handlers.context import Context
from handlers.onboarding_buttons import PRIVACY, READ
from storage.models import Learner

PRIVATE = filters.ChatType.PRIVATE
# I agree (to the privacy notice) carrying the invite, Join (s: summaries only, a: with the
# answers), Not now, and which cohort to leave.
PRIVACY_THEN_JOIN = Callback("coh:pv", code=INVITE_CODE)
JOIN = Callback("coh:join", code=INVITE_CODE, share=choice("s", "a"))
NOT_NOW = Callback("coh:no")
LEAVE = Callback("coh:leave", cohort=ATTEMPT)


def consent_keyboard(code: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([
        [JOIN.button(texts.JOIN_SUMMARIES_BUTTON, code, "s")],
        [JOIN.button(texts.JOIN_ANSWERS_BUTTON, code, "a")],
        [NOT_NOW.button(texts.JOIN_NO_BUTTON)],
    ])


def privacy_then_join_keyboard(code: str, *, read_all: bool = True) -> InlineKeyboardMarkup:
    """The privacy notice's buttons, carrying the invite code so that agreeing leads straight
    on to the cohort (the code lives in the chat, so a restart loses nothing)."""
    rows = [[
        PRIVACY_THEN_JOIN.button(texts.AGREE_BUTTON, code),
        PRIVACY.button(texts.DECLINE_BUTTON, "no"),
    ]]
    if read_all:
        rows.append([READ.button(texts.READ_ALL_BUTTON, code)])
    return InlineKeyboardMarkup(rows)


async def _show_consent(update: Update, context: Context, invitation: Invitation) -> None:
    await reply(
        update, context,
        texts.COHORT_CONSENT.format(
            cohort=esc(invitation.cohort_name), assessor=esc(invitation.assessor_name)
        ),
        reply_markup=consent_keyboard(invitation.code),
    )


async def deep_link(
    update: Update, context: Context, learner: Learner, payload: str
) -> bool:
    """`/start <payload>`: a cohort invite or a one-time assessor link. True when this has
    asked the next question itself (so onboarding waits); False to let onboarding go on."""
    svc, uid = context.services, user_id(update)
    kind = payload_kind(payload)
    try:
        if kind == "assessor":
            await svc.roles.redeem(learner, uid, payload[len(ASSESSOR_PREFIX):])
            await reply(update, context, texts.ASSESSOR_WELCOME)
            await set_menu(context, uid)
            return False
        code = payload[len(COHORT_PREFIX):] if kind == "cohort" else payload
        invitation = await svc.cohorts.check_code(uid, code)
    except CohortError as exc:
        await refuse(update, context, exc)
        return False
    if learner.privacy_accepted_at is None:
        await reply(update, context, texts.INVITE_WELCOME.format(name=esc(learner.first_name or "there")),
                    reply_markup=privacy_then_join_keyboard(code))
        return True
    await _show_consent(update, context, invitation)
    return True


async def _continue_onboarding(update: Update, context: Context) -> None:
    """A learner who has never answered gets their first question (not one already open)."""
    me = await learner_for(update, context)
    if me.privacy_accepted_at is not None and profile_owed(me) is not None:
        await ask_first(update, context, me)


async def privacy_then_join_button(update: Update, context: Context) -> None:
    """I agree, on the notice an invite link brought: agreed, then what joining shares."""
    found = await take_press(update, PRIVACY_THEN_JOIN)
    if found is None:
        return
    svc, me = context.services, await learner_for(update, context)
    assert me.id is not None
    if me.privacy_accepted_at is None:
        await svc.learners.accept_privacy(me.id)
    try:
        await _show_consent(update, context, await svc.cohorts.check_code(user_id(update), found["code"]))
    except CohortError as exc:
        await refuse(update, context, exc)
        await _continue_onboarding(update, context)


async def join_button(update: Update, context: Context) -> None:
    """Join, sharing summaries only or the answers too."""
    found = await take_press(update, JOIN)
    if found is None:
        return
    svc, me = context.services, await learner_for(update, context)
    share = found["share"] == "a"
    try:
        invitation, again = await svc.cohorts.join(me, user_id(update), found["code"], share_answers=share)
    except CohortError as exc:
        await refuse(update, context, exc)
    else:
        shared = texts.SHARED_ANSWERS if share else texts.SHARED_SUMMARIES
        await reply(update, context, (texts.JOINED_AGAIN if again else texts.JOINED).format(
            cohort=esc(invitation.cohort_name), shared=shared))
    await _continue_onboarding(update, context)


async def not_now_button(update: Update, context: Context) -> None:
    if await take_press(update, NOT_NOW) is None:
        return
    await reply(update, context, texts.JOIN_DECLINED)
    await _continue_onboarding(update, context)


async def leave_button(update: Update, context: Context) -> None:
    """The cohort chosen under /leave."""
    found = await take_press(update, LEAVE)
    if found is None:
        return
    me = await learner_for(update, context)
    assert me.id is not None
    try:
        left = await context.services.cohorts.leave(me.id, int(found["cohort"]))
    except CohortError as exc:
        await refuse(update, context, exc)
        await _continue_onboarding(update, context)
        return
    await reply(update, context,
                texts.LEFT.format(cohort=esc(left.cohort_name)) if left else texts.LEAVE_STALE)


async def leave(update: Update, context: Context) -> None:
    """/leave: leave the cohort (or choose which, with buttons); stores nothing new."""
    svc = context.services
    me = await svc.privacy.find(f"tg:{user_id(update)}")
    if me is None or me.id is None or not (found := await svc.cohorts.memberships(me.id)):
        await reply(update, context, texts.LEAVE_NONE)
        return
    if len(found) == 1:
        left = await svc.cohorts.leave(me.id, found[0].cohort_id)
        await reply(update, context, texts.LEFT.format(cohort=esc(left.cohort_name))
                    if left else texts.LEAVE_STALE)
        return
    await reply(update, context, texts.LEAVE_WHICH, reply_markup=InlineKeyboardMarkup(
        [[LEAVE.button(m.cohort_name, m.cohort_id)] for m in found]
    ))


def handlers() -> list[BaseHandler]:
    """Registered by bot.app.application before its catch-alls."""
    return [
        CommandHandler("leave", leave, filters=PRIVATE),
        CallbackQueryHandler(privacy_then_join_button, pattern=PRIVACY_THEN_JOIN.pattern),
        CallbackQueryHandler(join_button, pattern=JOIN.pattern),
        CallbackQueryHandler(not_now_button, pattern=NOT_NOW.pattern),
        CallbackQueryHandler(leave_button, pattern=LEAVE.pattern),
    ]
