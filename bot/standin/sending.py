"""Bot API methods that post to a chat: sendMessage, sendDocument, sendPhoto, sendChatAction."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import chats, content, files, topics
from .messages import check_flood, keep_sent, new_message, reply_to
from .params import Params, bad_request

if TYPE_CHECKING:
    from .state import BotState, Method

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


async def send_message(s: BotState, p: Params) -> dict[str, Any]:
    chat = chats.target(s, p, write=True)
    parsed = content.text(p)
    markup = content.markup(p)
    reply = reply_to(chat, p)
    thread = topics.thread_fields(chat, p)
    check_flood(s, chat, p)
    fields = content.fields(parsed, content.TEXT) | thread
    if reply is not None:
        fields["reply_to_message"] = reply
    msg = new_message(s, chat, fields)
    content.set_markup(msg, markup)
    raw = p.get_str("text")
    keep_sent(chat, msg, p, raw, markup)
    s.journal.record(
        "sendMessage",
        p,
        chat_id=chat.id,
        message_id=msg["message_id"],
        text=raw,
        visible_text=parsed.text,
        reply_markup=markup,
    )
    return msg


async def _send_file(s: BotState, p: Params, kind: str) -> dict[str, Any]:
    """sendDocument (``kind`` "document") or sendPhoto ("photo")."""
    chat = chats.target(s, p, write=True)
    name, data, mime = files.upload(s, p.get_file(kind), kind)
    caption = content.caption(p)
    markup = content.markup(p)
    reply = reply_to(chat, p)
    thread = topics.thread_fields(chat, p)
    check_flood(s, chat, p)
    stored_file = files.store(s, name, data, mime, "documents" if kind == "document" else "photos")
    fields: dict[str, Any]
    if kind == "document":
        doc: dict[str, Any] = {
            "file_id": stored_file.file_id,
            "file_unique_id": stored_file.file_unique_id,
            "file_name": name,
            "file_size": len(data),
        }
        if mime:
            doc["mime_type"] = mime
        fields = {"document": doc}
    else:
        fields = {
            "photo": [
                {
                    "file_id": stored_file.file_id,
                    "file_unique_id": stored_file.file_unique_id,
                    "width": 320,
                    "height": 320,
                    "file_size": len(data),
                }
            ]
        }
    fields.update(thread)
    if caption is not None and caption.text:
        fields.update(content.fields(caption, content.CAPTION))
    if reply is not None:
        fields["reply_to_message"] = reply
    msg = new_message(s, chat, fields)
    content.set_markup(msg, markup)
    raw = p.get_str("caption")
    keep_sent(chat, msg, p, raw, markup, name)
    s.journal.record(
        "sendDocument" if kind == "document" else "sendPhoto",
        p,
        chat_id=chat.id,
        message_id=msg["message_id"],
        text=raw,
        visible_text=caption.text if caption else None,
        reply_markup=markup,
        document=(name, data, mime),
    )
    return msg


async def send_document(s: BotState, p: Params) -> dict[str, Any]:
    return await _send_file(s, p, "document")


async def send_photo(s: BotState, p: Params) -> dict[str, Any]:
    return await _send_file(s, p, "photo")


async def send_chat_action(s: BotState, p: Params) -> bool:
    chats.target(s, p, write=True)
    if p.get_str("action") not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    return True


METHODS: dict[str, Method] = {
    "sendMessage": send_message,
    "sendDocument": send_document,
    "sendPhoto": send_photo,
    "sendChatAction": send_chat_action,
}
