"""Screens the user commands show: the case card, the case list, my cases."""

from __future__ import annotations

import math
from datetime import datetime
from urllib.parse import quote, urlencode

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.cases.grammar import name_forms
from bot.clock import Clock, zone
from bot.config import Settings
from bot.delivery.render import spell_date, spell_past_date, visible_text
from bot.events.kinds import Correction, Mention, PayloadError, Statement, StatusChange, Update, decode
from bot.i18n import escape, has, t
from bot.letters.card import with_write_button
from bot.letters.service import letters_of
from bot.people.cards import CardFacts, card_facts
from bot.people.following import Followed
from bot.telegram.callbacks import CaseAct, CaseCb, PageCb
from bot.telegram.links import case_link
from bot.web.links import calendar_link
from storage.api import Store
from storage.models import Announcement, Case, Level

PAGE_SIZE = 8


def level_name(lang: str, level: Level) -> str:
    return t(lang, f"level-{level}")


def card_text(
    lang: str, case: Case, level: Level | None, facts: CardFacts | None = None, calendar: str | None = None
) -> str:
    """The case card: who, status, court and its address in the reader's language, the description, the next
    hearing, the last few past ones and the latest news (when `facts` are given), links, the calendar feed to
    subscribe to (when there is one), the reader's level."""
    lines = [t(lang, "case-card", name=case.display_name(lang), status=t(lang, f"status-{case.status}"))]
    court = case.court_in(lang)
    if court:
        lines.append(t(lang, "case-court", court=court))
    address = case.address_in(lang)
    if address:
        lines.append(t(lang, "case-address", address=address))
    description = case.describe(lang)
    if description:
        lines += ["", escape(description)]
    if facts is not None:
        lines += _facts_lines(lang, case, facts)
    if case.links:
        lines += ["", t(lang, "case-links")]
        lines += [f'• <a href="{escape(link)}">{escape(_short(link))}</a>' for link in case.links]
    if calendar:
        lines += ["", t(lang, "case-calendar", link=calendar)]
    lines += ["", t(lang, "case-following", level=level_name(lang, level)) if level else t(lang, "case-not-following")]
    return "\n".join(lines)


def _facts_lines(lang: str, case: Case, facts: CardFacts) -> list[str]:
    lines: list[str] = []
    if facts.next_hearing is not None:
        h = facts.next_hearing
        line = t(lang, "case-next-hearing", when=spell_date(h.local_date, h.local_time, h.tz, lang))
        if facts.next_going:
            line += " · " + t(lang, "going-count", count=facts.next_going)
        lines += ["", line]
    if facts.past:
        if facts.next_hearing is None:
            lines.append("")
        lines.append(t(lang, "case-past-hearings"))
        lines += [t(lang, "case-past-line", when=spell_past_date(h.local_date, lang)) for h in facts.past]
    if facts.news is not None:
        text = news_summary(lang, facts.news)
        if text:
            day = datetime.fromtimestamp(facts.news.created_at, zone(case.timezone)).date().isoformat()
            lines += ["", t(lang, "case-latest-news", when=spell_past_date(day, lang), text=text)]
    return lines


def news_summary(lang: str, ann: Announcement, limit: int = 160) -> str:
    """One announcement as a line of plain text: its title, else the start of its text."""
    try:
        p = decode(ann.kind, ann.payload)
    except PayloadError:
        return ""  # a row this version cannot read: the card shows no news line rather than a wrong one
    match p:
        case StatusChange(new_status=status):
            key = f"status-{status}"
            return visible_text(t(lang, "case-news-status", status=t(lang, key))) if has(lang, key) else ""
        case Update() | Correction():
            raw = visible_text(p.text_html)
        case Statement() | Mention():
            raw = p.title or p.excerpt
        case _:
            return ""
    raw = " ".join(raw.split())
    if len(raw) <= limit:
        return raw
    cut = raw[:limit].rsplit(" ", 1)[0]
    return cut + " …"


def share_url(lang: str, case: Case, bot_username: str) -> str:
    """Telegram's share link: the case's deep link with one line in the reader's language."""
    text = visible_text(t(lang, "share-text", **name_forms(case, lang)))
    return "https://t.me/share/url?" + urlencode(
        {"url": case_link(bot_username, case.slug), "text": text}, quote_via=quote)


def _short(url: str) -> str:
    bare = url.split("://", 1)[-1]
    return bare if len(bare) <= 48 else bare[:47] + "…"


def card_keyboard(lang: str, case: Case, level: Level | None, bot_username: str | None = None) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    follow = []
    if level != "all":
        follow.append(_btn(t(lang, "btn-follow-all"), CaseCb(act=CaseAct.ALL, slug=case.slug)))
    if level != "hearings":
        follow.append(_btn(t(lang, "btn-follow-hearings"), CaseCb(act=CaseAct.HEARINGS, slug=case.slug)))
    kb.row(*follow)
    if level is not None:
        kb.row(_btn(t(lang, "btn-unfollow"), CaseCb(act=CaseAct.OFF, slug=case.slug)))
    last = [_btn(t(lang, "btn-cases"), PageCb(page=0))]
    if bot_username:
        last.append(InlineKeyboardButton(text=t(lang, "btn-share"), url=share_url(lang, case, bot_username)))
    kb.row(*last)
    return kb.as_markup()


async def case_card(
    lang: str, case: Case, level: Level | None, store: Store, clock: Clock, bot: Bot, settings: Settings
) -> tuple[str, InlineKeyboardMarkup]:
    """The full card as a reader sees it: with its hearings and news, its calendar feed, and a share button."""
    facts = await card_facts(store, clock, case)
    text = card_text(lang, case, level, facts, calendar=calendar_link(settings, case, lang))
    markup = card_keyboard(lang, case, level, await bot_username(bot))
    return text, with_write_button(lang, case, markup, await letters_of(store, case))


async def bot_username(bot: Bot) -> str | None:
    """The bot's own username (getMe, asked once and kept by aiogram); None if Telegram cannot say now."""
    try:
        return (await bot.me()).username
    except (TelegramAPIError, OSError, TimeoutError):
        return None


def list_pages(count: int) -> int:
    return max(1, math.ceil(count / PAGE_SIZE))


def list_screen(
    lang: str, cases: list[Case], following: dict[int, Level], page: int
) -> tuple[str, InlineKeyboardMarkup | None]:
    if not cases:
        return t(lang, "cases-empty"), None
    pages = list_pages(len(cases))
    page = min(max(page, 0), pages - 1)
    kb = InlineKeyboardBuilder()
    for case in cases[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]:
        followed = case.id in following
        kb.button(text=case.display_name(lang), callback_data=CaseCb(act=CaseAct.OPEN, slug=case.slug, src="list", page=page))
        kb.button(text="✅" if followed else "➕",
                  callback_data=CaseCb(act=CaseAct.OFF if followed else CaseAct.ALL, slug=case.slug, src="list", page=page))
    kb.adjust(2)
    if pages > 1:
        nav = []
        if page > 0:
            nav.append(_btn(t(lang, "btn-prev"), PageCb(page=page - 1)))
        nav.append(_btn(f"{page + 1}/{pages}", PageCb(page=page)))
        if page < pages - 1:
            nav.append(_btn(t(lang, "btn-next"), PageCb(page=page + 1)))
        kb.row(*nav)
    return t(lang, "cases-title", page=page + 1, pages=pages), kb.as_markup()


def my_screen(lang: str, items: list[Followed]) -> tuple[str, InlineKeyboardMarkup | None]:
    if not items:
        return t(lang, "my-empty"), None
    lines = [t(lang, "my-title")]
    kb = InlineKeyboardBuilder()
    for f in items:
        name = f.case.display_name(lang)
        lines.append(t(lang, "my-line", name=name, level=level_name(lang, f.level)))
        other: Level = "hearings" if f.level == "all" else "all"
        switch = CaseAct.HEARINGS if other == "hearings" else CaseAct.ALL
        kb.button(text=f"{name}: {level_name(lang, other)}", callback_data=CaseCb(act=switch, slug=f.case.slug, src="my"))
        kb.button(text="🔕", callback_data=CaseCb(act=CaseAct.OFF, slug=f.case.slug, src="my"))
    kb.adjust(2)
    return "\n".join(lines), kb.as_markup()


def pick_keyboard(lang: str, cases: list[Case], act: CaseAct) -> InlineKeyboardMarkup:
    """Several cases matched a typed name: one button each."""
    kb = InlineKeyboardBuilder()
    for c in cases[:10]:
        kb.button(text=c.display_name(lang), callback_data=CaseCb(act=act, slug=c.slug, src="pick"))
    kb.adjust(1)
    return kb.as_markup()


def _btn(text: str, data: CaseCb | PageCb) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data.pack())
