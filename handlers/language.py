"""/lang: choose Russian, English or Kazakh."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.clock import Clock
from bot.i18n import LANGUAGES, t
from bot.people.following import set_language
from bot.telegram.callbacks import LangCb
from storage.api import Store

_NAMES = {"ru": "Русский", "en": "English", "kk": "Қазақша"}


async def cmd_lang(message: Message, lang: str) -> None:
    kb = InlineKeyboardBuilder()
    for code in LANGUAGES:
        kb.button(text=_NAMES[code], callback_data=LangCb(lang=code))
    kb.adjust(len(LANGUAGES))
    await message.answer(t(lang, "lang-choose"), reply_markup=kb.as_markup())


async def on_lang(query: CallbackQuery, callback_data: LangCb, lang: str, store: Store, clock: Clock) -> None:
    if callback_data.lang not in LANGUAGES or query.message is None:
        await query.answer(t(lang, "button-expired"), show_alert=True)
        return
    msg = query.message
    await set_language(store, clock, chat_id=msg.chat.id, chat_type=msg.chat.type, lang=callback_data.lang)
    await query.answer()
    if isinstance(msg, Message):
        await msg.edit_text(t(callback_data.lang, "lang-set"))


def router() -> Router:
    r = Router(name="language")
    r.message.register(cmd_lang, Command("lang"))
    r.callback_query.register(on_lang, LangCb.filter())
    return r
