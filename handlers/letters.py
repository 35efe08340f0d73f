"""`/write` and a press on "✉️ Write": the case's letters card, in the reader's language."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from bot.cases.directory import CaseDirectory
from bot.i18n import t
from bot.letters.card import card_text, write_keyboard
from bot.letters.service import followed_with_card, letters_of
from bot.telegram.callbacks import WriteCb
from handlers.follow import typed_query
from handlers.rights import PressedCase
from storage.api import Store
from storage.models import Case


async def cmd_write(message: Message, command: CommandObject, lang: str, store: Store, cases: CaseDirectory) -> None:
    """`/write <name>`: the card of the case named (found as /case finds it); `/write`: the followed cases with one."""
    if not (command.args or "").strip():
        offer = await followed_with_card(store, message.chat.id, cases.by_id_map())
        if offer.with_card:
            await message.answer(t(lang, "write-choose"), reply_markup=write_keyboard(lang, offer.with_card))
        else:
            await message.answer(t(lang, "write-no-cards" if offer.follows_any else "write-nothing-followed"))
        return
    query = typed_query(command, "case-usage")  # never empty here: it checks the length
    found = cases.search(query)
    if not found:
        await message.answer(t(lang, "follow-none", query=query[:60]))
    elif len(found) > 1:
        await message.answer(t(lang, "follow-choose"), reply_markup=write_keyboard(lang, found))
    else:
        await message.answer(card_text(lang, found[0], await letters_of(store, found[0])))


async def on_write(query: CallbackQuery, msg: Message, case: Case, lang: str, store: Store) -> None:
    """"✉️ Write" under a case card: the letters card, below."""
    await msg.answer(card_text(lang, case, await letters_of(store, case)))
    await query.answer()


def router() -> Router:
    r = Router(name="letters")
    r.message.register(cmd_write, Command("write"))
    r.callback_query.register(on_write, WriteCb.filter(), PressedCase())
    return r
