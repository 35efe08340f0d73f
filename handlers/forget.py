"""/forget: erase everything stored about this chat, after a confirmation."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.i18n import t
from bot.people.following import forget
from bot.telegram.callbacks import ForgetCb
from handlers.rights import can_manage, managed_message
from storage.api import Store


async def cmd_forget(message: Message, lang: str, bot: Bot) -> None:
    sender = message.sender_chat.id if message.sender_chat else None
    if not await can_manage(bot, message.chat, message.from_user.id if message.from_user else None, sender):
        await message.answer(t(lang, "group-admins-only"))
        return
    kb = InlineKeyboardBuilder()
    kb.button(text=t(lang, "btn-forget-yes"), callback_data=ForgetCb(yes=True))
    kb.button(text=t(lang, "btn-cancel"), callback_data=ForgetCb(yes=False))
    kb.adjust(2)
    await message.answer(t(lang, "forget-confirm"), reply_markup=kb.as_markup())


async def on_forget(query: CallbackQuery, callback_data: ForgetCb, lang: str, store: Store, bot: Bot) -> None:
    msg = await managed_message(query, lang, bot)
    if msg is None:
        return
    if callback_data.yes:
        await forget(store, msg.chat.id)
        await msg.edit_text(t(lang, "forget-done"))
    else:
        await msg.edit_text(t(lang, "forget-cancelled"))
    await query.answer()


def router() -> Router:
    r = Router(name="forget")
    r.message.register(cmd_forget, Command("forget"))
    r.callback_query.register(on_forget, ForgetCb.filter())
    return r
