"""A chat's choice between news at once and one daily digest, its hour and its zone (/settings → digest)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock
from bot.config import Settings
from bot.events.digests import DEFAULT_HOUR, OFFERED_ZONES, next_digest_at
from storage.api import Store, Tx
from storage.models import DigestSetting


@dataclass(frozen=True)
class DigestView:
    """What the digest screen shows: the setting (None: news at once), rows waiting, the next digest."""

    setting: DigestSetting | None
    held: int = 0
    next_at: int | None = None
    released: int = 0  # rows sent on their way by this change (back to news at once)


def default_zone(settings: Settings) -> str:
    return settings.default_timezone if settings.default_timezone in OFFERED_ZONES else OFFERED_ZONES[0]


async def load(store: Store, clock: Clock, chat_id: int) -> DigestView:
    async with store.read() as tx:
        setting = await tx.digests.get(chat_id)
        held = await tx.digests.held_count(chat_id) if setting is not None else 0
    return _view(setting, held, clock.timestamp())


async def change(
    store: Store, clock: Clock, settings: Settings, *, chat_id: int, chat_type: str, lang: str, act: str,
    hour: int = 0, zone: str = "",
) -> DigestView:
    """Apply one press: `on` (digest at the current or default hour and zone), `off` (news at once: every
    held row goes out now), `hour` or `zone` (held rows move to the new moment). Returns the new state."""
    now = clock.timestamp()
    released = 0
    async with store.transaction() as tx:
        await tx.chats.ensure(chat_id, chat_type, lang, now)
        current = await tx.digests.get(chat_id)
        if act == "off":
            await tx.digests.drop(chat_id)
            released = await tx.digests.release(chat_id, now)
        elif act in ("on", "hour", "zone"):
            new_hour = current.hour if current is not None else DEFAULT_HOUR
            new_zone = current.timezone if current is not None else default_zone(settings)
            if act == "hour" and 0 <= hour <= 23:
                new_hour = hour
            if act == "zone" and zone in OFFERED_ZONES:
                new_zone = zone
            await tx.digests.choose(chat_id, new_hour, new_zone, now)
            await _reschedule(tx, chat_id, now)
        setting = await tx.digests.get(chat_id)
        held = await tx.digests.held_count(chat_id) if setting is not None else 0
    view = _view(setting, held, now)
    return DigestView(view.setting, view.held, view.next_at, released)


async def _reschedule(tx: Tx, chat_id: int, now: int) -> None:
    setting = await tx.digests.get(chat_id)
    if setting is not None:
        await tx.digests.reschedule(chat_id, next_digest_at(setting, now))


def _view(setting: DigestSetting | None, held: int, now: int) -> DigestView:
    return DigestView(setting, held, next_digest_at(setting, now) if setting is not None else None)
