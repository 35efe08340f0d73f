"""What nobody else took, in private chats only (groups are noisy): unknown commands get a pointer to
/help; plain text that names a case gets its card, anything else a one-line hint. Registered last, and
plain text only outside dialogs, so an admin's answer inside /newcase or /post never lands here.
A button press nobody took (data of a shape no handler knows) is told the button is out of date, in any
chat: only the presser sees that."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import CommandObject, StateFilter
from aiogram.types import CallbackQuery, Message

from bot.cases.directory import MAX_QUERY, CaseDirectory
from bot.clock import Clock
from bot.config import Settings
from bot.i18n import t
from handlers.cases import cmd_case
from storage.api import Store


async def unknown_command(message: Message, lang: str) -> None:
    await message.answer(t(lang, "unknown-command"))


async def plain_text(
    message: Message, lang: str, store: Store, clock: Clock, cases: CaseDirectory, bot: Bot, settings: Settings
) -> None:
    """A surname typed alone opens the case, as /case would; anything else is told what to type."""
    query = " ".join((message.text or "").split())
    if query and len(query) <= MAX_QUERY and cases.search(query):
        await cmd_case(message, CommandObject(prefix="/", command="case", args=query), lang, store, clock, cases, bot,
                       settings)
        return
    await message.answer(t(lang, "plain-text-hint"))


async def stale_button(query: CallbackQuery, lang: str) -> None:
    await query.answer(t(lang, "button-expired"), show_alert=True)


def router() -> Router:
    r = Router(name="fallback")
    r.message.register(unknown_command, F.chat.type == "private", F.text.startswith("/"))
    r.message.register(plain_text, F.chat.type == "private", F.text, StateFilter(None))
    r.callback_query.register(stale_button)
    return r
