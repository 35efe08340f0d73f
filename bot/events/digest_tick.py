"""The digest tick: at a chat's hour, its held news becomes one digest message (or a few, when long).

Every minute the tick looks for chats whose held rows are due. For each, in one transaction: the held rows
are read again, put into digest announcements (one per forum topic they go to; split into parts that fit a
Telegram message), each queued for the chat alone, and marked sent; the chat's `last_day` is set. A crash
before the commit leaves everything held for the next tick; after it, the digests are ordinary outbox rows.
The dedupe key `d:<keyed hash of chat and day>:<topic>:<part>` and `last_day` make it one digest a day
whatever happens: rows due on a day that already had its digest wait for the next one.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Sequence

from bot.cases.directory import CaseDirectory
from bot.clock import Clock
from bot.errors import describe
from bot.events.announce import announce
from bot.events.digests import local_day, next_digest_at
from bot.events.kinds import Digest, DigestItem, Mention, Statement, Update, decode
from bot.i18n import LANGUAGES
from storage.api import Store, Tx
from storage.models import PRIORITY_BROADCAST, Announcement, Case

log = logging.getLogger(__name__)

SUMMARY_LIMIT = 280  # visible characters of one item: its title, else the start of its text
# A part's budget in visible characters, by the generous estimate `item_room` makes; the rest of the 4096
# Telegram allows is the heading, the part number and the footer in the longest language.
PART_BUDGET = 3400
ITEM_OVERHEAD = 24  # the icon, the link's markup and the line break, in any language
CASE_OVERHEAD = 8  # a case's heading line around its name


def _plain(text_html: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", text_html))


def _shorten(raw: str, limit: int) -> str:
    raw = " ".join(raw.split())
    if len(raw) <= limit:
        return raw
    return raw[: limit - 2].rsplit(" ", 1)[0] + " …"


def item_of(ann: Announcement, limit: int = SUMMARY_LIMIT) -> DigestItem | None:
    """One held announcement as a digest line: its title, else the start of its excerpt or text, cut at a
    word; None for a kind a digest does not hold."""
    match decode(ann.kind, ann.payload):
        case Statement() | Mention() as p:
            return DigestItem(kind=ann.kind, case=ann.case_id, summary=_shorten(p.title or p.excerpt, limit),
                              link=p.link, at=ann.created_at)
        case Update() as p:
            return DigestItem(kind=ann.kind, case=ann.case_id, summary=_shorten(_plain(p.text_html), limit),
                              link=None, at=ann.created_at)
        case _:
            return None


def names_of(case: Case) -> dict[str, str]:
    return {lang: case.display_name(lang) for lang in LANGUAGES}


def _heading(names: dict[str, dict[str, str]], case: int | None) -> int:
    return max((len(n) for n in names.get(str(case), {}).values()), default=0) + CASE_OVERHEAD


def split_parts(items: Sequence[DigestItem], names: dict[str, dict[str, str]]) -> list[list[DigestItem]]:
    """Items in order, cut into parts that each fit one message."""
    parts: list[list[DigestItem]] = [[]]
    used = 0
    seen: set[int | None] = set()
    for item in items:
        room = len(item.summary) + ITEM_OVERHEAD + (0 if item.case in seen else _heading(names, item.case))
        if parts[-1] and used + room > PART_BUDGET:
            parts.append([])
            seen = set()
            used = 0
            room = len(item.summary) + ITEM_OVERHEAD + _heading(names, item.case)
        parts[-1].append(item)
        seen.add(item.case)
        used += room
    return parts


async def digest_tick(store: Store, clock: Clock, cases: CaseDirectory) -> int:
    """Compose the digests that are due; returns how many messages were queued (or released)."""
    now = clock.timestamp()
    async with store.transaction() as tx:
        released = await tx.digests.release_orphans(now)
    async with store.read() as tx:
        chats = await tx.digests.due_chats(now)
    queued = released
    for chat_id in chats:
        try:
            async with store.transaction() as tx:
                queued += await _digest_for(tx, clock, cases, chat_id, now)
        except Exception as exc:  # one chat's failure must not hold back the others; its rows stay held
            log.error("digest for a chat failed: %s", describe(exc))
    return queued


async def _digest_for(tx: Tx, clock: Clock, cases: CaseDirectory, chat_id: int, now: int) -> int:
    rows = await tx.digests.due_for_chat(chat_id, now)
    if not rows:
        return 0
    ids = [r.outbox_id for r in rows]
    setting = await tx.digests.get(chat_id)
    if setting is None:  # the chat went back to immediate messages meanwhile
        await tx.digests.release_rows(ids, now)
        return 0
    chat = await tx.chats.get(chat_id)
    if chat is None or not chat.active:
        await tx.digests.cancel(ids, "chat inactive")
        return 0
    day = local_day(setting.timezone, now)
    if setting.last_day == day:
        await tx.digests.postpone(ids, next_digest_at(setting, now))
        return 0
    threads = {b.case_id: b.thread_id for b in await tx.topics.for_chat(chat_id)}
    # Held news is still only for "everything" followers of its case (and mentions for chats that want them).
    wanted = {sub.case_id for sub in await tx.subscriptions.for_chat(chat_id) if sub.level == "all"}
    groups: dict[int | None, list[DigestItem]] = {}
    names: dict[str, dict[str, str]] = {}
    dropped: set[int] = set()
    for row in rows:
        ann = await tx.announcements.get(row.announcement_id)
        if ann is None:
            continue
        item = item_of(ann)
        if item is None or ann.case_id not in wanted or (ann.kind == Mention.KIND and not chat.news_mentions):
            dropped.add(row.outbox_id)
            continue
        case = await _case(tx, cases, ann.case_id)
        if case is not None:
            names[str(case.id)] = names_of(case)
        groups.setdefault(threads.get(ann.case_id) if ann.case_id is not None else None, []).append(item)
    key = tx.digests.day_key(chat_id, day)
    queued = 0
    for thread, items in groups.items():
        parts = split_parts(items, names)
        for n, part in enumerate(parts, start=1):
            used = {str(i.case) for i in part}
            payload = Digest(day=day, tz=setting.timezone, hour=setting.hour, part=n, parts=len(parts),
                             thread=thread, items=tuple(part),
                             cases={k: v for k, v in names.items() if k in used})
            result = await announce(tx, clock, payload=payload, case=None, chat_ids=[chat_id],
                                    dedupe_key=f"d:{key}:{thread or 0}:{n}", priority=PRIORITY_BROADCAST)
            queued += result.queued
    if dropped:
        await tx.digests.cancel(sorted(dropped), "no longer followed")
    if not groups:
        return 0  # nothing left to say: no digest, and the day stays open for one
    await tx.digests.settle([i for i in ids if i not in dropped], now)
    await tx.digests.set_last_day(chat_id, day)
    return queued


async def _case(tx: Tx, cases: CaseDirectory, case_id: int | None) -> Case | None:
    if case_id is None:
        return None
    return cases.by_id(case_id) or await tx.cases.get_by_id(case_id)

