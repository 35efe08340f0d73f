"""Who may follow or unfollow for a chat: anyone in private, administrators in groups."""

from __future__ import annotations

import logging
from typing import Any, Protocol

from aiogram import Bot
from aiogram.enums import ChatMemberStatus
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Filter
from aiogram.types import CallbackQuery, Chat, InaccessibleMessage, Message

from bot.cases.directory import CaseDirectory
from bot.i18n import t

log = logging.getLogger(__name__)


async def can_manage(bot: Bot, chat: Chat, user_id: int | None, sender_chat_id: int | None = None) -> bool:
    if chat.type == "private":
        return True
    # An anonymous administrator writes as the group itself.
    if sender_chat_id is not None and sender_chat_id == chat.id:
        return True
    if user_id is None:
        return False
    try:
        member = await bot.get_chat_member(chat.id, user_id)
    except TelegramAPIError as exc:
        log.warning("getChatMember failed: %s", type(exc).__name__)
        return False
    return member.status in (ChatMemberStatus.CREATOR, ChatMemberStatus.ADMINISTRATOR)


async def live_message(query: CallbackQuery, lang: str) -> Message | None:
    """The message a button sits on, or None (told to the user) when Telegram no longer gives it."""
    msg = query.message
    if msg is None or isinstance(msg, InaccessibleMessage):
        await query.answer(t(lang, "button-expired"), show_alert=True)
        return None
    return msg


async def managed_message(query: CallbackQuery, lang: str, bot: Bot) -> Message | None:
    """As `live_message`, and only when the presser may change this chat's subscriptions or settings."""
    msg = await live_message(query, lang)
    if msg is not None and not await can_manage(bot, msg.chat, query.from_user.id):
        await query.answer(t(lang, "group-admins-only"), show_alert=True)
        return None
    return msg


class _NamesACase(Protocol):
    slug: str


class PressedCase(Filter):
    """A press on a message Telegram still gives, whose button names a known case: the handler gets `msg` and
    `case`. Otherwise no handler takes the press, and the fallback router tells the presser the button is out of
    date (as it does any press nobody takes)."""

    async def __call__(
        self, query: CallbackQuery, callback_data: _NamesACase, cases: CaseDirectory
    ) -> bool | dict[str, Any]:
        msg = query.message
        if msg is None or isinstance(msg, InaccessibleMessage):
            return False
        case = cases.get(callback_data.slug)
        return False if case is None else {"msg": msg, "case": case}
