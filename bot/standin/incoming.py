"""Updates a test pushes as "Telegram": checked, completed, absorbed into the chats and queued for the bot."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from . import callbacks, chats, topics
from . import updates as build
from .control import ControlError
from .messages import StoredMessage

if TYPE_CHECKING:
    from .state import BotState

MESSAGE_UPDATE_TYPES = frozenset(
    {"message", "edited_message", "channel_post", "edited_channel_post", "business_message"}
)


def push_update(s: BotState, update: dict[str, Any]) -> tuple[int, int | None]:
    """Queue an update; return (update_id, message_id of a new message)."""
    if not isinstance(update, dict):
        raise ControlError("an update must be a JSON object")
    upd = copy.deepcopy(update)
    given = upd.pop("update_id", None)
    kinds = list(upd)
    if len(kinds) != 1:
        raise ControlError(f"an update must have exactly one kind, got {kinds}")
    kind = kinds[0]
    body = upd[kind]
    if not isinstance(body, dict):
        raise ControlError(f"{kind} must be an object")
    message_id: int | None = None
    if kind in MESSAGE_UPDATE_TYPES:
        message_id = _absorb_message(s, body, edited=kind.startswith("edited"))
    elif kind == "callback_query":
        callbacks.absorb(s, body)
    elif kind in ("my_chat_member", "chat_member"):
        _absorb_member(s, body, mine=kind == "my_chat_member")
    uid = s.next_update_id
    if isinstance(given, int) and given > uid:
        uid = given
    s.next_update_id = uid + 1
    s.pending.append({"update_id": uid, kind: body})
    s.counts.pushed += 1
    s.wake()
    return uid, message_id


def _absorb_message(s: BotState, msg: dict[str, Any], *, edited: bool) -> int:
    chat_d = msg.get("chat")
    if not isinstance(chat_d, dict) or "id" not in chat_d:
        raise ControlError("a message needs chat.id")
    chat = chats.learn(s, chat_d)
    msg.setdefault("date", build.now())
    text = msg.get("text")
    if isinstance(text, str) and text.startswith("/") and "entities" not in msg:
        if entities := build.command_entities(text):
            msg["entities"] = entities
    sender = msg.get("from")
    if isinstance(sender, dict) and "id" in sender:
        uid = int(sender["id"])
        chat.users[uid] = sender
        if chat.type == "private":
            chat.first_name = chat.first_name or sender.get("first_name")
            if chat.username is None and sender.get("username"):
                chat.username = sender["username"]
                chats.register(s, chat)
        elif uid not in chat.admins and uid != chat.creator:
            chat.members.add(uid)
            chat.kicked.discard(uid)
    # The chat as the stand-in knows it wins over what the test guessed.
    msg["chat"] = chat.telegram()
    topics.absorb(chat, msg)
    reply = msg.get("reply_to_message")
    if isinstance(reply, dict) and "date" not in reply and "message_id" in reply:
        stored_reply = chat.messages.get(int(reply["message_id"]))
        if stored_reply is None:
            raise ControlError(f"reply_to_message {reply['message_id']} not found")
        msg["reply_to_message"] = copy.deepcopy(stored_reply.message)
        msg["reply_to_message"].pop("reply_to_message", None)
    if edited:
        if "message_id" not in msg:
            raise ControlError("an edited message needs message_id")
        mid = int(msg["message_id"])
        msg.setdefault("edit_date", build.now())
        stored = chat.messages.get(mid)
        if stored is not None:
            stored.message = copy.deepcopy(msg)
        return mid
    if msg.get("message_id") is None:
        msg["message_id"] = chat.take_message_id()
    mid = int(msg["message_id"])
    chat.next_message_id = max(chat.next_message_id, mid + 1)
    raw = text if isinstance(text, str) else msg.get("caption")
    chat.messages[mid] = StoredMessage(mid, False, copy.deepcopy(msg), raw_text=raw)
    return mid


def _absorb_member(s: BotState, body: dict[str, Any], *, mine: bool) -> None:
    chat_d = body.get("chat")
    if not isinstance(chat_d, dict) or "id" not in chat_d:
        raise ControlError("a chat member update needs chat.id")
    chat = chats.learn(s, chat_d)
    body["chat"] = chat.telegram()
    body.setdefault("date", build.now())
    new = body.get("new_chat_member") or {}
    status = str(new.get("status", "member"))
    if mine:
        body["old_chat_member"]["user"] = dict(s.user)
        new["user"] = dict(s.user)
        if chat.type == "private":
            chat.blocked = status == "kicked"
            sender = body.get("from")
            if isinstance(sender, dict):
                chat.first_name = chat.first_name or sender.get("first_name")
        else:
            chat.bot_status = status if status != "creator" else "administrator"
            if status == "administrator":
                chat.admins.add(s.bot_id)
            else:
                chat.admins.discard(s.bot_id)
        return
    member = new.get("user") or {}
    uid = int(member.get("id", 0))
    chat.users[uid] = member
    chat.admins.discard(uid)
    chat.members.discard(uid)
    chat.kicked.discard(uid)
    if status == "administrator":
        chat.admins.add(uid)
    elif status == "creator":
        chat.creator = uid
    elif status in ("member", "restricted"):
        chat.members.add(uid)
    elif status == "kicked":
        chat.kicked.add(uid)
