"""Buttons under announcement messages: 🙋 I'm going, 📅 calendar file, open the case card, stop these."""

from __future__ import annotations

import contextlib

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import BufferedInputFile, CallbackQuery, Message

from bot.cases.directory import CaseDirectory
from bot.cases.grammar import name_forms
from bot.clock import Clock
from bot.config import Settings
from bot.delivery.kit import restate_going
from bot.delivery.render import ics_filename, ics_for
from bot.i18n import t
from bot.people import going, reports
from bot.people.following import follow, level_of, unfollow
from bot.people.upcoming import hearing_of
from bot.runtime.install import install_id
from bot.telegram.callbacks import AnnAct, AnnCb
from handlers import ui
from handlers.rights import PressedCase, can_manage
from storage.api import Store
from storage.models import Case


async def on_calendar(
    query: CallbackQuery, callback_data: AnnCb, msg: Message, case: Case, lang: str, store: Store,
    cases: CaseDirectory, bot: Bot,
) -> None:
    """The hearing's calendar file, sent to the chat."""
    found = await hearing_of(store, cases, callback_data.h, case.slug)
    if found is None or not found[1].active:
        await query.answer(t(lang, "hearing-gone"), show_alert=True)
        return
    hcase, hearing = found
    ics = ics_for(hearing, hcase, install=await install_id(store), lang=lang, bot_username=(await bot.me()).username)
    document = BufferedInputFile(ics, filename=ics_filename(hearing, hcase))
    await bot.send_document(msg.chat.id, document, caption=t(lang, "ics-caption", **name_forms(case, lang)))
    await query.answer()


async def on_report(
    query: CallbackQuery, callback_data: AnnCb, msg: Message, case: Case, lang: str, store: Store, clock: Clock,
    settings: Settings,
) -> None:
    # A follower may say the date looks wrong, once; nothing that names them is kept (bot/people/reports.py).
    outcome = await reports.report(store, clock, settings, chat_id=msg.chat.id, case=case, hearing_id=callback_data.h)
    await query.answer(t(lang, reports.TEXT_KEYS[outcome]), show_alert=True)


async def on_going(
    query: CallbackQuery, callback_data: AnnCb, msg: Message, case: Case, lang: str, store: Store, clock: Clock,
) -> None:
    """🙋 toggles the chat's intention to go; the button shows the new state, a toast the count."""
    press = await going.toggle(store, clock, chat_id=msg.chat.id, case=case, hearing_id=callback_data.h)
    if press.outcome == "gone":
        await query.answer(t(lang, "hearing-gone"), show_alert=True)
        return
    markup = restate_going(msg.reply_markup, lang, callback_data.pack(), press.outcome == "going")
    if markup is not None:
        # The state is stored already; a message Telegram will no longer edit only keeps its old label.
        with contextlib.suppress(TelegramBadRequest):
            await msg.edit_reply_markup(reply_markup=markup)
    text = t(lang, "going-marked", count=press.count) if press.outcome == "going" else t(lang, "going-unmarked")
    await query.answer(text)


async def on_open(
    query: CallbackQuery, msg: Message, case: Case, lang: str, store: Store, clock: Clock, bot: Bot,
    settings: Settings,
) -> None:
    """The case card, as a new message below."""
    level = await level_of(store, msg.chat.id, case)
    text, markup = await ui.case_card(lang, case, level, store, clock, bot, settings)
    await msg.answer(text, reply_markup=markup)
    await query.answer()


async def on_stop(
    query: CallbackQuery, callback_data: AnnCb, msg: Message, case: Case, lang: str, store: Store, clock: Clock,
    bot: Bot,
) -> None:
    """Stop these messages: unfollow, or keep the hearings only."""
    chat = msg.chat
    names = name_forms(case, lang)
    if not await can_manage(bot, chat, query.from_user.id):
        await query.answer(t(lang, "group-admins-only"), show_alert=True)
        return
    if callback_data.act == AnnAct.STOP:
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
    r.callback_query.register(on_calendar, AnnCb.filter(F.act == AnnAct.ICS), PressedCase())
    r.callback_query.register(on_report, AnnCb.filter(F.act == AnnAct.REPORT), PressedCase())
    r.callback_query.register(on_going, AnnCb.filter(F.act == AnnAct.GOING), PressedCase())
    r.callback_query.register(on_open, AnnCb.filter(F.act == AnnAct.OPEN), PressedCase())
    r.callback_query.register(on_stop, AnnCb.filter(F.act.in_({AnnAct.STOP, AnnAct.HEARINGS_ONLY})), PressedCase())
    return r
