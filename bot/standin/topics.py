"""Groups with topics (forums): which topics a chat has, and the topic a message is posted in.

A test makes a forum with ``add_chat(..., is_forum=True, topics=[...])`` and deletes a topic by giving the
list again without it. A message a user writes inside a topic carries ``message_thread_id`` and
``is_topic_message``; the bot's posts name the topic with ``message_thread_id``, and an unknown one is
refused as Telegram refuses it ("message thread not found").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .control import ControlError
from .params import Params, bad_request

if TYPE_CHECKING:
    from .chats import ChatState


def configure(chat: ChatState, body: dict[str, Any]) -> None:
    """The control API's ``is_forum`` and ``topics`` (thread ids) of a chat, when given."""
    if body.get("is_forum") is not None:
        if chat.type != "supergroup" and body["is_forum"]:
            raise ControlError("only a supergroup can have topics")
        chat.is_forum = bool(body["is_forum"])
    if body.get("topics") is not None:
        chat.topics = {int(t) for t in body["topics"]}


def absorb(chat: ChatState, msg: dict[str, Any]) -> None:
    """A user's message inside a topic: the topic exists, and the message says it is a topic message."""
    thread = msg.get("message_thread_id")
    if thread is None or not chat.is_forum:
        return
    chat.topics.add(int(thread))
    msg["is_topic_message"] = True


def thread_fields(chat: ChatState, p: Params) -> dict[str, Any]:
    """The Message fields of the topic a bot's post goes to; 400 for a topic the forum does not have."""
    thread = p.get_int("message_thread_id")
    if thread is None or not chat.is_forum:
        return {}
    if thread not in chat.topics:
        raise bad_request("message thread not found")
    return {"message_thread_id": thread, "is_topic_message": True}
