"""Forum topics on the way out: a case's messages to a group go to the topic the group bound the case to.

`with_topics` wraps the sender's renderer: for a supergroup (only supergroups have topics) it looks up
the thread of the row's chat and case and puts it on the message. When Telegram refuses the thread, the
sender sends to the general chat instead; a deleted topic also loses its binding (`topic_gone`), so the
next messages go straight to the general chat and nobody is told again and again.
"""

from __future__ import annotations

from dataclasses import replace

from bot.delivery.model import Outgoing, Renderer
from storage.api import Store
from storage.models import Chat, OutboxRow

# How Telegram says the topic is deleted (or never was), and that it is closed for the bot.
_GONE = ("message thread not found", "topic_deleted", "topic not found")
_CLOSED = ("topic_closed",)


def topic_gone(message: str) -> bool:
    low = message.lower()
    return any(s in low for s in _GONE)


def topic_refused(message: str) -> bool:
    """The message cannot go to its topic: deleted, or closed to the bot."""
    low = message.lower()
    return topic_gone(message) or any(s in low for s in _CLOSED)


def with_topics(render: Renderer, store: Store) -> Renderer:
    """The renderer, with each group message sent to the topic its case is bound to."""

    async def wrapped(row: OutboxRow, chat: Chat | None) -> Outgoing | None:
        out = await render(row, chat)
        if out is None or out.message_thread_id is not None or chat is None or chat.type != "supergroup":
            return out
        async with store.read() as tx:
            thread = await tx.topics.thread_for_outbox(row.id)
        return out if thread is None else replace(out, message_thread_id=thread)

    return wrapped
