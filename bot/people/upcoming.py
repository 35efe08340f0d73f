"""Upcoming hearings for /hearings and the calendar button: reads only."""

from __future__ import annotations

from datetime import timedelta

from bot.cases.directory import CaseDirectory
from bot.clock import Clock
from bot.events.court_time import ahead_until, is_ahead
from storage.api import Store
from storage.models import Case, Hearing

LIST_LIMIT = 15


async def upcoming_hearings(
    store: Store, clock: Clock, cases: CaseDirectory, chat_id: int, *, limit: int = LIST_LIMIT
) -> tuple[bool, list[tuple[Case, Hearing]]]:
    """The chat's cases' hearings still ahead, soonest first; all public cases' when it follows none.

    Returns (whether these are the chat's own cases, the hearings with their cases).
    """
    async with store.read() as tx:
        followed = [s.case_id for s in await tx.subscriptions.for_chat(chat_id)]
        mine = [cid for cid in followed if cases.by_id(cid) is not None]
        ids = mine or [c.id for c in cases.public()]
        # Court dates lie within a day of the UTC date; the precise "still ahead" test follows.
        since = (clock.now() - timedelta(days=1)).date().isoformat()
        found = await tx.hearings.upcoming(from_date=since, case_ids=ids, limit=limit * 3)
    now = clock.timestamp()
    ahead = [h for h in found if is_ahead(h.local_date, h.local_time, h.tz, now)]
    ahead.sort(key=lambda h: (ahead_until(h.local_date, h.local_time or "00:00", h.tz), h.local_time is None, h.id))
    out = []
    for h in ahead[:limit]:
        case = cases.by_id(h.case_id)
        if case is not None:
            out.append((case, h))
    return bool(mine), out


async def hearing_of(store: Store, cases: CaseDirectory, hearing_id: int, slug: str) -> tuple[Case, Hearing] | None:
    """The hearing a calendar button names, if it still belongs to that case."""
    async with store.read() as tx:
        h = await tx.hearings.get(hearing_id)
    case = cases.get(slug)
    if h is None or case is None or h.case_id != case.id:
        return None
    return case, h
