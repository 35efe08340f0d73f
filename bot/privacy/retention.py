"""How long what names people is kept: closed cases let their followers go; chats that left are deleted.

A case is closed when its status is released or acquitted, or sentenced with no hearing ahead. Once it has
been closed for CLOSED_CASE_DAYS, its followers are told once; when that message has gone out, the case's
subscriptions and delivery rows are deleted, and a new period begins (anyone who follows it later is told
in turn). A case that opens again (an appeal, a new hearing) starts over. Chats that blocked the bot, or
left a group, are deleted INACTIVE_CHAT_DAYS after Telegram said so. Every instant comes from the clock.
"""

from __future__ import annotations

import logging
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.config import Settings
from bot.events.announce import announce
from bot.events.kinds import CaseClosed
from storage.api import Store, Tx
from storage.models import LEVELS, Case

log = logging.getLogger(__name__)

CLOSED_STATUSES = ("released", "acquitted")
DAY_S = 86400


async def is_closed(tx: Tx, clock: Clock, case: Case) -> bool:
    if case.status in CLOSED_STATUSES:
        return True
    if case.status != "sentenced":
        return False
    today = datetime.fromtimestamp(clock.timestamp(), ZoneInfo(case.timezone)).date().isoformat()
    return not await tx.hearings.upcoming(from_date=today, case_ids=[case.id], limit=1)


async def retention_tick(store: Store, clock: Clock, settings: Settings) -> dict[str, int]:
    """One pass over every case and the inactive chats, in one transaction. Counts what it did."""
    now = clock.timestamp()
    counts = {"told": 0, "subscriptions": 0, "outbox": 0, "chats": 0}
    async with store.transaction() as tx:
        for case in await tx.cases.list(public_only=False):
            since, told = await tx.cases.closure(case.id)
            if not await is_closed(tx, clock, case):
                if since is not None:
                    await tx.cases.set_closure(case.id, None, None)
                continue
            if since is None:
                await tx.cases.set_closure(case.id, now, None)
                continue
            if now - since < settings.closed_case_days * DAY_S:
                continue
            key = f"closed:{case.id}:{since}"
            if told is None:
                followers = [f.chat_id for f in await tx.announcements.followers(case.id, LEVELS)]
                result = await announce(
                    tx, clock, payload=CaseClosed(days=settings.closed_case_days), case=case,
                    min_level="hearings", dedupe_key=key, chat_ids=followers,
                )
                await tx.cases.set_closure(case.id, since, now)
                counts["told"] += result.queued
                continue
            farewell = await tx.announcements.by_key(key)
            if farewell is not None and await tx.announcements.unfinished(farewell.id):
                continue  # not everyone has been told yet
            counts["subscriptions"] += await tx.subscriptions.drop_case(case.id)
            counts["outbox"] += await tx.outbox.drop_for_case(case.id)
            await tx.cases.set_closure(case.id, now, None)
        counts["chats"] = await tx.chats.prune_inactive(now - settings.inactive_chat_days * DAY_S)
    if any(counts.values()):
        log.info("retention %s", counts)
    return counts
