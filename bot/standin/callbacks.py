"""Button presses: a pushed callback_query, and answerCallbackQuery."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .control import ControlError
from .params import Params, bad_request

if TYPE_CHECKING:
    from .state import BotState, Method


@dataclass
class CallbackInfo:
    """Where a press happened, and whether the bot has answered it."""

    chat_id: int | None
    message_id: int | None
    answered: bool = False


def absorb(s: BotState, query: dict[str, Any]) -> None:
    """Complete a pushed callback_query (id, the pressed message as it is now) and remember it."""
    query["id"] = str(query.get("id") or f"{s.bot_id}{next(s.ids):08d}")
    if "from" not in query:
        raise ControlError("a callback_query needs from")
    msg = query.get("message")
    chat_id: int | None = None
    message_id: int | None = None
    if isinstance(msg, dict):
        try:
            chat_id = int(msg["chat"]["id"])
            message_id = int(msg["message_id"])
        except (KeyError, TypeError, ValueError):
            raise ControlError("callback_query.message needs chat.id and message_id") from None
        chat = s.chats.get(chat_id)
        stored = chat.messages.get(message_id) if chat else None
        if stored is not None:
            # The press carries the message as it is now (after edits), keyboard included.
            query["message"] = copy.deepcopy(stored.message)
        elif "date" not in msg:
            raise ControlError(f"message {message_id} not found in chat {chat_id}")
        if chat is not None:
            sender = query["from"]
            chat.users.setdefault(int(sender["id"]), sender)
        query.setdefault("chat_instance", f"ci{chat_id}")
    query.setdefault("chat_instance", "ci0")
    s.callbacks[query["id"]] = CallbackInfo(chat_id, message_id)


async def answer_callback_query(s: BotState, p: Params) -> bool:
    qid = p.get_str("callback_query_id") or ""
    info = s.callbacks.get(qid)
    if info is None or info.answered:
        raise bad_request("query is too old and response timeout expired or query ID is invalid")
    text = p.get_str("text")
    if text is not None and len(text) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    info.answered = True
    s.journal.record(
        "answerCallbackQuery",
        p,
        chat_id=info.chat_id,
        message_id=info.message_id,
        text=text,
        visible_text=text,
        callback_query_id=qid,
    )
    return True


METHODS: dict[str, Method] = {"answerCallbackQuery": answer_callback_query}
