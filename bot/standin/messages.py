"""Messages as stored in a chat, and what every post or edit by the bot shares: numbering, replies, flood limits."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import updates as build
from .params import ApiError, Params, bad_request

if TYPE_CHECKING:
    from .chats import ChatState
    from .state import BotState


@dataclass
class StoredMessage:
    """A message as it currently is in a chat."""

    message_id: int
    from_bot: bool
    message: dict[str, Any]  # the Bot API Message
    raw_text: str | None = None  # text or caption exactly as the bot sent it
    parse_mode: str | None = None
    reply_markup: dict[str, Any] | None = None  # any markup the bot sent (reply keyboards too)
    file_name: str | None = None

    def view(self) -> dict[str, Any]:
        """The control API's view of the message."""
        msg = self.message
        return {
            "message_id": self.message_id,
            "chat_id": msg["chat"]["id"],
            "from_bot": self.from_bot,
            "text": msg.get("text", msg.get("caption")),
            "raw_text": self.raw_text,
            "parse_mode": self.parse_mode,
            "entities": msg.get("entities", msg.get("caption_entities", [])),
            "reply_markup": self.reply_markup,
            "file_name": self.file_name,
            "edited": "edit_date" in msg,
            "date": msg.get("date"),
            "message": copy.deepcopy(msg),
        }


def new_message(s: BotState, chat: ChatState, fields: dict[str, Any]) -> dict[str, Any]:
    """A Message from the bot in ``chat`` with the chat's next id, carrying ``fields``."""
    msg: dict[str, Any] = {"message_id": chat.take_message_id()}
    if chat.type == "channel":
        msg["sender_chat"] = chat.telegram()
    else:
        msg["from"] = dict(s.user)
    msg.update({"date": build.now(), "chat": chat.telegram()})
    msg.update(fields)
    return msg


def keep_sent(
    chat: ChatState,
    msg: dict[str, Any],
    p: Params,
    raw: str | None,
    markup: dict[str, Any] | None,
    file_name: str | None = None,
) -> None:
    """Store a message the bot just sent (``raw``: its text or caption as sent)."""
    chat.messages[msg["message_id"]] = StoredMessage(
        msg["message_id"], True, copy.deepcopy(msg), raw, p.get_str("parse_mode"), markup, file_name
    )


def reply_to(chat: ChatState, p: Params) -> dict[str, Any] | None:
    """The message a new one replies to (reply_parameters or the older reply_to_message_id)."""
    params = p.get_json("reply_parameters")
    allow = p.get_bool("allow_sending_without_reply")
    mid: int | None = None
    if isinstance(params, dict) and params.get("message_id") is not None:
        mid = int(params["message_id"])
        allow = bool(params.get("allow_sending_without_reply", allow))
    elif p.has("reply_to_message_id"):
        mid = p.get_int("reply_to_message_id")
    if mid is None:
        return None
    stored = chat.messages.get(mid)
    if stored is None:
        if allow:
            return None
        raise bad_request("message to be replied not found")
    reply = copy.deepcopy(stored.message)
    reply.pop("reply_to_message", None)
    return reply


def check_flood(s: BotState, chat: ChatState, p: Params) -> None:
    """Raise 429 when posting to ``chat`` now breaks a flood limit."""
    verdict = s.limiter.check(chat.id, chat.type, paid=p.get_bool("allow_paid_broadcast"))
    if verdict:
        return
    s.counts.received_429 += 1
    if verdict.during_retry_after:
        s.counts.during_retry_after += 1
    n = verdict.retry_after
    raise ApiError(429, f"Too Many Requests: retry after {n}", {"retry_after": n})
