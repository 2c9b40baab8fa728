"""An in-process Telegram Bot API emulator for offline end-to-end tests.

:class:`BotApiEmulator` is a small aiohttp server that speaks the parts of the Telegram Bot API
that STAR Coach uses. The real bot process (or a ``telegram.Bot`` in the test process) is pointed
at it with ``base_url=emulator.base_url`` and ``base_file_url=emulator.base_file_url``; requests
then arrive as ``POST /bot<token>/<method>``.

PTB 22.8's ``HTTPXRequest`` sends parameters as ``application/x-www-form-urlencoded`` (string
values raw, every other value JSON-encoded: ``reply_markup``, ``allowed_updates``, ``commands``,
numbers, booleans) or, when a file is uploaded, as ``multipart/form-data`` with the same fields
plus file parts. Both are decoded here; a JSON body and GET query strings (which Telegram also
accepts) work as well.

Tests drive the conversation through :class:`SimUser` (``emulator.user(...)``): ``send`` queues a
message update, ``press`` queues a callback query on a bot message, ``wait_reply`` waits for the
bot's next message. Everything the bot calls is recorded in :attr:`BotApiEmulator.calls`.

Behaviour copied from Telegram because bots trip over it: parse modes are really parsed (an
unescaped ``.`` in MarkdownV2 or a ``<br>`` in HTML is a 400 "can't parse entities"), the stored
message text is the rendered plain text with ``entities``, callback data longer than 64 bytes is
``BUTTON_DATA_INVALID``, editing without change is "message is not modified", editMessageText
without ``reply_markup`` removes the inline keyboard, answering a callback query twice fails,
a user who never wrote to the bot cannot be messaged, and a second concurrent ``getUpdates``
terminates the first with 409 Conflict.

Webhook mode: Telegram demands an https URL in ``setWebhook``, which a test cannot serve, so the
test maps it to local targets with :meth:`BotApiEmulator.route_webhook` (one or several bot
instances on ``http://127.0.0.1:<port>/<path>``). Once the bot has set a webhook, queued updates
are POSTed to the targets (round robin, per-chat round robin or random) with the
``X-Telegram-Bot-Api-Secret-Token`` header, as Telegram does: the updates of one chat one at a
time and in order, different chats concurrently (up to ``max_connections``), and an update that
gets no 2xx answer (an error status, a refused or dropped connection, a timeout) is sent again
after a growing delay, to the next target. Every attempt is in
:attr:`BotApiEmulator.webhook_deliveries`.
"""

from __future__ import annotations

import asyncio
import copy
import itertools
import json
import math
import random
import re
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, NamedTuple, Self

import aiohttp
from aiohttp import web

__all__ = [
    "BOT_FIRST_NAME",
    "BOT_USERNAME",
    "ApiCall",
    "ApiError",
    "BotApiEmulator",
    "ErrorReply",
    "SimUser",
    "Upload",
    "UploadedFile",
    "WebhookDelivery",
    "describe_message",
    "inline_buttons",
    "message_text",
    "parse_formatted",
    "utf16_len",
]

JSONDict = dict[str, Any]
MessagePredicate = Callable[[JSONDict], bool]

BOT_FIRST_NAME = "STAR Coach"
BOT_USERNAME = "star_coach_test_bot"
TOKEN_RE = re.compile(r"^(\d+):[A-Za-z0-9_-]+$")

MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_CALLBACK_DATA_BYTES = 64
MAX_CALLBACK_ANSWER_LENGTH = 200
MAX_POLL_TIMEOUT = 50.0
#: The header Telegram puts the webhook's ``secret_token`` in.
WEBHOOK_SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
WEBHOOK_POLICIES = ("round_robin", "per_chat", "random")

UPDATE_TYPES: tuple[str, ...] = (
    "message",
    "edited_message",
    "channel_post",
    "edited_channel_post",
    "business_connection",
    "business_message",
    "edited_business_message",
    "deleted_business_messages",
    "message_reaction",
    "message_reaction_count",
    "inline_query",
    "chosen_inline_result",
    "callback_query",
    "shipping_query",
    "pre_checkout_query",
    "purchased_paid_media",
    "poll",
    "poll_answer",
    "my_chat_member",
    "chat_member",
    "chat_join_request",
    "chat_boost",
    "removed_chat_boost",
)
#: What Telegram delivers when ``allowed_updates`` was never set (or set to ``[]``).
DEFAULT_ALLOWED_UPDATES = frozenset(UPDATE_TYPES) - {
    "chat_member",
    "message_reaction",
    "message_reaction_count",
}

CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)

#: Methods counted by :meth:`BotApiEmulator.enforce_limits` unless told otherwise.
RATE_LIMITED_METHODS = frozenset(
    {
        "sendMessage",
        "sendPhoto",
        "sendDocument",
        "sendAudio",
        "sendVideo",
        "sendAnimation",
        "sendVoice",
        "sendVideoNote",
        "sendSticker",
        "sendMediaGroup",
        "sendLocation",
        "sendContact",
        "sendPoll",
        "sendDice",
        "copyMessage",
        "forwardMessage",
    }
)

#: Form fields whose value is a plain string even if it looks like JSON ("123", "true", "[x]").
_STRING_PARAMS = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "callback_query_id",
        "inline_message_id",
        "url",
        "action",
        "language_code",
        "description",
        "short_description",
        "name",
        "emoji",
        "secret_token",
        "ip_address",
        "file_id",
        "business_connection_id",
        "message_effect_id",
        "photo",
        "document",
        "sticker",
        "voice",
        "audio",
        "video",
        "animation",
        "thumbnail",
        "title",
        "question",
    }
)

_INLINE_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)

_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
_QUERY_TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid"


# --------------------------------------------------------------------------------------------
# Small helpers usable from tests
# --------------------------------------------------------------------------------------------


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units, the unit of Telegram entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def message_text(message: JSONDict) -> str:
    """The text of a message, or its caption for media messages, or ``""``."""
    return str(message.get("text") or message.get("caption") or "")


def inline_buttons(message: JSONDict) -> list[JSONDict]:
    """All inline keyboard buttons of ``message``, row by row, or ``[]``."""
    markup = message.get("reply_markup") or {}
    return [button for row in markup.get("inline_keyboard", []) for button in row]


def describe_message(message: JSONDict, limit: int = 160) -> str:
    """A one-line summary of a message for assertion messages."""
    kind = next(
        (k for k in ("text", "photo", "document", "sticker", "voice", "caption") if k in message),
        "message",
    )
    text = message_text(message)
    if len(text) > limit:
        text = text[:limit] + "…"
    parts = [f"#{message.get('message_id')} {kind}: {text!r}"]
    buttons = inline_buttons(message)
    if buttons:
        labels = [f"{b.get('text')!r}->{b.get('callback_data', b.get('url'))!r}" for b in buttons]
        parts.append("buttons=[" + ", ".join(labels) + "]")
    if "edit_date" in message:
        parts.append("(edited)")
    return " ".join(parts)


# --------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------


class ApiCall(NamedTuple):
    """One request the bot made: the canonical method name and its decoded parameters."""

    method: str
    params: JSONDict


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request."""

    field_name: str
    filename: str | None
    content_type: str | None
    data: bytes


@dataclass(frozen=True)
class Upload:
    """A file the bot sent with sendPhoto/sendDocument (by upload, file_id or URL)."""

    method: str
    chat_id: int
    message_id: int
    filename: str | None
    data: bytes
    caption: str | None
    source: str  # "upload", "file_id" or "url"


@dataclass(frozen=True)
class ErrorReply:
    """An error answer the emulator sent (injected, rate limited or a genuine API error)."""

    method: str
    error_code: int
    description: str
    chat_id: Any = None
    retry_after: int | None = None


class ApiError(Exception):
    """A Bot API error answer: ``{"ok": false, "error_code": code, "description": ...}``."""

    def __init__(self, code: int, description: str, parameters: JSONDict | None = None) -> None:
        super().__init__(f"{code} {description}")
        self.code = code
        self.description = description
        self.parameters = parameters


@dataclass(frozen=True)
class WebhookDelivery:
    """One attempt to deliver an update to a webhook target.

    ``status`` is the HTTP status the target answered (None when there was no answer: the
    connection was refused or dropped, or ``error`` says it timed out).
    """

    update_id: int
    target: str
    attempt: int
    status: int | None
    error: str | None
    started: float
    finished: float
    #: The chat (or user) the update belongs to, when it has one.
    chat_id: int | None = None

    @property
    def ok(self) -> bool:
        """True when the target took the update (a 2xx answer)."""
        return self.status is not None and 200 <= self.status < 300


@dataclass
class _Fault:
    kind: str  # "error", "delay", "late" or "drop"
    error_code: int = 0
    description: str = ""
    retry_after: int | None = None
    delay: float = 0.0


@dataclass
class _Queued:
    update: JSONDict
    #: The highest offset the bot had confirmed when this update was queued.
    floor: int
    delivered: bool = False

    @property
    def update_id(self) -> int:
        return int(self.update["update_id"])


@dataclass
class _StoredFile:
    file_id: str
    file_unique_id: str
    data: bytes
    file_path: str
    filename: str | None = None
    mime_type: str | None = None


@dataclass
class _PendingCallback:
    user_id: int
    message_id: int
    data: str
    answer: JSONDict | None = None


@dataclass
class _ChatState:
    user: SimUser
    next_message_id: int = 1
    messages: dict[int, JSONDict] = field(default_factory=dict)
    bot_message_ids: list[int] = field(default_factory=list)
    deleted: set[int] = field(default_factory=set)
    events: list[JSONDict] = field(default_factory=list)
    cursor: int = 0
    reply_keyboard: JSONDict | None = None
    actions: list[str] = field(default_factory=list)


class _RateWindow:
    """A sliding-window limiter: at most ``capacity`` events per ``window`` seconds."""

    def __init__(self, per_second: float) -> None:
        if per_second <= 0:
            raise ValueError("rate must be positive")
        self.window = max(1.0, 1.0 / per_second)
        self.capacity = max(1, math.floor(per_second * self.window + 1e-9))
        self.stamps: deque[float] = deque()

    def wait_needed(self, now: float) -> float:
        """Seconds until one more event is allowed (0 when it is allowed now)."""
        while self.stamps and now - self.stamps[0] >= self.window:
            self.stamps.popleft()
        if len(self.stamps) < self.capacity:
            return 0.0
        return self.stamps[0] + self.window - now


class _Changes:
    """Wakes every waiter whenever the emulator's state changes (no polling loops)."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait_for(self, ready: Callable[[], Any]) -> Any:
        """Wait until ``ready()`` returns something truthy and return it (no timeout)."""
        while True:
            event = self._event
            result = ready()
            if result:
                return result
            await event.wait()


# --------------------------------------------------------------------------------------------
# Parse modes (HTML, MarkdownV2, Markdown) as Telegram implements them
# --------------------------------------------------------------------------------------------


class _ParseError(Exception):
    """A parse-mode error; the message is what Telegram puts after "can't parse entities: "."""


class _TextBuilder:
    """Collects rendered text and entities with UTF-16 offsets."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.entities: list[JSONDict] = []

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.pos += utf16_len(text)

    def entity(self, entity_type: str, start: int, **extra: Any) -> None:
        length = self.pos - start
        if length > 0:
            self.entities.append({"type": entity_type, "offset": start, "length": length, **extra})

    def result(self) -> tuple[str, list[JSONDict]]:
        entities = sorted(self.entities, key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.parts), entities


def _byte_offset(src: str, index: int) -> int:
    return len(src[:index].encode("utf-8"))


_HTML_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_HTML_PLAIN_RE = re.compile(r"[^<&]+")
_HTML_ENTITY_RE = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]*);")
_HTML_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_HTML_ATTR_RE = re.compile(r"""([^\s=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+)))?""")


def _html_entity(match: re.Match[str]) -> str:
    body = match.group(1)
    try:
        if body[:2] in ("#x", "#X"):
            return chr(int(body[2:], 16))
        if body.startswith("#"):
            return chr(int(body[1:]))
    except (ValueError, OverflowError):
        return match.group(0)
    return _HTML_NAMED.get(body, match.group(0))


def _parse_html(src: str) -> tuple[str, list[JSONDict]]:
    out = _TextBuilder()
    stack: list[tuple[str, int, JSONDict]] = []  # tag, start offset, entity extras
    i, n = 0, len(src)
    while i < n:
        plain = _HTML_PLAIN_RE.match(src, i)
        if plain:
            out.add(plain.group(0))
            i = plain.end()
            continue
        if src[i] == "&":
            ent = _HTML_ENTITY_RE.match(src, i)
            if ent:
                out.add(_html_entity(ent))
                i = ent.end()
            else:
                out.add("&")
                i += 1
            continue
        begin = _byte_offset(src, i)
        if src.startswith("</", i):
            end = src.find(">", i)
            if not stack:
                raise _ParseError(f"Unexpected end tag at byte offset {begin}")
            if end < 0:
                raise _ParseError(f"Unclosed end tag at byte offset {begin}")
            name = src[i + 2 : end].strip().lower()
            tag, start, opened = stack.pop()
            if name != tag:
                raise _ParseError(
                    f'Unmatched end tag at byte offset {begin}, expected "</{tag}>", found "</{name}>"'
                )
            _close_html_tag(out, stack, tag, start, opened)
            i = end + 1
            continue
        j = i + 1
        while j < n and not src[j].isspace() and src[j] not in "/>":
            j += 1
        name = src[i + 1 : j].lower()
        if name not in _HTML_TAGS:
            raise _ParseError(f'Unsupported start tag "{name}" at byte offset {begin}')
        k, quote = j, ""
        while k < n:
            c = src[k]
            if quote:
                if c == quote:
                    quote = ""
            elif c in "\"'":
                quote = c
            elif c == ">":
                break
            k += 1
        if k >= n:
            raise _ParseError(f"Unclosed start tag at byte offset {begin}")
        attrs: dict[str, str] = {}
        for attr in _HTML_ATTR_RE.finditer(src[j:k].strip().rstrip("/")):
            value = next((g for g in attr.groups()[1:] if g is not None), "")
            attrs[attr.group(1).lower()] = _HTML_ENTITY_RE.sub(_html_entity, value)
        extra: JSONDict = {}
        if name == "a":
            extra["url"] = attrs.get("href", "")
        elif name == "span" and attrs.get("class") != "tg-spoiler":
            raise _ParseError('Tag "span" must have class "tg-spoiler"')
        elif name == "code" and attrs.get("class", "").startswith("language-"):
            extra["language"] = attrs["class"][len("language-") :]
        elif name == "blockquote" and "expandable" in attrs:
            extra["expandable"] = True
        elif name == "tg-emoji":
            if not attrs.get("emoji-id"):
                raise _ParseError('Tag "tg-emoji" must have attribute "emoji-id"')
            extra["custom_emoji_id"] = attrs["emoji-id"]
        stack.append((name, out.pos, extra))
        i = k + 1
    if stack:
        raise _ParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    return out.result()


def _close_html_tag(
    out: _TextBuilder, stack: list[tuple[str, int, JSONDict]], tag: str, start: int, extra: JSONDict
) -> None:
    if tag == "a":
        if extra.get("url"):
            out.entity("text_link", start, url=extra["url"])
    elif tag == "code" and "language" in extra and stack and stack[-1][0] == "pre":
        stack[-1][2]["language"] = extra["language"]  # <pre><code class="language-x">
    elif tag == "pre" and "language" in extra:
        out.entity("pre", start, language=extra["language"])
    elif tag == "tg-emoji":
        out.entity("custom_emoji", start, custom_emoji_id=extra["custom_emoji_id"])
    elif tag == "blockquote" and extra.get("expandable"):
        out.entity("expandable_blockquote", start)
    else:
        out.entity(_HTML_TAGS[tag], start)


_MDV2_RESERVED = frozenset("_*[]()~`>#+-=|{}.!")
_MDV2_NAMES = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "text_link": "TextUrl",
    "custom_emoji": "CustomEmoji",
}


def _mdv2_escaped_run(src: str, i: int, stop: str) -> tuple[str, int]:
    """Read from ``i`` up to an unescaped ``stop`` string; returns (text, index of stop or -1)."""
    chars: list[str] = []
    n = len(src)
    while i < n:
        if src.startswith(stop, i):
            return "".join(chars), i
        if src[i] == "\\" and i + 1 < n and 0 < ord(src[i + 1]) <= 126:
            chars.append(src[i + 1])
            i += 2
            continue
        chars.append(src[i])
        i += 1
    return "".join(chars), -1


def _parse_markdown_v2(src: str) -> tuple[str, list[JSONDict]]:
    out = _TextBuilder()
    stack: list[tuple[str, int, int]] = []  # entity type, start offset, source byte offset
    quote: list[Any] | None = None  # [entity type, start offset] of the open blockquote
    i, n = 0, len(src)
    line_start = True

    def toggle(entity_type: str, at: int) -> None:
        """Close ``entity_type`` if it is the innermost open entity, else open it."""
        if stack and stack[-1][0] == entity_type:
            out.entity(entity_type, stack.pop()[1])
        else:
            stack.append((entity_type, out.pos, _byte_offset(src, at)))

    while i < n:
        ch = src[i]
        if line_start:
            line_start = False
            expandable = src.startswith("**>", i)
            if ch == ">" or expandable:
                if quote is None:
                    quote = ["expandable_blockquote" if expandable else "blockquote", out.pos]
                i += 3 if expandable else 1
                continue
            if quote is not None:
                out.entity(quote[0], quote[1])
                quote = None
        if ch in "\r\n":
            out.add(ch)
            i += 1
            line_start = True
        elif ch == "\\":
            if i + 1 < n and 0 < ord(src[i + 1]) <= 126:
                out.add(src[i + 1])
                i += 2
            else:
                out.add("\\")
                i += 1
        elif ch == "`":
            i = _mdv2_code(src, i, out)
        elif ch == "]" and stack and stack[-1][0] in ("text_link", "custom_emoji"):
            i = _mdv2_link_end(src, i, out, stack.pop())
        elif ch == "*":
            toggle("bold", i)
            i += 1
        elif ch == "_" and src.startswith("__", i):
            toggle("underline", i)
            i += 2
        elif ch == "_":
            toggle("italic", i)
            i += 1
        elif ch == "~":
            toggle("strikethrough", i)
            i += 1
        elif ch == "|" and src.startswith("||", i):
            at_line_end = i + 2 >= n or src[i + 2] in "\r\n"
            if quote is not None and at_line_end and not (stack and stack[-1][0] == "spoiler"):
                quote[0] = "expandable_blockquote"  # "**>...||" ends an expandable quote
            else:
                toggle("spoiler", i)
            i += 2
        elif ch == "[":
            stack.append(("text_link", out.pos, _byte_offset(src, i)))
            i += 1
        elif ch == "!" and src.startswith("![", i):
            stack.append(("custom_emoji", out.pos, _byte_offset(src, i)))
            i += 2
        elif ch in _MDV2_RESERVED:
            raise _ParseError(f"Character '{ch}' is reserved and must be escaped with the preceding '\\'")
        else:
            out.add(ch)
            i += 1
    if quote is not None:
        out.entity(quote[0], quote[1])
    if stack:
        entity_type, _, begin = stack[-1]
        raise _ParseError(f"Can't find end of {_MDV2_NAMES[entity_type]} entity at byte offset {begin}")
    return out.result()


def _mdv2_code(src: str, i: int, out: _TextBuilder) -> int:
    """Parse `code` or ```[language] pre``` starting at ``i``; returns the index after it."""
    n = len(src)
    begin = _byte_offset(src, i)
    if not src.startswith("```", i):
        body, end = _mdv2_escaped_run(src, i + 1, "`")
        if end < 0:
            raise _ParseError(f"Can't find end of Code entity at byte offset {begin}")
        start = out.pos
        out.add(body)
        out.entity("code", start)
        return end + 1
    j = lang_end = i + 3
    while lang_end < n and not src[lang_end].isspace() and src[lang_end] != "`":
        lang_end += 1
    language = ""
    if j < lang_end < n and src[lang_end].isspace():
        language = src[j:lang_end]
        j = lang_end
        for newline in ("\r\n", "\n\r", "\n", "\r"):
            if src.startswith(newline, j):
                j += len(newline)
                break
    body, end = _mdv2_escaped_run(src, j, "```")
    if end < 0:
        name = "PreCode" if language else "Pre"
        raise _ParseError(f"Can't find end of {name} entity at byte offset {begin}")
    start = out.pos
    out.add(body)
    if language:
        out.entity("pre", start, language=language)
    else:
        out.entity("pre", start)
    return end + 3


def _mdv2_link_end(src: str, i: int, out: _TextBuilder, opened: tuple[str, int, int]) -> int:
    """Close a [text](url) or ![emoji](tg://emoji?id=...) at the "]" at ``i``."""
    entity_type, start, _ = opened
    url = ""
    if src.startswith("(", i + 1):
        url, end = _mdv2_escaped_run(src, i + 2, ")")
        if end < 0:
            what = "a custom emoji URL" if entity_type == "custom_emoji" else "a URL"
            raise _ParseError(f"Can't find end of {what} at byte offset {_byte_offset(src, i + 2)}")
        i = end + 1
    else:
        i += 1
    if entity_type == "custom_emoji":
        match = re.search(r"[?&]id=(\d+)", url)
        if not url.lower().startswith("tg://emoji") or not match:
            raise _ParseError("Custom emoji entity must contain a tg://emoji URL")
        out.entity("custom_emoji", start, custom_emoji_id=match.group(1))
    elif re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", url):
        out.entity("text_link", start, url=url)
    elif "." in url:
        out.entity("text_link", start, url="http://" + url)
    return i


def _parse_markdown(src: str) -> tuple[str, list[JSONDict]]:
    """Legacy ``Markdown``: *bold*, _italic_, `code`, ```pre```, [text](url); no nesting."""
    out = _TextBuilder()
    i, n = 0, len(src)
    kinds = {"*": "bold", "_": "italic", "`": "code"}
    while i < n:
        ch = src[i]
        if ch == "\\" and i + 1 < n and src[i + 1] in "_*`[":
            out.add(src[i + 1])
            i += 2
            continue
        if ch not in "_*`[":
            out.add(ch)
            i += 1
            continue
        begin = _byte_offset(src, i)
        error = f"Can't find end of the entity starting at byte offset {begin}"
        start = out.pos
        if src.startswith("```", i):
            end = src.find("```", i + 3)
            if end < 0:
                raise _ParseError(error)
            body = src[i + 3 : end]
            first, newline, rest = body.partition("\n")
            if newline and first and not any(c.isspace() for c in first):
                out.add(rest)
                out.entity("pre", start, language=first)
            else:
                out.add(body)
                out.entity("pre", start)
            i = end + 3
        elif ch == "[":
            end = src.find("]", i + 1)
            if end < 0:
                raise _ParseError(error)
            out.add(src[i + 1 : end])
            i = end + 1
            if src.startswith("(", i):
                close = src.find(")", i + 1)
                if close < 0:
                    raise _ParseError(error)
                url = src[i + 1 : close]
                if url:
                    out.entity("text_link", start, url=url)
                i = close + 1
        else:
            end = src.find(ch, i + 1)
            if end < 0:
                raise _ParseError(error)
            out.add(src[i + 1 : end])
            out.entity(kinds[ch], start)
            i = end + 1
    return out.result()


def parse_formatted(text: str, parse_mode: str | None) -> tuple[str, list[JSONDict]]:
    """Render ``text`` in ``parse_mode`` like Telegram: returns (plain text, entities).

    Raises :class:`ApiError` 400 "Bad Request: can't parse entities: ..." for malformed markup.
    """
    mode = (parse_mode or "").strip().lower()
    parser = {"html": _parse_html, "markdownv2": _parse_markdown_v2, "markdown": _parse_markdown}
    if not mode:
        return text, []
    if mode not in parser:
        raise ApiError(400, "Bad Request: unsupported parse_mode")
    try:
        return parser[mode](text)
    except _ParseError as exc:
        raise ApiError(400, f"Bad Request: can't parse entities: {exc}") from None


# --------------------------------------------------------------------------------------------
# Parameter access
# --------------------------------------------------------------------------------------------


def _decode_form_value(name: str, raw: str) -> Any:
    """Undo PTB's form encoding: strings are sent raw, everything else JSON-encoded."""
    if name in _STRING_PARAMS:
        return raw
    try:
        value = json.loads(raw)
    except ValueError:
        return raw
    return raw if isinstance(value, str) else value


def _int_param(params: JSONDict, name: str, missing: str | None = None) -> int:
    value = params.get(name)
    if value is None or value == "":
        raise ApiError(400, missing or f"Bad Request: {name} is empty")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ApiError(400, f"Bad Request: invalid {name} specified") from None


def _opt_int(params: JSONDict, name: str) -> int | None:
    value = params.get(name)
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ApiError(400, f"Bad Request: invalid {name} specified") from None


def _opt_bool(params: JSONDict, name: str) -> bool:
    value = params.get(name)
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    return bool(value)


def _json_param(params: JSONDict, name: str) -> Any:
    value = params.get(name)
    if isinstance(value, str) and value:
        try:
            return json.loads(value)
        except ValueError:
            raise ApiError(400, f"Bad Request: can't parse {name} JSON object") from None
    return value


def _update_type(update: JSONDict) -> str:
    return next((key for key in update if key != "update_id"), "")


# --------------------------------------------------------------------------------------------
# The simulated user
# --------------------------------------------------------------------------------------------


class SimUser:
    """A Telegram user chatting privately with the bot (their chat id equals their user id).

    Create with :meth:`BotApiEmulator.user`. Sending methods queue updates for the bot's next
    ``getUpdates``; :meth:`wait_reply` reads the bot's messages to this chat in order.
    """

    def __init__(
        self,
        emulator: BotApiEmulator,
        user_id: int,
        first_name: str,
        username: str | None,
        language_code: str | None,
    ) -> None:
        self._emu = emulator
        self.id = user_id
        self.first_name = first_name
        self.username = username
        self.language_code = language_code
        #: True once the user wrote to the bot; before that Telegram refuses messages to them.
        self.started = False
        #: True while the user has blocked the bot (sends then fail with 403).
        self.blocked = False

    def __repr__(self) -> str:
        return f"SimUser(id={self.id}, first_name={self.first_name!r})"

    @property
    def chat_id(self) -> int:
        """The id of the private chat with the bot (the user id)."""
        return self.id

    @property
    def user_dict(self) -> JSONDict:
        """This user as a Bot API ``User`` object."""
        data: JSONDict = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.username:
            data["username"] = self.username
        if self.language_code:
            data["language_code"] = self.language_code
        return data

    @property
    def chat_dict(self) -> JSONDict:
        """The private chat as a Bot API ``Chat`` object."""
        data: JSONDict = {"id": self.id, "type": "private", "first_name": self.first_name}
        if self.username:
            data["username"] = self.username
        return data

    @property
    def _chat(self) -> _ChatState:
        return self._emu._chat_state(self.id)

    # -- sending ---------------------------------------------------------------------------

    async def send(self, text: str, *, reply_to: JSONDict | int | None = None) -> JSONDict:
        """Send a text message to the bot; "/cmd ..." gets a ``bot_command`` entity."""
        content: JSONDict = {"text": text}
        command = re.match(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?", text)
        if command and (command.end() == len(text) or not text[command.end()].isalnum()):
            content["entities"] = [
                {"type": "bot_command", "offset": 0, "length": utf16_len(command.group(0))}
            ]
        return self._emu._user_message(self, content, reply_to=reply_to)

    async def send_sticker(self, emoji: str = "👍") -> JSONDict:
        """Send a (regular, static) sticker."""
        stored = self._emu._store_file(b"RIFF\x00\x00\x00\x00WEBPVP8 ", "sticker.webp", "image/webp")
        sticker = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
            "file_size": len(stored.data),
        }
        return self._emu._user_message(self, {"sticker": sticker})

    async def send_photo(
        self, data: bytes = b"\xff\xd8\xff\xe0fake-jpeg", caption: str | None = None
    ) -> JSONDict:
        """Send a photo (the bot can getFile and download ``data``)."""
        stored = self._emu._store_file(data, "photo.jpg", "image/jpeg")
        content: JSONDict = {"photo": _photo_sizes(stored)}
        if caption is not None:
            content["caption"] = caption
        return self._emu._user_message(self, content)

    async def send_voice(self, duration: int = 3, data: bytes = b"OggS\x00fake-voice") -> JSONDict:
        """Send a voice note."""
        stored = self._emu._store_file(data, "voice.ogg", "audio/ogg")
        voice = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "duration": duration,
            "mime_type": "audio/ogg",
            "file_size": len(data),
        }
        return self._emu._user_message(self, {"voice": voice})

    async def press(self, message: JSONDict | int, callback_data: str) -> JSONDict:
        """Press the inline button with ``callback_data`` on a bot message (current version).

        Raises AssertionError if the message is gone, is not the bot's, or has no such button
        any more — a user cannot press a button that is not on screen. Returns the
        ``callback_query`` object that was queued.
        """
        return self._emu._press(self, message, callback_data)

    async def block(self) -> None:
        """Block the bot: sends to this chat now fail with 403; a my_chat_member update."""
        self.blocked = True
        self._emu._chat_member_update(self, old="member", new="kicked")

    async def unblock(self) -> None:
        """Unblock the bot again (a my_chat_member update back to "member")."""
        self.blocked = False
        self._emu._chat_member_update(self, old="kicked", new="member")

    # -- reading ---------------------------------------------------------------------------

    @property
    def messages(self) -> list[JSONDict]:
        """All bot messages in this chat (current version after edits; deleted ones left out)."""
        chat = self._chat
        return [copy.deepcopy(chat.messages[mid]) for mid in chat.bot_message_ids if mid not in chat.deleted]

    @property
    def last_message(self) -> JSONDict | None:
        """The newest bot message still in the chat, or None."""
        messages = self.messages
        return messages[-1] if messages else None

    @property
    def reply_keyboard(self) -> JSONDict | None:
        """The reply keyboard (``{"keyboard": ...}``) the bot last showed, or None if removed."""
        return copy.deepcopy(self._chat.reply_keyboard)

    @property
    def chat_actions(self) -> list[str]:
        """Chat actions ("typing", ...) the bot sent to this chat, in order."""
        return list(self._chat.actions)

    def skip_replies(self) -> None:
        """Move the reply cursor past every bot message so far (wait_reply sees only new ones)."""
        chat = self._chat
        chat.cursor = len(chat.events)

    async def wait_reply(
        self,
        predicate: MessagePredicate | str | None = None,
        timeout: float = 10.0,  # noqa: ASYNC109 - test-facing API
    ) -> JSONDict:
        """Wait for the next bot message to this chat (a send or an edit) matching ``predicate``.

        ``predicate`` is a callable on the message dict (a KeyError/IndexError/TypeError in it
        counts as "no match"), a substring of its text/caption, or None for any message.
        Messages are read in order through a per-chat cursor: each is returned at most once, and
        messages passed over while looking for a match are consumed. Edits come back as the
        edited message (with ``edit_date``). On timeout raises AssertionError listing the last
        bot messages and recent API errors in this chat (and any diagnostics, e.g. the bot log).
        """
        found = await self._emu._next_event(self.id, _as_predicate(predicate), timeout)
        if found is None:
            raise AssertionError(
                f"no bot message to {self!r} matching {_describe_predicate(predicate)} "
                f"within {timeout}s\n{self._emu._diagnose(self.id)}"
            )
        return found

    async def assert_no_reply(
        self, within: float = 0.3, predicate: MessagePredicate | str | None = None
    ) -> None:
        """Assert the bot sends/edits nothing (matching) in this chat for ``within`` seconds."""
        found = await self._emu._next_event(self.id, _as_predicate(predicate), within)
        if found is not None:
            raise AssertionError(
                f"unexpected bot message to {self!r}: {describe_message(found)}\n"
                f"{self._emu._diagnose(self.id)}"
            )

    async def wait_callback_answer(
        self,
        callback_query: JSONDict | str,
        timeout: float = 10.0,  # noqa: ASYNC109 - mirrors wait_reply
    ) -> JSONDict:
        """Wait until the bot answers ``callback_query``; returns the answerCallbackQuery params."""
        query_id = callback_query if isinstance(callback_query, str) else callback_query["id"]
        return await self._emu.wait_callback_answer(query_id, timeout=timeout)


def _as_predicate(predicate: MessagePredicate | str | None) -> MessagePredicate:
    if predicate is None:
        return lambda message: True
    if isinstance(predicate, str):
        needle = predicate
        return lambda message: needle in message_text(message)
    return predicate


def _describe_predicate(predicate: MessagePredicate | str | None) -> str:
    if predicate is None:
        return "anything"
    if isinstance(predicate, str):
        return f"text containing {predicate!r}"
    return getattr(predicate, "__name__", repr(predicate))


def _photo_sizes(stored: _StoredFile) -> list[JSONDict]:
    return [
        {
            "file_id": stored.file_id + "_s",
            "file_unique_id": stored.file_unique_id + "s",
            "width": 90,
            "height": 67,
            "file_size": min(len(stored.data), 1024),
        },
        {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "width": 800,
            "height": 600,
            "file_size": len(stored.data),
        },
    ]


# --------------------------------------------------------------------------------------------
# The emulator
# --------------------------------------------------------------------------------------------


@dataclass
class _Ctx:
    """One request being handled."""

    method: str
    params: JSONDict
    files: dict[str, UploadedFile]
    bot_id: int


Handler = Callable[[_Ctx], Any]


class BotApiEmulator:
    """A fake Telegram Bot API server on 127.0.0.1 (OS-chosen port) inside the test's loop.

    Use ``async with BotApiEmulator() as emu:`` or :meth:`start`/:meth:`stop`. Pass ``token`` to
    accept only that token; otherwise any token of the form ``<digits>:<chars>`` is accepted and
    the bot's id is the number before the colon.
    """

    def __init__(self, token: str | None = None, *, first_update_id: int = 1000) -> None:
        self._required_token = token
        #: The last token seen in a request (or the required one).
        self.token: str | None = token
        self.bot_id: int = int(token.split(":")[0]) if token and ":" in token else 0
        self.base_url = ""
        self.base_file_url = ""
        self.port = 0
        self._runner: web.AppRunner | None = None
        self._closing = False
        self._changes: _Changes | None = None

        #: Every request: (canonical method name, decoded params); files appear as UploadedFile.
        self.calls: list[ApiCall] = []
        #: ``time.monotonic()`` when each entry of :attr:`calls` arrived (same index).
        self.call_times: list[float] = []
        #: Names of methods the emulator does not implement that the bot called (answered 404).
        self.unknown_methods: list[str] = []
        #: Every error answer sent, in order.
        self.errors: list[ErrorReply] = []
        #: answerCallbackQuery parameters, in order.
        self.answered_callbacks: list[JSONDict] = []
        #: Files the bot sent with sendPhoto/sendDocument.
        self.uploads: list[Upload] = []
        #: (chat_id, message_id) of every message the bot deleted.
        self.deleted_messages: list[tuple[int, int]] = []
        #: (chat_id, action) of every sendChatAction.
        self.chat_actions: list[tuple[int, str]] = []
        #: Number of 429 answers produced by the :meth:`enforce_limits` enforcer.
        self.rate_limit_hits = 0
        #: Updates that were not queued because ``allowed_updates`` excluded their type.
        self.filtered_updates: list[JSONDict] = []
        #: The webhook URL set with setWebhook ("" when none).
        self.webhook_url = ""
        self.webhook_params: JSONDict = {}
        #: Every attempt to deliver an update to a webhook target, in order of completion.
        self.webhook_deliveries: list[WebhookDelivery] = []
        #: Seconds a webhook target has to answer before the attempt counts as failed.
        self.webhook_timeout = 10.0
        #: Delay before the first redelivery of a failed update, and the most it grows to.
        self.webhook_retry_delay: tuple[float, float] = (0.1, 2.0)
        #: The last failed delivery, as getWebhookInfo reports it: (unix time, message).
        self.webhook_last_error: tuple[int, str] | None = None
        #: The update types the bot asked for (None: never set, Telegram's default applies).
        self.allowed_updates: list[str] | None = None
        #: setMyCommands state keyed by (scope as JSON, language_code).
        self.commands: dict[tuple[str, str], list[JSONDict]] = {}
        #: Other bot settings (description, short description, menu button) by method.
        self.bot_settings: dict[str, JSONDict] = {}

        self._users: dict[int, SimUser] = {}
        self._chats: dict[int, _ChatState] = {}
        self._queue: list[_Queued] = []
        self._next_update_id = first_update_id
        self._confirmed_offset = 0
        self._poll_generation = 0
        self._callbacks: dict[str, _PendingCallback] = {}
        self._callback_ids = itertools.count(4_000_000_000_000_000_001)
        self._files: dict[str, _StoredFile] = {}
        self._file_paths: dict[str, _StoredFile] = {}
        self._file_counter = itertools.count(1)
        self._faults: dict[str, deque[_Fault]] = {}
        self._limits: tuple[float, float, frozenset[str], int | None] | None = None
        self._chat_windows: dict[Any, _RateWindow] = {}
        self._global_window: _RateWindow | None = None
        self._diagnostics: list[Callable[[], str]] = []
        self._routes: dict[str | None, list[str]] = {}
        self._route_policy = "round_robin"
        self._route_counter = itertools.count()
        self._route_chat_counters: dict[Any, int] = {}
        self._route_rng = random.Random(0)
        self._in_flight: dict[int, Any] = {}  # id(_Queued) -> its chat key
        self._pump_task: asyncio.Task[None] | None = None
        self._delivery_tasks: set[asyncio.Task[None]] = set()
        self._http: aiohttp.ClientSession | None = None

        self._handlers: dict[str, Handler] = {
            "getMe": self._m_get_me,
            "logOut": self._m_true,
            "close": self._m_true,
            "getUpdates": self._m_get_updates,
            "setWebhook": self._m_set_webhook,
            "deleteWebhook": self._m_delete_webhook,
            "getWebhookInfo": self._m_get_webhook_info,
            "setMyCommands": self._m_set_my_commands,
            "getMyCommands": self._m_get_my_commands,
            "deleteMyCommands": self._m_delete_my_commands,
            "setMyDescription": self._m_set_setting,
            "getMyDescription": self._m_get_setting,
            "setMyShortDescription": self._m_set_setting,
            "getMyShortDescription": self._m_get_setting,
            "setChatMenuButton": self._m_set_setting,
            "getChatMenuButton": self._m_get_setting,
            "sendMessage": self._m_send_message,
            "editMessageText": self._m_edit_message_text,
            "editMessageCaption": self._m_edit_message_caption,
            "editMessageReplyMarkup": self._m_edit_message_reply_markup,
            "deleteMessage": self._m_delete_message,
            "answerCallbackQuery": self._m_answer_callback_query,
            "sendChatAction": self._m_send_chat_action,
            "sendPhoto": self._m_send_photo,
            "sendDocument": self._m_send_document,
            "getChat": self._m_get_chat,
            "getFile": self._m_get_file,
        }
        # Telegram method names are case-insensitive.
        self._canonical = {name.lower(): name for name in self._handlers}

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> Self:
        """Start listening on 127.0.0.1; sets :attr:`base_url` and :attr:`base_file_url`.

        The first start takes a port the OS chooses. Starting again after :meth:`stop` reuses
        that port and keeps all state, so ``stop()``/``start()`` simulates a Telegram outage.
        """
        if self._runner is not None:
            return self
        self._signal()
        self._closing = False
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_route("GET", "/file/bot{token}/{path:.+}", self._handle_file)
        runner = web.AppRunner(app, access_log=None, handler_cancellation=True, shutdown_timeout=1.0)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", self.port, reuse_address=True)
        try:
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        self.port = int(runner.addresses[0][1])
        self.base_url = f"http://127.0.0.1:{self.port}/bot"
        self.base_file_url = f"http://127.0.0.1:{self.port}/file/bot"
        self._http = aiohttp.ClientSession(trust_env=False)
        self._pump_task = asyncio.ensure_future(self._webhook_pump())
        return self

    async def stop(self) -> None:
        """Stop the server; pending long polls return at once. Safe to call twice.

        Webhook deliveries stop too; updates not yet taken by a target stay queued and are
        delivered after :meth:`start`.
        """
        if self._runner is None:
            return
        self._closing = True
        self._notify()
        tasks = [t for t in (self._pump_task, *self._delivery_tasks) if t is not None]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._pump_task = None
        self._delivery_tasks.clear()
        self._in_flight.clear()
        if self._http is not None:
            await self._http.close()
            self._http = None
        runner, self._runner = self._runner, None
        await runner.cleanup()

    async def __aenter__(self) -> Self:
        return await self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    # -- test-side API -------------------------------------------------------------------------

    def user(
        self,
        user_id: int,
        first_name: str = "Alex",
        username: str | None = None,
        language_code: str | None = "en",
    ) -> SimUser:
        """The simulated user ``user_id`` (created on first call, the same object afterwards)."""
        existing = self._users.get(user_id)
        if existing is not None:
            return existing
        if user_id <= 0:
            raise ValueError("private chats have positive ids")
        sim = SimUser(self, user_id, first_name, username, language_code)
        self._users[user_id] = sim
        self._chats[user_id] = _ChatState(user=sim)
        return sim

    async def push_raw_update(self, update: JSONDict, *, respect_allowed: bool = True) -> JSONDict:
        """Queue an arbitrary update as given (an ``update_id`` is added if missing).

        Reusing an ``update_id`` is allowed, to test duplicate delivery: an update that was
        never delivered is handed out even if the bot already confirmed a higher offset.
        """
        return self._enqueue(copy.deepcopy(update), respect_allowed=respect_allowed)

    @property
    def pending_updates(self) -> list[JSONDict]:
        """Updates queued and not yet confirmed by the bot."""
        return [copy.deepcopy(q.update) for q in self._queue]

    def calls_of(self, method: str) -> list[JSONDict]:
        """Params of every call to ``method``, in order."""
        return [call.params for call in self.calls if call.method == method]

    def fail_next(
        self,
        method: str,
        error_code: int = 400,
        description: str | None = None,
        retry_after: int | None = None,
        count: int = 1,
    ) -> None:
        """Make the next ``count`` calls to ``method`` fail with ``error_code``.

        A 429 carries ``"parameters": {"retry_after": n}`` (n defaults to 1). The failed call has
        no effect. ``description`` defaults to Telegram's usual text for the code.
        """
        if error_code == 429 and retry_after is None:
            retry_after = 1
        if description is None:
            description = _default_description(error_code, retry_after)
        fault = _Fault("error", error_code, description, retry_after)
        self._faults.setdefault(self._canonical_name(method), deque()).extend([fault] * count)

    def delay_next(self, method: str, seconds: float, count: int = 1) -> None:
        """Answer the next ``count`` calls to ``method`` only after ``seconds`` (slow network)."""
        fault = _Fault("delay", delay=seconds)
        self._faults.setdefault(self._canonical_name(method), deque()).extend([fault] * count)

    def answer_late_next(self, method: str, seconds: float, count: int = 1) -> None:
        """Carry out the next ``count`` calls to ``method`` at once (a message is delivered) but
        answer only after ``seconds``: a send that times out for the bot although it arrived."""
        fault = _Fault("late", delay=seconds)
        self._faults.setdefault(self._canonical_name(method), deque()).extend([fault] * count)

    def drop_next(self, method: str, count: int = 1) -> None:
        """Close the connection instead of answering the next ``count`` calls (no effect)."""
        fault = _Fault("drop")
        self._faults.setdefault(self._canonical_name(method), deque()).extend([fault] * count)

    def enforce_limits(
        self,
        per_chat_per_s: float = 1.0,
        global_per_s: float = 30.0,
        *,
        methods: Iterable[str] | None = None,
        retry_after: int | None = None,
    ) -> None:
        """Answer 429 when the bot sends faster than Telegram allows.

        Counts calls to ``methods`` (default: the send* methods) per chat and overall in sliding
        windows; a call over either limit gets 429 with ``retry_after`` (default: seconds until
        the window frees up, at least 1) and does not count. Hits go to :attr:`rate_limit_hits`.
        """
        counted = frozenset(methods) if methods is not None else RATE_LIMITED_METHODS
        self._limits = (per_chat_per_s, global_per_s, counted, retry_after)
        self._chat_windows.clear()
        self._global_window = _RateWindow(global_per_s)

    def disable_limits(self) -> None:
        """Turn the rate-limit enforcer off."""
        self._limits = None
        self._global_window = None

    def route_webhook(
        self,
        targets: Iterable[str],
        *,
        public_url: str | None = None,
        policy: str = "round_robin",
        seed: int = 0,
    ) -> None:
        """Deliver updates to local ``targets`` while the bot has a webhook set.

        ``targets`` are http URLs of bot instances (``http://127.0.0.1:8081/tg/hook``). With
        ``public_url`` the route applies only while the webhook is set to that URL; without it,
        to whatever https URL the bot sets. ``policy`` picks the target of each attempt:
        ``"round_robin"`` over all deliveries, ``"per_chat"`` (each chat's successive updates go
        to the next target, so one learner's messages alternate between instances) or
        ``"random"`` (seeded with ``seed``). A failed attempt is retried on the next target.
        Calling it again replaces the route (an empty list stops delivery on it).
        """
        if policy not in WEBHOOK_POLICIES:
            raise ValueError(f"policy must be one of {WEBHOOK_POLICIES}")
        self._routes[public_url] = list(targets)
        self._route_policy = policy
        self._route_rng = random.Random(seed)
        self._notify()

    @property
    def webhook_targets(self) -> list[str]:
        """Where updates go now: the route for the webhook URL the bot set ([] if none)."""
        if not self.webhook_url:
            return []
        route = self._routes.get(self.webhook_url)
        if route is None:
            route = self._routes.get(None, [])
        return list(route)

    @property
    def webhook_in_flight(self) -> list[int]:
        """update_ids being delivered right now (sent, no answer yet, or waiting to retry)."""
        return [q.update_id for q in self._queue if id(q) in self._in_flight]

    def deliveries_of(self, update_id: int) -> list[WebhookDelivery]:
        """Every delivery attempt of one update, in order."""
        return [d for d in self.webhook_deliveries if d.update_id == update_id]

    async def wait_delivery(
        self,
        predicate: Callable[[WebhookDelivery], bool] | None = None,
        *,
        since: int = 0,
        timeout: float = 10.0,  # noqa: ASYNC109 - test-facing helper
    ) -> WebhookDelivery:
        """Wait for a delivery attempt at index >= ``since`` matching ``predicate``."""

        def find() -> WebhookDelivery | None:
            for delivery in self.webhook_deliveries[since:]:
                if predicate is None or predicate(delivery):
                    return delivery
            return None

        try:
            async with asyncio.timeout(timeout):
                found: WebhookDelivery = await self._signal().wait_for(find)
        except TimeoutError:
            raise AssertionError(
                f"no matching webhook delivery within {timeout}s\n{self._diagnose(None)}"
            ) from None
        return found

    async def wait_in_flight(
        self, update_id: int, timeout: float = 10.0  # noqa: ASYNC109 - test-facing helper
    ) -> None:
        """Wait until ``update_id`` has been sent to a target that has not answered yet."""
        try:
            async with asyncio.timeout(timeout):
                await self._signal().wait_for(lambda: update_id in self.webhook_in_flight)
        except TimeoutError:
            raise AssertionError(
                f"update {update_id} was not in flight within {timeout}s\n{self._diagnose(None)}"
            ) from None

    def add_diagnostic(self, source: Callable[[], str]) -> None:
        """Add text (e.g. a bot process log tail) to every wait timeout's AssertionError."""
        self._diagnostics.append(source)

    async def wait_for_call(
        self,
        method: str,
        *,
        since: int = 0,
        predicate: Callable[[JSONDict], bool] | None = None,
        timeout: float | None = 10.0,  # noqa: ASYNC109 - test-facing helper
    ) -> ApiCall:
        """Wait for a call to ``method`` at index >= ``since`` in :attr:`calls` (and matching)."""
        method = self._canonical_name(method)

        def find() -> ApiCall | None:
            for call in self.calls[since:]:
                if call.method == method and (predicate is None or predicate(call.params)):
                    return call
            return None

        try:
            async with asyncio.timeout(timeout):
                result: ApiCall = await self._signal().wait_for(find)
        except TimeoutError:
            raise AssertionError(f"no {method} call within {timeout}s\n{self._diagnose(None)}") from None
        return result

    async def wait_callback_answer(
        self,
        callback_query_id: str,
        timeout: float = 10.0,  # noqa: ASYNC109 - test-facing helper
    ) -> JSONDict:
        """Wait until answerCallbackQuery was called for ``callback_query_id``."""
        pending = self._callbacks.get(callback_query_id)
        if pending is None:
            raise AssertionError(f"unknown callback query {callback_query_id!r}")
        try:
            async with asyncio.timeout(timeout):
                answer: JSONDict = await self._signal().wait_for(lambda: pending.answer)
        except TimeoutError:
            raise AssertionError(
                f"callback query {callback_query_id} (data {pending.data!r}) was not answered "
                f"within {timeout}s\n{self._diagnose(pending.user_id)}"
            ) from None
        return answer

    async def wait_idle(self, timeout: float = 10.0) -> None:  # noqa: ASYNC109
        """Wait until every queued update has been confirmed by the bot."""
        try:
            async with asyncio.timeout(timeout):
                await self._signal().wait_for(lambda: not self._queue)
        except TimeoutError:
            raise AssertionError(
                f"bot did not confirm {len(self._queue)} update(s) within {timeout}s\n{self._diagnose(None)}"
            ) from None

    # -- internals: state ------------------------------------------------------------------------

    def _signal(self) -> _Changes:
        if self._changes is None:
            self._changes = _Changes()
        return self._changes

    def _notify(self) -> None:
        if self._changes is not None:
            self._changes.notify()

    def _canonical_name(self, method: str) -> str:
        return self._canonical.get(method.lower(), method)

    def _bot_user(self, bot_id: int | None = None) -> JSONDict:
        return {
            "id": bot_id if bot_id is not None else self.bot_id,
            "is_bot": True,
            "first_name": BOT_FIRST_NAME,
            "username": BOT_USERNAME,
        }

    def _chat_state(self, chat_id: int) -> _ChatState:
        return self._chats[chat_id]

    def _enqueue(self, update: JSONDict, *, respect_allowed: bool = True) -> JSONDict:
        if "update_id" not in update:
            update = {"update_id": self._next_update_id, **update}
        self._next_update_id = max(self._next_update_id, int(update["update_id"]) + 1)
        allowed = DEFAULT_ALLOWED_UPDATES if not self.allowed_updates else set(self.allowed_updates)
        if respect_allowed and _update_type(update) not in allowed:
            self.filtered_updates.append(update)
        else:
            self._queue.append(_Queued(update, floor=self._confirmed_offset))
        self._notify()
        return update

    def _new_message_id(self, chat: _ChatState) -> int:
        message_id = chat.next_message_id
        chat.next_message_id += 1
        return message_id

    def _user_message(
        self, sim: SimUser, content: JSONDict, *, reply_to: JSONDict | int | None = None
    ) -> JSONDict:
        chat = self._chat_state(sim.id)
        message: JSONDict = {
            "message_id": self._new_message_id(chat),
            "from": sim.user_dict,
            "chat": sim.chat_dict,
            "date": int(time.time()),
            **copy.deepcopy(content),
        }
        if reply_to is not None:
            target_id = reply_to if isinstance(reply_to, int) else int(reply_to["message_id"])
            target = chat.messages.get(target_id)
            if target is None or target_id in chat.deleted:
                raise AssertionError(f"{sim!r} cannot reply to missing message {target_id}")
            message["reply_to_message"] = _without_reply(target)
        chat.messages[message["message_id"]] = message
        sim.started = True
        self._enqueue({"message": copy.deepcopy(message)})
        return copy.deepcopy(message)

    def _press(self, sim: SimUser, message: JSONDict | int, callback_data: str) -> JSONDict:
        chat = self._chat_state(sim.id)
        message_id = message if isinstance(message, int) else int(message["message_id"])
        current = chat.messages.get(message_id)
        if current is None or message_id not in chat.bot_message_ids:
            raise AssertionError(f"{sim!r}: message {message_id} is not a bot message here")
        if message_id in chat.deleted:
            raise AssertionError(
                f"{sim!r} pressed {callback_data!r} on message {message_id}, which the bot has deleted"
            )
        buttons = inline_buttons(current)
        if not any(b.get("callback_data") == callback_data for b in buttons):
            raise AssertionError(
                f"{sim!r} pressed {callback_data!r} but message {message_id} now shows "
                f"{describe_message(current)} (stale or wrong button)"
            )
        query_id = str(next(self._callback_ids))
        callback_query: JSONDict = {
            "id": query_id,
            "from": sim.user_dict,
            "message": copy.deepcopy(current),
            "chat_instance": str(-(10**12) - sim.id),
            "data": callback_data,
        }
        self._callbacks[query_id] = _PendingCallback(sim.id, message_id, callback_data)
        self._enqueue({"callback_query": copy.deepcopy(callback_query)})
        return callback_query

    def _chat_member_update(self, sim: SimUser, *, old: str, new: str) -> None:
        bot = self._bot_user()

        def member(status: str) -> JSONDict:
            data: JSONDict = {"status": status, "user": bot}
            if status == "kicked":
                data["until_date"] = 0  # banned forever
            return data

        self._enqueue(
            {
                "my_chat_member": {
                    "chat": sim.chat_dict,
                    "from": sim.user_dict,
                    "date": int(time.time()),
                    "old_chat_member": member(old),
                    "new_chat_member": member(new),
                }
            }
        )

    def _record_event(self, chat: _ChatState, message: JSONDict) -> None:
        chat.events.append(copy.deepcopy(message))
        self._notify()

    async def _next_event(
        self, chat_id: int, predicate: MessagePredicate, seconds: float | None
    ) -> JSONDict | None:
        """The next event in the chat after its cursor matching ``predicate``, or None."""
        chat = self._chat_state(chat_id)

        def find() -> JSONDict | None:
            while chat.cursor < len(chat.events):
                event = chat.events[chat.cursor]
                chat.cursor += 1
                try:
                    matched = predicate(copy.deepcopy(event))
                except (KeyError, IndexError, TypeError):
                    matched = False  # e.g. m["text"] on a photo message: not this one
                if matched:
                    return copy.deepcopy(event)
            return None

        try:
            async with asyncio.timeout(seconds):
                result: JSONDict = await self._signal().wait_for(find)
        except TimeoutError:
            return None
        return result

    def _diagnose(self, chat_id: int | None) -> str:
        lines: list[str] = []
        if chat_id is not None and chat_id in self._chats:
            chat = self._chats[chat_id]
            recent = chat.events[-5:]
            lines.append(f"last {len(recent)} of {len(chat.events)} bot message events:")
            lines.extend("  " + describe_message(event) for event in recent)
        errors = [e for e in self.errors if chat_id is None or e.chat_id in (chat_id, str(chat_id))]
        if errors:
            lines.append("recent API errors:")
            lines.extend(f"  {e.method}: {e.error_code} {e.description}" for e in errors[-5:])
        failed = [d for d in self.webhook_deliveries if not d.ok][-5:]
        if failed:
            lines.append("recent failed webhook deliveries:")
            lines.extend(
                f"  update {d.update_id} -> {d.target}: {d.status or d.error}" for d in failed
            )
        recent_calls = [c.method for c in self.calls if c.method != "getUpdates"][-10:]
        lines.append(f"recent calls (besides getUpdates): {recent_calls}")
        if self.unknown_methods:
            lines.append(f"unknown methods called: {self.unknown_methods}")
        for source in self._diagnostics:
            try:
                lines.append(source())
            except Exception as exc:  # diagnostics must never hide the real failure
                lines.append(f"(diagnostic failed: {exc!r})")
        return "\n".join(lines)

    def _store_file(self, data: bytes, filename: str | None, mime_type: str | None) -> _StoredFile:
        number = next(self._file_counter)
        folder = "photos" if (mime_type or "").startswith("image/") else "documents"
        suffix = filename.rsplit(".", 1)[-1] if filename and "." in filename else "bin"
        stored = _StoredFile(
            file_id=f"AgACAgQAAxk{number:08d}Emu",
            file_unique_id=f"AQAD{number:06d}",
            data=data,
            file_path=f"{folder}/file_{number}.{suffix}",
            filename=filename,
            mime_type=mime_type,
        )
        self._files[stored.file_id] = stored
        self._files[stored.file_id + "_s"] = stored
        self._file_paths[stored.file_path] = stored
        return stored

    # -- internals: webhook delivery ---------------------------------------------------------

    def _max_connections(self) -> int:
        return int(self.webhook_params.get("max_connections") or 40)

    def _deliverable(self) -> list[tuple[_Queued, Any]]:
        """Queued updates to send now: the oldest of each chat with nothing in flight."""
        if self._closing or not self.webhook_targets:
            return []
        room = self._max_connections() - len(self._in_flight)
        busy = set(self._in_flight.values())
        found: list[tuple[_Queued, Any]] = []
        for queued in self._queue:
            if room <= 0:
                break
            key = _chat_key(queued.update)
            if key in busy:
                continue  # an older update of this chat is still on its way
            busy.add(key)
            found.append((queued, key))
            room -= 1
        return found

    async def _webhook_pump(self) -> None:
        """Start a delivery for every update that may go out now; runs while started."""
        while not self._closing:
            ready = await self._signal().wait_for(lambda: self._closing or self._deliverable())
            if ready is True:
                return
            for queued, key in ready:
                self._in_flight[id(queued)] = key
                task = asyncio.ensure_future(self._deliver(queued))
                self._delivery_tasks.add(task)
                task.add_done_callback(self._delivery_tasks.discard)

    def _pick_target(self, targets: list[str], key: Any) -> str:
        if self._route_policy == "random":
            return self._route_rng.choice(targets)
        if self._route_policy == "per_chat":
            turn = self._route_chat_counters.get(key, 0)
            self._route_chat_counters[key] = turn + 1
            return targets[turn % len(targets)]
        return targets[next(self._route_counter) % len(targets)]

    async def _deliver(self, queued: _Queued) -> None:
        """POST one update until a target answers 2xx (or delivery stops)."""
        key = self._in_flight.get(id(queued))
        delay, max_delay = self.webhook_retry_delay
        attempt = 0
        try:
            while not self._closing and self._http is not None:
                targets = self.webhook_targets
                if not targets or not any(q is queued for q in self._queue):
                    return  # webhook removed, route emptied or update dropped meanwhile
                attempt += 1
                target = self._pick_target(targets, key)
                secret = str(self.webhook_params.get("secret_token") or "")
                headers = {WEBHOOK_SECRET_HEADER: secret} if secret else {}
                queued.delivered = True
                status: int | None = None
                error: str | None = None
                started = time.monotonic()
                try:
                    async with asyncio.timeout(self.webhook_timeout):
                        async with self._http.post(target, json=queued.update, headers=headers) as reply:
                            await reply.read()
                            status = reply.status
                except TimeoutError:
                    error = f"timed out after {self.webhook_timeout}s"
                except (aiohttp.ClientError, OSError) as exc:
                    error = f"{type(exc).__name__}: {exc}"
                delivery = WebhookDelivery(
                    queued.update_id, target, attempt, status, error, started, time.monotonic(),
                    chat_id=key[1] if key and key[0] == "chat" else None,
                )
                self.webhook_deliveries.append(delivery)
                if delivery.ok:
                    self._queue = [q for q in self._queue if q is not queued]
                    self._notify()
                    return
                message = f"Wrong response from the webhook: {status}" if status else str(error)
                self.webhook_last_error = (int(time.time()), message)
                self._notify()
                await asyncio.sleep(delay)
                delay = min(delay * 2, max_delay)
        finally:
            self._in_flight.pop(id(queued), None)
            self._notify()

    # -- internals: HTTP -----------------------------------------------------------------------

    async def _read_params(self, request: web.Request) -> tuple[JSONDict, dict[str, UploadedFile]]:
        params: JSONDict = {k: _decode_form_value(k, v) for k, v in request.query.items()}
        files: dict[str, UploadedFile] = {}
        if request.method != "POST" or not request.body_exists:
            return params, files
        if request.content_type == "application/json":
            body = await request.json()
            if not isinstance(body, dict):
                raise ApiError(400, "Bad Request: request body must be a JSON object")
            params.update(body)
            return params, files
        form = await request.post()
        for name, value in form.items():
            if isinstance(value, web.FileField):
                upload = UploadedFile(name, value.filename, value.content_type, value.file.read())
                files[name] = upload
                params[name] = upload
            else:
                params[name] = _decode_form_value(name, str(value))
        return params, files

    def _error_response(self, method: str, error: ApiError, chat_id: Any = None) -> web.Response:
        retry_after = (error.parameters or {}).get("retry_after")
        self.errors.append(ErrorReply(method, error.code, error.description, chat_id, retry_after))
        body: JSONDict = {"ok": False, "error_code": error.code, "description": error.description}
        if error.parameters:
            body["parameters"] = error.parameters
        self._notify()
        return web.json_response(body, status=error.code)

    async def _handle_api(self, request: web.Request) -> web.StreamResponse:
        token = request.match_info["token"]
        token_match = TOKEN_RE.match(token)
        if not token_match or (self._required_token and token != self._required_token):
            return self._error_response("?", ApiError(401, "Unauthorized"))
        self.token = token
        self.bot_id = int(token_match.group(1))
        method = self._canonical_name(request.match_info["method"])
        try:
            params, files = await self._read_params(request)
        except ApiError as exc:
            return self._error_response(method, exc)
        except ValueError:
            return self._error_response(method, ApiError(400, "Bad Request: invalid request"))
        self.calls.append(ApiCall(method, params))
        self.call_times.append(time.monotonic())
        self._notify()
        chat_id = params.get("chat_id")

        handler = self._handlers.get(method)
        if handler is None:
            self.unknown_methods.append(method)
            return self._error_response(method, ApiError(404, "Not Found: method not found"))

        faults = self._faults.get(method)
        late = 0.0
        while faults:
            fault = faults.popleft()
            if fault.kind == "delay":
                await asyncio.sleep(fault.delay)
                continue
            if fault.kind == "late":
                late += fault.delay
                break
            if fault.kind == "drop":
                if request.transport is not None:
                    request.transport.abort()
                return web.Response(status=500)
            parameters = {"retry_after": fault.retry_after} if fault.retry_after else None
            return self._error_response(
                method, ApiError(fault.error_code, fault.description, parameters), chat_id
            )

        limited = self._check_limits(method, chat_id)
        if limited is not None:
            self.rate_limit_hits += 1
            return self._error_response(
                method,
                ApiError(429, f"Too Many Requests: retry after {limited}", {"retry_after": limited}),
                chat_id,
            )

        ctx = _Ctx(method, params, files, self.bot_id)
        try:
            result = handler(ctx)
            if asyncio.iscoroutine(result):
                result = await result
        except ApiError as exc:
            return self._error_response(method, exc, chat_id)
        self._notify()
        if late:
            await asyncio.sleep(late)
        body: JSONDict = {"ok": True, "result": result}
        if method == "setWebhook":
            body["description"] = "Webhook was set" if self.webhook_url else "Webhook is already deleted"
        elif method == "deleteWebhook":
            body["description"] = "Webhook was deleted"
        return web.json_response(body)

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        if not TOKEN_RE.match(request.match_info["token"]):
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        stored = self._file_paths.get(request.match_info["path"])
        if stored is None:
            return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)
        return web.Response(body=stored.data, content_type=stored.mime_type or "application/octet-stream")

    def _check_limits(self, method: str, chat_id: Any) -> int | None:
        if self._limits is None or self._global_window is None:
            return None
        per_chat, _, counted, fixed_retry = self._limits
        if method not in counted:
            return None
        now = time.monotonic()
        chat_key = str(chat_id)
        chat_window = self._chat_windows.get(chat_key)
        if chat_window is None:
            chat_window = self._chat_windows[chat_key] = _RateWindow(per_chat)
        wait = max(chat_window.wait_needed(now), self._global_window.wait_needed(now))
        if wait > 0:
            return fixed_retry if fixed_retry is not None else max(1, math.ceil(wait))
        chat_window.stamps.append(now)
        self._global_window.stamps.append(now)
        return None

    # -- internals: method helpers ---------------------------------------------------------------

    def _target_chat(self, params: JSONDict, *, writing: bool = True) -> _ChatState:
        raw = params.get("chat_id")
        if raw is None or raw == "":
            raise ApiError(400, "Bad Request: chat_id is empty")
        try:
            chat_id = int(raw)
        except (TypeError, ValueError):
            raise ApiError(400, "Bad Request: chat not found") from None
        chat = self._chats.get(chat_id)
        if chat is None:
            raise ApiError(400, "Bad Request: chat not found")
        if writing and chat.user.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        if writing and not chat.user.started:
            raise ApiError(403, "Forbidden: bot can't initiate conversation with a user")
        return chat

    def _bot_message(self, chat: _ChatState, message_id: int, *, action: str) -> JSONDict:
        message = chat.messages.get(message_id)
        if message is None or message_id in chat.deleted:
            raise ApiError(400, f"Bad Request: message to {action} not found")
        if message_id not in chat.bot_message_ids:
            raise ApiError(400, "Bad Request: message can't be edited")
        return message

    def _text_and_entities(
        self, params: JSONDict, text_key: str, entities_key: str
    ) -> tuple[str, list[JSONDict]]:
        text = str(params.get(text_key) or "")
        entities = _json_param(params, entities_key)
        if entities:
            return text, list(entities)
        return parse_formatted(text, params.get("parse_mode"))

    def _inline_markup(self, chat: _ChatState | None, params: JSONDict) -> JSONDict | None:
        """Validate reply_markup; returns the inline keyboard to attach to the message."""
        markup = _json_param(params, "reply_markup")
        if markup is None or markup == "":
            return None
        if not isinstance(markup, dict):
            raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
        if "inline_keyboard" in markup:
            rows = markup["inline_keyboard"]
            if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
                raise ApiError(400, 'Bad Request: field "inline_keyboard" must be an Array')
            for button in (b for row in rows for b in row):
                _validate_inline_button(button)
            return markup if any(rows) else None
        if chat is not None:
            if "keyboard" in markup:
                chat.reply_keyboard = copy.deepcopy(markup)
            elif markup.get("remove_keyboard"):
                chat.reply_keyboard = None
        return None

    def _reply_to(self, chat: _ChatState, params: JSONDict) -> JSONDict | None:
        reply = _json_param(params, "reply_parameters")
        target_id = _opt_int(params, "reply_to_message_id")
        allow_missing = _opt_bool(params, "allow_sending_without_reply")
        if isinstance(reply, dict):
            target_id = _opt_int(reply, "message_id")
            allow_missing = allow_missing or _opt_bool(reply, "allow_sending_without_reply")
        if target_id is None:
            return None
        target = chat.messages.get(target_id)
        if target is None or target_id in chat.deleted:
            if allow_missing:
                return None
            raise ApiError(400, "Bad Request: message to be replied not found")
        return _without_reply(target)

    def _send(self, ctx: _Ctx, chat: _ChatState, content: JSONDict) -> JSONDict:
        markup = self._inline_markup(chat, ctx.params)
        reply_to = self._reply_to(chat, ctx.params)
        message: JSONDict = {
            "message_id": self._new_message_id(chat),
            "from": self._bot_user(ctx.bot_id),
            "chat": chat.user.chat_dict,
            "date": int(time.time()),
        }
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        message.update(content)
        if markup is not None:
            message["reply_markup"] = markup
        chat.messages[message["message_id"]] = message
        chat.bot_message_ids.append(message["message_id"])
        self._record_event(chat, message)
        return copy.deepcopy(message)

    def _resolve_file(self, ctx: _Ctx, field_name: str, kind: str) -> tuple[_StoredFile, str]:
        value = ctx.params.get(field_name)
        if isinstance(value, str) and value.startswith("attach://"):
            value = ctx.files.get(value[len("attach://") :])
        if isinstance(value, UploadedFile):
            if not value.data:
                raise ApiError(400, "Bad Request: file must be non-empty")
            return self._store_file(value.data, value.filename, value.content_type), "upload"
        if isinstance(value, str) and value:
            if value in self._files:
                return self._files[value], "file_id"
            if re.match(r"^https?://", value):
                name = value.rstrip("/").rsplit("/", 1)[-1] or None
                return self._store_file(b"", name, None), "url"
            raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
        raise ApiError(400, f"Bad Request: there is no {kind} in the request")

    def _caption(self, params: JSONDict) -> JSONDict:
        if params.get("caption") in (None, ""):
            return {}
        caption, entities = self._text_and_entities(params, "caption", "caption_entities")
        if len(caption) > MAX_CAPTION_LENGTH:
            raise ApiError(400, "Bad Request: message caption is too long")
        content: JSONDict = {"caption": caption}
        if entities:
            content["caption_entities"] = entities
        return content

    # -- Bot API methods -------------------------------------------------------------------------

    def _m_true(self, ctx: _Ctx) -> bool:
        return True

    def _m_get_me(self, ctx: _Ctx) -> JSONDict:
        return {
            **self._bot_user(ctx.bot_id),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _m_get_updates(self, ctx: _Ctx) -> list[JSONDict]:
        if self.webhook_url:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        params = ctx.params
        offset = _opt_int(params, "offset")
        limit = min(max(_opt_int(params, "limit") or 100, 1), 100)
        try:
            timeout = min(max(float(params.get("timeout") or 0), 0.0), MAX_POLL_TIMEOUT)
        except (TypeError, ValueError):
            raise ApiError(400, "Bad Request: invalid timeout specified") from None
        allowed = _json_param(params, "allowed_updates")
        if allowed is not None:
            self.allowed_updates = list(allowed)
        self._poll_generation += 1
        generation = self._poll_generation
        if offset:
            self._confirm(offset)
        self._notify()  # wakes (and so terminates) an older long poll
        if not self._queue and timeout > 0 and not self._closing:
            try:
                async with asyncio.timeout(timeout):
                    await self._signal().wait_for(
                        lambda: self._queue or generation != self._poll_generation or self._closing
                    )
            except TimeoutError:
                pass
        if generation != self._poll_generation:
            raise ApiError(
                409,
                "Conflict: terminated by other getUpdates request; "
                "make sure that only one bot instance is running",
            )
        batch = self._queue[:limit]
        for queued in batch:
            queued.delivered = True
        return [copy.deepcopy(q.update) for q in batch]

    def _confirm(self, offset: int) -> None:
        """Forget updates below ``offset`` (negative: keep only the last -offset updates).

        As on Telegram, every update below the offset is confirmed, with one exception for
        :meth:`push_raw_update`: an update re-queued with an old update_id after the bot had
        already moved past it is delivered once more (a duplicate delivery) before it counts
        as confirmed.
        """
        if offset < 0:
            self._queue = self._queue[offset:]
            return
        self._queue = [
            q for q in self._queue if q.update_id >= offset or not (q.delivered or offset > q.floor)
        ]
        self._confirmed_offset = max(self._confirmed_offset, offset)

    def _m_set_webhook(self, ctx: _Ctx) -> bool:
        url = str(ctx.params.get("url") or "")
        if url and not url.startswith("https://"):
            raise ApiError(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook")
        self.webhook_url = url
        self.webhook_params = dict(ctx.params)
        allowed = _json_param(ctx.params, "allowed_updates")
        if allowed is not None:
            self.allowed_updates = list(allowed)
        if _opt_bool(ctx.params, "drop_pending_updates"):
            self._queue.clear()
        return True

    def _m_delete_webhook(self, ctx: _Ctx) -> bool:
        self.webhook_url = ""
        self.webhook_params = {}
        if _opt_bool(ctx.params, "drop_pending_updates"):
            self._queue.clear()
        return True

    def _m_get_webhook_info(self, ctx: _Ctx) -> JSONDict:
        info: JSONDict = {
            "url": self.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._queue),
        }
        if self.webhook_url:
            info["max_connections"] = self._max_connections()
        if self.webhook_last_error is not None:
            info["last_error_date"], info["last_error_message"] = self.webhook_last_error
        if self.allowed_updates:
            info["allowed_updates"] = list(self.allowed_updates)
        return info

    def _commands_key(self, params: JSONDict) -> tuple[str, str]:
        scope = _json_param(params, "scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(params.get("language_code") or "")

    def _m_set_my_commands(self, ctx: _Ctx) -> bool:
        commands = _json_param(ctx.params, "commands")
        if not isinstance(commands, list):
            raise ApiError(400, "Bad Request: can't parse commands JSON object")
        if len(commands) > 100:
            raise ApiError(400, "Bad Request: too many commands")
        for command in commands:
            name = str(command.get("command", "")) if isinstance(command, dict) else ""
            description = str(command.get("description", "")) if isinstance(command, dict) else ""
            if not re.fullmatch(r"[a-z0-9_]{1,32}", name):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(description) <= 256:
                raise ApiError(400, "Bad Request: command description must be non-empty")
        self.commands[self._commands_key(ctx.params)] = [
            {"command": c["command"], "description": c["description"]} for c in commands
        ]
        return True

    def _m_get_my_commands(self, ctx: _Ctx) -> list[JSONDict]:
        return copy.deepcopy(self.commands.get(self._commands_key(ctx.params), []))

    def _m_delete_my_commands(self, ctx: _Ctx) -> bool:
        self.commands.pop(self._commands_key(ctx.params), None)
        return True

    def _m_set_setting(self, ctx: _Ctx) -> bool:
        self.bot_settings[ctx.method.replace("set", "", 1)] = dict(ctx.params)
        return True

    def _m_get_setting(self, ctx: _Ctx) -> JSONDict:
        key = ctx.method.replace("get", "", 1)
        stored = self.bot_settings.get(key, {})
        if key == "MyDescription":
            return {"description": stored.get("description", "")}
        if key == "MyShortDescription":
            return {"short_description": stored.get("short_description", "")}
        return _json_param(stored, "menu_button") or {"type": "default"}

    def _m_send_message(self, ctx: _Ctx) -> JSONDict:
        chat = self._target_chat(ctx.params)
        text, entities = self._text_and_entities(ctx.params, "text", "entities")
        if not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if len(text) > MAX_TEXT_LENGTH:
            raise ApiError(400, "Bad Request: message is too long")
        content: JSONDict = {"text": text}
        if entities:
            content["entities"] = entities
        preview = _json_param(ctx.params, "link_preview_options")
        if isinstance(preview, dict) and preview:
            content["link_preview_options"] = preview
        return self._send(ctx, chat, content)

    def _m_edit_message_text(self, ctx: _Ctx) -> JSONDict:
        if ctx.params.get("inline_message_id"):
            raise ApiError(400, "Bad Request: MESSAGE_ID_INVALID")
        chat = self._target_chat(ctx.params)
        message_id = _int_param(ctx.params, "message_id", "Bad Request: message identifier is not specified")
        message = self._bot_message(chat, message_id, action="edit")
        if "text" not in message:
            raise ApiError(400, "Bad Request: there is no text in the message to edit")
        text, entities = self._text_and_entities(ctx.params, "text", "entities")
        if not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if len(text) > MAX_TEXT_LENGTH:
            raise ApiError(400, "Bad Request: message is too long")
        markup = self._inline_markup(None, ctx.params)
        unchanged = (
            text == message["text"]
            and entities == message.get("entities", [])
            and markup == message.get("reply_markup")
        )
        if unchanged:
            raise ApiError(400, _NOT_MODIFIED)
        message["text"] = text
        _set_or_drop(message, "entities", entities or None)
        _set_or_drop(message, "reply_markup", markup)
        return self._edited(chat, message)

    def _m_edit_message_caption(self, ctx: _Ctx) -> JSONDict:
        if ctx.params.get("inline_message_id"):
            raise ApiError(400, "Bad Request: MESSAGE_ID_INVALID")
        chat = self._target_chat(ctx.params)
        message_id = _int_param(ctx.params, "message_id", "Bad Request: message identifier is not specified")
        message = self._bot_message(chat, message_id, action="edit")
        if "text" in message:
            raise ApiError(400, "Bad Request: there is no caption in the message to edit")
        content = self._caption(ctx.params)
        markup = self._inline_markup(None, ctx.params)
        unchanged = (
            content.get("caption") == message.get("caption")
            and content.get("caption_entities") == message.get("caption_entities")
            and markup == message.get("reply_markup")
        )
        if unchanged:
            raise ApiError(400, _NOT_MODIFIED)
        _set_or_drop(message, "caption", content.get("caption"))
        _set_or_drop(message, "caption_entities", content.get("caption_entities"))
        _set_or_drop(message, "reply_markup", markup)
        return self._edited(chat, message)

    def _m_edit_message_reply_markup(self, ctx: _Ctx) -> JSONDict:
        if ctx.params.get("inline_message_id"):
            raise ApiError(400, "Bad Request: MESSAGE_ID_INVALID")
        chat = self._target_chat(ctx.params)
        message_id = _int_param(ctx.params, "message_id", "Bad Request: message identifier is not specified")
        message = self._bot_message(chat, message_id, action="edit")
        markup = self._inline_markup(None, ctx.params)
        if markup == message.get("reply_markup"):
            raise ApiError(400, _NOT_MODIFIED)
        _set_or_drop(message, "reply_markup", markup)
        return self._edited(chat, message)

    def _edited(self, chat: _ChatState, message: JSONDict) -> JSONDict:
        message["edit_date"] = int(time.time())
        self._record_event(chat, message)
        return copy.deepcopy(message)

    def _m_delete_message(self, ctx: _Ctx) -> bool:
        chat = self._target_chat(ctx.params, writing=False)
        message_id = _int_param(ctx.params, "message_id", "Bad Request: message identifier is not specified")
        if message_id not in chat.messages or message_id in chat.deleted:
            raise ApiError(400, "Bad Request: message to delete not found")
        chat.deleted.add(message_id)
        self.deleted_messages.append((chat.user.id, message_id))
        return True

    def _m_answer_callback_query(self, ctx: _Ctx) -> bool:
        query_id = str(ctx.params.get("callback_query_id") or "")
        pending = self._callbacks.get(query_id)
        if pending is None or pending.answer is not None:
            raise ApiError(400, _QUERY_TOO_OLD)
        text = ctx.params.get("text")
        if text is not None and len(str(text)) > MAX_CALLBACK_ANSWER_LENGTH:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        answer: JSONDict = {"callback_query_id": query_id}
        for key in ("text", "show_alert", "url", "cache_time"):
            if key in ctx.params:
                answer[key] = ctx.params[key]
        answer["show_alert"] = _opt_bool(ctx.params, "show_alert")
        pending.answer = answer
        self.answered_callbacks.append(answer)
        return True

    def _m_send_chat_action(self, ctx: _Ctx) -> bool:
        chat = self._target_chat(ctx.params)
        action = str(ctx.params.get("action") or "")
        if action not in CHAT_ACTIONS:
            raise ApiError(400, "Bad Request: wrong parameter action in request")
        chat.actions.append(action)
        self.chat_actions.append((chat.user.id, action))
        return True

    def _send_file(self, ctx: _Ctx, field_name: str) -> JSONDict:
        chat = self._target_chat(ctx.params)
        stored, source = self._resolve_file(ctx, field_name, field_name)
        caption = self._caption(ctx.params)
        if field_name == "photo":
            content: JSONDict = {"photo": _photo_sizes(stored)}
        else:
            document: JSONDict = {
                "file_id": stored.file_id,
                "file_unique_id": stored.file_unique_id,
                "file_size": len(stored.data),
            }
            if stored.filename:
                document["file_name"] = stored.filename
            if stored.mime_type:
                document["mime_type"] = stored.mime_type
            content = {"document": document}
        content.update(caption)
        message = self._send(ctx, chat, content)
        self.uploads.append(
            Upload(
                method=ctx.method,
                chat_id=chat.user.id,
                message_id=message["message_id"],
                filename=stored.filename,
                data=stored.data,
                caption=caption.get("caption"),
                source=source,
            )
        )
        return message

    def _m_send_photo(self, ctx: _Ctx) -> JSONDict:
        return self._send_file(ctx, "photo")

    def _m_send_document(self, ctx: _Ctx) -> JSONDict:
        return self._send_file(ctx, "document")

    def _m_get_chat(self, ctx: _Ctx) -> JSONDict:
        chat = self._target_chat(ctx.params, writing=False)
        return {
            **chat.user.chat_dict,
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": True,
                "limited_gifts": True,
                "unique_gifts": True,
                "premium_subscription": True,
                "gifts_from_channels": True,
            },
        }

    def _m_get_file(self, ctx: _Ctx) -> JSONDict:
        file_id = str(ctx.params.get("file_id") or "")
        stored = self._files.get(file_id)
        if stored is None:
            raise ApiError(400, "Bad Request: invalid file_id")
        return {
            "file_id": file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
            "file_path": stored.file_path,
        }


def _validate_inline_button(button: Any) -> None:
    if not isinstance(button, dict) or not str(button.get("text") or "").strip():
        raise ApiError(400, "Bad Request: can't parse inline keyboard button: Text is not specified")
    actions = [key for key in _INLINE_BUTTON_ACTIONS if key in button]
    if not actions:
        raise ApiError(400, "Bad Request: text buttons are unallowed in the inline keyboard")
    if "callback_data" in button:
        data = button["callback_data"]
        size = len(str(data).encode("utf-8"))
        if not isinstance(data, str) or not 1 <= size <= MAX_CALLBACK_DATA_BYTES:
            raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
    if "url" in button and not re.match(r"^(https?|tg)://\S+$", str(button["url"])):
        raise ApiError(400, "Bad Request: BUTTON_URL_INVALID")


def _chat_key(update: JSONDict) -> Any:
    """What Telegram orders webhook deliveries by: the chat (or user) the update belongs to."""
    for kind in ("message", "edited_message", "callback_query", "my_chat_member", "chat_member"):
        body = update.get(kind)
        if isinstance(body, dict):
            chat = body.get("chat") or (body.get("message") or {}).get("chat") or body.get("from")
            if isinstance(chat, dict) and "id" in chat:
                return ("chat", chat["id"])
    return ("update", update.get("update_id"))


def _without_reply(message: JSONDict) -> JSONDict:
    return {k: copy.deepcopy(v) for k, v in message.items() if k != "reply_to_message"}


def _set_or_drop(message: JSONDict, key: str, value: Any) -> None:
    if value is None:
        message.pop(key, None)
    else:
        message[key] = value


def _default_description(error_code: int, retry_after: int | None) -> str:
    if error_code == 429:
        return f"Too Many Requests: retry after {retry_after}"
    return {
        400: "Bad Request",
        401: "Unauthorized",
        403: "Forbidden: bot was blocked by the user",
        404: "Not Found",
        409: "Conflict: terminated by other getUpdates request; "
        "make sure that only one bot instance is running",
        500: "Internal Server Error",
        502: "Bad Gateway",
    }.get(error_code, f"Error {error_code}")
