"""Drive the real Application offline, in the style of python-telegram-bot's own test suite.

`OfflineRequest` stands in for the HTTP layer: it answers the Bot API methods the bot uses with
well-formed results, records every call, and fails the test on any method it does not know, so
no test can reach the network. `UpdateFactory` builds the updates a user's actions produce.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from telegram import Bot, CallbackQuery, Chat, Message, Update, User
from telegram.constants import MessageEntityType
from telegram.request import BaseRequest, RequestData

BOT_ID = 123456


@dataclass
class Call:
    method: str
    params: dict[str, Any]


class OfflineRequest(BaseRequest):
    def __init__(self) -> None:
        self.calls: list[Call] = []
        # Methods that answer 400, as Telegram does for an edit of a message that is gone.
        self.failing: set[str] = set()
        self._ids = itertools.count(1000)

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    def _message(self, params: dict[str, Any], **extra: Any) -> dict[str, Any]:
        chat_id = int(params.get("chat_id", 1))
        msg = {
            "message_id": int(params.get("message_id") or next(self._ids)),
            "date": int(datetime.now(UTC).timestamp()),
            "chat": {"id": chat_id, "type": "private"},
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "STAR Coach"},
        }
        if "text" in params:
            msg["text"] = params["text"]
        if "reply_markup" in params:
            markup = params["reply_markup"]
            markup = json.loads(markup) if isinstance(markup, str) else markup
            # Telegram echoes inline keyboards only (a ForceReply is not part of the message).
            if "inline_keyboard" in markup:
                msg["reply_markup"] = markup
        msg.update(extra)
        return msg

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, **_: Any
    ) -> tuple[int, bytes]:
        name = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        self.calls.append(Call(name, params))
        if name in self.failing:
            body = {"ok": False, "error_code": 400, "description": "Bad Request: message to edit not found"}
            return 400, json.dumps(body).encode()
        result: Any
        if name == "getMe":
            result = {"id": BOT_ID, "is_bot": True, "first_name": "STAR Coach",
                      "username": "star_coach_test_bot"}
        elif name in {"sendMessage", "editMessageText"}:
            result = self._message(params)
        elif name == "editMessageReplyMarkup":
            result = self._message(params, text="(edited)")
        elif name in {"sendPhoto", "sendDocument"}:
            # Keep what was uploaded, (filename, bytes, mime type) by field, so a test can open
            # the file the user would receive.
            params["files"] = dict(request_data.multipart_data) if request_data else {}
            upload = {"file_id": f"file-{len(self.calls)}", "file_unique_id": f"u{len(self.calls)}"}
            if name == "sendPhoto":
                result = self._message(params, photo=[{**upload, "width": 900, "height": 500}])
            else:
                result = self._message(params, document=upload)
            if "caption" in params:
                result["caption"] = params["caption"]
        elif name in {"answerCallbackQuery", "setMyCommands", "deleteWebhook", "sendChatAction",
                      "deleteMessage", "deleteMyCommands"}:
            result = True
        elif name == "getUpdates":
            result = []
        else:
            raise AssertionError(f"the bot called {name}, which the offline request does not know")
        return 200, json.dumps({"ok": True, "result": result}).encode()

    # -- what the bot said ---------------------------------------------------------------

    def sent(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        return [
            c.params for c in self.calls
            if c.method == "sendMessage" and (chat_id is None or int(c.params["chat_id"]) == chat_id)
        ]

    def texts(self, chat_id: int | None = None) -> list[str]:
        return [str(p["text"]) for p in self.sent(chat_id)]

    def last_text(self) -> str:
        texts = self.texts()
        assert texts, "the bot sent nothing"
        return texts[-1]

    def clear(self) -> None:
        self.calls.clear()


class UpdateFactory:
    """Builds the updates a private chat with one user produces."""

    _shared_update_ids = itertools.count(1)

    def __init__(self, bot: Bot, user_id: int = 42, first_name: str = "Alex") -> None:
        self.bot = bot
        self.user = User(user_id, first_name, is_bot=False)
        self.chat = Chat(user_id, Chat.PRIVATE)
        # One sequence for every user, as on Telegram: update ids never repeat across chats
        # (a repeat would rightly be dropped as a duplicate delivery).
        self._update_ids = UpdateFactory._shared_update_ids
        self._message_ids = itertools.count(1)

    def _stamp(self, obj: Any) -> Any:
        obj.set_bot(self.bot)
        return obj

    def message(self, text: str | None = None, **kwargs: Any) -> Update:
        entities = None
        if text and text.startswith("/"):
            command = text.split()[0]
            from telegram import MessageEntity

            entities = [MessageEntity(MessageEntityType.BOT_COMMAND, 0, len(command))]
        message = Message(
            next(self._message_ids), datetime.now(UTC), self.chat, from_user=self.user,
            text=text, entities=entities, **kwargs,
        )
        self._stamp(message)
        return self._stamp(Update(next(self._update_ids), message=message))

    def press(self, data: str, on_message_id: int = 999, sent_at: datetime | None = None) -> Update:
        """A press of a button on a bot message (sent at `sent_at`, default now)."""
        bot_message = Message(
            on_message_id, sent_at or datetime.now(UTC), self.chat,
            from_user=User(BOT_ID, "STAR Coach", is_bot=True), text="(buttons)",
        )
        self._stamp(bot_message)
        query = CallbackQuery(
            str(next(self._update_ids)), self.user, chat_instance="ci", data=data,
            message=bot_message,
        )
        self._stamp(query)
        return self._stamp(Update(next(self._update_ids), callback_query=query))
