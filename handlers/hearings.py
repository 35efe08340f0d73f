"""/hearings: the upcoming hearings of my cases (or of every public case), soonest first; `/hearings past`."""

from __future__ import annotations

from collections.abc import Mapping

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.cases.directory import CaseDirectory
from bot.clock import Clock
from bot.delivery.render import court_in, spell_date, spell_past_date
from bot.i18n import t
from bot.people.cards import past_hearings
from bot.people.going import going_counts
from bot.people.upcoming import upcoming_hearings
from bot.telegram.callbacks import AnnAct, AnnCb
from storage.api import Store
from storage.models import Case, Hearing

CALENDAR_BUTTONS = 8


def hearings_screen(
    lang: str, mine: bool, found: list[tuple[Case, Hearing]], going: Mapping[int, int] | None = None
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The upcoming hearings; `going` adds "🙋 N" beside a hearing N chats said they are going to."""
    if not found:
        return t(lang, "hearings-empty-mine" if mine else "hearings-empty-all"), None
    lines = [t(lang, "hearings-title-mine" if mine else "hearings-title-all")]
    kb = InlineKeyboardBuilder()
    calendars = 0
    for case, h in found:
        when = spell_date(h.local_date, h.local_time, h.tz, lang)
        key = "hearings-line-moved" if h.status == "postponed" else "hearings-line"
        line = t(lang, key, name=case.display_name(lang), when=when)
        n = (going or {}).get(h.id, 0)
        lines.append(f"{line} · {t(lang, 'going-count', count=n)}" if n else line)
        court = court_in(h.court, case, lang)
        if court:
            lines.append(t(lang, "ann-court", court=court))
        if calendars < CALENDAR_BUTTONS:
            calendars += 1
            label = f"📅 {case.display_name(lang)}: {spell_date(h.local_date, None, h.tz, lang)}"
            kb.button(text=label, callback_data=AnnCb(act=AnnAct.ICS, slug=case.slug, h=h.id))
    kb.adjust(1)
    return "\n".join(lines), kb.as_markup()


PAST_WORDS = ("past", "прошедшие", "прошлые", "прошедшие заседания", "өткен")


def past_screen(lang: str, mine: bool, found: list[tuple[Case, Hearing]]) -> str:
    if not found:
        return t(lang, "hearings-past-empty")
    lines = [t(lang, "hearings-past-title-mine" if mine else "hearings-past-title-all")]
    lines += [t(lang, "hearings-line", name=case.display_name(lang), when=spell_past_date(h.local_date, lang))
              for case, h in found]
    return "\n".join(lines)


async def cmd_hearings(
    message: Message, command: CommandObject, lang: str, store: Store, clock: Clock, cases: CaseDirectory
) -> None:
    if (command.args or "").strip().lower() in PAST_WORDS:
        mine, found = await past_hearings(store, clock, cases, message.chat.id)
        await message.answer(past_screen(lang, mine, found))
        return
    mine, found = await upcoming_hearings(store, clock, cases, message.chat.id)
    text, markup = hearings_screen(lang, mine, found, await going_counts(store, [h.id for _, h in found]))
    await message.answer(text + "\n\n" + t(lang, "hearings-past-hint"), reply_markup=markup)


def router() -> Router:
    r = Router(name="hearings")
    r.message.register(cmd_hearings, Command("hearings"))
    return r
