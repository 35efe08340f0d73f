"""/follow, /unfollow and /my."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.cases.directory import MAX_QUERY, CaseDirectory
from bot.cases.grammar import name_forms
from bot.clock import Clock
from bot.errors import UserError
from bot.i18n import t
from bot.people.following import follow, followed, unfollow
from bot.telegram.callbacks import CaseAct
from handlers import ui
from handlers.rights import can_manage
from storage.api import Store
from storage.models import Case, Level


def typed_query(command: CommandObject, usage_key: str) -> str:
    """The name typed after a command, spaces folded; a clear message when it is missing or too long."""
    query = " ".join((command.args or "").split())
    if not query:
        raise UserError(usage_key)
    if len(query) > MAX_QUERY:
        raise UserError("query-too-long")
    return query


async def _allowed(message: Message, bot: Bot, lang: str) -> bool:
    sender = message.sender_chat.id if message.sender_chat else None
    user = message.from_user.id if message.from_user else None
    if await can_manage(bot, message.chat, user, sender):
        return True
    await message.answer(t(lang, "group-admins-only"))
    return False


async def cmd_follow(
    message: Message, command: CommandObject, lang: str, store: Store, clock: Clock, cases: CaseDirectory, bot: Bot
) -> None:
    query = typed_query(command, "follow-usage")
    if not await _allowed(message, bot, lang):
        return
    found = cases.search(query)
    if not found:
        await message.answer(t(lang, "follow-none", query=query[:60]))
        return
    if len(found) > 1:
        await message.answer(t(lang, "follow-choose"), reply_markup=ui.pick_keyboard(lang, found, CaseAct.ALL))
        return
    await _follow_one(message, lang, store, clock, found[0], bot)


async def _follow_one(message: Message, lang: str, store: Store, clock: Clock, case: Case, bot: Bot) -> None:
    chat = message.chat
    async with store.read() as tx:
        sub = await tx.subscriptions.get(chat.id, case.id)
        current = sub.level if sub else None
    level: Level = current or "all"
    outcome = await follow(store, clock, chat_id=chat.id, chat_type=chat.type, lang=lang, case=case, level=level)
    key = "follow-already" if outcome == "same" else "follow-done"
    await message.answer(
        t(lang, key, **name_forms(case, lang), level=ui.level_name(lang, level)),
        reply_markup=ui.card_keyboard(lang, case, level, await ui.bot_username(bot)),
    )


async def cmd_unfollow(
    message: Message, command: CommandObject, lang: str, store: Store, cases: CaseDirectory, bot: Bot
) -> None:
    if not (command.args or "").strip():
        text, markup = ui.my_screen(lang, await followed(store, message.chat.id, cases.by_id_map()))
        await message.answer(t(lang, "unfollow-usage"))
        if markup is not None:
            await message.answer(text, reply_markup=markup)
        return
    query = typed_query(command, "unfollow-usage")
    if not await _allowed(message, bot, lang):
        return
    # Search every case, so one that was made private can still be left.
    found = cases.search(query, include_private=True)
    if not found:
        await message.answer(t(lang, "follow-none", query=query[:60]))
        return
    mine = {f.case.id for f in await followed(store, message.chat.id, cases.by_id_map())}
    narrowed = [c for c in found if c.id in mine] or found
    if len(narrowed) > 1:
        await message.answer(t(lang, "follow-choose"), reply_markup=ui.pick_keyboard(lang, narrowed, CaseAct.OFF))
        return
    case = narrowed[0]
    done = await unfollow(store, chat_id=message.chat.id, case=case)
    await message.answer(t(lang, "unfollow-done" if done else "unfollow-not-following", **name_forms(case, lang)))


async def cmd_my(message: Message, lang: str, store: Store, cases: CaseDirectory) -> None:
    text, markup = ui.my_screen(lang, await followed(store, message.chat.id, cases.by_id_map()))
    await message.answer(text, reply_markup=markup)


def router() -> Router:
    r = Router(name="follow")
    r.message.register(cmd_follow, Command("follow"))
    r.message.register(cmd_unfollow, Command("unfollow"))
    r.message.register(cmd_my, Command("my"))
    return r
