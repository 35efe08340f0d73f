"""A chat's reminder offsets and news mentions (/settings)."""

from __future__ import annotations

from collections.abc import Sequence

from bot.clock import Clock
from bot.config import ALLOWED_REMINDERS, Settings
from storage.api import Store
from storage.models import Chat


def effective_offsets(chat: Chat | None, settings: Settings) -> tuple[int, ...]:
    """The offsets that apply: the chat's own choice, else the configured default."""
    if chat is None or chat.reminder_offsets is None:
        return tuple(settings.reminders)
    return chat.reminder_offsets


async def load(store: Store, clock: Clock, *, chat_id: int, chat_type: str, lang: str) -> Chat:
    """The chat's settings; a chat without a row sees the defaults (a row is stored only once it changes one)."""
    async with store.read() as tx:
        chat = await tx.chats.get(chat_id)
    if chat is not None:
        return chat
    return Chat(id=chat_id, type=chat_type, language=lang, active=True, reminder_offsets=None, news_mentions=True,
                created_at=clock.timestamp(), deactivated_at=None)


async def change(
    store: Store, clock: Clock, settings: Settings, *, chat_id: int, chat_type: str, lang: str, act: str,
    value: int = 0,
) -> Chat:
    """Apply one press: `rem` toggles an offset, `none` turns reminders off, `def` back to the default,
    `news` toggles news mentions. Returns the chat as it is afterwards."""
    async with store.transaction() as tx:
        chat = await tx.chats.ensure(chat_id, chat_type, lang, clock.timestamp())
        if act == "rem" and value in ALLOWED_REMINDERS:
            current = set(effective_offsets(chat, settings))
            current.symmetric_difference_update({value})
            await tx.chats.set_reminders(chat_id, _ordered(current))
        elif act == "none":
            await tx.chats.set_reminders(chat_id, ())
        elif act == "def":
            await tx.chats.set_reminders(chat_id, None)
        elif act == "news":
            await tx.chats.set_news_mentions(chat_id, not chat.news_mentions)
        updated = await tx.chats.get(chat_id)
    assert updated is not None
    return updated


def _ordered(offsets: Sequence[int] | set[int]) -> tuple[int, ...]:
    return tuple(sorted(set(offsets), reverse=True))
