"""The reminder tick: for each hearing ahead, queue each follower's reminder once its moment has come.

Nothing is scheduled per reminder: every tick (30 s) recomputes from the tables what is due, so a
restart loses none, and the outbox's UNIQUE (announcement, chat) with the key
`r:<hearing>:r<revision>:<offset>` sends none twice. Rules:
- a timed hearing: the chat's offsets (minutes before; the configured default when it chose none);
- a date-only hearing: 18:00 the evening before and 08:00 the day of, court time (unless the chat
  turned reminders off);
- only while the hearing is active, ahead, and still at the revision that was announced;
- a moment that passed before that revision was announced (or before the chat followed) is skipped;
- when several are due at once (the bot was down), only the nearest to the hearing goes out.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date, timedelta

from bot.clock import Clock
from bot.config import ALLOWED_REMINDERS, Settings
from bot.errors import describe
from bot.events.court_time import is_ahead, local_at
from bot.events.hearings import reminder_notice
from bot.events.kinds import HearingFacts, PayloadError, decode
from storage.api import Store, Tx
from storage.models import LEVELS, PRIORITY_REMINDER, Announcement, Hearing

log = logging.getLogger(__name__)

EVENING = "eve"  # 18:00 the evening before a date-only hearing
MORNING = "morn"  # 08:00 the day of it
EVENING_AT, MORNING_AT = "18:00", "08:00"


def reminder_moments(h: Hearing, offsets: Sequence[int]) -> list[tuple[str, int]]:
    """(key, Unix seconds) of each reminder a chat with these offsets gets for the hearing."""
    if not offsets:
        return []
    if h.local_time is None:
        eve = (date.fromisoformat(h.local_date) - timedelta(days=1)).isoformat()
        return [
            (EVENING, int(local_at(eve, EVENING_AT, h.tz).timestamp())),
            (MORNING, int(local_at(h.local_date, MORNING_AT, h.tz).timestamp())),
        ]
    start = int(local_at(h.local_date, h.local_time, h.tz).timestamp())
    return [(str(o), start - o * 60) for o in sorted(set(offsets), reverse=True)]


def due_reminder(h: Hearing, offsets: Sequence[int], *, since: int, now: int) -> str | None:
    """The key of the one reminder to send now, if any: the nearest to the hearing among those whose
    moment has come and did not pass before `since` (when the chat could first have been told)."""
    if not h.active or not is_ahead(h.local_date, h.local_time, h.tz, now):
        return None
    due = [(moment, key) for key, moment in reminder_moments(h, offsets) if since <= moment <= now]
    return max(due)[1] if due else None


def _window(clock: Clock) -> tuple[str, str]:
    # Court dates lie within a day of the UTC date; reminders reach at most 7 days ahead.
    today = clock.now().date()
    longest = max(ALLOWED_REMINDERS) // 1440 + 1
    return (today - timedelta(days=1)).isoformat(), (today + timedelta(days=longest + 1)).isoformat()


async def reminder_tick(store: Store, clock: Clock, settings: Settings) -> int:
    """Queue every reminder that is due now; returns the outbox rows added."""
    now = clock.timestamp()
    start, end = _window(clock)
    async with store.read() as tx:
        hearings = [h for h in await tx.hearings.active_between(start, end)
                    if is_ahead(h.local_date, h.local_time, h.tz, now)]
    added = 0
    for h in hearings:
        try:
            added += await _remind(store, clock, settings, h, now)
        except Exception as exc:  # one hearing's trouble must not hold back the others' reminders
            log.error("reminders for hearing %s failed: %s", h.id, describe(exc))
    return added


async def _remind(store: Store, clock: Clock, settings: Settings, h: Hearing, now: int) -> int:
    # Reads first, on a snapshot; the writer lock is taken only when something is actually due.
    async with store.read() as tx:
        told = await tx.announcements.by_key(f"h:{h.id}:r{h.revision}")
        if told is None:
            return 0  # this revision was never announced (e.g. found after its date): nothing to remind of
        if not _any_due(h, since=told.created_at, now=now):
            return 0
        case = await tx.cases.get_by_id(h.case_id)
        if case is None:
            return 0
        chosen: dict[str, list[int]] = {}
        for f in await tx.announcements.followers(case.id, LEVELS):
            offsets = settings.reminders if f.reminder_offsets is None else f.reminder_offsets
            key = due_reminder(h, offsets, since=max(told.created_at, f.since), now=now)
            if key is not None:
                chosen.setdefault(key, []).append(f.chat_id)
        if case.mirror_chat_id is not None:
            key = due_reminder(h, settings.reminders, since=told.created_at, now=now)
            if key is not None:
                chosen.setdefault(key, []).append(case.mirror_chat_id)
        for key in list(chosen):
            existing = await tx.announcements.by_key(_key(h, key))
            if existing is not None:
                queued = await tx.announcements.queued_chats(existing.id)
                chosen[key] = [c for c in chosen[key] if c not in queued]
            if not chosen[key]:
                del chosen[key]
    if not chosen:
        return 0
    added = 0
    async with store.transaction() as tx:
        current = await tx.hearings.get(h.id)
        if current is None or current.revision != h.revision or not current.active:
            return 0  # moved or cancelled meanwhile: the next tick sees the new revision
        for key, chats in chosen.items():
            ann = await _reminder_announcement(tx, current, key, told, now)
            added += await tx.outbox.enqueue(ann.id, chats, priority=PRIORITY_REMINDER, next_at=now)
    return added


def _any_due(h: Hearing, *, since: int, now: int) -> bool:
    """A cheap test before reading followers: could any offset at all be due?"""
    return due_reminder(h, ALLOWED_REMINDERS, since=since, now=now) is not None


def _key(h: Hearing, key: str) -> str:
    return f"r:{h.id}:r{h.revision}:{key}"


def _link(told: Announcement) -> str | None:
    """The source link of the hearing's announcement, repeated in its reminders."""
    try:
        payload = decode(told.kind, told.payload)
    except PayloadError:
        return None  # a reminder without its link is better than none
    return payload.link if isinstance(payload, HearingFacts) else None


async def _reminder_announcement(tx: Tx, h: Hearing, key: str, told: Announcement, now: int) -> Announcement:
    payload = reminder_notice(h, offset=key, link=_link(told))
    ann, _ = await tx.announcements.insert(
        kind=payload.KIND, case_id=h.case_id, hearing_id=h.id, min_level="hearings", payload=payload.to_json(),
        dedupe_key=_key(h, key), created_by=None, now=now,
    )
    return ann
