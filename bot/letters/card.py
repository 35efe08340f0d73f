"""The letters card as a reader sees it, in their language, and the "✉️ Write" button that opens it."""

from __future__ import annotations

from urllib.parse import urlsplit

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.cases.grammar import name_forms
from bot.i18n import Raw, escape, t
from bot.letters.fields import birthday_parts
from bot.telegram.callbacks import WriteCb
from storage.models import Case, Letters


def in_reader_language(lang: str, ru: str | None, en: str | None, kk: str | None) -> str | None:
    """The text in the reader's language, else Russian, else English (Kazakh last for the others)."""
    by_lang = {"ru": ru, "en": en, "kk": kk}
    for candidate in (lang, "ru", "en", "kk"):
        if by_lang.get(candidate):
            return by_lang[candidate]
    return None


def day_of_year(lang: str, stored: str) -> str:
    """A stored birthday as the reader says a day of the year: "14 марта", "14 March", "14 наурыз"."""
    _, month, day = birthday_parts(stored)
    return t(lang, "letters-day", day=str(day), month=t(lang, f"month-{month}"))


def service_label(letters: Letters) -> str:
    """The service's name as shown with its link: the admin's name for it, else the link's host."""
    if letters.service_name:
        return letters.service_name
    return urlsplit(letters.service_url or "").hostname or (letters.service_url or "")


def card_lines(lang: str, case: Case, letters: Letters) -> list[str]:
    """The card's lines, every value escaped: address, rules, the electronic-letter service, the birthday."""
    lines = [t(lang, "letters-title", **name_forms(case, lang))]
    address = in_reader_language(lang, letters.address, letters.address_en, letters.address_kk)
    if address:
        lines += ["", t(lang, "letters-address"), escape(address)]
    rules = in_reader_language(lang, letters.rules, letters.rules_en, letters.rules_kk)
    if rules:
        lines += ["", t(lang, "letters-rules"), escape(rules)]
    url = letters.service_url
    if url and url.startswith("https://"):
        link = Raw(f'<a href="{escape(url).replace(chr(34), "&quot;")}">{escape(service_label(letters))}</a>')
        lines += ["", t(lang, "letters-service", link=link)]
    if letters.birthday:
        lines += ["", t(lang, "letters-birthday", day=day_of_year(lang, letters.birthday))]
    return lines


def card_text(lang: str, case: Case, letters: Letters | None) -> str:
    """The whole card; a case without one says so."""
    if letters is None or not letters.has_card:
        return t(lang, "letters-none", **name_forms(case, lang))
    return "\n".join(card_lines(lang, case, letters))


def with_write_button(
    lang: str, case: Case, markup: InlineKeyboardMarkup, letters: Letters | None
) -> InlineKeyboardMarkup:
    """A case card's buttons with "✉️ Write" above the last row, when the case has a letters card."""
    if letters is None or not letters.has_card:
        return markup
    rows = list(markup.inline_keyboard)
    return InlineKeyboardMarkup(inline_keyboard=[*rows[:-1], [write_button(lang, case)], *rows[-1:]])


def write_button(lang: str, case: Case) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=t(lang, "btn-write"), callback_data=WriteCb(slug=case.slug).pack())


def write_keyboard(lang: str, cases: list[Case]) -> InlineKeyboardMarkup:
    """One "✉️ <whom>" button per case (the name as "write to" needs it), each opening that case's card."""
    rows = []
    for case in cases[:10]:
        # A button's label is plain text, never parsed as HTML: the name goes in unescaped.
        whom = Raw(name_forms(case, lang)["name_dat"])
        rows.append([InlineKeyboardButton(text=t(lang, "btn-write-to", name_dat=whom),
                                          callback_data=WriteCb(slug=case.slug).pack())])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def birthday_text(lang: str, case: Case, day: str, age: int | None, card: dict[str, str]) -> list[str]:
    """A birthday reminder's lines: whose birthday, when, "write a postcard", and the card as it stood."""
    names = name_forms(case, lang)
    when = day_of_year(lang, day[5:])
    lines = [t(lang, "letters-birthday-soon-age" if age else "letters-birthday-soon", when=when,
               age=age or 0, **names), t(lang, "letters-postcard")]
    letters = Letters(case_id=case.id, **{k: v for k, v in card.items() if k in _CARD_COLUMNS})
    if letters.has_card:
        lines += card_lines(lang, case, letters)[1:]  # the title is the birthday line here
    return lines


_CARD_COLUMNS = ("address", "address_en", "address_kk", "rules", "rules_en", "rules_kk", "service_url",
                 "service_name")
