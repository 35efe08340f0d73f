"""Screens the user commands show: the case card, the case list, my cases."""

from __future__ import annotations

import math

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.following import Followed
from bot.i18n import escape, t
from handlers.callbacks import CaseCb, PageCb
from storage.api import Case, Level

PAGE_SIZE = 8


def level_name(lang: str, level: Level) -> str:
    return t(lang, f"level-{level}")


def card_text(lang: str, case: Case, level: Level | None) -> str:
    lines = [t(lang, "case-card", name=case.display_name(lang), status=t(lang, f"status-{case.status}"))]
    if case.court:
        lines.append(t(lang, "case-court", court=case.court))
    description = case.describe(lang)
    if description:
        lines += ["", escape(description)]
    if case.links:
        lines += ["", t(lang, "case-links")]
        lines += [f'• <a href="{escape(link)}">{escape(_short(link))}</a>' for link in case.links]
    lines += ["", t(lang, "case-following", level=level_name(lang, level)) if level else t(lang, "case-not-following")]
    return "\n".join(lines)


def _short(url: str) -> str:
    bare = url.split("://", 1)[-1]
    return bare if len(bare) <= 48 else bare[:47] + "…"


def card_keyboard(lang: str, case: Case, level: Level | None) -> InlineKeyboardMarkup:
    row = []
    if level != "all":
        row.append(_btn(t(lang, "btn-follow-all"), CaseCb(act="all", slug=case.slug)))
    if level != "hearings":
        row.append(_btn(t(lang, "btn-follow-hearings"), CaseCb(act="hrg", slug=case.slug)))
    rows = [row]
    if level is not None:
        rows.append([_btn(t(lang, "btn-unfollow"), CaseCb(act="off", slug=case.slug))])
    rows.append([_btn(t(lang, "btn-cases"), PageCb(page=0))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def list_pages(count: int) -> int:
    return max(1, math.ceil(count / PAGE_SIZE))


def list_screen(
    lang: str, cases: list[Case], following: dict[int, Level], page: int
) -> tuple[str, InlineKeyboardMarkup | None]:
    if not cases:
        return t(lang, "cases-empty"), None
    pages = list_pages(len(cases))
    page = min(max(page, 0), pages - 1)
    rows = []
    for case in cases[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]:
        followed = case.id in following
        rows.append([
            _btn(case.display_name(lang), CaseCb(act="open", slug=case.slug, src="list", page=page)),
            _btn("✅" if followed else "➕", CaseCb(act="off" if followed else "all", slug=case.slug, src="list", page=page)),
        ])
    if pages > 1:
        nav = []
        if page > 0:
            nav.append(_btn(t(lang, "btn-prev"), PageCb(page=page - 1)))
        nav.append(InlineKeyboardButton(text=f"{page + 1}/{pages}", callback_data=PageCb(page=page).pack()))
        if page < pages - 1:
            nav.append(_btn(t(lang, "btn-next"), PageCb(page=page + 1)))
        rows.append(nav)
    return t(lang, "cases-title", page=page + 1, pages=pages), InlineKeyboardMarkup(inline_keyboard=rows)


def my_screen(lang: str, items: list[Followed]) -> tuple[str, InlineKeyboardMarkup | None]:
    if not items:
        return t(lang, "my-empty"), None
    lines = [t(lang, "my-title")]
    rows = []
    for f in items:
        name = f.case.display_name(lang)
        lines.append(t(lang, "my-line", name=name, level=level_name(lang, f.level)))
        other: Level = "hearings" if f.level == "all" else "all"
        rows.append([
            _btn(f"{name}: {level_name(lang, other)}", CaseCb(act="hrg" if other == "hearings" else "all", slug=f.case.slug, src="my")),
            _btn("🔕", CaseCb(act="off", slug=f.case.slug, src="my")),
        ])
    return "\n".join(lines), InlineKeyboardMarkup(inline_keyboard=rows)


def pick_keyboard(lang: str, cases: list[Case], act: str) -> InlineKeyboardMarkup:
    """Several cases matched a typed name: one button each."""
    return InlineKeyboardMarkup(
        inline_keyboard=[[_btn(c.display_name(lang), CaseCb(act=act, slug=c.slug, src="pick"))] for c in cases[:10]]
    )


def _btn(text: str, data: CaseCb | PageCb) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data.pack())
