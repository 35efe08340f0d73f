""""🙋 I'm going": a chat's intention to attend a hearing, counted and never named.

A mark is a keyed hash of (chat, hearing) under DATA_KEY's lookup key, stored with the hearing id and
nothing else (`storage/repos/attendance.py`). Counts are counts of marks. Marks stay until the end of the
day after the hearing, court time, so an admin can still send "how it went" to those who went, and are
then deleted by the daily prune, as are the marks of a hearing that was cancelled or is gone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from bot.clock import Clock
from bot.events.court_time import is_ahead, local_at
from storage.api import Store, Tx
from storage.models import Case, Hearing

Toggled = Literal["going", "not-going", "gone"]


@dataclass(frozen=True)
class Press:
    """What a press did, and how many chats are going now."""

    outcome: Toggled
    count: int = 0


def marks_kept_until(h: Hearing) -> int:
    """Unix seconds when a hearing's marks go: the end of the day after it, on the court's clock."""
    after = (date.fromisoformat(h.local_date) + timedelta(days=2)).isoformat()
    return int(local_at(after, "00:00", h.tz).timestamp())


async def toggle(store: Store, clock: Clock, *, chat_id: int, case: Case, hearing_id: int) -> Press:
    """Mark or unmark `chat_id` as going to `hearing_id` (a hearing of `case` still ahead)."""
    now = clock.timestamp()
    async with store.transaction() as tx:
        h = await tx.hearings.get(hearing_id)
        if h is None or h.case_id != case.id or not h.active or not is_ahead(h.local_date, h.local_time, h.tz, now):
            return Press("gone")
        going = await tx.attendance.toggle_going(chat_id, hearing_id)
        count = (await tx.attendance.going_counts([hearing_id])).get(hearing_id, 0)
    return Press("going" if going else "not-going", count)


async def going_counts(store: Store, hearing_ids: Sequence[int]) -> dict[int, int]:
    """How many chats are going, per hearing; hearings nobody goes to are left out."""
    async with store.read() as tx:
        return await tx.attendance.going_counts(list(hearing_ids))


async def prune_marks(tx: Tx, now: int) -> int:
    """Marks of hearings past the day after, cancelled or gone: in the daily prune's transaction."""
    done = []
    for hearing_id in await tx.attendance.marked_hearings():
        h = await tx.hearings.get(hearing_id)
        if h is None or h.status == "cancelled" or marks_kept_until(h) <= now:
            done.append(hearing_id)
    return await tx.attendance.drop_going(done)
