"""The Bot API emulator, proven against python-telegram-bot's own client and Application."""

from __future__ import annotations

import asyncio
import datetime as dtm
import json
import sys
import textwrap
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from telegram import Bot as PTBBot
from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    ReplyKeyboardMarkup,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    Conflict,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
)
from telegram.ext import Application, ApplicationBuilder, CommandHandler, ContextTypes

from .conftest import BotProcess, start_bot_process
from .emulator import ApiError, BotApiEmulator, SimUser, inline_buttons, parse_formatted

TOKEN = "123456:TESTTOKEN_abc"


@pytest.fixture
async def bot(emulator: BotApiEmulator) -> AsyncIterator[PTBBot]:
    """PTB's own client pointed at the emulator."""
    async with PTBBot(TOKEN, base_url=emulator.base_url, base_file_url=emulator.base_file_url) as ptb_bot:
        yield ptb_bot


@pytest.fixture
async def alex(emulator: BotApiEmulator) -> SimUser:
    """A user who has already written to the bot (so the bot may message them)."""
    user = emulator.user(42, "Alex", username="alex_apprentice")
    await user.send("hi")
    return user


def keyboard(*pairs: tuple[str, str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(t, callback_data=d)] for t, d in pairs])


# --- identity and plumbing ---------------------------------------------------------------------


async def test_get_me_reports_the_identity_from_the_token(emulator: BotApiEmulator, bot: PTBBot) -> None:
    me = await bot.get_me()
    assert (me.id, me.is_bot, me.first_name, me.username) == (
        123456,
        True,
        "STAR Coach",
        "star_coach_test_bot",
    )
    assert emulator.calls[0].method == "getMe"
    assert emulator.base_url.startswith("http://127.0.0.1:") and emulator.base_url.endswith("/bot")


async def test_malformed_token_is_unauthorized(emulator: BotApiEmulator) -> None:
    bad = PTBBot("not-a-token", base_url=emulator.base_url)
    try:
        with pytest.raises(InvalidToken):
            await bad.initialize()  # getMe answers 401
    finally:
        await bad.shutdown()
    assert emulator.errors[-1].error_code == 401


async def test_form_json_and_query_encodings_are_all_understood(
    emulator: BotApiEmulator, alex: SimUser
) -> None:
    markup = {"inline_keyboard": [[{"text": "Go", "callback_data": "go"}]]}
    url = f"{emulator.base_url}{TOKEN}/sendMessage"
    async with aiohttp.ClientSession() as session:
        # PTB's way: form fields, JSON-encoded values for non-strings; "123" stays text.
        form = {"chat_id": "42", "text": "123", "reply_markup": json.dumps(markup)}
        async with session.post(url, data=form) as resp:
            sent = (await resp.json())["result"]
        async with session.post(url, json={"chat_id": 42, "text": "json", "reply_markup": markup}) as resp:
            assert (await resp.json())["ok"] is True
        async with session.get(url, params={"chat_id": "42", "text": "query"}) as resp:
            assert (await resp.json())["ok"] is True
        async with session.post(f"{emulator.base_url}{TOKEN}/SENDMESSAGE", data=form) as resp:
            assert resp.status == 200, "method names are case-insensitive"
    assert sent["text"] == "123"
    assert sent["reply_markup"] == markup
    assert [m["text"] for m in alex.messages] == ["123", "json", "query", "123"]
    assert emulator.calls_of("sendMessage")[0]["chat_id"] == 42


async def test_unknown_method_is_404_and_recorded(emulator: BotApiEmulator, bot: PTBBot) -> None:
    # PTB turns Telegram's 404 for an unknown method into EndPointNotFound.
    with pytest.raises(EndPointNotFound, match="sendTelepathy"):
        await bot.do_api_request("sendTelepathy", api_kwargs={"chat_id": 1})
    assert emulator.unknown_methods == ["sendTelepathy"]
    assert emulator.errors[-1].error_code == 404


# --- sending, editing, callbacks ---------------------------------------------------------------


async def test_send_message_with_inline_keyboard_then_edit(
    emulator: BotApiEmulator, bot: PTBBot, alex: SimUser
) -> None:
    sent = await bot.send_message(
        42,
        "<b>Pick</b> one",
        parse_mode=ParseMode.HTML,
        reply_markup=keyboard(("Yes", "ans:yes"), ("No", "ans:no")),
    )
    assert sent.text == "Pick one"
    assert sent.from_user is not None and sent.from_user.id == 123456
    assert sent.chat.id == 42 and sent.chat.type == "private"
    assert sent.message_id == 2, "the user's 'hi' was message 1 in this chat"
    assert sent.entities[0].type == "bold" and sent.entities[0].length == 4
    assert isinstance(sent.reply_markup, InlineKeyboardMarkup)

    reply = await alex.wait_reply()
    assert reply["text"] == "Pick one"
    assert [b["callback_data"] for b in inline_buttons(reply)] == ["ans:yes", "ans:no"]
    assert emulator.calls_of("sendMessage")[0]["parse_mode"] == "HTML"
    assert emulator.calls_of("sendMessage")[0]["reply_markup"]["inline_keyboard"][0][0] == {
        "text": "Yes",
        "callback_data": "ans:yes",
    }

    edited = await bot.edit_message_text("Done", chat_id=42, message_id=sent.message_id)
    assert isinstance(edited, type(sent)) and edited.text == "Done"
    assert edited.reply_markup is None, "editMessageText without reply_markup drops the keyboard"
    again = await alex.wait_reply()
    assert again["text"] == "Done" and "edit_date" in again
    assert [m["text"] for m in alex.messages] == ["Done"]

    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text("Done", chat_id=42, message_id=sent.message_id)
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("x", chat_id=42, message_id=999)
    with pytest.raises(BadRequest, match=r"(?i)message can't be edited"):
        await bot.edit_message_text("x", chat_id=42, message_id=1)


async def test_edit_reply_markup_delete_and_stale_button(
    emulator: BotApiEmulator, bot: PTBBot, alex: SimUser
) -> None:
    sent = await bot.send_message(42, "Q", reply_markup=keyboard(("A", "a"), ("B", "b")))
    await bot.edit_message_reply_markup(42, sent.message_id, reply_markup=keyboard(("C", "c")))
    with pytest.raises(AssertionError, match="stale or wrong button"):
        await alex.press(sent.to_dict(), "a")
    await alex.press(sent.to_dict(), "c")
    assert await bot.delete_message(42, sent.message_id) is True
    assert emulator.deleted_messages == [(42, sent.message_id)]
    assert alex.messages == []
    with pytest.raises(AssertionError, match="deleted"):
        await alex.press(sent.to_dict(), "c")
    with pytest.raises(BadRequest, match=r"(?i)message to delete not found"):
        await bot.delete_message(42, sent.message_id)


async def test_get_updates_delivers_text_and_callback_with_offset_confirmation(
    emulator: BotApiEmulator, bot: PTBBot, alex: SimUser
) -> None:
    first = await bot.get_updates(timeout=0)
    assert len(first) == 1 and first[0].message is not None
    message = first[0].message
    assert message.text == "hi" and message.from_user is not None
    assert message.from_user.username == "alex_apprentice" and message.chat.id == 42

    await alex.send("/start deep_link")
    sent = await bot.send_message(42, "Ready?", reply_markup=keyboard(("Go", "go")))
    await alex.press(sent.to_dict(), "go")

    # Without confirming, the same updates come again.
    redelivered = await bot.get_updates(timeout=0)
    assert redelivered[0].update_id == first[0].update_id
    batch = await bot.get_updates(offset=first[0].update_id + 1, timeout=0)
    assert len(batch) == 2
    command = batch[0].message
    assert command is not None and command.text == "/start deep_link"
    assert command.entities[0].type == "bot_command" and command.entities[0].length == 6
    callback = batch[1].callback_query
    assert callback is not None and callback.data == "go"
    assert callback.message is not None and callback.message.message_id == sent.message_id

    assert await bot.answer_callback_query(callback.id, text="Off we go") is True
    answer = await alex.wait_callback_answer(callback.id)
    assert answer["text"] == "Off we go" and emulator.answered_callbacks == [answer]
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_callback_query(callback.id)

    assert await bot.get_updates(offset=batch[-1].update_id + 1, timeout=0) == ()
    assert emulator.pending_updates == []


async def test_long_poll_returns_as_soon_as_an_update_arrives(emulator: BotApiEmulator, bot: PTBBot) -> None:
    user = emulator.user(7)
    started = asyncio.get_running_loop().time()
    poll = asyncio.create_task(bot.get_updates(timeout=20))
    await emulator.wait_for_call("getUpdates")
    await user.send("ping")
    updates = await poll
    assert len(updates) == 1
    assert asyncio.get_running_loop().time() - started < 5
    # limit is honoured and an empty long poll times out with [].
    await user.send("a")
    await user.send("b")
    assert len(await bot.get_updates(offset=updates[0].update_id + 1, limit=1, timeout=0)) == 1
    assert await bot.get_updates(offset=10**9, timeout=0) == ()


async def test_a_second_poller_terminates_the_first_with_conflict(
    emulator: BotApiEmulator, bot: PTBBot
) -> None:
    # Two instances (PTB's getUpdates pool has a single connection, so one Bot cannot do this).
    async with PTBBot(TOKEN, base_url=emulator.base_url) as second_instance:
        first = asyncio.create_task(bot.get_updates(timeout=20))
        await emulator.wait_for_call("getUpdates")
        second = asyncio.create_task(second_instance.get_updates(timeout=20))
        with pytest.raises(Conflict, match=r"(?i)terminated by other getUpdates request"):
            await first
        await emulator.user(3).send("for the survivor")
        assert len(await second) == 1


async def test_allowed_updates_filter_and_raw_duplicate_delivery(
    emulator: BotApiEmulator, bot: PTBBot
) -> None:
    user = emulator.user(5)
    await bot.get_updates(timeout=0, allowed_updates=["callback_query"])
    await user.send("ignored")
    assert emulator.pending_updates == [] and len(emulator.filtered_updates) == 1

    await bot.get_updates(timeout=0, allowed_updates=Update.ALL_TYPES)
    await user.send("once")
    (update,) = await bot.get_updates(timeout=0)
    assert await bot.get_updates(offset=update.update_id + 1, timeout=0) == ()
    # Telegram re-sends the very same update (same update_id) after it was confirmed.
    await emulator.push_raw_update(update.to_dict())
    (again,) = await bot.get_updates(offset=update.update_id + 1, timeout=0)
    assert again.update_id == update.update_id and again.message is not None
    assert again.message.text == "once"
    assert await bot.get_updates(offset=update.update_id + 1, timeout=0) == ()


async def test_send_document_and_photo_uploads_are_recorded(
    emulator: BotApiEmulator, bot: PTBBot, alex: SimUser
) -> None:
    doc = await bot.send_document(
        42,
        document=b"STAR answer notes",
        filename="notes.txt",
        caption="Your *notes*",
        parse_mode=ParseMode.MARKDOWN_V2,
    )
    assert doc.document is not None and doc.document.file_name == "notes.txt"
    assert doc.caption == "Your notes"
    upload = emulator.uploads[0]
    assert (upload.method, upload.filename, upload.data, upload.caption) == (
        "sendDocument",
        "notes.txt",
        b"STAR answer notes",
        "Your notes",
    )
    reply = await alex.wait_reply(lambda m: "document" in m)
    assert reply["document"]["file_name"] == "notes.txt"

    # The file can be fetched back, and re-sent by file_id.
    file = await bot.get_file(doc.document.file_id)
    assert bytes(await file.download_as_bytearray()) == b"STAR answer notes"
    again = await bot.send_document(42, document=doc.document.file_id)
    assert again.document is not None and emulator.uploads[-1].source == "file_id"

    photo = await bot.send_photo(42, photo=b"\x89PNG fake", caption="chart")
    assert photo.photo and photo.caption == "chart"
    assert emulator.uploads[-1].method == "sendPhoto"


async def test_commands_chat_action_get_chat_and_webhook_state(
    emulator: BotApiEmulator, bot: PTBBot, alex: SimUser
) -> None:
    commands = [BotCommand("start", "Begin"), BotCommand("practice", "Practise a question")]
    assert await bot.set_my_commands(commands) is True
    assert list(await bot.get_my_commands()) == commands
    assert await bot.get_my_commands(language_code="cy") == ()
    with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand("Bad-Name", "x")])
    assert await bot.delete_my_commands() is True
    assert await bot.get_my_commands() == ()

    assert await bot.send_chat_action(42, "typing") is True
    assert alex.chat_actions == ["typing"]
    chat = await bot.get_chat(42)
    assert chat.type == "private" and chat.first_name == "Alex"
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.get_chat(999)

    assert await bot.set_webhook("https://example.invalid/hook") is True
    assert (await bot.get_webhook_info()).url == "https://example.invalid/hook"
    with pytest.raises(Conflict, match=r"(?i)webhook is active"):
        await bot.get_updates(timeout=0)
    assert await bot.delete_webhook(drop_pending_updates=True) is True
    assert emulator.pending_updates == []
    assert await bot.log_out() is True and await bot.close() is True


async def test_telegram_refusals_the_bot_must_handle(
    emulator: BotApiEmulator, bot: PTBBot, alex: SimUser
) -> None:
    stranger = emulator.user(77)
    with pytest.raises(Forbidden, match=r"(?i)can't initiate conversation"):
        await bot.send_message(stranger.id, "hello")
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(31337, "hello")
    with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
        await bot.send_message(42, "x", reply_markup=keyboard(("Long", "x" * 65)))
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(42, "x" * 4097)
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities: Character '\.' is reserved"):
        await bot.send_message(42, "Well done.", parse_mode=ParseMode.MARKDOWN_V2)
    with pytest.raises(BadRequest, match=r'(?i)unsupported start tag "br"'):
        await bot.send_message(42, "a<br>b", parse_mode=ParseMode.HTML)
    await alex.block()
    with pytest.raises(Forbidden, match=r"(?i)blocked by the user"):
        await bot.send_message(42, "still there?")
    assert alex.messages == []
    await alex.unblock()
    await bot.send_message(42, "welcome back", reply_markup=ReplyKeyboardMarkup([["Menu"]]))
    keyboard_shown = alex.reply_keyboard
    assert keyboard_shown is not None and keyboard_shown["keyboard"] == [[{"text": "Menu"}]]
    updates = await bot.get_updates(timeout=0)
    kinds = [u.my_chat_member.new_chat_member.status for u in updates if u.my_chat_member]
    assert kinds == ["kicked", "member"]


@pytest.mark.parametrize(
    ("text", "mode", "plain", "entities"),
    [
        (
            "*bold* _it_ __u__ ~s~ ||sp||",
            "MarkdownV2",
            "bold it u s sp",
            ["bold", "italic", "underline", "strikethrough", "spoiler"],
        ),
        ("Score: 3\\.5 \\- [link](https://example.org)", "MarkdownV2", "Score: 3.5 - link", ["text_link"]),
        ("```python\nprint(1)\n```", "MarkdownV2", "print(1)\n", ["pre"]),
        (
            "<b>S</b>ituation &amp; <i>T</i>ask 👍 <a href='https://x.org'>more</a>",
            "HTML",
            "Situation & Task 👍 more",
            ["bold", "italic", "text_link"],
        ),
        (
            "*bold* and _italic_ and `code`",
            "Markdown",
            "bold and italic and code",
            ["bold", "italic", "code"],
        ),
    ],
)
def test_parse_modes_render_like_telegram(text: str, mode: str, plain: str, entities: list[str]) -> None:
    rendered, found = parse_formatted(text, mode)
    assert rendered == plain
    assert sorted(e["type"] for e in found) == sorted(entities)


@pytest.mark.parametrize(
    ("text", "mode", "error"),
    [
        # Expected descriptions as Telegram's server library (tdlib) words them.
        ("🏟 🏟_abac * asd ", "MarkdownV2", "Can't find end of Bold entity at byte offset 15"),
        ("🏟 🏟__🏟 _🏟___", "MarkdownV2", "Can't find end of Italic entity at byte offset 23"),
        ("🏟 🏟```a ", "MarkdownV2", "Can't find end of PreCode entity at byte offset 9"),
        ("[telegram\\.org](asd\\)", "MarkdownV2", "Can't find end of a URL at byte offset 16"),
        ("🏟 🏟>", "MarkdownV2", "Character '>' is reserved and must be escaped with the preceding '\\'"),
        ("<b>open", "HTML", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b>x</i>", "HTML", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("<p>x</p>", "HTML", 'Unsupported start tag "p" at byte offset 0'),
        ("*open", "Markdown", "Can't find end of the entity starting at byte offset 0"),
    ],
)
def test_parse_errors_match_telegram(text: str, mode: str, error: str) -> None:
    with pytest.raises(ApiError) as caught:
        parse_formatted(text, mode)
    assert caught.value.code == 400
    assert caught.value.description == f"Bad Request: can't parse entities: {error}"


@pytest.mark.parametrize(
    ("text", "plain", "entities"),
    [
        ("🏟 🏟_🏟 __🏟___", "🏟 🏟🏟 🏟", [("italic", 5, 5), ("underline", 8, 2)]),
        ("🏟 🏟```🏟\n🏟```", "🏟 🏟🏟", [("pre", 5, 2)]),
        ("abc\n> \n> \n>\ndef", "abc\n \n \n\ndef", [("blockquote", 4, 5)]),
        (">asd\n>q||e||w||\nasdad", "asd\nqew\nasdad", [("expandable_blockquote", 0, 8), ("spoiler", 5, 1)]),
        ("\\➡️ [ ](as) 🏟**", "\\➡️   🏟", []),
    ],
)
def test_markdown_v2_matches_telegram(text: str, plain: str, entities: list[tuple[str, int, int]]) -> None:
    rendered, found = parse_formatted(text, "MarkdownV2")
    assert rendered == plain
    assert sorted((e["type"], e["offset"], e["length"]) for e in found) == sorted(entities)


def test_entity_offsets_are_utf16() -> None:
    _, entities = parse_formatted("👍 <b>x</b>", "HTML")
    assert entities == [{"type": "bold", "offset": 3, "length": 1}]


# --- faults and limits ---------------------------------------------------------------------------


async def test_injected_429_surfaces_as_retry_after(
    emulator: BotApiEmulator, bot: PTBBot, alex: SimUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")  # RetryAfter.retry_after as timedelta, no warning
    emulator.fail_next("sendMessage", 429, "Too Many Requests: retry after 7", retry_after=7)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(42, "hello")
    assert caught.value.retry_after == dtm.timedelta(seconds=7)
    assert alex.messages == [], "a failed call has no effect"
    assert (await bot.send_message(42, "hello")).text == "hello"

    emulator.fail_next("sendMessage", 400, "Bad Request: chat not found", count=2)
    for _ in range(2):
        with pytest.raises(BadRequest, match=r"(?i)chat not found"):
            await bot.send_message(42, "x")
    emulator.fail_next("sendMessage", 403)
    with pytest.raises(Forbidden, match=r"(?i)blocked"):
        await bot.send_message(42, "x")


async def test_dropped_connection_is_a_network_error(
    emulator: BotApiEmulator, bot: PTBBot, alex: SimUser
) -> None:
    emulator.drop_next("sendMessage")
    with pytest.raises(NetworkError):
        await bot.send_message(42, "lost")
    assert alex.messages == []


async def test_rate_limit_enforcer_answers_429_on_second_message_in_a_second(
    emulator: BotApiEmulator, bot: PTBBot, alex: SimUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    other = emulator.user(43)
    await other.send("hi")
    emulator.enforce_limits(per_chat_per_s=1.0, global_per_s=30.0)
    await bot.send_message(42, "one")
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(42, "two")
    assert caught.value.retry_after == dtm.timedelta(seconds=1)
    await bot.send_message(43, "another chat is fine")
    assert emulator.rate_limit_hits == 1
    assert [m["text"] for m in alex.messages] == ["one"]

    emulator.enforce_limits(per_chat_per_s=10.0, global_per_s=1.0)
    await bot.send_message(42, "global one")
    with pytest.raises(RetryAfter):
        await bot.send_message(43, "global two")
    assert emulator.rate_limit_hits == 2
    emulator.disable_limits()
    await bot.send_message(43, "unlimited")


async def test_restart_keeps_port_and_state_like_an_outage(
    emulator: BotApiEmulator, bot: PTBBot, alex: SimUser
) -> None:
    url = emulator.base_url
    await bot.send_message(42, "before")
    await emulator.stop()
    with pytest.raises(NetworkError):
        await bot.send_message(42, "during")
    await emulator.start()
    assert emulator.base_url == url
    await bot.send_message(42, "after")
    assert [m["text"] for m in alex.messages] == ["before", "after"]
    assert [m["message_id"] for m in alex.messages] == [2, 3]


async def test_wait_reply_timeout_explains_what_the_bot_did(
    emulator: BotApiEmulator, bot: PTBBot, alex: SimUser
) -> None:
    await bot.send_message(42, "Something else")
    with pytest.raises(BadRequest):
        await bot.send_message(42, "oops.", parse_mode=ParseMode.MARKDOWN_V2)
    with pytest.raises(AssertionError) as caught:
        await alex.wait_reply("Expected text", timeout=0.2)
    report = str(caught.value)
    assert "'Something else'" in report and "reserved" in report
    await alex.assert_no_reply(within=0.05)


# --- PTB Application end to end -------------------------------------------------------------------


async def test_ptb_application_polls_and_replies(emulator: BotApiEmulator) -> None:
    async def ping(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text("pong")

    app: Application = (
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(emulator.base_url)
        .base_file_url(emulator.base_file_url)
        .build()
    )
    app.add_handler(CommandHandler("ping", ping))
    user = emulator.user(1001, "Sam")
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        await user.send("/ping")
        reply = await user.wait_reply(timeout=10)
        assert reply["text"] == "pong"
        await user.send("/ping")
        assert (await user.wait_reply(timeout=10))["text"] == "pong"
        await app.updater.stop()
        await app.stop()
    assert emulator.pending_updates == [], "the updater confirmed what it processed on stop"
    assert emulator.unknown_methods == []
    assert {"getMe", "deleteWebhook", "getUpdates", "sendMessage"} <= {c.method for c in emulator.calls}


# --- the bot-process harness, with a stand-in script -------------------------------------------

STAND_IN = textwrap.dedent(
    """
    import os
    from telegram.ext import ApplicationBuilder, CommandHandler

    async def ping(update, context):
        await update.effective_message.reply_text("pong from " + os.environ["STAND_IN_NAME"])

    app = (
        ApplicationBuilder()
        .token(os.environ["TELEGRAM_BOT_TOKEN"])
        .base_url(os.environ["TELEGRAM_API_BASE_URL"])
        .base_file_url(os.environ["TELEGRAM_FILE_BASE_URL"])
        .build()
    )
    app.add_handler(CommandHandler("ping", ping))
    print("stand-in starting", flush=True)
    app.run_polling(poll_interval=0.0, timeout=1)
    print("stand-in stopped cleanly", flush=True)
    """
)


async def test_bot_process_harness_start_ready_stop_kill(emulator: BotApiEmulator, tmp_path: Path) -> None:
    script = tmp_path / "stand_in_bot.py"
    script.write_text(STAND_IN, encoding="utf-8")
    command = [sys.executable, str(script)]
    user = emulator.user(9, "Kim")

    bp: BotProcess = await start_bot_process(emulator, tmp_path, {"STAND_IN_NAME": "first"}, command=command)
    await bp.wait_ready(timeout=30)
    await user.send("/ping")
    assert (await user.wait_reply(timeout=10))["text"] == "pong from first"
    assert await bp.stop() == 0, bp.log()
    assert "stand-in stopped cleanly" in bp.log()

    second = await start_bot_process(emulator, tmp_path, {"STAND_IN_NAME": "second"}, command=command)
    await second.wait_ready(timeout=30)
    await user.send("/ping")
    assert (await user.wait_reply(timeout=10))["text"] == "pong from second"
    second.kill()
    assert await second.wait_exit() < 0
    assert "stand-in starting" in second.log()


async def test_wait_ready_fails_fast_with_the_log_when_the_process_dies(
    emulator: BotApiEmulator, tmp_path: Path
) -> None:
    command = [sys.executable, "-c", "print('bad config: TELEGRAM_BOT_TOKEN'); raise SystemExit(3)"]
    bp = await start_bot_process(emulator, tmp_path, command=command)
    with pytest.raises(AssertionError, match=r"exited with code 3(.|\n)*bad config"):
        await bp.wait_ready(timeout=30)
