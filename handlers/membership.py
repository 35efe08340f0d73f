"""The bot was blocked, removed from a group, or is back: mark the chat inactive or active at once."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import ChatMemberUpdated

from bot.clock import Clock
from bot.people.following import set_membership
from storage.api import Store

_GONE = {"kicked", "left"}


async def on_my_chat_member(event: ChatMemberUpdated, store: Store, clock: Clock) -> None:
    await set_membership(store, clock, event.chat.id, active=event.new_chat_member.status not in _GONE)


def router() -> Router:
    r = Router(name="membership")
    r.my_chat_member.register(on_my_chat_member)
    return r
