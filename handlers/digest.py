"""/settings → daily digest: news at once or once a day, the hour and the time zone."""

from __future__ import annotations

from datetime import datetime

from aiogram import Bot, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.clock import Clock, zone
from bot.config import Settings
from bot.delivery.digest_text import digest_zone
from bot.delivery.sender import Sender
from bot.events.digests import OFFERED_ZONES
from bot.i18n import t
from bot.people import digest_settings, preferences
from bot.people.digest_settings import DigestView
from bot.telegram.callbacks import DigestAct, DigestCb
from handlers.rights import managed_message
from handlers.settings import settings_screen
from storage.api import Store

HOURS_PER_ROW = 6
ZONES_PER_ROW = 3


def utc_offset(tz: str, now: datetime) -> str:
    """'UTC+5', 'UTC+5:30', 'UTC−1', 'UTC+0' for the zone at `now`."""
    delta = now.astimezone(zone(tz)).utcoffset()
    minutes = int(delta.total_seconds() // 60) if delta is not None else 0
    sign = "+" if minutes >= 0 else "−"
    h, m = divmod(abs(minutes), 60)
    return f"UTC{sign}{h}" + (f":{m:02d}" if m else "")


def zone_label(lang: str, tz: str, now: datetime) -> str:
    """'Kazakhstan (UTC+5)'; UTC alone as itself."""
    return "UTC" if tz == "UTC" else f"{digest_zone(lang, tz)} ({utc_offset(tz, now)})"


def digest_screen(lang: str, view: DigestView, now: datetime) -> tuple[str, InlineKeyboardMarkup]:
    s = view.setting
    lines = [t(lang, "digest-screen-title"), t(lang, "digest-screen-explain"), ""]
    if s is None:
        lines.append(t(lang, "digest-now-off"))
    else:
        lines.append(t(lang, "digest-now-on", time=f"{s.hour:02d}:00", zone=zone_label(lang, s.timezone, now)))
        if view.held:
            lines.append(t(lang, "digest-waiting", count=view.held))
    kb = InlineKeyboardBuilder()
    kb.button(text=("✅ " if s is None else "") + t(lang, "btn-digest-off"), callback_data=DigestCb(act=DigestAct.OFF))
    kb.button(text=("✅ " if s is not None else "") + t(lang, "btn-digest-on"), callback_data=DigestCb(act=DigestAct.ON))
    sizes = [2]
    if s is not None:
        for hour in range(24):
            mark = "✅" if hour == s.hour else ""
            kb.button(text=f"{mark}{hour:02d}:00", callback_data=DigestCb(act=DigestAct.HOUR, v=hour))
        sizes += [HOURS_PER_ROW] * (24 // HOURS_PER_ROW)
        for tz in OFFERED_ZONES:
            mark = "✅ " if tz == s.timezone else ""
            kb.button(text=mark + zone_label(lang, tz, now), callback_data=DigestCb(act=DigestAct.ZONE, z=tz))
        sizes += [ZONES_PER_ROW] * -(-len(OFFERED_ZONES) // ZONES_PER_ROW)
    kb.button(text=t(lang, "btn-digest-back"), callback_data=DigestCb(act=DigestAct.BACK))
    kb.adjust(*sizes, 1)
    return "\n".join(lines), kb.as_markup()


async def _redraw(msg: Message, text: str, markup: InlineKeyboardMarkup) -> None:
    try:
        await msg.edit_text(text, reply_markup=markup)
    except TelegramBadRequest as exc:
        if "message is not modified" not in str(exc):
            raise


async def on_digest(
    query: CallbackQuery, callback_data: DigestCb, lang: str, store: Store, clock: Clock, settings: Settings,
    bot: Bot, sender: Sender | None = None,
) -> None:
    msg = await managed_message(query, lang, bot)
    if msg is None:
        return
    act = callback_data.act
    if act == DigestAct.BACK:
        chat = await preferences.load(store, clock, chat_id=msg.chat.id, chat_type=msg.chat.type, lang=lang)
        await _redraw(msg, *settings_screen(lang, chat, settings))
        await query.answer()
        return
    if act == DigestAct.OPEN:
        view = await digest_settings.load(store, clock, msg.chat.id)
    else:
        view = await digest_settings.change(store, clock, settings, chat_id=msg.chat.id, chat_type=msg.chat.type,
                                            lang=lang, act=act.value, hour=callback_data.v, zone=callback_data.z)
        if view.released and sender is not None:
            sender.wake()  # what was held goes out now
    await _redraw(msg, *digest_screen(lang, view, clock.now()))
    if view.released:
        await query.answer(t(lang, "digest-released", count=view.released))
    else:
        await query.answer(t(lang, "settings-saved") if act != DigestAct.OPEN else None)


def router() -> Router:
    r = Router(name="digest")
    r.callback_query.register(on_digest, DigestCb.filter())
    return r
