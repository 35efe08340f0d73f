"""Announcements and their fan-out to the outbox, in the caller's transaction.

An announcement is stored once per dedupe key and queued for its audience in the same transaction, so
the message and the outbox rows of every follower are written together or not at all. The sender picks
the rows up afterwards (wake it after the transaction commits). Dedupe keys: `h:<hearing>:r<rev>`,
`r:<hearing>:r<rev>:<offset>`, `s:<case>:<hash>`, `m:<case>:<item>`, `u:`/`st:` per post, `a:` per notice.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from bot.clock import Clock
from bot.config import Settings
from bot.events.digests import hold_for_digest
from bot.events.kinds import AdminNotice, AnnouncementPayload, NoticeArg
from bot.events.result import EventResult
from storage.api import Tx
from storage.models import LEVELS, PRIORITY_BROADCAST, PRIORITY_INTERACTIVE, Case, Level


def digest(text: str) -> str:
    """A short stable hash for dedupe keys."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


async def announce(
    tx: Tx, clock: Clock, *, payload: AnnouncementPayload, case: Case | None, dedupe_key: str,
    hearing_id: int | None = None, min_level: Level = "all", created_by: int | None = None,
    chat_ids: Sequence[int] | None = None, priority: int = PRIORITY_BROADCAST, news_only: bool = False,
) -> EventResult:
    """Store an announcement (its kind is the payload's) and queue it for its audience, once per dedupe key.

    The audience is `chat_ids` when given (admins), else the case's followers at the levels that
    receive `min_level` (with news mentions on, for `news_only`), plus the case's mirror channel.
    """
    now = clock.timestamp()
    kind = payload.KIND
    ann, new = await tx.announcements.insert(
        kind=kind, case_id=case.id if case else None, hearing_id=hearing_id, min_level=min_level,
        payload=payload.to_json(), dedupe_key=dedupe_key, created_by=created_by, now=now,
    )
    if not new:
        return EventResult.repeated(ann.id, hearing_id, kind)
    targets: list[int] = list(chat_ids or [])
    if chat_ids is None and case is not None:
        levels: tuple[Level, ...] = LEVELS if min_level == "hearings" else ("all",)
        targets = [f.chat_id for f in await tx.announcements.followers(case.id, levels, news_only=news_only)]
        if case.mirror_chat_id is not None:
            targets.append(case.mirror_chat_id)
    queued = await tx.outbox.enqueue(ann.id, targets, priority=priority, next_at=now) if targets else 0
    if queued:  # news for chats that take a daily digest waits for it
        await hold_for_digest(tx, clock, announcement_id=ann.id, kind=kind)
    return EventResult.announced(ann.id, hearing_id, queued, kind)


async def notify_admins(
    tx: Tx, clock: Clock, settings: Settings, *, key: str, args: dict[str, NoticeArg], once: str | None = None
) -> EventResult:
    """An `admin_notice` (text `key` with `args`) to every ADMIN_IDS chat; they need no chats row.

    With `once`, a notice of that name is sent once ever (its dedupe key), however often it is asked for.
    """
    now = clock.timestamp()
    basis = key + repr(sorted(args.items()))
    dedupe = f"a:once:{once}" if once is not None else f"a:{now}:{digest(basis)}"
    return await announce(tx, clock, payload=AdminNotice(key=key, args=args), case=None, dedupe_key=dedupe,
                          chat_ids=list(settings.admin_ids), priority=PRIORITY_INTERACTIVE)
