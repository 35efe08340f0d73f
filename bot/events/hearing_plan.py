"""What a change does to one hearing, decided before anything is written: new, merged, moved or cancelled.

Pure functions of the hearing as it stands and of what is asked. The admin's preview and the write
that follows Confirm both call them, so the preview shows what followers get. `AddPlan` is what a reported
hearing (found in the news, approved in /review or typed by an admin) does to the case's stored hearings.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from bot.events.court_time import is_ahead
from bot.events.kinds import (
    HearingCancelled,
    HearingCause,
    HearingChanged,
    HearingChangeKind,
    HearingFacts,
    HearingNew,
    Json,
)
from storage.models import Case, Hearing, HearingStatus

H = TypeVar("H", bound=HearingFacts)
HearingNotice = HearingNew | HearingChanged | HearingCancelled


@dataclass(frozen=True)
class HearingPlan:
    """One hearing before and after a change, and what followers are told of it."""

    before: Hearing | None  # None: a hearing not stored yet
    after: Hearing  # as it will stand (id 0 until a new one is stored)
    kind: type[HearingNotice]  # the announcement followers get
    change: HearingChangeKind


@dataclass(frozen=True)
class HearingReport:
    """A hearing as a source or a person gives it: a court-local date (and time, and court)."""

    local_date: str
    local_time: str | None
    court: str | None = None
    cause: HearingCause = "finding"  # "admin" may change a known time; a finding only fills one in
    created_by: int | None = None  # the person who entered or approved it; None: found in the news
    postponed: bool = False  # the source says the hearing was put off to this date


# new: a hearing stored; merged: the day's hearing took it (maybe a revision); moved: a postponement moved the
# upcoming hearing; stale: a date cancelled or moved away from, only its source is kept; nothing: not news.
AddOutcome = Literal["new", "merged", "moved", "stale", "nothing"]


@dataclass(frozen=True)
class AddPlan:
    """What a reported hearing does to the case's stored hearings, decided before anything is written."""

    outcome: AddOutcome
    target: Hearing | None = None  # the stored hearing it merges into, moves, or (stale) records the source on
    change: HearingPlan | None = None  # the hearing stored or revised and what followers get; None: no revision
    cause: HearingCause = "finding"  # of the history row the change writes
    court: str | None = None  # merged without a revision: the court the stored hearing lacked, kept quietly

    def link(self, source_url: str | None) -> str | None:
        """The source link followers' message carries: a postponement is told without it."""
        return None if self.outcome == "moved" else source_url


def hearing_notice(
    payload: type[H], h: Hearing, *, change: HearingChangeKind, old: Hearing | None = None,
    link: str | None = None, found: bool | None = None,
) -> H:
    """What render needs to tell of a hearing at one revision (the hearing row may move on later)."""
    return payload(
        hearing=h.id, revision=h.revision, date=h.local_date, time=h.local_time, tz=h.tz, court=h.court,
        status=h.status, change=change, old_date=old.local_date if old is not None else None,
        old_time=old.local_time if old is not None else None, link=link, found=found,
    )


def hearing_payload(h: Hearing, *, change: HearingChangeKind, old: Hearing | None = None,
                    link: str | None = None) -> Json:
    """The stored form of a hearing at one revision, for an admin's preview: it is rendered through the
    same decoding as a stored announcement, so the preview is what followers get."""
    return hearing_notice(HearingFacts, h, change=change, old=old, link=link).to_json()


def told(plan: HearingPlan, now: int, *, link: str | None = None, created_by: int | None = None
         ) -> HearingNotice | None:
    """What followers get, or None when the hearing no longer lies ahead (no one is pushed about it)."""
    h = plan.after
    if not is_ahead(h.local_date, h.local_time, h.tz, now):
        return None
    old = plan.before if plan.kind is HearingChanged else None
    # Found in the news, not entered by a person: followers may tell the campaign it looks wrong.
    return hearing_notice(plan.kind, h, change=plan.change, old=old, link=link, found=created_by is None)


def active_on(same_day: Sequence[Hearing]) -> Hearing | None:
    """The hearing a report of that day merges into: the active one, if the case has one that day."""
    return next((h for h in same_day if h.active), None)


def _revised(h: Hearing, **changes: Any) -> Hearing:
    return dataclasses.replace(h, revision=h.revision + 1, **changes)


def plan_new(case: Case, local_date: str, local_time: str | None, court: str | None, *,
             postponed: bool = False) -> HearingPlan:
    """A hearing the case does not have yet."""
    status: HearingStatus = "postponed" if postponed else "scheduled"
    h = Hearing(id=0, case_id=case.id, local_date=local_date, local_time=local_time, tz=case.timezone,
                court=court or case.court, status=status, revision=1, created_at=0, updated_at=0)
    return HearingPlan(None, h, HearingNew, "postponed" if postponed else "new")


def plan_merge(h: Hearing, *, local_time: str | None, court: str | None, cause: str) -> HearingPlan | None:
    """The same hearing reported again: a revision when a time is learned (or an admin's differs), else None."""
    if local_time is None or local_time == h.local_time or (h.local_time is not None and cause != "admin"):
        return None
    after = _revised(h, local_time=local_time, court=court if court is not None else h.court)
    return HearingPlan(h, after, HearingChanged, "time_set" if h.local_time is None else "time_changed")


def plan_set(case: Case, same_day: Sequence[Hearing], local_date: str, local_time: str | None,
             court: str | None) -> HearingPlan | None:
    """An admin's hearing on a date: merged into that day's hearing, or a new one. None: nothing to revise."""
    existing = active_on(same_day)
    if existing is not None:
        return plan_merge(existing, local_time=local_time, court=court, cause="admin")
    return plan_new(case, local_date, local_time, court)


def plan_move(h: Hearing, new_date: str, new_time: str | None, *, correction: bool = False) -> HearingPlan | None:
    """A new date and/or time: a postponement when the date changes. None when it is already there.

    `correction`: the old date was never right, so followers are told it is corrected, not postponed.
    """
    if h.active and h.local_date == new_date and h.local_time == new_time:
        return None
    moved = new_date != h.local_date and not correction
    status: HearingStatus = "postponed" if moved else (h.status if h.active else "scheduled")
    change: HearingChangeKind
    if correction:
        change = "corrected"
    elif moved:
        change = "moved"
    else:
        change = "time_set" if h.local_time is None else "time_changed"
    after = _revised(h, local_date=new_date, local_time=new_time, status=status)
    return HearingPlan(h, after, HearingChanged, change)


def plan_cancel(h: Hearing) -> HearingPlan | None:
    """Cancelled: None when it is not active any more."""
    if not h.active:
        return None
    return HearingPlan(h, _revised(h, status="cancelled"), HearingCancelled, "cancelled")
