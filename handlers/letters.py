"""A press on "✉️ Write": the case's letters card, in the reader's language, below the message."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import CallbackQuery

from bot.cases.directory import CaseDirectory
from bot.letters.card import card_text
from bot.letters.service import letters_of
from bot.telegram.callbacks import WriteCb
from handlers.rights import pressed_case
from storage.api import Store


async def on_write(query: CallbackQuery, callback_data: WriteCb, lang: str, store: Store,
                   cases: CaseDirectory) -> None:
    pressed = await pressed_case(query, lang, cases, callback_data.slug)
    if pressed is None:
        return
    msg, case = pressed
    await msg.answer(card_text(lang, case, await letters_of(store, case)))
    await query.answer()


def router() -> Router:
    r = Router(name="letters")
    r.callback_query.register(on_write, WriteCb.filter())
    return r
