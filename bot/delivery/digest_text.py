"""A daily digest as the chat reads it: the day, then each case's news, one line an item, each a link.

`render` hands a `Digest` payload here (made by `bot/events/digest_tick.py`, with each case's name in every
language) and cuts the result to Telegram's limit, as every text; the tick already split the items into
parts that fit.
"""

from __future__ import annotations

import html

from bot.delivery.render import public_link, spell_date, zone_name
from bot.events.kinds import Digest, DigestItem, Mention, Statement, Update
from bot.i18n import escape, has, t

ICONS: dict[str, str] = {Statement.KIND: "💬", Mention.KIND: "📰", Update.KIND: "📢"}


def digest_zone(lang: str, tz: str) -> str:
    """A zone a chat chose, as people name it ("Kazakhstan" for the country's one zone)."""
    key = "digest-zone-" + tz.lower().replace("/", "-").replace("_", "-")
    return t(lang, key) if has(lang, key) else zone_name(tz, lang)


def _item_line(item: DigestItem) -> str:
    icon = ICONS.get(item.kind, "•")
    text = escape(item.summary or "…")
    link = public_link(item.link)
    if link:
        text = f'<a href="{html.escape(link, quote=True)}">{text}</a>'
    return f"{icon} {text}"


def digest_lines(p: Digest, lang: str) -> list[str]:
    title = t(lang, "digest-title", when=spell_date(p.day, None, p.tz, lang))
    if p.parts > 1:
        title += " " + t(lang, "digest-part", part=p.part, parts=p.parts)
    lines = [title]
    current: object = object()
    for item in p.items:
        if item.case != current:
            current = item.case
            forms = p.cases.get(str(item.case)) or {}
            name = forms.get(lang) or forms.get("ru") or ""
            lines += ["", f"<b>{escape(name)}</b>" if name else t(lang, "digest-no-case")]
        lines.append(_item_line(item))
    if p.part == p.parts and p.hour is not None:
        lines += ["", t(lang, "digest-footer", time=f"{p.hour:02d}:00", zone=digest_zone(lang, p.tz))]
    return lines
