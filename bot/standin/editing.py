"""Bot API methods that change or remove a message the bot sent."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import chats, content
from . import updates as build
from .messages import StoredMessage, check_flood
from .params import Params, bad_request
from .tghtml import ParsedText

if TYPE_CHECKING:
    from .chats import ChatState
    from .state import BotState, Method

NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the same "
    "as a current content and reply markup of the message"
)


@dataclass(frozen=True)
class _Words:
    """How one edit method reads and writes a message's words (its text, or its caption)."""

    method: str
    where: content.TextField
    holders: tuple[str, ...]  # Message fields of which one must be present to have such words
    parse: Callable[[Params], ParsedText]


_TEXT = _Words("editMessageText", content.TEXT, ("text",), content.text)
# An empty caption is allowed: it removes the caption.
_CAPTION = _Words(
    "editMessageCaption",
    content.CAPTION,
    ("document", "photo"),
    lambda p: content.caption(p) or ParsedText(""),
)


def _editable(s: BotState, p: Params) -> tuple[ChatState, StoredMessage]:
    if p.has("inline_message_id"):
        raise bad_request("MESSAGE_ID_INVALID")  # inline mode is not modelled
    chat = chats.target(s, p, write=True)
    mid = p.get_int("message_id")
    stored = chat.messages.get(mid) if mid is not None else None
    if stored is None:
        raise bad_request("message to edit not found")
    if not stored.from_bot:
        raise bad_request("message can't be edited")
    return chat, stored


def _replace(
    s: BotState,
    chat: ChatState,
    stored: StoredMessage,
    new: dict[str, Any],
    compared: tuple[str, ...],
    p: Params,
) -> None:
    """Make ``new`` the message unless nothing in ``compared`` changed, as Telegram refuses that."""
    msg = stored.message
    if all(new.get(k) == msg.get(k) for k in compared):
        raise bad_request(NOT_MODIFIED)
    check_flood(s, chat, p)
    new["edit_date"] = build.now()
    stored.message = new


async def _edit_words(s: BotState, p: Params, words: _Words) -> dict[str, Any]:
    """editMessageText or editMessageCaption: new words, and the keyboard given (none removes it)."""
    chat, stored = _editable(s, p)
    parsed = words.parse(p)
    markup = content.markup(p)
    msg = stored.message
    where = words.where
    if not any(k in msg for k in words.holders):
        raise bad_request(f"there is no {where.key} in the message to edit")
    new = copy.deepcopy(msg)
    fresh = content.fields(parsed, where) if parsed.text else {}
    for key in (where.key, where.entities_key):
        if key in fresh:
            new[key] = fresh[key]
        else:
            new.pop(key, None)
    content.set_markup(new, markup)
    _replace(s, chat, stored, new, (where.key, where.entities_key, "reply_markup"), p)
    stored.raw_text = p.get_str(where.key)
    stored.parse_mode = p.get_str("parse_mode")
    stored.reply_markup = markup
    s.journal.record(
        words.method,
        p,
        chat_id=chat.id,
        message_id=stored.message_id,
        text=stored.raw_text,
        visible_text=parsed.text,
        reply_markup=markup,
    )
    return copy.deepcopy(new)


async def edit_message_text(s: BotState, p: Params) -> dict[str, Any]:
    return await _edit_words(s, p, _TEXT)


async def edit_message_caption(s: BotState, p: Params) -> dict[str, Any]:
    return await _edit_words(s, p, _CAPTION)


async def edit_message_reply_markup(s: BotState, p: Params) -> dict[str, Any]:
    chat, stored = _editable(s, p)
    markup = content.markup(p)
    msg = stored.message
    new = copy.deepcopy(msg)
    content.set_markup(new, markup)
    _replace(s, chat, stored, new, ("reply_markup",), p)
    stored.reply_markup = markup
    s.journal.record(
        "editMessageReplyMarkup",
        p,
        chat_id=chat.id,
        message_id=stored.message_id,
        text=stored.raw_text,
        visible_text=msg.get("text", msg.get("caption")),
        reply_markup=markup,
    )
    return copy.deepcopy(new)


async def delete_message(s: BotState, p: Params) -> bool:
    chat = chats.target(s, p, write=True)
    mid = p.get_int("message_id")
    stored = chat.messages.pop(mid, None) if mid is not None else None
    if stored is None:
        raise bad_request("message to delete not found")
    s.journal.record("deleteMessage", p, chat_id=chat.id, message_id=mid, text=stored.raw_text)
    return True


METHODS: dict[str, Method] = {
    "editMessageText": edit_message_text,
    "editMessageCaption": edit_message_caption,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "deleteMessage": delete_message,
}
