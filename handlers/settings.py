"""/settings: which reminders a chat gets before a hearing, and whether news mentions come."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.clock import Clock
from bot.config import ALLOWED_REMINDERS, Settings
from bot.i18n import t
from bot.people import preferences
from bot.telegram.callbacks import DigestAct, DigestCb, SetAct, SetCb
from handlers.rights import managed_message
from storage.api import Store
from storage.models import Chat


def settings_screen(lang: str, chat: Chat, settings: Settings) -> tuple[str, InlineKeyboardMarkup]:
    offsets = preferences.effective_offsets(chat, settings)
    chosen = ", ".join(t(lang, f"rem-{o}") for o in ALLOWED_REMINDERS if o in offsets) or t(lang, "settings-none")
    news = t(lang, "settings-news-on" if chat.news_mentions else "settings-news-off")
    text = t(lang, "settings-title", reminders=chosen, news=news)

    def button(text: str, data: SetCb) -> InlineKeyboardButton:
        return InlineKeyboardButton(text=text, callback_data=data.pack())

    kb = InlineKeyboardBuilder()
    for o in ALLOWED_REMINDERS:
        mark = "✅ " if o in offsets else ""
        kb.button(text=mark + t(lang, f"rem-{o}"), callback_data=SetCb(act=SetAct.REMINDER, v=o))
    kb.adjust(3)
    kb.row(button(("✅ " if not offsets else "") + t(lang, "btn-rem-none"), SetCb(act=SetAct.NONE)),
           button(t(lang, "btn-rem-default"), SetCb(act=SetAct.DEFAULT)))
    kb.row(button(t(lang, "btn-news-on" if chat.news_mentions else "btn-news-off"), SetCb(act=SetAct.NEWS)))
    kb.row(InlineKeyboardButton(text=t(lang, "btn-digest"), callback_data=DigestCb(act=DigestAct.OPEN).pack()))
    return text, kb.as_markup()


async def cmd_settings(message: Message, lang: str, store: Store, clock: Clock, settings: Settings) -> None:
    chat = await preferences.load(store, clock, chat_id=message.chat.id, chat_type=message.chat.type, lang=lang)
    text, markup = settings_screen(lang, chat, settings)
    await message.answer(text, reply_markup=markup)


async def on_settings(
    query: CallbackQuery, callback_data: SetCb, lang: str, store: Store, clock: Clock, settings: Settings, bot: Bot
) -> None:
    msg = await managed_message(query, lang, bot)
    if msg is None:
        return
    chat = await preferences.change(store, clock, settings, chat_id=msg.chat.id, chat_type=msg.chat.type, lang=lang,
                                    act=callback_data.act, value=callback_data.v)
    text, markup = settings_screen(lang, chat, settings)
    try:
        await msg.edit_text(text, reply_markup=markup)
    except TelegramBadRequest as exc:
        if "message is not modified" not in str(exc):
            raise
    await query.answer(t(lang, "settings-saved"))


def router() -> Router:
    r = Router(name="settings")
    r.message.register(cmd_settings, Command("settings"))
    r.callback_query.register(on_settings, SetCb.filter())
    return r
