"""Buttons under announcement messages: 📅 calendar file, open the case card, stop these."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.types import BufferedInputFile, CallbackQuery

from bot.cases.directory import CaseDirectory
from bot.cases.grammar import name_forms
from bot.clock import Clock
from bot.config import Settings
from bot.delivery.render import ics_filename, ics_for
from bot.i18n import t
from bot.people import reports
from bot.people.following import follow, level_of, unfollow
from bot.people.upcoming import hearing_of
from bot.runtime.install import install_id
from handlers import ui
from handlers.callbacks import AnnCb
from handlers.rights import can_manage, pressed_case
from storage.api import Store


async def on_announcement(
    query: CallbackQuery, callback_data: AnnCb, lang: str, store: Store, clock: Clock, cases: CaseDirectory, bot: Bot,
    settings: Settings,
) -> None:
    pressed = await pressed_case(query, lang, cases, callback_data.slug)
    if pressed is None:
        return
    msg, case = pressed
    chat = msg.chat
    names = name_forms(case, lang)
    act = callback_data.act
    if act == "ics":
        found = await hearing_of(store, cases, callback_data.h, case.slug)
        if found is None or not found[1].active:
            await query.answer(t(lang, "hearing-gone"), show_alert=True)
            return
        hcase, hearing = found
        ics = ics_for(hearing, hcase, install=await install_id(store), lang=lang, bot_username=(await bot.me()).username)
        document = BufferedInputFile(ics, filename=ics_filename(hearing, hcase))
        await bot.send_document(chat.id, document, caption=t(lang, "ics-caption", **names))
        await query.answer()
        return
    if act == "err":
        # A follower may say the date looks wrong, once; nothing that names them is kept (bot/people/reports.py).
        outcome = await reports.report(store, clock, settings, chat_id=chat.id, case=case, hearing_id=callback_data.h)
        await query.answer(t(lang, reports.TEXT_KEYS[outcome]), show_alert=True)
        return
    if act == "open":
        level = await level_of(store, chat.id, case)
        text, markup = await ui.case_card(lang, case, level, store, clock, bot)
        await msg.answer(text, reply_markup=markup)
        await query.answer()
        return
    if act not in ("stop", "hrg"):
        await query.answer(t(lang, "button-expired"), show_alert=True)
        return
    if not await can_manage(bot, chat, query.from_user.id):
        await query.answer(t(lang, "group-admins-only"), show_alert=True)
        return
    if act == "stop":
        # Hearing messages reach both levels: the only way to stop them is to stop following.
        await unfollow(store, chat_id=chat.id, case=case)
        text = t(lang, "stop-unfollowed", **names)
    else:
        # Everything else reaches "everything" only: hearings only stops it and keeps the hearings.
        await follow(store, clock, chat_id=chat.id, chat_type=chat.type, lang=lang, case=case, level="hearings")
        text = t(lang, "stop-hearings-only", **names)
    level = await level_of(store, chat.id, case)
    await msg.answer(text, reply_markup=ui.card_keyboard(lang, case, level, await ui.bot_username(bot)))
    await query.answer()


def router() -> Router:
    r = Router(name="announcements")
    r.callback_query.register(on_announcement, AnnCb.filter())
    return r
