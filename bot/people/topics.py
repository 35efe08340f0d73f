"""Forum topics: a group with topics sends each followed case to a topic of its own (/topic)."""

from __future__ import annotations

from typing import Literal

from storage.api import Store
from storage.models import Case, TopicBinding

BindOutcome = Literal["bound", "unbound", "same", "not_following"]


async def bind(store: Store, *, chat_id: int, case: Case, thread_id: int | None) -> BindOutcome:
    """The case's messages to this group go to `thread_id` (None: back to the general chat)."""
    async with store.transaction() as tx:
        if await tx.subscriptions.get(chat_id, case.id) is None:
            return "not_following"
        if await tx.topics.thread_for(chat_id, case.id) == thread_id:
            return "same"
        await tx.topics.bind(chat_id, case.id, thread_id)
    return "unbound" if thread_id is None else "bound"


async def bindings(store: Store, chat_id: int) -> list[TopicBinding]:
    async with store.read() as tx:
        return await tx.topics.for_chat(chat_id)
