"""/start (with deep links), /help, /privacy."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import Message

from bot.campaign.roles import actor_for
from bot.cases.directory import CaseDirectory
from bot.clock import Clock
from bot.config import Settings
from bot.i18n import t
from bot.people.following import level_of
from bot.privacy import statement as privacy
from handlers import ui
from storage.api import Store
from storage.models import Level


async def cmd_start(
    message: Message, command: CommandObject, lang: str, store: Store, clock: Clock, cases: CaseDirectory, bot: Bot
) -> None:
    payload = (command.args or "").strip()
    if payload.startswith("c_"):
        case = cases.get(payload[2:])
        if case is not None:
            level = await level_of(store, message.chat.id, case)
            card, keyboard = await ui.case_card(lang, case, level, store, clock, bot)
            await message.answer(card, reply_markup=keyboard)
            return
    if payload:
        await message.answer(t(lang, "deeplink-unknown"))
    following = await _following_ids(store, message.chat.id)
    text, markup = ui.list_screen(lang, cases.public(), following, 0)
    await message.answer(t(lang, "start-greeting"))
    await message.answer(text, reply_markup=markup)


async def _following_ids(store: Store, chat_id: int) -> dict[int, Level]:
    async with store.read() as tx:
        return {s.case_id: s.level for s in await tx.subscriptions.for_chat(chat_id)}


async def cmd_help(message: Message, lang: str, store: Store, settings: Settings) -> None:
    text = t(lang, "help-text")
    if message.chat.type == "private" and message.from_user is not None:
        actor = await actor_for(store, settings, message.from_user.id)
        if actor.role != "user":
            text += "\n\n" + t(lang, "admin-help")
    await message.answer(text)


async def cmd_privacy(message: Message, lang: str, settings: Settings) -> None:
    await message.answer(privacy.render(lang, settings))


def router() -> Router:
    r = Router(name="start")
    r.message.register(cmd_start, CommandStart())
    r.message.register(cmd_help, Command("help"))
    r.message.register(cmd_privacy, Command("privacy"))
    return r
