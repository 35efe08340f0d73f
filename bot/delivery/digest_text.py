"""A daily digest as the chat reads it: the day, then each case's news, one line an item, each a link.

Pure, like `render.compose`: the digest's payload (made by `bot/events/digest_tick.py`, with each case's
name in every language) and a language give the message. The payload's parts were cut to fit; a text that
still runs over Telegram's limit (a much longer language than estimated) is cut at a line.
"""

from __future__ import annotations

import html
from typing import Any

from bot.delivery.model import Outgoing
from bot.delivery.render import TELEGRAM_LIMIT, cut_at_sentence, public_link, spell_date, zone_name
from bot.i18n import escape, has, t

ICONS = {"statement": "💬", "mention": "📰", "update": "📢"}


def digest_zone(lang: str, tz: str) -> str:
    """A zone a chat chose, as people name it ("Kazakhstan" for the country's one zone)."""
    key = "digest-zone-" + tz.lower().replace("/", "-").replace("_", "-")
    return t(lang, key) if has(lang, key) else zone_name(tz, lang)


def _item_line(item: dict[str, Any]) -> str:
    icon = ICONS.get(str(item.get("kind")), "•")
    text = escape(str(item.get("summary") or "…"))
    link = public_link(item.get("link"))
    if link:
        text = f'<a href="{html.escape(link, quote=True)}">{text}</a>'
    return f"{icon} {text}"


def digest_text(payload: dict[str, Any], lang: str) -> str:
    tz = str(payload.get("tz") or "UTC")
    day = str(payload["day"])
    lines = [t(lang, "digest-title", when=spell_date(day, None, tz, lang))]
    parts = int(payload.get("parts") or 1)
    if parts > 1:
        lines[0] += " " + t(lang, "digest-part", part=int(payload.get("part") or 1), parts=parts)
    names: dict[str, dict[str, str]] = dict(payload.get("cases") or {})
    current: object = object()
    for item in payload.get("items") or []:
        case = item.get("case")
        if case != current:
            current = case
            forms = names.get(str(case)) or {}
            name = forms.get(lang) or forms.get("ru") or ""
            lines += ["", f"<b>{escape(name)}</b>" if name else t(lang, "digest-no-case")]
        lines.append(_item_line(item))
    if int(payload.get("part") or 1) == parts and payload.get("hour") is not None:
        lines += ["", t(lang, "digest-footer", time=f"{int(payload['hour']):02d}:00", zone=digest_zone(lang, tz))]
    return cut_at_sentence("\n".join(lines), TELEGRAM_LIMIT)


def compose_digest(payload: dict[str, Any], lang: str) -> Outgoing:
    """The digest message; in a group with topics, to the topic its cases are bound to."""
    thread = payload.get("thread")
    return Outgoing(text=digest_text(payload, lang), message_thread_id=int(thread) if thread else None)
