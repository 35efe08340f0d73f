"""Hearings: added, merged, moved, cancelled, recorded as past or gone, and the reports they answer.

Every function takes `tx` (the repositories of one `store.transaction()`) and never awaits the network,
so a hearing, its history, its announcement and the outbox rows of every follower are written together
or not at all.

Rules kept here:
- Hearing findings merge on (case, court-local date): five sources, one hearing, each source recorded.
  A time learned later updates the hearing (revision + 1) and says so; a different time from another
  source does not override a known one (an admin can).
- A postponement moves the case's upcoming hearing (the earliest active one from today on): status
  `postponed`, revision + 1, a `hearing_changes` row, "перенесено на …". Reminders follow the revision.
- A date already gone is never announced as upcoming, and a report of a date a hearing was moved away
  from does not bring it back.
"""

from __future__ import annotations

import dataclasses
from dataclasses import replace

from bot.clock import Clock
from bot.config import FINAL_STATUSES
from bot.events.announce import announce
from bot.events.corrections import queue_corrections
from bot.events.court_time import check_date, check_time, court_today, is_ahead
from bot.events.hearing_plan import (
    AddPlan,
    HearingPlan,
    HearingReport,
    active_on,
    hearing_notice,
    plan_cancel,
    plan_merge,
    plan_move,
    plan_new,
    told,
)
from bot.events.kinds import HearingCause, Reminder
from bot.events.result import NOTHING, EventResult
from storage.api import ReadTx, Tx
from storage.models import Case, Hearing, HearingChange, HearingStatus


def reminder_notice(h: Hearing, *, offset: str, link: str | None) -> Reminder:
    """A reminder of the hearing at its current revision, `offset` before it."""
    return replace(hearing_notice(Reminder, h, change="reminder", link=link), offset=offset)


async def _announce_hearing(
    tx: Tx, clock: Clock, case: Case, plan: HearingPlan, *, link: str | None = None, created_by: int | None = None,
) -> EventResult:
    """Tell followers what `plan` did to the hearing, now stored as `plan.after`."""
    h = plan.after
    notice = told(plan, clock.timestamp(), link=link, created_by=created_by)
    if notice is None:
        # Nothing upcoming to tell: the record changed, no one is pushed about a date already gone.
        return EventResult.quiet(h.id)
    return await announce(
        tx, clock, payload=notice, case=case, hearing_id=h.id, min_level="hearings", created_by=created_by,
        dedupe_key=f"h:{h.id}:r{h.revision}",
    )


async def revise(
    tx: Tx, clock: Clock, h: Hearing, *, local_date: str, local_time: str | None, status: HearingStatus,
    cause: HearingCause, ref: str | None, court: str | None = None,
) -> Hearing:
    """Write the next revision of a hearing and its history line; pending reminders of older ones are cancelled.

    The row is read again and held first, so concurrent revisions of one hearing (several instances on
    PostgreSQL) wait for each other and number on from the revision the last one committed.
    """
    old = await tx.hearings.lock(h.id)
    assert old is not None
    now = clock.timestamp()
    revision = old.revision + 1
    court = court if court is not None else old.court
    await tx.hearings.update(
        old.id, local_date=local_date, local_time=local_time, status=status, court=court, revision=revision, now=now
    )
    await tx.hearings.add_change(HearingChange(
        hearing_id=old.id, revision=revision, old_date=old.local_date, new_date=local_date, old_time=old.local_time,
        new_time=local_time, old_status=old.status, new_status=status, cause=cause, ref=ref, at=now,
    ))
    for ann in await tx.announcements.for_hearing(old.id):
        if ann.kind == Reminder.KIND:
            await tx.outbox.cancel_for_announcement(ann.id)
    updated = await tx.hearings.get(old.id)
    assert updated is not None
    await queue_corrections(tx, clock, old, updated, cause=cause)  # the messages already sent say so too
    return updated


async def _apply(tx: Tx, clock: Clock, plan: HearingPlan, *, cause: HearingCause, ref: str | None) -> HearingPlan:
    """Write the revision `plan` decided on; the plan returned holds the hearing as stored."""
    assert plan.before is not None
    after = plan.after
    stored = await revise(tx, clock, plan.before, local_date=after.local_date, local_time=after.local_time,
                          status=after.status, cause=cause, ref=ref, court=after.court)
    return dataclasses.replace(plan, after=stored)


async def add_hearing(
    tx: Tx, clock: Clock, *, case: Case, local_date: str, local_time: str | None,
    court: str | None = None, source_url: str | None = None, cause: HearingCause = "finding", ref: str | None = None,
    created_by: int | None = None, postponed: bool = False,
) -> EventResult:
    """A hearing of `case` on a court-local date (and time): new, merged into the one known, or a postponement.

    Returns the announcement made (`hearing_new` or `hearing_changed`), if any. `cause="admin"` may
    change a known time; findings only fill one in.
    """
    report = HearingReport(local_date, local_time, court=court, cause=cause, created_by=created_by,
                           postponed=postponed)
    return await add_reported(tx, clock, case, report, source_url=source_url, ref=ref)


async def add_reported(
    tx: Tx, clock: Clock, case: Case, report: HearingReport, *, source_url: str | None = None, ref: str | None = None,
) -> EventResult:
    """`add_hearing` with the hearing as one record: decide on what is stored, hold it, write the decision."""
    await tx.cases.lock(case.id)  # reports of one case are decided one after another, each on what the last wrote
    plan = await plan_add(tx, clock, case, report)
    if plan.target is not None and await tx.hearings.lock(plan.target.id) != plan.target:
        # Revised by a transaction that committed after it was read: decide again, on the row now held.
        plan = await plan_add(tx, clock, case, report)
    ref = ref or (f"admin:{report.created_by}" if report.created_by is not None else source_url)
    return await carry_out(tx, clock, case, plan, source_url=source_url, ref=ref, created_by=report.created_by)


async def plan_add(tx: ReadTx, clock: Clock, case: Case, report: HearingReport) -> AddPlan:
    """What a reported hearing will do, from what is stored; nothing is written, so a preview can ask too."""
    check_date(report.local_date)
    check_time(report.local_time)
    local_date, local_time, court, cause = report.local_date, report.local_time, report.court, report.cause
    same_day = await tx.hearings.on_date(case.id, local_date)
    existing = active_on(same_day)
    if existing is not None:
        # The same hearing reported again: a time learned (or an admin's) makes a revision.
        change = plan_merge(existing, local_time=local_time, court=court, cause=cause)
        # Where it is matters for the calendar, not for a message of its own.
        quiet_court = court if change is None and court and not existing.court else None
        return AddPlan("merged", existing, change, "time_learned" if existing.local_time is None else cause,
                       court=quiet_court)
    if cause != "admin":
        # A source repeating a date that was cancelled, or that the hearing was moved away from, is stale news.
        stale = [h for h in same_day if h.status == "cancelled"] or await tx.hearings.moved_from(case.id, local_date)
        if stale:
            return AddPlan("stale", stale[0])
    if not is_ahead(local_date, local_time, case.timezone, clock.timestamp()):
        return AddPlan("nothing")
    if case.status in FINAL_STATUSES and cause != "admin" and report.created_by is None:
        # Released, acquitted or closed: a date in the news is old news; only a person may add a hearing now.
        return AddPlan("nothing")
    if report.postponed:
        moving = await _upcoming_to_move(tx, clock, case, local_date)
        if moving is not None:
            return AddPlan("moved", moving, plan_move(moving, local_date, local_time), "postponement")
    return AddPlan("new", None, plan_new(case, local_date, local_time, court, postponed=report.postponed), cause)


async def carry_out(
    tx: Tx, clock: Clock, case: Case, plan: AddPlan, *, source_url: str | None, ref: str | None,
    created_by: int | None,
) -> EventResult:
    """Write what `plan_add` decided: the source recorded, the hearing stored or revised, followers told."""
    target, change = plan.target, plan.change
    if plan.outcome == "nothing":
        return NOTHING
    if plan.outcome == "new":
        assert change is not None
        now = clock.timestamp()
        new = change.after
        h = await tx.hearings.insert(case_id=case.id, local_date=new.local_date, local_time=new.local_time,
                                     tz=new.tz, court=new.court, status=new.status, now=now)
        await tx.hearings.add_change(HearingChange(
            hearing_id=h.id, revision=h.revision, old_date=None, new_date=new.local_date, old_time=None,
            new_time=new.local_time, old_status=None, new_status=new.status, cause=plan.cause, ref=ref, at=now,
        ))
        if source_url:
            await tx.hearings.add_source(h.id, source_url)
        return await _announce_hearing(tx, clock, case, dataclasses.replace(change, after=h),
                                       link=plan.link(source_url), created_by=created_by)
    assert target is not None
    new_source = bool(source_url) and await tx.hearings.add_source(target.id, source_url or "")
    if change is not None:
        revised = await _apply(tx, clock, change, cause=plan.cause, ref=ref)
        return await _announce_hearing(tx, clock, case, revised, link=plan.link(source_url), created_by=created_by)
    if plan.court is not None:
        await tx.hearings.update(target.id, local_date=target.local_date, local_time=target.local_time,
                                 status=target.status, court=plan.court, revision=target.revision,
                                 now=clock.timestamp())
        return EventResult.quiet(target.id)
    if plan.outcome == "merged":
        return EventResult.merged(target.id, new_source=new_source)
    return EventResult.unchanged(target.id)


async def _upcoming_to_move(tx: ReadTx, clock: Clock, case: Case, new_date: str) -> Hearing | None:
    """The hearing a postponement to `new_date` moves: the case's earliest active one from today on."""
    today = court_today(case.timezone, clock.now())
    candidates = [h for h in await tx.hearings.for_case(case.id, from_date=today, active_only=True)
                  if h.local_date != new_date]
    return candidates[0] if candidates else None


async def move_hearing(
    tx: Tx, clock: Clock, *, hearing_id: int, new_date: str, new_time: str | None,
    cause: HearingCause = "admin", created_by: int | None = None, ref: str | None = None, correction: bool = False,
) -> EventResult:
    """Move a hearing to a new date and/or time (a postponement when the date changes); followers are told.

    `correction`: the old date was never right (a follower's report, checked by an admin): followers are
    told it is corrected, not that the court postponed it.
    """
    check_date(new_date)
    check_time(new_time)
    h = await tx.hearings.lock(hearing_id)
    if h is None:
        return NOTHING
    plan = plan_move(h, new_date, new_time, correction=correction)
    if plan is None:
        return EventResult.unchanged(h.id)
    case = await tx.cases.get_by_id(h.case_id)
    assert case is not None
    revised = await _apply(tx, clock, plan, cause=cause,
                           ref=ref or (f"admin:{created_by}" if created_by is not None else None))
    return await _announce_hearing(tx, clock, case, revised, created_by=created_by)


async def cancel_hearing(tx: Tx, clock: Clock, *, hearing_id: int, created_by: int | None = None) -> EventResult:
    """Cancel a hearing: no more reminders; followers are told while its date was still ahead."""
    h = await tx.hearings.lock(hearing_id)
    plan = plan_cancel(h) if h is not None else None
    if h is None or plan is None:
        return EventResult.unchanged(h.id if h else None)
    case = await tx.cases.get_by_id(h.case_id)
    assert case is not None
    revised = await _apply(tx, clock, plan, cause="cancel",
                           ref=f"admin:{created_by}" if created_by is not None else None)
    return await _announce_hearing(tx, clock, case, revised, created_by=created_by)


async def record_past_hearing(
    tx: Tx, clock: Clock, *, case: Case, local_date: str, source_url: str | None = None, ref: str | None = None,
) -> EventResult:
    """A report of a hearing that already took place (`when = past`): never a "new hearing" push.

    A known active hearing of that day (today or earlier) is marked `held`, so it leaves the lists and gets
    no reminders; an unknown one is stored as history (status `held`), never announced: the card, `/hearings
    past` and the exports show it. A date a hearing was moved away from is not brought back.
    """
    check_date(local_date)
    if local_date > court_today(case.timezone, clock.now()):
        return NOTHING  # "past" but dated ahead: the extractor misread something; do nothing rather than guess
    for h in await tx.hearings.on_date(case.id, local_date):
        if source_url:
            await tx.hearings.add_source(h.id, source_url)
        if h.active:
            await revise(tx, clock, h, local_date=h.local_date, local_time=h.local_time, status="held",
                         cause="held", ref=ref or source_url)
            return EventResult.quiet(h.id)
        return EventResult.unchanged(h.id)
    moved = await tx.hearings.moved_from(case.id, local_date)
    if moved:
        if source_url:
            await tx.hearings.add_source(moved[0].id, source_url)
        return EventResult.unchanged(moved[0].id)
    now = clock.timestamp()
    h = await tx.hearings.insert(case_id=case.id, local_date=local_date, local_time=None, tz=case.timezone,
                                 court=case.court, status="held", now=now)
    await tx.hearings.add_change(HearingChange(
        hearing_id=h.id, revision=h.revision, old_date=None, new_date=local_date, old_time=None, new_time=None,
        old_status=None, new_status="held", cause="held", ref=ref or source_url, at=now,
    ))
    if source_url:
        await tx.hearings.add_source(h.id, source_url)
    return EventResult.quiet(h.id)


async def note_gone_hearing(tx: Tx, *, case: Case, local_date: str, source_url: str | None) -> int | None:
    """A report of a hearing whose court-local date (or time) is already gone, read as upcoming or not.

    It is never announced and creates nothing: the source is recorded on a hearing of that day if the
    case has one (returned), and that is all. A date already gone is history, not news.
    """
    check_date(local_date)
    for h in await tx.hearings.on_date(case.id, local_date):
        if source_url:
            await tx.hearings.add_source(h.id, source_url)
        return h.id
    return None


async def absorb_waiting(
    tx: Tx, *, hearing_id: int, case_id: int, local_date: str, except_id: int | None = None
) -> int:
    """Hearing findings of this case and date still waiting for /review are answered by `hearing_id`.

    Once the hearing stands on that date (announced by itself, confirmed by a second outlet, or approved
    by an admin), the other reports of it leave /review: their links are recorded as its sources and they
    become `auto`, linked to it. Reports of a date in the past tense stay. Returns how many left /review.
    """
    h = await tx.hearings.get(hearing_id)
    if h is None or not h.active or h.local_date != local_date:
        return 0
    n = 0
    for report in await tx.findings.reports(case_id, local_date):
        f = report.finding
        if f.id == except_id or f.state != "pending" or f.when == "past":
            continue
        if report.url:
            await tx.hearings.add_source(hearing_id, report.url)
        await tx.findings.set_state(f.id, "auto", hearing_id=hearing_id)
        n += 1
    return n
