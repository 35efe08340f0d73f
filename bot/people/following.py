"""Following and unfollowing cases, and erasing a chat: the services behind the user commands."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.clock import Clock
from storage.api import Store
from storage.models import Case, Level

FollowOutcome = Literal["new", "changed", "same"]


@dataclass(frozen=True)
class Followed:
    case: Case
    level: Level


async def follow(
    store: Store, clock: Clock, *, chat_id: int, chat_type: str, lang: str, case: Case, level: Level
) -> FollowOutcome:
    """Follow a case at a level (creating the chat row on first use)."""
    now = clock.timestamp()
    async with store.transaction() as tx:
        await tx.chats.ensure(chat_id, chat_type, lang, now)
        await tx.chats.set_active(chat_id, True, now)
        before = await tx.subscriptions.get(chat_id, case.id)
        await tx.subscriptions.follow(chat_id, case.id, level, now)
    if before is None:
        return "new"
    return "same" if before.level == level else "changed"


async def unfollow(store: Store, *, chat_id: int, case: Case) -> bool:
    async with store.transaction() as tx:
        return await tx.subscriptions.unfollow(chat_id, case.id)


async def level_of(store: Store, chat_id: int, case: Case) -> Level | None:
    async with store.read() as tx:
        sub = await tx.subscriptions.get(chat_id, case.id)
    return None if sub is None else sub.level


async def followed(store: Store, chat_id: int, cases_by_id: dict[int, Case]) -> list[Followed]:
    async with store.read() as tx:
        subs = await tx.subscriptions.for_chat(chat_id)
    return [Followed(cases_by_id[s.case_id], s.level) for s in subs if s.case_id in cases_by_id]


async def set_language(store: Store, clock: Clock, *, chat_id: int, chat_type: str, lang: str) -> None:
    async with store.transaction() as tx:
        await tx.chats.ensure(chat_id, chat_type, lang, clock.timestamp())
        await tx.chats.set_language(chat_id, lang)


async def forget(store: Store, chat_id: int) -> None:
    """Erase every row that names this chat; where it acted as admin or editor, the record keeps a tombstone.

    Then the write-ahead log is checkpointed and emptied, so it holds no copy of the erased rows either.
    """
    async with store.transaction() as tx:
        await tx.chats.forget(chat_id)
        # "I'm going" marks hold no chat id, but the key finds this chat's among them: they go too.
        await tx.attendance.forget_going(chat_id, await tx.attendance.marked_hearings())
    checkpoint = getattr(store, "checkpoint", None)
    if checkpoint is not None:
        await checkpoint()


async def set_membership(store: Store, clock: Clock, chat_id: int, active: bool) -> None:
    """Telegram says the bot was blocked/removed (or is back): only an existing row changes."""
    async with store.transaction() as tx:
        if await tx.chats.get(chat_id) is not None:
            await tx.chats.set_active(chat_id, active, clock.timestamp())
