"""Findings and admin input → hearings, announcements and outbox rows, in the caller's transaction.

Every function takes `tx` (the repositories of one `store.transaction()`) and never awaits the network,
so a hearing, its history, its announcement and the outbox rows of every follower are written together
or not at all. The sender picks the rows up afterwards (wake it after the transaction commits).

Rules kept here (DESIGN → Hearings, announcements, reminders, delivery):
- Hearing findings merge on (case, court-local date): five sources, one hearing, each source recorded.
  A time learned later updates the hearing (revision + 1) and says so; a different time from another
  source does not override a known one (an admin can).
- A postponement moves the case's upcoming hearing (the earliest active one from today on): status
  `postponed`, revision + 1, a `hearing_changes` row, "перенесено на …". Reminders follow the revision.
- A date already gone is never announced as upcoming, and a report of a date a hearing was moved away
  from does not bring it back.
- Dedupe keys make every announcement once-only: `h:<hearing>:r<rev>`, `r:<hearing>:r<rev>:<offset>`,
  `s:<case>:<hash>`, `m:<case>:<item>`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.clock import Clock
from bot.config import FINAL_STATUSES, Settings
from bot.events.court_time import check_date, check_time, court_today, is_ahead
from bot.events.digests import hold_for_digest
from storage.api import ReadTx, Tx
from storage.models import (
    LEVELS,
    PRIORITY_BROADCAST,
    PRIORITY_INTERACTIVE,
    Case,
    FindingInput,
    Hearing,
    HearingChange,
    HearingStatus,
    Level,
)

# Kinds a "hearings only" follower receives; every other kind needs level "all".
HEARING_KINDS = ("hearing_new", "hearing_changed", "hearing_cancelled", "reminder")


@dataclass(frozen=True)
class EventResult:
    """What one event did: the announcement (None when nothing is to be said), its hearing, rows queued."""

    announcement_id: int | None
    hearing_id: int | None
    queued: int
    changed: bool
    kind: str | None


NOTHING = EventResult(None, None, 0, False, None)


# --- fan-out ---------------------------------------------------------------------------------


async def announce(
    tx: Tx, clock: Clock, *, kind: str, case: Case | None, payload: Mapping[str, Any], dedupe_key: str,
    hearing_id: int | None = None, min_level: Level = "all", created_by: int | None = None,
    chat_ids: Sequence[int] | None = None, priority: int = PRIORITY_BROADCAST, news_only: bool = False,
) -> EventResult:
    """Store an announcement and queue it for its audience, once per dedupe key.

    The audience is `chat_ids` when given (admins), else the case's followers at the levels that
    receive `min_level` (with news mentions on, for `news_only`), plus the case's mirror channel.
    """
    now = clock.timestamp()
    ann, new = await tx.announcements.insert(
        kind=kind, case_id=case.id if case else None, hearing_id=hearing_id, min_level=min_level,
        payload=payload, dedupe_key=dedupe_key, created_by=created_by, now=now,
    )
    if not new:
        return EventResult(ann.id, hearing_id, 0, False, kind)
    targets: list[int] = list(chat_ids or [])
    if chat_ids is None and case is not None:
        levels: tuple[Level, ...] = LEVELS if min_level == "hearings" else ("all",)
        targets = [f.chat_id for f in await tx.announcements.followers(case.id, levels, news_only=news_only)]
        if case.mirror_chat_id is not None:
            targets.append(case.mirror_chat_id)
    queued = await tx.outbox.enqueue(ann.id, targets, priority=priority, next_at=now) if targets else 0
    if queued:  # news for chats that take a daily digest waits for it
        await hold_for_digest(tx, clock, announcement_id=ann.id, kind=kind)
    return EventResult(ann.id, hearing_id, queued, True, kind)


def hearing_payload(
    h: Hearing, *, change: str, old: Hearing | None = None, link: str | None = None
) -> dict[str, Any]:
    """What render needs to tell of a hearing at one revision (the hearing row may move on later)."""
    payload: dict[str, Any] = {
        "hearing": h.id, "revision": h.revision, "date": h.local_date, "time": h.local_time, "tz": h.tz,
        "court": h.court, "status": h.status, "change": change,
    }
    if old is not None:
        payload["old_date"] = old.local_date
        payload["old_time"] = old.local_time
    if link:
        payload["link"] = link
    return payload


async def _announce_hearing(
    tx: Tx, clock: Clock, case: Case, h: Hearing, *, kind: str, change: str, old: Hearing | None = None,
    link: str | None = None, created_by: int | None = None,
) -> EventResult:
    if not is_ahead(h.local_date, h.local_time, h.tz, clock.timestamp()):
        # Nothing upcoming to tell: the record changed, no one is pushed about a date already gone.
        return EventResult(None, h.id, 0, True, None)
    payload = hearing_payload(h, change=change, old=old, link=link)
    # Found in the news, not entered by a person: followers may tell the campaign it looks wrong.
    payload["found"] = created_by is None
    return await announce(
        tx, clock, kind=kind, case=case, hearing_id=h.id, min_level="hearings", created_by=created_by,
        payload=payload, dedupe_key=f"h:{h.id}:r{h.revision}",
    )


# --- hearings --------------------------------------------------------------------------------


async def _revise(
    tx: Tx, clock: Clock, h: Hearing, *, local_date: str, local_time: str | None, status: HearingStatus,
    cause: str, ref: str | None, court: str | None = None,
) -> Hearing:
    """Write the next revision of a hearing and its history line; pending reminders of older ones are cancelled."""
    now = clock.timestamp()
    revision = h.revision + 1
    court = court if court is not None else h.court
    await tx.hearings.update(
        h.id, local_date=local_date, local_time=local_time, status=status, court=court, revision=revision, now=now
    )
    await tx.hearings.add_change(HearingChange(
        hearing_id=h.id, revision=revision, old_date=h.local_date, new_date=local_date, old_time=h.local_time,
        new_time=local_time, old_status=h.status, new_status=status, cause=cause, ref=ref, at=now,
    ))
    for ann in await tx.announcements.for_hearing(h.id):
        if ann.kind == "reminder":
            await tx.outbox.cancel_for_announcement(ann.id)
    updated = await tx.hearings.get(h.id)
    assert updated is not None
    return updated


async def add_hearing(
    tx: Tx, clock: Clock, settings: Settings, *, case: Case, local_date: str, local_time: str | None,
    court: str | None = None, source_url: str | None = None, cause: str = "finding", ref: str | None = None,
    created_by: int | None = None, postponed: bool = False,
) -> EventResult:
    """A hearing of `case` on a court-local date (and time): new, merged into the one known, or a postponement.

    Returns the announcement made (`hearing_new` or `hearing_changed`), if any. `cause="admin"` may
    change a known time; findings only fill one in.
    """
    check_date(local_date)
    check_time(local_time)
    now = clock.timestamp()
    ref = ref or (f"admin:{created_by}" if created_by is not None else source_url)
    same_day = await tx.hearings.on_date(case.id, local_date)
    existing = next((h for h in same_day if h.active), None)
    if existing is not None:
        return await _merge(tx, clock, case, existing, local_time=local_time, court=court, source_url=source_url,
                            cause=cause, ref=ref, created_by=created_by)
    if cause != "admin":
        # A source repeating a date that was cancelled, or that the hearing was moved away from, is stale news.
        stale = [h for h in same_day if h.status == "cancelled"] or await tx.hearings.moved_from(case.id, local_date)
        if stale:
            if source_url:
                await tx.hearings.add_source(stale[0].id, source_url)
            return EventResult(None, stale[0].id, 0, False, None)
    if not is_ahead(local_date, local_time, case.timezone, now):
        return NOTHING
    if case.status in FINAL_STATUSES and cause != "admin" and created_by is None:
        # Released, acquitted or closed: a date in the news is old news; only a person may add a hearing now.
        return NOTHING
    if postponed:
        moving = await _upcoming_to_move(tx, clock, case, local_date)
        if moving is not None:
            if source_url:
                await tx.hearings.add_source(moving.id, source_url)
            return await move_hearing(tx, clock, settings, hearing_id=moving.id, new_date=local_date,
                                      new_time=local_time, cause="postponement", created_by=created_by, ref=ref)
    status: HearingStatus = "postponed" if postponed else "scheduled"
    h = await tx.hearings.insert(case_id=case.id, local_date=local_date, local_time=local_time, tz=case.timezone,
                                 court=court or case.court, status=status, now=now)
    await tx.hearings.add_change(HearingChange(
        hearing_id=h.id, revision=h.revision, old_date=None, new_date=local_date, old_time=None, new_time=local_time,
        old_status=None, new_status=status, cause=cause, ref=ref, at=now,
    ))
    if source_url:
        await tx.hearings.add_source(h.id, source_url)
    return await _announce_hearing(tx, clock, case, h, kind="hearing_new", change="postponed" if postponed else "new",
                                   link=source_url, created_by=created_by)


async def _merge(
    tx: Tx, clock: Clock, case: Case, h: Hearing, *, local_time: str | None, court: str | None,
    source_url: str | None, cause: str, ref: str | None, created_by: int | None,
) -> EventResult:
    """The same hearing reported again: record the source; a time learned (or an admin's) makes a revision."""
    new_source = bool(source_url) and await tx.hearings.add_source(h.id, source_url or "")
    if local_time is not None and local_time != h.local_time and (h.local_time is None or cause == "admin"):
        revised = await _revise(tx, clock, h, local_date=h.local_date, local_time=local_time, status=h.status,
                                cause="time_learned" if h.local_time is None else cause, ref=ref, court=court)
        change = "time_set" if h.local_time is None else "time_changed"
        return await _announce_hearing(tx, clock, case, revised, kind="hearing_changed", change=change, old=h,
                                       link=source_url, created_by=created_by)
    if court and not h.court:
        # Where it is matters for the calendar, not for a message of its own.
        await tx.hearings.update(h.id, local_date=h.local_date, local_time=h.local_time, status=h.status,
                                 court=court, revision=h.revision, now=clock.timestamp())
        return EventResult(None, h.id, 0, True, None)
    return EventResult(None, h.id, 0, new_source, None)


async def _upcoming_to_move(tx: Tx, clock: Clock, case: Case, new_date: str) -> Hearing | None:
    """The hearing a postponement to `new_date` moves: the case's earliest active one from today on."""
    today = court_today(case.timezone, clock.now())
    candidates = [h for h in await tx.hearings.for_case(case.id, from_date=today, active_only=True)
                  if h.local_date != new_date]
    return candidates[0] if candidates else None


async def move_hearing(
    tx: Tx, clock: Clock, settings: Settings, *, hearing_id: int, new_date: str, new_time: str | None,
    cause: str = "admin", created_by: int | None = None, ref: str | None = None, correction: bool = False,
) -> EventResult:
    """Move a hearing to a new date and/or time (a postponement when the date changes); followers are told.

    `correction`: the old date was never right (a follower's report, checked by an admin): followers are
    told it is corrected, not that the court postponed it.
    """
    check_date(new_date)
    check_time(new_time)
    h = await tx.hearings.get(hearing_id)
    if h is None:
        return NOTHING
    if h.active and h.local_date == new_date and h.local_time == new_time:
        return EventResult(None, h.id, 0, False, None)
    case = await tx.cases.get_by_id(h.case_id)
    assert case is not None
    moved = new_date != h.local_date and not correction
    status: HearingStatus = "postponed" if moved else (h.status if h.active else "scheduled")
    revised = await _revise(tx, clock, h, local_date=new_date, local_time=new_time, status=status, cause=cause,
                            ref=ref or (f"admin:{created_by}" if created_by is not None else None))
    if correction:
        change = "corrected"
    elif moved:
        change = "moved"
    else:
        change = "time_set" if h.local_time is None else "time_changed"
    return await _announce_hearing(tx, clock, case, revised, kind="hearing_changed", change=change, old=h,
                                   created_by=created_by)


async def cancel_hearing(
    tx: Tx, clock: Clock, settings: Settings, *, hearing_id: int, created_by: int | None = None
) -> EventResult:
    """Cancel a hearing: no more reminders; followers are told while its date was still ahead."""
    h = await tx.hearings.get(hearing_id)
    if h is None or not h.active:
        return EventResult(None, h.id if h else None, 0, False, None)
    case = await tx.cases.get_by_id(h.case_id)
    assert case is not None
    revised = await _revise(tx, clock, h, local_date=h.local_date, local_time=h.local_time, status="cancelled",
                            cause="cancel", ref=f"admin:{created_by}" if created_by is not None else None)
    return await _announce_hearing(tx, clock, case, revised, kind="hearing_cancelled", change="cancelled",
                                   created_by=created_by)


async def record_past_hearing(
    tx: Tx, clock: Clock, settings: Settings, *, case: Case, local_date: str, source_url: str | None = None,
    ref: str | None = None,
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
            await _revise(tx, clock, h, local_date=h.local_date, local_time=h.local_time, status="held",
                          cause="held", ref=ref or source_url)
            return EventResult(None, h.id, 0, True, None)
        return EventResult(None, h.id, 0, False, None)
    moved = await tx.hearings.moved_from(case.id, local_date)
    if moved:
        if source_url:
            await tx.hearings.add_source(moved[0].id, source_url)
        return EventResult(None, moved[0].id, 0, False, None)
    now = clock.timestamp()
    h = await tx.hearings.insert(case_id=case.id, local_date=local_date, local_time=None, tz=case.timezone,
                                 court=case.court, status="held", now=now)
    await tx.hearings.add_change(HearingChange(
        hearing_id=h.id, revision=h.revision, old_date=None, new_date=local_date, old_time=None, new_time=None,
        old_status=None, new_status="held", cause="held", ref=ref or source_url, at=now,
    ))
    if source_url:
        await tx.hearings.add_source(h.id, source_url)
    return EventResult(None, h.id, 0, True, None)


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


# --- announcements ---------------------------------------------------------------------------


def normalise_for_dedupe(text: str) -> str:
    """Letters and digits only, case-folded: the same statement quoted by two sources compares equal."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    return " ".join(re.findall(r"\w+", text))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def statement_key(case: Case, *, title: str, excerpt: str, link: str | None) -> str:
    """`s:<case>:<hash>`: of the normalised text when there is some, else of the canonical URL."""
    basis = normalise_for_dedupe(excerpt) or normalise_for_dedupe(title)
    if not basis and link:
        from bot.sources.model import canonical_url

        basis = "url:" + canonical_url(link)
    return f"s:{case.id}:{_digest(basis)}"


async def post_statement(
    tx: Tx, clock: Clock, settings: Settings, *, case: Case, title: str, excerpt: str, link: str | None,
    source_item_id: int | None = None,
) -> EventResult:
    """The detainee's (or the defence's) own words: to "everything" followers, once however many sources."""
    payload = {"title": title, "excerpt": excerpt, "link": link, "item": source_item_id}
    return await announce(tx, clock, kind="statement", case=case, payload=payload, min_level="all",
                          dedupe_key=statement_key(case, title=title, excerpt=excerpt, link=link))


async def post_mention(
    tx: Tx, clock: Clock, settings: Settings, *, case: Case, item_id: int, title: str | None, excerpt: str,
    link: str | None,
) -> EventResult:
    """A news item naming the case: to "everything" followers with news mentions on, once per item and case."""
    payload = {"title": title, "excerpt": excerpt, "link": link, "item": item_id}
    return await announce(tx, clock, kind="mention", case=case, payload=payload, min_level="all", news_only=True,
                          dedupe_key=f"m:{case.id}:{item_id}")


async def post_update(
    tx: Tx, clock: Clock, settings: Settings, *, case: Case, text_html: str, created_by: int
) -> EventResult:
    """An admin's or editor's update (already-safe HTML) to "everything" followers."""
    now = clock.timestamp()
    return await announce(tx, clock, kind="update", case=case, payload={"text_html": text_html}, min_level="all",
                          created_by=created_by, dedupe_key=f"u:{case.id}:{now}:{_digest(text_html)}")


async def hearings_ending_with(tx: ReadTx, clock: Clock, case: Case, new_status: str) -> list[Hearing]:
    """The hearings a change to `new_status` makes impossible: every active one still ahead, for a final status."""
    if new_status not in FINAL_STATUSES:
        return []
    today = court_today(case.timezone, clock.now())
    now = clock.timestamp()
    return [h for h in await tx.hearings.for_case(case.id, from_date=today, active_only=True)
            if is_ahead(h.local_date, h.local_time, h.tz, now)]


def status_payload(old_status: str, new_status: str, cancelled: Sequence[Hearing]) -> dict[str, Any]:
    payload: dict[str, Any] = {"old_status": old_status, "new_status": new_status}
    if cancelled:
        payload["cancelled"] = [{"date": h.local_date, "time": h.local_time, "tz": h.tz} for h in cancelled]
    return payload


async def announce_status(
    tx: Tx, clock: Clock, settings: Settings, *, case: Case, old_status: str, new_status: str,
    created_by: int | None,
) -> EventResult:
    """The case's status changed (e.g. sentenced → released): to "everything" followers.

    Released, acquitted or closed: the upcoming hearings are cancelled with their reminders, and this one
    message says so, to "hearings only" followers too (no separate cancellation per hearing).
    """
    if old_status == new_status:
        return NOTHING
    now = clock.timestamp()
    cancelled = await hearings_ending_with(tx, clock, case, new_status)
    for h in cancelled:
        await _revise(tx, clock, h, local_date=h.local_date, local_time=h.local_time, status="cancelled",
                      cause="status", ref=f"status:{new_status}")
    return await announce(tx, clock, kind="status", case=case, payload=status_payload(old_status, new_status, cancelled),
                          min_level="hearings" if cancelled else "all", created_by=created_by,
                          dedupe_key=f"st:{case.id}:{now}:{old_status}:{new_status}")


async def notify_admins(
    tx: Tx, clock: Clock, settings: Settings, *, key: str, args: dict[str, Any], once: str | None = None
) -> EventResult:
    """An `admin_notice` (text `key` with `args`) to every ADMIN_IDS chat; they need no chats row.

    With `once`, a notice of that name is sent once ever (its dedupe key), however often it is asked for.
    """
    now = clock.timestamp()
    basis = key + repr(sorted(args.items()))
    dedupe = f"a:once:{once}" if once is not None else f"a:{now}:{_digest(basis)}"
    return await announce(tx, clock, kind="admin_notice", case=None, payload={"key": key, "args": args},
                          dedupe_key=dedupe, chat_ids=list(settings.admin_ids), priority=PRIORITY_INTERACTIVE)


async def apply_finding(
    tx: Tx, clock: Clock, settings: Settings, *, finding_id: int, reviewer: int | None = None,
    date: str | None = None, time: str | None = None,
) -> EventResult:
    """/review approve: act on a pending finding (a hearing optionally with an edited date or time)."""
    f = await tx.findings.get(finding_id)
    if f is None or f.state != "pending":
        return NOTHING
    if f.kind == "report":
        return await resolve_report(tx, clock, settings, finding_id=f.id, reviewer=reviewer or 0, date=date, time=time)
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
        local_time = time if time is not None else f.local_time
        if f.when == "past" and date is None:
            result = await record_past_hearing(tx, clock, settings, case=case, local_date=local_date,
                                               source_url=link, ref=ref)
        else:
            result = await add_hearing(tx, clock, settings, case=case, local_date=local_date, local_time=local_time,
                                       source_url=link, ref=ref, created_by=reviewer, postponed=f.postponed)
            if result.hearing_id is not None:
                await absorb_waiting(tx, hearing_id=result.hearing_id, case_id=case.id, local_date=local_date,
                                     except_id=f.id)
    elif f.kind == "statement":
        result = await post_statement(tx, clock, settings, case=case, title=(item.title if item else None) or "",
                                      excerpt=f.evidence or "", link=link, source_item_id=f.item_id)
    else:
        if item is None:
            return NOTHING
        result = await post_mention(tx, clock, settings, case=case, item_id=item.id, title=item.title,
                                    excerpt=f.evidence or "", link=link)
    await tx.findings.set_state(f.id, "approved", hearing_id=result.hearing_id, reviewed_by=reviewer,
                                reviewed_at=clock.timestamp())
    return result


# --- follower reports ------------------------------------------------------------------------


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
    tx: Tx, clock: Clock, settings: Settings, *, finding_id: int, reviewer: int, date: str | None = None,
    time: str | None = None,
) -> EventResult:
    """/review of a report: keep the hearing as it is, or move it to the date and time the admin checked."""
    f = await tx.findings.get(finding_id)
    if f is None or f.kind != "report" or f.state != "pending" or f.hearing_id is None:
        return NOTHING
    result = NOTHING
    if date is not None:
        result = await move_hearing(tx, clock, settings, hearing_id=f.hearing_id, new_date=date, new_time=time,
                                    cause="correction", created_by=reviewer, ref=f"report:{f.id}", correction=True)
    await tx.findings.set_state(f.id, "approved", reviewed_by=reviewer, reviewed_at=clock.timestamp())
    return result
