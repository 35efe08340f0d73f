"""The extraction tick: new or edited items → the Understander → findings rows → events.

Per item, one transaction: its findings are stored (`auto` at or above REVIEW_THRESHOLD, else
`pending` for /review, announced only once approved), the auto ones become hearings, statements and
mentions (bot/events/hearings.py, posts.py), and the item is marked extracted at the content hash that was read. An edited
item is read again: what waited for review from its old text is superseded, and dedupe keys (plus the
item's earlier findings) keep anything from going out twice.

Hearings (`_act_on_hearing`): a date already gone in the court's zone is never news; reports of one case
and date from independent outlets add up (`bot.events.confidence`), so a second outlet can lift a waiting
finding into an announcement; an upcoming date that another outlet contradicts waits in /review beside
the known one (`conflicting_hearing`), and `review_context` gives /review both sides.

Which kind an item yields, per case it names: its hearings; else, if it is a statement of that case, a
statement (to "everything"); else a mention (to "everything" with news mentions on), at most one per
item and case.
"""

from __future__ import annotations

import inspect
import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Protocol

from bot.cases.directory import CaseDirectory
from bot.clock import Clock, zone
from bot.config import Settings
from bot.errors import describe
from bot.events.confidence import CONFLICT_WINDOW_DAYS, combine, outlet, would_announce
from bot.events.court_time import check_date, check_time, court_today, is_ahead
from bot.events.hearings import absorb_waiting, add_hearing, note_gone_hearing, record_past_hearing
from bot.events.posts import post_mention, post_statement
from storage.api import ReadTx, Store, Tx
from storage.models import Case, Finding, FindingInput, FindingReport, FindingState, Hearing, Item

log = logging.getLogger(__name__)

STATEMENT_CONFIDENCE = 1.0  # the statement detector gives a verdict, not a score
EXCERPT_CHARS = 4000  # kept in the announcement; render cuts it at a sentence for the phone


class UnderstanderLike(Protocol):
    def understand(
        self, text: str, published: date, *, title: str | None = None, source_case: str | None = None,
        front_matter: dict[str, Any] | None = None,
    ) -> Any: ...


def _published(item: Item, tz: str) -> date:
    """The court-local publication date (first-seen date when the source gives none)."""
    ts = item.published_at if item.published_at is not None else item.fetched_at
    return datetime.fromtimestamp(ts, UTC).astimezone(zone(tz)).date()


async def extraction_tick(
    store: Store, understander: UnderstanderLike, cases: CaseDirectory, clock: Clock, settings: Settings, *,
    limit: int = 200,
) -> int:
    """Extract every pending item (up to `limit`); returns how many items were read."""
    async with store.read() as tx:
        items = await tx.items.pending_extraction(limit)
        source_case: dict[str, int | None] = {}
        for item in items:
            if item.source_id not in source_case:
                src = await tx.sources.get(item.source_id)
                source_case[item.source_id] = src.case_id if src else None
    for item in items:
        own = source_case.get(item.source_id)
        own_case = cases.by_id(own) if own is not None else None
        tz = own_case.timezone if own_case else settings.default_timezone
        understanding: Any = None
        try:
            understanding = understander.understand(
                item.text, _published(item, tz), title=item.title,
                source_case=own_case.slug if own_case else None, front_matter=None,
            )
            if inspect.isawaitable(understanding):
                understanding = await understanding
        except Exception as exc:  # one unreadable item must not block the queue behind it
            log.error("extraction of item %s failed; marked read without findings: %s", item.id, describe(exc))
        async with store.transaction() as tx:
            if understanding is not None:
                await apply_understanding(tx, clock, settings, cases, item, understanding)
            await tx.items.mark_extracted(item.id, item.content_hash)
    return len(items)


def _same(a: Finding, b: FindingInput) -> bool:
    return (a.case_id, a.kind, a.local_date, a.local_time, a.when, a.postponed) == (
        b.case_id, b.kind, b.local_date, b.local_time, b.when, b.postponed)


async def apply_understanding(
    tx: Tx, clock: Clock, settings: Settings, cases: CaseDirectory, item: Item, u: Any
) -> int:
    """Store the findings of one item and act on the automatic ones; returns outbox rows queued."""
    await tx.findings.supersede_pending(item.id)
    earlier = [f for f in await tx.findings.for_item(item.id) if f.state != "superseded"]
    source_url = item.url or f"item:{item.id}"
    queued = 0
    covered: set[int] = set()  # cases that got a hearing or statement finding from this item

    item_outlet = _outlet(item.url, item.source_id)
    item_dates: dict[int, set[str]] = {}  # per case, every date this item gives it
    for hf in u.hearings:
        case = cases.get(hf.case)
        if case is not None:
            item_dates.setdefault(case.id, set()).add(hf.date)

    for hf in u.hearings:
        case = cases.get(hf.case)
        if case is None:
            continue
        covered.add(case.id)
        state: FindingState = "auto" if would_announce(hf.confidence, settings.review_threshold) else "pending"
        finding = FindingInput(
            case_id=case.id, kind="hearing", confidence=float(hf.confidence), state=state, item_id=item.id,
            local_date=hf.date, local_time=hf.time, when=hf.when, postponed=bool(hf.postponed),
            evidence=hf.evidence,
        )
        if any(_same(f, finding) for f in earlier):
            continue  # the edit did not change this hearing: it was handled the first time
        stored = await tx.findings.insert(finding, now=clock.timestamp())
        queued += await _act_on_hearing(tx, clock, settings, case, stored, source_url=source_url,
                                        item_outlet=item_outlet, item_dates=item_dates.get(case.id, set()))

    excerpt = item.text[:EXCERPT_CHARS]
    if u.statement:
        for slug in u.statement_cases:
            case = cases.get(slug)
            if case is None:
                continue
            covered.add(case.id)
            if any(f.kind == "statement" and f.case_id == case.id for f in earlier):
                continue  # an edited statement is not a second statement
            await tx.findings.insert(FindingInput(
                case_id=case.id, kind="statement", confidence=STATEMENT_CONFIDENCE, state="auto", item_id=item.id,
                evidence=excerpt,
            ), now=clock.timestamp())
            result = await post_statement(tx, clock, case=case, title=item.title or "", excerpt=excerpt,
                                          link=item.url, source_item_id=item.id)
            queued += result.queued

    for slug in u.cases:
        case = cases.get(slug)
        if case is None or case.id in covered:
            continue
        queued += await _mention(tx, clock, case, item, excerpt, earlier)
    return queued


def _outlet(url: str | None, source_id: str | None) -> str | None:
    """Who published a report, for telling independent sources apart: the link's outlet, else its source."""
    return outlet(url) or (f"source:{source_id}" if source_id else None)


async def _act_on_hearing(
    tx: Tx, clock: Clock, settings: Settings, case: Case, stored: Finding, *, source_url: str,
    item_outlet: str | None, item_dates: set[str],
) -> int:
    """Decide one stored hearing finding: announce it, keep it as history, or leave it for /review.

    - Malformed date or time: /review.
    - `when = past`: at or above the threshold, the hearing of that day (if known) is marked held; never news.
    - A court-local date (and time) already gone, whatever the tense: never an "upcoming hearing" message;
      the report is only recorded on a hearing of that day, if the case has one.
    - An upcoming date that another outlet contradicts (see `conflicting_hearing`): /review, with both.
    - Otherwise its confidence is what every independent outlet reporting this case and date adds up to
      (`bot.events.confidence.combine`; a date an admin rejected in /review is not lifted by agreement). At or
      above the threshold it is announced (or merged, or a move when `postponed`), and the other reports of
      that date still waiting in /review leave it; below, it waits.
    A hearing announced only because outlets agree takes a time only when two outlets, or one sure report,
    give it; otherwise it goes out without a time.
    """
    threshold = settings.review_threshold
    own_sure = stored.state == "auto"
    local_date = stored.local_date or ""
    try:
        check_date(local_date)
        check_time(stored.local_time)
    except ValueError:  # a malformed date or time: keep it for a person to look at
        await tx.findings.set_state(stored.id, "pending")
        return 0
    ref = f"finding:{stored.id}"
    if stored.when == "past":
        if not own_sure:
            return 0
        result = await record_past_hearing(tx, clock, case=case, local_date=local_date,
                                           source_url=source_url, ref=ref)
        if result.hearing_id is not None:
            await tx.findings.set_state(stored.id, "auto", hearing_id=result.hearing_id)
        return result.queued
    if not is_ahead(local_date, stored.local_time, case.timezone, clock.timestamp()):
        if own_sure:
            hearing_id = await note_gone_hearing(tx, case=case, local_date=local_date, source_url=source_url)
            if hearing_id is not None:
                await tx.findings.set_state(stored.id, "auto", hearing_id=hearing_id)
        return 0

    reports = [r for r in await tx.findings.reports(case.id, local_date) if r.finding.when != "past"]
    live = [r for r in reports if r.finding.state in LIVE_STATES]
    rejected = any(r.finding.state == "rejected" for r in reports)
    confidence = stored.confidence
    if not own_sure and not rejected:
        confidence = max(confidence, combine(_best_per_outlet(live).values()))

    if not stored.postponed:
        other = await conflicting_hearing(tx, clock, case, local_date, item_outlet=item_outlet,
                                          item_dates=item_dates)
        if other is not None:
            await tx.findings.mark_conflict(stored.id, other.id)
            return 0
    if not would_announce(confidence, threshold):
        return 0
    local_time = stored.local_time if own_sure else _agreed_time(live, threshold)
    result = await add_hearing(tx, clock, case=case, local_date=local_date, local_time=local_time,
                               source_url=source_url, ref=ref, postponed=stored.postponed)
    if result.hearing_id is not None:
        await tx.findings.set_state(stored.id, "auto", hearing_id=result.hearing_id)
        await absorb_waiting(tx, hearing_id=result.hearing_id, case_id=case.id, local_date=local_date,
                             except_id=stored.id)
    elif not own_sure:
        await tx.findings.set_state(stored.id, "auto")
    return result.queued


LIVE_STATES = ("auto", "pending", "approved")  # reports that still stand (not rejected, not replaced by an edit)


def _best_per_outlet(reports: list[FindingReport]) -> dict[str, float]:
    """Each outlet's most confident report: two items of one outlet are one source."""
    best: dict[str, float] = {}
    for r in reports:
        key = _outlet(r.url, r.source_id)
        if key is not None:
            best[key] = max(best.get(key, 0.0), r.finding.confidence)
    return best


def _agreed_time(reports: list[FindingReport], threshold: float) -> str | None:
    """The time two outlets agree on, or that one report is sure of; None when no time is that certain."""
    by_time: dict[str, dict[str, float]] = {}
    for r in reports:
        key = _outlet(r.url, r.source_id)
        if r.finding.local_time and key is not None:
            outlets = by_time.setdefault(r.finding.local_time, {})
            outlets[key] = max(outlets.get(key, 0.0), r.finding.confidence)
    agreed = [(len(o), max(o.values()), t) for t, o in by_time.items()
              if len(o) >= 2 or would_announce(max(o.values()), threshold)]
    return max(agreed)[2] if agreed else None


async def conflicting_hearing(
    tx: Tx, clock: Clock, case: Case, local_date: str, *, item_outlet: str | None, item_dates: set[str]
) -> Hearing | None:
    """The case's upcoming hearing that a report of `local_date` contradicts, if any.

    Two sources disagree about one session when, for the same case:
    - the case has an active hearing still ahead on another date D1, no more than CONFLICT_WINDOW_DAYS
      (21) days from the reported date D2 (further apart, they are read as different sessions);
    - the new report comes from an outlet that did not report D1 (an admin-entered hearing has no outlet,
      so any outlet differs), and its own item does not also give D1 (an item naming both dates knows of
      both sessions);
    - the case has no hearing on D2 at all (a report of a known date merges; a date that was cancelled or
      that a hearing was moved away from is stale news, handled by `add_hearing`).
    A report flagged `postponed` is a move, not a conflict, and is never checked here. The nearest such
    hearing is returned; the report then waits in /review beside it.
    """
    if await tx.hearings.on_date(case.id, local_date) or await tx.hearings.moved_from(case.id, local_date):
        return None
    now = clock.timestamp()
    reported = date.fromisoformat(local_date)
    today = court_today(case.timezone, clock.now())
    candidates = []
    for h in await tx.hearings.for_case(case.id, from_date=today, active_only=True):
        gap = abs((date.fromisoformat(h.local_date) - reported).days)
        if h.local_date == local_date or gap > CONFLICT_WINDOW_DAYS or h.local_date in item_dates:
            continue
        if not is_ahead(h.local_date, h.local_time, h.tz, now):
            continue
        outlets = {outlet(url) for url in await tx.hearings.sources(h.id)}
        outlets |= {_outlet(r.url, r.source_id) for r in await tx.findings.for_hearing(h.id)}
        if item_outlet is not None and item_outlet in outlets:
            continue
        candidates.append((gap, h.local_date, h))
    return min(candidates, key=lambda c: (c[0], c[1]))[2] if candidates else None


@dataclass(frozen=True)
class KnownDate:
    """The other side of a conflict: the hearing as it stands now, and where it was read (if anywhere)."""

    date: str
    time: str | None
    link: str | None  # None: entered by an admin, no source
    evidence: str | None


@dataclass(frozen=True)
class ReviewContext:
    """What /review adds to a hearing finding: how many outlets report it, and what it contradicts."""

    sources: int  # independent outlets reporting this case and date (this one included)
    conflict: KnownDate | None


async def review_context(tx: ReadTx, finding: Finding) -> ReviewContext:
    """Read (in `tx`) what /review shows beside a waiting hearing finding."""
    if finding.kind != "hearing" or finding.local_date is None:
        return ReviewContext(0, None)
    past = finding.when == "past"
    live = [r for r in await tx.findings.reports(finding.case_id, finding.local_date)
            if r.finding.state in LIVE_STATES and (r.finding.when == "past") == past]
    sources = len(_best_per_outlet(live))
    conflict = None
    if finding.conflict_hearing_id is not None:
        h = await tx.hearings.get(finding.conflict_hearing_id)
        if h is not None:
            reports = sorted(await tx.findings.for_hearing(h.id), key=lambda r: -r.finding.confidence)
            read = next((r for r in reports if r.url), None)
            links = [u for u in await tx.hearings.sources(h.id) if outlet(u) is not None]
            conflict = KnownDate(
                date=h.local_date, time=h.local_time,
                link=read.url if read is not None else (links[0] if links else None),
                evidence=read.finding.evidence if read is not None else None,
            )
    return ReviewContext(sources, conflict)


async def _mention(
    tx: Tx, clock: Clock, case: Case, item: Item, excerpt: str, earlier: list[Finding]
) -> int:
    if any(f.kind == "mention" and f.case_id == case.id for f in earlier):
        return 0
    await tx.findings.insert(FindingInput(
        case_id=case.id, kind="mention", confidence=1.0, state="auto", item_id=item.id, evidence=excerpt,
    ), now=clock.timestamp())
    result = await post_mention(tx, clock, case=case, item_id=item.id, title=item.title, excerpt=excerpt,
                                link=item.url)
    return result.queued
