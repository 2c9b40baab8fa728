"""Assessors, cohorts and invites, offline: roles, the invite flow with consent, every view and
export for the owner, another assessor, a learner and a stranger, rate limiting, the digest."""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlmodel import select
from telegram import Message, MessageOriginUser, User

from bot.app.application import build_application
from bot.app.services import Services
from bot.app.settings import Settings
from handlers import assessor as assessor_handlers
from handlers.context import Context
from storage import cohort_queries as cq
from storage import queries
from storage.models import AnswerComment, Cohort
from tests.handlers.flow import ANSWER, ask, buttons
from tests.handlers.offline import BOT_ID, Call, OfflineRequest, UpdateFactory
from tests.helpers import FixedClock

ADMIN, OWNER, OTHER, LEARNER, STRANGER = 1, 100, 200, 300, 400
REFUSED = "This command is for assessors."
LINK = re.compile(r"https://t\.me/star_coach_test_bot\?start=([A-Za-z0-9_-]+)")


class Request(OfflineRequest):
    """The offline request, also answering deleteMyCommands (a menu reset on /revoke)."""

    async def do_request(
        self, url: str, method: str, request_data: Any = None, **kw: Any
    ) -> tuple[int, bytes]:
        if url.endswith("/deleteMyCommands"):
            self.calls.append(Call("deleteMyCommands", dict(request_data.parameters) if request_data else {}))
            return 200, b'{"ok": true, "result": true}'
        return await super().do_request(url, method, request_data, **kw)


@pytest.fixture
def settings(sqlite_url: str) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        telegram_bot_token="123456:TEST-token",
        database_url=sqlite_url,
        admin_user_ids=[ADMIN],
    )


class World:
    """The application and a few people in private chats with it."""

    def __init__(self, app: Any, request: Request) -> None:
        self.app, self.request = app, request
        self.users: dict[int, UpdateFactory] = {}

    def user(self, uid: int, name: str | None = None) -> UpdateFactory:
        if uid not in self.users:
            factory = UpdateFactory(self.app.bot, user_id=uid, first_name=name or f"User{uid}")
            # Update ids must not collide between people (a seen id is skipped as a duplicate).
            factory._update_ids = itertools.count(uid * 100_000)
            self.users[uid] = factory
        return self.users[uid]

    async def send(self, uid: int, text: str) -> list[str]:
        """Send as this user; the texts the bot sent to their chat in return."""
        before = len(self.request.calls)
        await self.app.process_update(self.user(uid).message(text))
        return self.texts_since(before, uid)

    async def press(self, uid: int, data: str) -> list[str]:
        before = len(self.request.calls)
        await self.app.process_update(self.user(uid).press(data))
        return self.texts_since(before, uid)

    def texts_since(self, before: int, uid: int) -> list[str]:
        """What the user sees appear: new messages, and a message edited in place."""
        return [str(c.params["text"]) for c in self.request.calls[before:]
                if c.method in ("sendMessage", "editMessageText") and int(c.params["chat_id"]) == uid]

    def last_buttons(self, uid: int) -> list[str]:
        sent = self.request.sent(uid)
        return buttons(sent[-1]) if sent else []

    def documents(self, uid: int) -> list[tuple[str, bytes]]:
        found = []
        for c in self.request.calls:
            if c.method == "sendDocument" and int(c.params["chat_id"]) == uid:
                (name, content, *_), = c.params["files"].values()
                found.append((name, content))
        return found


@pytest.fixture
async def world(settings: Settings, services: Services) -> AsyncIterator[World]:
    request = Request()
    app = build_application(settings, services, request=request)
    async with app:
        yield World(app, request)


async def make_assessor(world: World, uid: int, name: str) -> None:
    world.user(uid, name)
    await world.send(uid, "/start")  # the bot knows them from here on
    (reply,) = await world.send(ADMIN, f"/grant {uid}")
    assert "is now an assessor" in reply


async def new_cohort(world: World, uid: int, name: str) -> str:
    """Create a cohort; its invite payload."""
    texts = await world.send(uid, f"/newcohort {name}")
    match = LINK.search(texts[-1])
    assert match, texts
    return match.group(1)


async def join(world: World, uid: int, name: str, payload: str, share: bool = False) -> None:
    """A learner new to the bot opens the link, agrees to the notice, then joins."""
    world.user(uid, name)
    await world.send(uid, f"/start {payload}")
    assert world.last_buttons(uid)[0].startswith("coh:pv:")
    await world.press(uid, world.last_buttons(uid)[0])
    consent = world.last_buttons(uid)
    await world.press(uid, consent[1] if share else consent[0])
    # Joining brings the first question; level, sector and nation set from /settings, so that
    # no profile question is owed before feedback.
    for data in ("onb:level:3", "onb:sector:retail", "onb:nation:england"):
        await world.press(uid, data)


async def practise(world: World, uid: int, text: str = ANSWER) -> None:
    await ask(world.app, world.user(uid))
    await world.app.process_update(world.user(uid).message(text))
    await world.app.process_update(world.user(uid).message("/done"))
    await world.app.process_update(world.user(uid).message("/cancel"))


@pytest.fixture
async def cohort(world: World) -> dict[str, str]:
    """OWNER's cohort "Retail March" with LEARNER (sharing answers) and Bo (summaries only);
    OTHER is an assessor with a cohort of their own; LEARNER has practised twice."""
    await make_assessor(world, OWNER, "Olive")
    await make_assessor(world, OTHER, "Otto")
    payload = await new_cohort(world, OWNER, "Retail March")
    await new_cohort(world, OTHER, "Energy May")
    await join(world, LEARNER, "Lee", payload, share=True)
    await join(world, 301, "<b>Bo & Co</b>", payload, share=False)
    await practise(world, LEARNER)
    await practise(world, 301, "I said sorry to the customer. She was happy.")
    return {"payload": payload}


# -- roles -----------------------------------------------------------------------------------


async def test_only_admins_grant_and_the_new_assessor_is_told_and_gets_a_menu(world: World) -> None:
    await world.send(OWNER, "/start")
    assert await world.send(LEARNER, f"/grant {OWNER}") == ["This command is for the bot's operators."]
    assert "is now an assessor" in (await world.send(ADMIN, f"/grant {OWNER}"))[0]
    assert any("You are now an assessor" in t for t in world.request.texts(OWNER))
    menus = [c.params for c in world.request.calls if c.method == "setMyCommands" and "scope" in c.params]
    (menu,) = [p["commands"] for p in menus if p["scope"]["chat_id"] == OWNER]
    assert {"practice", "newcohort", "cohort", "export"} <= {c["command"] for c in menu}
    assert "grant" not in {c["command"] for c in menu}
    assert "already an assessor" in (await world.send(ADMIN, f"/grant {OWNER}"))[0]


async def test_grant_by_replying_to_a_forwarded_message(world: World, services: Services) -> None:
    await world.send(OWNER, "/start")
    users = world.user(ADMIN)
    forwarded = Message(
        555, datetime.now(UTC), users.chat, from_user=users.user, text="hello",
        forward_origin=MessageOriginUser(datetime.now(UTC), User(OWNER, "Olive", is_bot=False)),
    )
    forwarded.set_bot(world.app.bot)
    await world.app.process_update(users.message("/grant", reply_to_message=forwarded))
    assert "is now an assessor" in world.request.texts(ADMIN)[-1]
    assert await services.roles.is_assessor(OWNER)


async def test_grant_needs_a_known_user_and_a_number(world: World) -> None:
    assert "send /start to me first" in (await world.send(ADMIN, "/grant 999"))[0]
    assert "Telegram user id" in (await world.send(ADMIN, "/grant bob"))[0]


async def test_revoke_hides_views_and_stops_links(world: World, cohort: dict[str, str]) -> None:
    assert "no longer an assessor" in (await world.send(ADMIN, f"/revoke {OWNER}"))[0]
    assert any(c.method == "deleteMyCommands" for c in world.request.calls)
    assert await world.send(OWNER, "/cohort") == [REFUSED]
    texts = await world.send(500, f"/start {cohort['payload']}")
    assert any("doesn't work" in t for t in texts)
    await world.send(ADMIN, f"/grant {OWNER}")  # the cohort comes back with the role
    assert "Lee" in "".join(await world.send(OWNER, "/cohort"))


async def test_one_time_assessor_link(world: World) -> None:
    (reply,) = await world.send(ADMIN, "/assessorlink")
    payload = LINK.search(reply).group(1)  # type: ignore[union-attr]
    assert payload.startswith("a_") and len(payload) <= 64
    texts = await world.send(OWNER, f"/start {payload}")
    assert any("You are now an assessor" in t for t in texts)
    assert "created" in (await world.send(OWNER, "/newcohort Group A"))[0]
    texts = await world.send(OTHER, f"/start {payload}")  # used already
    assert any("doesn't work" in t for t in texts)
    assert await world.send(OTHER, "/newcohort Mine") == [REFUSED]
    assert await world.send(STRANGER, "/assessorlink") == ["This command is for the bot's operators."]


# -- invites and consent -----------------------------------------------------------------------


async def test_invite_link_is_a_valid_unguessable_payload(world: World) -> None:
    await make_assessor(world, OWNER, "Olive")
    payload = await new_cohort(world, OWNER, "Retail March")
    assert re.fullmatch(r"c_[A-Za-z0-9_-]{32}", payload)  # 24 random bytes: 192 bits
    assert payload != await new_cohort(world, OWNER, "Retail April")


async def test_new_learner_sees_privacy_then_what_is_shared_then_onboarding(
    world: World, services: Services
) -> None:
    await make_assessor(world, OWNER, "<i>Olive</i>")
    payload = await new_cohort(world, OWNER, "Retail & Co")
    texts = await world.send(LEARNER, f"/start {payload}")
    # One message before the first button: the welcome and the privacy notice in brief.
    (first,) = texts
    assert "invite" in first and "Your privacy" in first and len(first) <= 600
    assert world.last_buttons(LEARNER) == [
        f"coh:pv:{payload[2:]}", "onb:privacy:no", f"onb:read:{payload[2:]}"]
    await world.press(LEARNER, f"onb:read:{payload[2:]}")  # the full notice, in place
    edit = world.request.calls[-1]
    assert edit.method == "editMessageText" and "ico.org.uk" in edit.params["text"]
    assert buttons(edit.params) == [f"coh:pv:{payload[2:]}", "onb:privacy:no"]
    texts = await world.press(LEARNER, f"coh:pv:{payload[2:]}")
    consent = texts[-1]
    assert "Join “Retail &amp; Co”?" in consent and "&lt;i&gt;Olive&lt;/i&gt;" in consent
    assert "answer texts" in consent and "/leave" in consent
    assert world.last_buttons(LEARNER) == [f"coh:join:{payload[2:]}:s", f"coh:join:{payload[2:]}:a", "coh:no"]
    learner = await services.practice.learner(key=f"tg:{LEARNER}")
    assert learner.privacy_accepted_at is not None
    texts = await world.press(LEARNER, f"coh:join:{payload[2:]}:s")
    assert "You've joined <b>Retail &amp; Co</b>" in texts[0] and "not your answer texts" in texts[0]
    assert "first question" in texts[-1]  # and straight on to a question
    async with services.sessions() as session:
        (member,) = [m for m, _ in await cq.memberships_of(session, learner_id=learner.id)]
    assert member.share_answers is False


async def test_declining_privacy_or_the_cohort_joins_nothing(world: World, services: Services) -> None:
    await make_assessor(world, OWNER, "Olive")
    payload = await new_cohort(world, OWNER, "Retail")
    await world.send(LEARNER, f"/start {payload}")
    assert "won't store any answers" in (await world.press(LEARNER, "onb:privacy:no"))[0]
    await world.press(LEARNER, f"coh:pv:{payload[2:]}")
    assert "you have not joined" in (await world.press(LEARNER, "coh:no"))[0]
    learner = await services.practice.learner(key=f"tg:{LEARNER}")
    assert await services.cohorts.memberships(learner.id) == []


async def test_a_forged_join_without_privacy_consent_is_refused(world: World, services: Services) -> None:
    await make_assessor(world, OWNER, "Olive")
    payload = await new_cohort(world, OWNER, "Retail")
    await world.send(LEARNER, "/start")  # a record, not agreed (with none: test_deleted_learner.py)
    texts = await world.press(LEARNER, f"coh:join:{payload[2:]}:a")
    assert "privacy notice first" in texts[0]


async def test_rejoining_changes_sharing_and_leave_leaves(
    world: World, cohort: dict[str, str], services: Services
) -> None:
    await world.send(LEARNER, f"/start {cohort['payload']}")
    assert world.last_buttons(LEARNER)[0].startswith("coh:join:")  # consent at once: privacy done
    texts = await world.press(LEARNER, world.last_buttons(LEARNER)[0])
    assert "already in" in texts[0]
    assert "You've left <b>Retail March</b>" in (await world.send(LEARNER, "/leave"))[0]
    assert await world.send(LEARNER, "/leave") == ["You're not in any cohort."]
    assert "Lee" not in "".join(await world.send(OWNER, "/cohort"))
    assert await world.send(STRANGER, "/leave") == ["You're not in any cohort."]
    async with services.sessions() as session:  # asking left no trace of the stranger
        assert await queries.get_learner(session, key=f"tg:{STRANGER}") is None


async def test_leave_with_several_cohorts_offers_buttons(world: World, cohort: dict[str, str]) -> None:
    second = await new_cohort(world, OWNER, "Second")
    await world.send(LEARNER, f"/start {second}")
    await world.press(LEARNER, world.last_buttons(LEARNER)[0])
    assert (await world.send(LEARNER, "/leave"))[0] == "Which cohort do you want to leave?"
    choice = world.last_buttons(LEARNER)[1]
    assert "You've left <b>Second</b>" in (await world.press(LEARNER, choice))[0]
    assert "not in that cohort" in (await world.press(LEARNER, choice))[0]


async def test_wrong_codes_are_limited_then_a_kind_try_later(
    world: World, cohort: dict[str, str], clock: FixedClock
) -> None:
    for attempt in range(5):
        texts = await world.send(STRANGER, f"/start c_{'x' * 31}{attempt}")
        assert any("doesn't work" in t for t in texts)
    texts = await world.send(STRANGER, f"/start {cohort['payload']}")  # even the right one waits
    assert any("try again in an hour" in t for t in texts)
    assert not any("Join" in t for t in texts)
    clock.advance(timedelta(hours=1, minutes=1))
    texts = await world.send(STRANGER, f"/start {cohort['payload']}")
    assert any("opened an invite" in t for t in texts)  # privacy first, then the cohort


async def test_stopped_and_expired_links_say_the_same_as_wrong_ones(
    world: World, cohort: dict[str, str], clock: FixedClock
) -> None:
    wrong = await world.send(500, "/start c_" + "A" * 32)
    assert "no longer works" in (await world.send(OWNER, "/stopinvite"))[0]
    stopped = await world.send(501, f"/start {cohort['payload']}")
    (reply,) = await world.send(OWNER, "/invite Retail March 2d")
    payload = LINK.search(reply).group(1)  # type: ignore[union-attr]
    clock.advance(timedelta(days=2, seconds=1))
    expired = await world.send(502, f"/start {payload}")
    # One same answer, then the welcome (which names each user) to start afresh.
    assert len(wrong) == len(stopped) == len(expired) == 2
    assert wrong[:1] == stopped[:1] == expired[:1]
    assert [t[:13] for t in (wrong[1], stopped[1], expired[1])] == [
        "Hello User500", "Hello User501", "Hello User502"]


async def test_invite_shows_the_live_link_or_a_new_one(world: World, cohort: dict[str, str]) -> None:
    (shown,) = await world.send(OWNER, "/invite")
    assert cohort["payload"] in shown and "valid until" in shown
    (forever,) = await world.send(OWNER, "/invite Retail March never")
    assert cohort["payload"] not in forever and "no end date" in forever
    await new_cohort(world, OWNER, "Second 14d")
    (which,) = await world.send(OWNER, "/invite")
    assert "several cohorts" in which and "Second 14d" in which
    (named,) = await world.send(OWNER, "/invite Second 14d")  # the whole name, not 14 days
    assert "Invite link for <b>Second 14d</b>" in named


# -- views and exports: the owner ---------------------------------------------------------------


async def test_cohort_view_for_the_owner(world: World, cohort: dict[str, str]) -> None:
    text = "\n".join(await world.send(OWNER, "/cohort"))
    assert "<b>Retail March</b> · 2 learners" in text
    assert "&lt;b&gt;Bo &amp; Co&lt;/b&gt;" in text and "<b>Bo" not in text  # escaped
    assert "1 in 7 days · 1 in 30 days" in text
    assert "weakest:" in text and "last practice 2 Nov 2026" in text
    assert re.search(r"[🔴🟠🟢] <b>Lee</b>", text)
    assert "Energy May" not in text


async def test_learner_view_shows_texts_only_where_shared(world: World, cohort: dict[str, str]) -> None:
    lee = "\n".join(await world.send(OWNER, "/learner lee"))
    assert "Mastery by topic" in lee and "Key legislation" in lee and "Recent answers" in lee
    assert "kettle" in lee and "Shares answer texts: yes" in lee
    bo = "\n".join(await world.send(OWNER, "/learner <b>Bo & Co</b>"))
    assert "said sorry" not in bo and "not shared by this learner" in bo
    assert "&lt;b&gt;Bo &amp; Co&lt;/b&gt;" in bo


async def test_export_sends_a_summary_the_evidence_and_a_pdf(world: World, cohort: dict[str, str]) -> None:
    await world.send(OWNER, "/export")
    (csv_name, csv_bytes), (ev_name, ev_bytes), (pdf_name, pdf_bytes) = world.documents(OWNER)
    assert csv_name == "star-coach-cohorts-2026-11-02.csv" and pdf_name.endswith(".pdf")
    assert ev_name == "star-coach-cohorts-evidence-2026-11-02.csv"
    rows = list(csv.DictReader(io.StringIO(csv_bytes.decode("utf-8-sig"))))
    assert {r["name"] for r in rows} == {"Lee", "<b>Bo & Co</b>"}
    assert all(r["cohort"] == "Retail March" for r in rows)
    # The cohort, then each learner; Lee's answer does not fit under his page's charts and
    # tables, so it moves whole to a page of its own rather than leaving a few lines behind.
    assert pdf_bytes.startswith(b"%PDF-") and pdf_bytes.count(b"/Type /Page\n") == 4
    answers = list(csv.DictReader(io.StringIO(ev_bytes.decode("utf-8-sig"))))
    (lee,) = [r for r in answers if r["first_name"] == "Lee"]
    (bo,) = [r for r in answers if r["first_name"] == "<b>Bo & Co</b>"]
    assert lee["question"] and lee["grade"] and lee["answer_ref"].startswith("A")
    assert "kettle" in lee["answer_text"] and "“" in lee["points_met"]  # shared: the learner's words
    assert bo["answer_text"] == "" and "“" not in bo["points_met"] + bo["standard_areas"]
    assert lee["reference"] == "" and lee["full_name"] == ""  # nothing guessed
    await world.send(OWNER, "/export retail march")
    assert world.documents(OWNER)[-1][0] == "star-coach-retail-march-2026-11-02.pdf"


async def test_setref_files_a_learner_under_the_name_and_number_the_assessor_gave(
    world: World, cohort: dict[str, str]
) -> None:
    assert "/setref Lee 1234567890" in (await world.send(OWNER, "/setref"))[0]
    (done,) = await world.send(OWNER, "/setref Lee 1234567890 Lee Jordan  Smith")
    assert "Lee Jordan Smith" in done and "1234567890" in done
    (again,) = await world.send(OWNER, "/setref lee LN-42")  # a new number keeps the full name
    assert "Lee Jordan Smith · LN-42" in again
    assert "no spaces" in (await world.send(OWNER, "/setref Lee 12;34"))[0]
    assert "No learner by that name" in (await world.send(OTHER, "/setref Lee 1234567890"))[0]
    assert await world.send(LEARNER, "/setref Lee 1") == [REFUSED]
    await world.send(OWNER, "/export")
    (_, evidence) = world.documents(OWNER)[1]
    rows = list(csv.DictReader(io.StringIO(evidence.decode("utf-8-sig"))))
    (lee,) = [r for r in rows if r["first_name"] == "Lee"]
    assert (lee["full_name"], lee["reference"]) == ("Lee Jordan Smith", "LN-42")
    await world.send(OTHER, "/export")  # another assessor's files never carry it
    assert all(b"LN-42" not in data for _, data in world.documents(OTHER))


# -- views and exports: everybody else ----------------------------------------------------------


VIEWS = ["/cohort", "/cohort Retail March", "/learner Lee", "/learner #{lee}", "/export",
         "/export Retail March", "/setref Lee 1234567890",
         "/invite Retail March", "/stopinvite Retail March", "/digest off"]


@pytest.mark.parametrize("who", [LEARNER, STRANGER])
async def test_learners_and_strangers_are_refused_every_view_and_export(
    world: World, cohort: dict[str, str], services: Services, who: int
) -> None:
    lee = (await services.practice.learner(key=f"tg:{LEARNER}")).id
    for command in VIEWS:
        assert await world.send(who, command.format(lee=lee)) == [REFUSED], command
    assert world.documents(who) == []


async def test_another_assessor_sees_nothing_of_the_owners_cohort(
    world: World, cohort: dict[str, str], services: Services
) -> None:
    lee = (await services.practice.learner(key=f"tg:{LEARNER}")).id
    # Same answer for the owner's cohort as for a cohort that does not exist.
    assert await world.send(OTHER, "/cohort Retail March") == await world.send(OTHER, "/cohort Nope")
    assert await world.send(OTHER, "/export Retail March") == await world.send(OTHER, "/export Nope")
    assert await world.send(OTHER, "/invite Retail March") == await world.send(OTHER, "/invite Nope")
    assert await world.send(OTHER, "/stopinvite Retail March") == await world.send(OTHER, "/stopinvite Nope")
    assert await world.send(OTHER, "/learner Lee") == await world.send(OTHER, "/learner Nobody")
    assert await world.send(OTHER, f"/learner #{lee}") == await world.send(OTHER, "/learner #999999")
    own = "\n".join(await world.send(OTHER, "/cohort"))
    assert "Energy May" in own and "Lee" not in own and "Retail" not in own
    await world.send(OTHER, "/export")
    (_, data), (_, evidence), (_, pdf) = world.documents(OTHER)
    assert b"Lee" not in data and b"Lee" not in evidence and b"kettle" not in pdf
    async with services.sessions() as session:  # and the owner's link still works
        owner = await queries.get_learner(session, key=f"tg:{OWNER}")
        (retail,) = await cq.cohorts_of(session, assessor_id=owner.id)  # type: ignore[union-attr]
    assert isinstance(retail, Cohort) and retail.invite_code == cohort["payload"][2:]


# -- digest -------------------------------------------------------------------------------------


async def test_weekly_digest_is_sent_once_at_the_assessors_time(
    world: World, cohort: dict[str, str], clock: FixedClock, services: Services
) -> None:
    context = Context(world.app)
    await assessor_handlers.send_digests(context)
    assert not [t for t in world.request.texts(OWNER) if "Weekly digest" in t]  # not due yet
    clock.set(clock.now() + timedelta(days=7))  # the Monday after, past 08:00 London time
    await assessor_handlers.send_digests(context)
    await assessor_handlers.send_digests(context)
    digests = [t for t in world.request.texts(OWNER) if "Weekly digest" in t]
    assert len(digests) == 1
    assert "Weekly digest: Retail March" in digests[0]
    inactive = next(line for line in digests[0].splitlines() if line.startswith("Inactive"))
    assert "Lee" in inactive and "&lt;b&gt;Bo &amp; Co&lt;/b&gt;" in inactive
    assert "Weakest area:" in digests[0]
    assert not [t for t in world.request.texts(OTHER) if "Weekly digest" in t]  # nobody joined


async def test_digest_setting(world: World, cohort: dict[str, str]) -> None:
    assert "Mondays at 08:00 (Europe/London)" in (await world.send(OWNER, "/digest"))[0]
    assert "Fridays at 16:30" in (await world.send(OWNER, "/digest fri 16:30"))[0]
    assert "6 Nov 2026 16:30" in (await world.send(OWNER, "/digest fri 16:30"))[0]
    assert "off" in (await world.send(OWNER, "/digest off"))[0]
    assert "/digest mon 08:00" in (await world.send(OWNER, "/digest someday"))[0]


# -- comments on answers (bot.cohorts.comments, handlers.comments) -------------------------------

REF = re.compile(r"\bA(\d+) · ")


async def lee_answer_ref(world: World) -> str:
    refs = [m.group(1) for t in await world.send(OWNER, "/learner Lee") for m in REF.finditer(t)]
    assert refs, "no answer references in /learner"
    return f"A{refs[0]}"  # the most recent answer


def reply_to(world: World, uid: int, message_id: int, text: str) -> object:
    users = world.user(uid)
    prompt = Message(message_id, datetime.now(UTC), users.chat,
                     from_user=User(BOT_ID, "STAR Coach", is_bot=True), text="(prompt)")
    prompt.set_bot(world.app.bot)
    return users.message(text, reply_to_message=prompt)


async def test_a_comment_reaches_the_learner_with_their_answer_and_one_reply_comes_back(
    world: World, cohort: dict[str, str], services: Services
) -> None:
    ref = await lee_answer_ref(world)
    (sent,) = await world.send(OWNER, f"/comment {ref} Good use of the CRA; now say what the result was.")
    assert "Sent to Lee" in sent
    delivered = world.request.sent(LEARNER)[-1]
    assert "Olive commented on your answer" in delivered["text"]
    assert "Good use of the CRA" in delivered["text"] and "You wrote:" in delivered["text"]
    (reply_button,) = [b for row in delivered["reply_markup"]["inline_keyboard"] for b in row]
    assert reply_button["callback_data"].startswith("cmt:reply:")

    (prompt,) = await world.press(LEARNER, reply_button["callback_data"])
    assert "reply to Olive" in prompt
    async with services.sessions() as session:
        (row,) = (await session.exec(select(AnswerComment))).all()
    assert row.reply_prompt_message_id is not None

    before = len(world.request.calls)
    await world.app.process_update(reply_to(world, LEARNER, row.reply_prompt_message_id, "Thank you!"))
    assert "your reply is with Olive" in world.texts_since(before, LEARNER)[0]
    assert "Lee</b> (#" in world.texts_since(before, OWNER)[0]
    assert "Thank you!" in world.texts_since(before, OWNER)[0]
    # Shown to the assessor with the answer, and only one reply.
    view = "".join(await world.send(OWNER, "/learner Lee"))
    assert "💬 Good use of the CRA" in view and "↩️ Thank you!" in view
    assert "already replied" in (await world.press(LEARNER, reply_button["callback_data"]))[0]


async def test_a_reply_to_another_message_is_part_of_the_answer(world: World, cohort: dict[str, str]) -> None:
    await ask(world.app, world.user(LEARNER))
    before = len(world.request.calls)
    await world.app.process_update(reply_to(world, LEARNER, 12345, "My answer starts here"))
    assert any("words" in t.lower() for t in world.texts_since(before, LEARNER))  # the status line


async def test_nobody_comments_outside_their_own_cohorts(world: World, cohort: dict[str, str]) -> None:
    ref = await lee_answer_ref(world)
    assert "No answer with that reference" in (await world.send(OTHER, f"/comment {ref} Hi"))[0]
    assert "No answer with that reference" in (await world.send(OWNER, "/comment A999999 Hi"))[0]
    assert await world.send(STRANGER, f"/comment {ref} Hi") == [REFUSED]
    assert await world.send(LEARNER, f"/comment {ref} Hi") == [REFUSED]
    assert "not an answer reference" in (await world.send(OWNER, "/comment lee Hi"))[0]
    assert "followed by your comment" in (await world.send(OWNER, "/comment"))[0]
    assert "Write the comment" in (await world.send(OWNER, f"/comment {ref}"))[0]


async def test_a_forged_reply_button_is_refused(world: World, cohort: dict[str, str]) -> None:
    ref = await lee_answer_ref(world)
    await world.send(OWNER, f"/comment {ref} Nice")
    data = world.last_buttons(LEARNER)[0]
    assert "no longer here" in (await world.press(301, data))[0]  # Bo pressing Lee's button
    assert "no longer here" in (await world.press(LEARNER, "cmt:reply:999999"))[0]


# -- set work (bot.cohorts.assignments, handlers.assignments) ---------------------------------------


async def test_setwork_alone_explains_itself_with_the_topics(world: World, cohort: dict[str, str]) -> None:
    (usage,) = await world.send(OWNER, "/setwork")
    assert "/setwork Lee 2" in usage and "1. " in usage and "A123" in usage


async def test_set_work_comes_first_in_practice_until_answered_and_cohort_shows_who(
    world: World, cohort: dict[str, str], services: Services
) -> None:
    topic = list(services.content.topics.values())[1]
    (done,) = await world.send(OWNER, "/setwork Lee 2 by 2026-11-20")
    assert f"a question on {topic.title}, due 20 Nov for Lee" in done
    note = world.request.sent(LEARNER)[-1]
    assert "Olive set you work" in note["text"]
    (go,) = buttons(note)
    assert go.startswith("work:go:")

    await world.send(LEARNER, "/practice")
    menu = world.request.sent(LEARNER)[-1]
    assert buttons(menu)[0] == go and "assessor set you work" in menu["text"]
    await world.press(LEARNER, go)
    question = world.request.texts(LEARNER)[-1]
    assert topic.title in question  # a question on the set topic

    status = "".join(await world.send(OWNER, "/cohort"))
    assert "Set work" in status and "0 of 1 done; not yet: Lee" in status
    await world.app.process_update(world.user(LEARNER).message(ANSWER))
    await world.app.process_update(world.user(LEARNER).message("/done"))
    await world.app.process_update(world.user(LEARNER).message("/cancel"))
    assert "1 of 1 done" in "".join(await world.send(OWNER, "/cohort"))
    await world.send(LEARNER, "/practice")
    assert not any(b.startswith("work:") for b in buttons(world.request.sent(LEARNER)[-1]))


async def test_set_a_question_again_for_everyone(world: World, cohort: dict[str, str]) -> None:
    ref = await lee_answer_ref(world)
    (done,) = await world.send(OWNER, f"/setwork all {ref}")
    assert "Lee" in done and "&lt;b&gt;Bo &amp; Co&lt;/b&gt;" in done  # both, names escaped
    assert "not yet: " in "".join(await world.send(OWNER, "/cohort"))


async def test_set_work_is_refused_kindly(world: World, cohort: dict[str, str]) -> None:
    assert "No learner by that name" in (await world.send(OTHER, "/setwork Lee 2"))[0]
    assert "from 1 to" in (await world.send(OWNER, "/setwork Lee 99"))[0]
    assert "couldn't read that date" in (await world.send(OWNER, "/setwork Lee 2 by someday"))[0]
    assert "has passed" in (await world.send(OWNER, "/setwork Lee 2 by 2020-01-01"))[0]
    assert await world.send(LEARNER, "/setwork Lee 2") == [REFUSED]
    await world.send(OWNER, "/setwork Lee 2")
    go = buttons(world.request.sent(LEARNER)[-1])[0]
    assert "no longer set" in (await world.press(301, go))[-1]  # Bo pressing Lee's button
