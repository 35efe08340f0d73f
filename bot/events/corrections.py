"""Corrections in place: when a hearing moves, is corrected or is cancelled, what to edit in the messages sent.

Every message already sent about the hearing (its announcement, later changes and reminders) gets a first
line saying what happened, in the caller's transaction, as `message_edits` rows the editor
(`bot/delivery/edits.py`) makes later. The new message about the change goes out besides, as before. A row per
message holds only the latest change: a second move before the first edit was made replaces it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from bot.clock import Clock
from bot.events.court_time import is_ahead
from bot.events.kinds import (
    HearingCancelled,
    HearingCause,
    HearingChanged,
    HearingFacts,
    HearingNew,
    PayloadError,
    Reminder,
    revision_of,
)
from storage.api import Tx
from storage.models import ACTIVE_HEARING, Announcement, Hearing

# The kinds of message that tell of one hearing, and so can fall out of date with it.
EDITED_KINDS = (HearingNew.KIND, HearingChanged.KIND, HearingCancelled.KIND, Reminder.KIND)

# moved: another date or time; corrected: the old date was never right; time_set: the time became known;
# cancelled: it will not take place; restored: the hearing is back as this message tells it (the note goes).
Change = Literal["moved", "corrected", "time_set", "cancelled", "restored"]


@dataclass(frozen=True)
class EditNote:
    """What the first line of an edited message says: the change and the hearing as it now stands."""

    change: Change
    date: str  # court-local YYYY-MM-DD
    time: str | None  # HH:MM, None while unknown
    tz: str  # the court's zone
    new_message: bool  # a new message about it goes out too: the line points to it

    def to_payload(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> EditNote:
        return cls(
            change=payload["change"], date=str(payload["date"]), time=payload.get("time"),
            tz=str(payload["tz"]), new_message=bool(payload.get("new_message")),
        )


def change_of(old: Hearing, new: Hearing, cause: HearingCause) -> Change | None:
    """What one revision did to the hearing, as a correction says it; None when nothing sent needs a word."""
    if new.status == "held":  # it took place: what was said of it stays true
        return None
    if new.status == "cancelled":
        return "cancelled" if old.status != "cancelled" else None
    if cause == "correction":
        return "corrected"
    if new.local_date == old.local_date and old.local_time is None and new.local_time is not None:
        return "time_set"
    if (new.local_date, new.local_time) == (old.local_date, old.local_time) and old.status in ACTIVE_HEARING:
        return None  # e.g. only the court was filled in
    return "moved"


def note_for(ann: Announcement, new: Hearing, change: Change, new_message: bool) -> EditNote:
    """The note one message gets: none to make ("restored") when the hearing is again as it says."""
    told = HearingFacts.from_json(ann.payload)
    if (ann.kind != HearingCancelled.KIND and new.status in ACTIVE_HEARING
            and (told.date, told.time) == (new.local_date, new.local_time)):
        change = "restored"
    return EditNote(change=change, date=new.local_date, time=new.local_time, tz=new.tz, new_message=new_message)


async def queue_corrections(tx: Tx, clock: Clock, old: Hearing, new: Hearing, *, cause: HearingCause) -> int:
    """Queue the edits of every message sent (or on its way) about the hearing, for its revision `new`.

    A new message is announced for a move, correction or time only while the hearing is still ahead; a
    cancellation's own message (or the status message) says it, so its line needs no pointer. Returns rows queued.
    """
    change = change_of(old, new, cause)
    if change is None:
        return 0
    now = clock.timestamp()
    new_message = change != "cancelled" and is_ahead(new.local_date, new.local_time, new.tz, now)
    queued = 0
    for ann in await tx.announcements.for_hearing(new.id):
        if ann.kind not in EDITED_KINDS or revision_of(ann.payload) == new.revision:
            continue
        try:
            note = note_for(ann, new, change, new_message)
        except PayloadError:  # a message that cannot be rendered cannot be edited either; the change goes on
            continue
        queued += await tx.edits.queue(ann.id, hearing_id=new.id, revision=new.revision,
                                       payload=note.to_payload(), now=now)
    return queued
