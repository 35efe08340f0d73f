"""Who may follow or unfollow for a chat: anyone in private, administrators in groups."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.enums import ChatMemberStatus
from aiogram.exceptions import TelegramAPIError
from aiogram.types import Chat

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
