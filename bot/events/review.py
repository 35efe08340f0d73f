"""What waits for /review: approving a finding, and the follower reports of hearings that look wrong."""

from __future__ import annotations

from bot.clock import Clock
from bot.events.hearing_plan import HearingReport
from bot.events.hearings import absorb_waiting, add_reported, move_hearing, record_past_hearing
from bot.events.posts import post_mention, post_statement
from bot.events.result import NOTHING, EventResult
from storage.api import Tx
from storage.models import Finding, FindingInput


def approved_hearing(f: Finding, reviewer: int | None, local_date: str, time: str | None, *,
                     corrected: bool) -> HearingReport:
    """The hearing an approved finding reports: as found, or on the date (and at the time) an admin typed.

    A typed correction is the admin's word, not the source's: like `/hearing`, it may change a time already
    known. The /review preview of a correction plans from the same record, so it shows what the approval does.
    """
    return HearingReport(local_date, time if time is not None else f.local_time, created_by=reviewer,
                         postponed=f.postponed, cause="admin" if corrected else "finding")


async def apply_finding(
    tx: Tx, clock: Clock, *, finding_id: int, reviewer: int | None = None, date: str | None = None,
    time: str | None = None,
) -> EventResult:
    """/review approve: act on a pending finding (a hearing optionally with an edited date or time)."""
    f = await tx.findings.get(finding_id)
    if f is None or f.state != "pending":
        return NOTHING
    if f.kind == "report":
        return await resolve_report(tx, clock, finding_id=f.id, reviewer=reviewer or 0, date=date, time=time)
    case = await tx.cases.get_by_id(f.case_id)
    if case is None:
        return NOTHING
    item = await tx.items.get(f.item_id) if f.item_id is not None else None
    link = item.url if item else None
    ref = f"finding:{f.id}"
    if f.kind == "hearing":
        local_date = date or f.local_date
        if local_date is None:
            return NOTHING
        if f.when == "past" and date is None:
            result = await record_past_hearing(tx, clock, case=case, local_date=local_date, source_url=link, ref=ref)
        else:
            result = await add_reported(tx, clock, case, approved_hearing(f, reviewer, local_date, time, corrected=date is not None),
                                        source_url=link, ref=ref)
            if result.hearing_id is not None:
                await absorb_waiting(tx, hearing_id=result.hearing_id, case_id=case.id, local_date=local_date,
                                     except_id=f.id)
    elif f.kind == "statement":
        result = await post_statement(tx, clock, case=case, title=(item.title if item else None) or "",
                                      excerpt=f.evidence or "", link=link, source_item_id=f.item_id)
    else:
        if item is None:
            return NOTHING
        result = await post_mention(tx, clock, case=case, item_id=item.id, title=item.title,
                                    excerpt=f.evidence or "", link=link)
    await tx.findings.set_state(f.id, "approved", hearing_id=result.hearing_id, reviewed_by=reviewer,
                                reviewed_at=clock.timestamp())
    return result


async def report_hearing(tx: Tx, clock: Clock, *, hearing_id: int) -> bool:
    """A follower says an automatically found hearing looks wrong: it waits for /review (once per hearing).

    Who reported is not stored: the report is only the hearing as it stands.
    """
    h = await tx.hearings.get(hearing_id)
    if h is None or not h.active or await tx.findings.pending_report(hearing_id) is not None:
        return False
    finding = await tx.findings.insert(FindingInput(
        case_id=h.case_id, kind="report", confidence=0.0, state="pending", local_date=h.local_date,
        local_time=h.local_time, when="upcoming", evidence=None,
    ), now=clock.timestamp())
    await tx.findings.set_state(finding.id, "pending", hearing_id=h.id)
    return True


async def resolve_report(
    tx: Tx, clock: Clock, *, finding_id: int, reviewer: int, date: str | None = None, time: str | None = None,
) -> EventResult:
    """/review of a report: keep the hearing as it is, or move it to the date and time the admin checked."""
    f = await tx.findings.get(finding_id)
    if f is None or f.kind != "report" or f.state != "pending" or f.hearing_id is None:
        return NOTHING
    result = NOTHING
    if date is not None:
        result = await move_hearing(tx, clock, hearing_id=f.hearing_id, new_date=date, new_time=time,
                                    cause="correction", created_by=reviewer, ref=f"report:{f.id}", correction=True)
    await tx.findings.set_state(f.id, "approved", reviewed_by=reviewer, reviewed_at=clock.timestamp())
    return result
