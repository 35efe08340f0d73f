"""/cases and /case, and every press on a case button (open, follow at a level, stop)."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.cases.directory import CaseDirectory
from bot.cases.grammar import name_forms
from bot.clock import Clock
from bot.config import Settings
from bot.i18n import t
from bot.people.following import follow, followed, level_of, unfollow
from bot.telegram.callbacks import CaseAct, CaseCb, PageCb
from handlers import ui
from handlers.follow import typed_query
from handlers.rights import PressedCase, can_manage, live_message
from storage.api import Store
from storage.models import Case, Level

_LEVELS: dict[CaseAct, Level] = {CaseAct.ALL: "all", CaseAct.HEARINGS: "hearings"}


async def _following(store: Store, chat_id: int) -> dict[int, Level]:
    async with store.read() as tx:
        return {s.case_id: s.level for s in await tx.subscriptions.for_chat(chat_id)}


async def cmd_cases(message: Message, lang: str, store: Store, cases: CaseDirectory) -> None:
    text, markup = ui.list_screen(lang, cases.public(), await _following(store, message.chat.id), 0)
    await message.answer(text, reply_markup=markup)


async def cmd_case(
    message: Message, command: CommandObject, lang: str, store: Store, clock: Clock, cases: CaseDirectory, bot: Bot,
    settings: Settings,
) -> None:
    query = typed_query(command, "case-usage")
    found = cases.search(query)
    if not found:
        await message.answer(t(lang, "follow-none", query=query[:60]))
    elif len(found) > 1:
        await message.answer(t(lang, "follow-choose"), reply_markup=ui.pick_keyboard(lang, found, CaseAct.OPEN))
    else:
        level = await level_of(store, message.chat.id, found[0])
        text, markup = await ui.case_card(lang, found[0], level, store, clock, bot, settings)
        await message.answer(text, reply_markup=markup)


async def on_page(query: CallbackQuery, callback_data: PageCb, lang: str, store: Store, cases: CaseDirectory) -> None:
    msg = await live_message(query, lang)
    if msg is None:
        return
    text, markup = ui.list_screen(lang, cases.public(), await _following(store, msg.chat.id), callback_data.page)
    await _redraw(msg, text, markup)
    await query.answer()


async def on_open(
    query: CallbackQuery, callback_data: CaseCb, msg: Message, case: Case, lang: str, store: Store, clock: Clock,
    cases: CaseDirectory, bot: Bot, settings: Settings,
) -> None:
    """The case card."""
    await _after_press(query, msg, case, callback_data, "", lang, store, clock, cases, bot, settings)


async def on_level(
    query: CallbackQuery, callback_data: CaseCb, msg: Message, case: Case, lang: str, store: Store, clock: Clock,
    cases: CaseDirectory, bot: Bot, settings: Settings,
) -> None:
    """Follow at a level, or stop following."""
    chat = msg.chat
    if not await can_manage(bot, chat, query.from_user.id):
        await query.answer(t(lang, "group-admins-only"), show_alert=True)
        return
    names = name_forms(case, lang)
    if callback_data.act == CaseAct.OFF:
        done = await unfollow(store, chat_id=chat.id, case=case)
        notice = t(lang, "unfollow-done" if done else "unfollow-not-following", **names)
    else:
        level = _LEVELS[callback_data.act]
        outcome = await follow(store, clock, chat_id=chat.id, chat_type=chat.type, lang=lang, case=case, level=level)
        key = {"new": "follow-done", "changed": "follow-level-changed", "same": "follow-already"}[outcome]
        notice = t(lang, key, **names, level=ui.level_name(lang, level))
    await _after_press(query, msg, case, callback_data, notice, lang, store, clock, cases, bot, settings)


async def _after_press(
    query: CallbackQuery, msg: Message, case: Case, pressed: CaseCb, notice: str, lang: str, store: Store,
    clock: Clock, cases: CaseDirectory, bot: Bot, settings: Settings,
) -> None:
    """The screen the button sat on, redrawn in place (a card opened from a list or a pick comes below)."""
    chat = msg.chat
    opened = pressed.act == CaseAct.OPEN
    text: str
    markup: InlineKeyboardMarkup | None
    if pressed.src == "list" and not opened:
        text, markup = ui.list_screen(lang, cases.public(), await _following(store, chat.id), pressed.page)
    elif pressed.src == "my":
        text, markup = ui.my_screen(lang, await followed(store, chat.id, cases.by_id_map()))
    else:
        current = await level_of(store, chat.id, case)
        text, markup = await ui.case_card(lang, case, current, store, clock, bot, settings)
    if pressed.src == "pick" or (pressed.src == "list" and opened):
        await msg.answer(text, reply_markup=markup)
    else:
        await _redraw(msg, text, markup)
    # A short toast says what changed; the HTML tags of the text are not shown there.
    await query.answer(_plain(notice) if notice else None)


def _plain(text: str) -> str:
    import re

    return re.sub(r"<[^>]+>", "", text).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")[:200]


async def _redraw(msg: Message, text: str, markup: InlineKeyboardMarkup | None) -> None:
    try:
        await msg.edit_text(text, reply_markup=markup)
    except TelegramBadRequest as exc:
        # Pressing the same button twice changes nothing: Telegram says so, and that is fine.
        if "message is not modified" not in str(exc):
            raise


def router() -> Router:
    r = Router(name="cases")
    r.message.register(cmd_cases, Command("cases"))
    r.message.register(cmd_case, Command("case"))
    r.callback_query.register(on_page, PageCb.filter())
    r.callback_query.register(on_open, CaseCb.filter(F.act == CaseAct.OPEN), PressedCase())
    r.callback_query.register(
        on_level, CaseCb.filter(F.act.in_({CaseAct.ALL, CaseAct.HEARINGS, CaseAct.OFF})), PressedCase()
    )
    return r
