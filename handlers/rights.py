"""Who may follow or unfollow for a chat: anyone in private, administrators in groups."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.enums import ChatMemberStatus
from aiogram.exceptions import TelegramAPIError
from aiogram.types import CallbackQuery, Chat, InaccessibleMessage, Message

from bot.cases.directory import CaseDirectory
from bot.i18n import t
from storage.models import Case

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


async def pressed_case(query: CallbackQuery, lang: str, cases: CaseDirectory, slug: str) -> tuple[Message, Case] | None:
    """The message and the case a case button names, or None (told to the user) when either is gone."""
    msg = await live_message(query, lang)
    if msg is None:
        return None
    case = cases.get(slug)
    if case is None:
        await query.answer(t(lang, "button-expired"), show_alert=True)
        return None
    return msg, case
