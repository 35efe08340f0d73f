"""Pure builders of Bot API dicts (Update, Message, User, Chat, ChatMember).

They produce what Telegram would send, with every field aiogram's models
require. ``message_id``, ``update_id`` and callback ids may be left out: the
stand-in fills them in when the update is pushed.
"""

from __future__ import annotations

import time
from typing import Any

from .tghtml import utf16_len

BOT_FIRST_NAME = "Case Watch"
BOT_USERNAME = "casewatch_test_bot"

# Telegram's service accounts that appear as "from" of messages sent on behalf of a chat.
GROUP_ANONYMOUS_BOT = {
    "id": 1087968824,
    "is_bot": True,
    "first_name": "Group",
    "username": "GroupAnonymousBot",
}
CHANNEL_BOT = {"id": 136817688, "is_bot": True, "first_name": "Channel", "username": "Channel_Bot"}

MEMBER_STATUSES = ("creator", "administrator", "member", "restricted", "left", "kicked")

_ADMIN_RIGHTS = (
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
    "can_send_welcome_messages",
)
_OPTIONAL_ADMIN_RIGHTS = ("can_post_messages", "can_edit_messages", "can_pin_messages", "can_manage_topics")
_RESTRICTED_RIGHTS = (
    "can_send_messages",
    "can_send_audios",
    "can_send_documents",
    "can_send_photos",
    "can_send_videos",
    "can_send_video_notes",
    "can_send_voice_notes",
    "can_send_polls",
    "can_send_other_messages",
    "can_add_web_page_previews",
    "can_react_to_messages",
    "can_edit_tag",
    "can_change_info",
    "can_invite_users",
    "can_pin_messages",
    "can_manage_topics",
)


def now() -> int:
    """Unix time in whole seconds, as Telegram dates are."""
    return int(time.time())


def bot_user(
    bot_id: int, *, username: str = BOT_USERNAME, first_name: str = BOT_FIRST_NAME
) -> dict[str, Any]:
    """The bot's own User (getMe adds the capability flags)."""
    return {"id": bot_id, "is_bot": True, "first_name": first_name, "username": username}


def user(
    user_id: int,
    *,
    first_name: str | None = None,
    last_name: str | None = None,
    username: str | None = None,
    language_code: str | None = "ru",
    is_bot: bool = False,
) -> dict[str, Any]:
    """A User dict; names default to something readable derived from the id."""
    out: dict[str, Any] = {"id": user_id, "is_bot": is_bot, "first_name": first_name or f"User{user_id}"}
    if last_name:
        out["last_name"] = last_name
    if username:
        out["username"] = username
    if language_code:
        out["language_code"] = language_code
    return out


def chat(
    chat_id: int,
    chat_type: str = "private",
    *,
    title: str | None = None,
    first_name: str | None = None,
    username: str | None = None,
) -> dict[str, Any]:
    """A Chat dict: private chats carry a first name, the others a title."""
    out: dict[str, Any] = {"id": chat_id, "type": chat_type}
    if chat_type == "private":
        out["first_name"] = first_name or f"User{chat_id}"
    else:
        out["title"] = title or f"Chat {chat_id}"
    if username:
        out["username"] = username
    return out


def command_entities(text: str) -> list[dict[str, Any]]:
    """A bot_command entity for a leading /command (with an optional @botname), as Telegram adds."""
    if not text.startswith("/") or len(text) < 2:
        return []
    end = len(text)
    for i, ch in enumerate(text):
        if ch.isspace():
            end = i
            break
    return [{"type": "bot_command", "offset": 0, "length": utf16_len(text[:end])}]


def message(
    chat_id: int,
    text: str,
    *,
    user_id: int | None = None,
    chat_type: str = "private",
    language_code: str | None = "ru",
    sender_chat: int | dict[str, Any] | None = None,
    message_id: int | None = None,
    date: int | None = None,
    title: str | None = None,
    first_name: str | None = None,
    username: str | None = None,
    reply_to_message: dict[str, Any] | None = None,
    message_thread_id: int | None = None,
) -> dict[str, Any]:
    """A Message dict written by a user (or, with ``sender_chat``, on behalf of a chat); with
    ``message_thread_id``, inside that topic of a forum."""
    if user_id is None:
        if chat_type == "private":
            user_id = chat_id
        elif chat_type != "channel" and sender_chat is None:
            raise ValueError("user_id is required for a message in a group")
    msg: dict[str, Any] = {
        "date": date if date is not None else now(),
        "chat": chat(chat_id, chat_type, title=title, first_name=first_name, username=username),
        "text": text,
    }
    if message_id is not None:
        msg["message_id"] = message_id
    if sender_chat is not None:
        sc = (
            sender_chat
            if isinstance(sender_chat, dict)
            else chat(sender_chat, "channel" if sender_chat != chat_id else chat_type, title=title)
        )
        msg["sender_chat"] = sc
        msg["from"] = dict(GROUP_ANONYMOUS_BOT if sc["id"] == chat_id else CHANNEL_BOT)
    elif chat_type == "channel":
        msg["sender_chat"] = msg["chat"]
    if user_id is not None and "from" not in msg and chat_type != "channel":
        msg["from"] = user(user_id, language_code=language_code, first_name=first_name, username=username)
    entities = command_entities(text)
    if entities:
        msg["entities"] = entities
    if reply_to_message is not None:
        msg["reply_to_message"] = reply_to_message
    if message_thread_id is not None:
        msg["message_thread_id"] = message_thread_id
        msg["is_topic_message"] = True
    return msg


def photo_message(chat_id: int, caption: str, **kwargs: Any) -> dict[str, Any]:
    """A Message dict with a photo and ``caption`` (a leading /command gets a caption entity, as Telegram adds)."""
    msg = message(chat_id, caption, **kwargs)
    del msg["text"]
    entities = msg.pop("entities", None)
    msg["caption"] = caption
    if entities:
        msg["caption_entities"] = entities
    uid = f"p{chat_id}x{now()}"
    msg["photo"] = [
        {"file_id": f"AgAD{uid}s", "file_unique_id": f"{uid}s", "width": 90, "height": 90, "file_size": 1200},
        {"file_id": f"AgAD{uid}m", "file_unique_id": f"{uid}m", "width": 320, "height": 320, "file_size": 9800},
    ]
    return msg


def message_update(chat_id: int, text: str, **kwargs: Any) -> dict[str, Any]:
    """An Update carrying a new message (a channel post in channels)."""
    msg = message(chat_id, text, **kwargs)
    key = "channel_post" if msg["chat"]["type"] == "channel" else "message"
    return {key: msg}


def command_update(chat_id: int, command: str, args: str | None = None, **kwargs: Any) -> dict[str, Any]:
    """An Update with ``/command args`` (``command`` with or without the slash)."""
    text = "/" + command.lstrip("/")
    if args:
        text += " " + args
    return message_update(chat_id, text, **kwargs)


def callback_update(
    msg: dict[str, Any],
    data: str,
    *,
    user_id: int,
    language_code: str | None = "ru",
    query_id: str | None = None,
) -> dict[str, Any]:
    """An Update for a button press on ``msg`` (the full Message the bot sent)."""
    query: dict[str, Any] = {
        "from": user(user_id, language_code=language_code),
        "message": msg,
        "chat_instance": f"ci{msg['chat']['id']}",
        "data": data,
    }
    if query_id is not None:
        query["id"] = query_id
    return {"callback_query": query}


def callback_stub(
    chat_id: int,
    message_id: int,
    data: str,
    *,
    user_id: int | None = None,
    language_code: str | None = "ru",
) -> dict[str, Any]:
    """A press whose message is only referenced; the stand-in fills in the stored message."""
    if user_id is None:
        if chat_id < 0:
            raise ValueError("user_id is required for a press in a group")
        user_id = chat_id
    stub = {"message_id": message_id, "chat": {"id": chat_id}}
    return callback_update(stub, data, user_id=user_id, language_code=language_code)


def chat_member(member: dict[str, Any], status: str, *, until_date: int = 0) -> dict[str, Any]:
    """A ChatMember dict of ``status`` with every field aiogram requires."""
    if status not in MEMBER_STATUSES:
        raise ValueError(f"unknown chat member status {status!r}")
    out: dict[str, Any] = {"status": status, "user": member}
    if status == "creator":
        out["is_anonymous"] = False
    elif status == "administrator":
        out["can_be_edited"] = False
        out["is_anonymous"] = False
        out.update(dict.fromkeys(_ADMIN_RIGHTS, True))
        out.update(dict.fromkeys(_OPTIONAL_ADMIN_RIGHTS, True))
    elif status == "restricted":
        out["is_member"] = True
        out.update(dict.fromkeys(_RESTRICTED_RIGHTS, False))
        out["until_date"] = until_date
    elif status == "kicked":
        out["until_date"] = until_date
    return out


def my_chat_member_update(
    chat_dict: dict[str, Any],
    from_user: dict[str, Any],
    bot: dict[str, Any],
    old_status: str,
    new_status: str,
    *,
    date: int | None = None,
) -> dict[str, Any]:
    """An Update saying the bot's own membership changed (blocked/unblocked, added/removed)."""
    return {
        "my_chat_member": {
            "chat": chat_dict,
            "from": from_user,
            "date": date if date is not None else now(),
            "old_chat_member": chat_member(bot, old_status),
            "new_chat_member": chat_member(bot, new_status),
        }
    }
