"""The extraction tick: new or edited items → the Understander → findings rows → events.

Per item, one transaction: its findings are stored (`auto` at or above REVIEW_THRESHOLD, else
`pending` for /review, announced only once approved), the auto ones become hearings, statements and
mentions (bot/events.py), and the item is marked extracted at the content hash that was read. An edited
item is read again: what waited for review from its old text is superseded, and dedupe keys (plus the
item's earlier findings) keep anything from going out twice.

Which kind an item yields, per case it names: its hearings; else, if it is a statement of that case, a
statement (to "everything"); else a mention (to "everything" with news mentions on), at most one per
item and case.
"""

from __future__ import annotations

import inspect
import logging
from datetime import UTC, date, datetime
from typing import Any, Protocol

from bot.cases import CaseDirectory
from bot.clock import Clock, zone
from bot.config import Settings
from bot.errors import describe
from bot.events import add_hearing, post_mention, post_statement, record_past_hearing
from storage.api import Case, Finding, FindingInput, FindingState, Item, Store, Tx

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

    for hf in u.hearings:
        case = cases.get(hf.case)
        if case is None:
            continue
        covered.add(case.id)
        state: FindingState = "auto" if hf.confidence >= settings.review_threshold else "pending"
        finding = FindingInput(
            case_id=case.id, kind="hearing", confidence=float(hf.confidence), state=state, item_id=item.id,
            local_date=hf.date, local_time=hf.time, when=hf.when, postponed=bool(hf.postponed),
            evidence=hf.evidence,
        )
        if any(_same(f, finding) for f in earlier):
            continue  # the edit did not change this hearing: it was handled the first time
        stored = await tx.findings.insert(finding, now=clock.timestamp())
        if state != "auto":
            continue
        try:
            if hf.when == "past":
                result = await record_past_hearing(tx, clock, settings, case=case, local_date=hf.date,
                                                   source_url=source_url, ref=f"finding:{stored.id}")
            else:
                result = await add_hearing(tx, clock, settings, case=case, local_date=hf.date, local_time=hf.time,
                                           source_url=source_url, ref=f"finding:{stored.id}",
                                           postponed=bool(hf.postponed))
        except ValueError:  # a malformed date or time: keep it for a person to look at
            await tx.findings.set_state(stored.id, "pending")
            continue
        if result.hearing_id is not None:
            await tx.findings.set_state(stored.id, "auto", hearing_id=result.hearing_id)
        queued += result.queued

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
            result = await post_statement(tx, clock, settings, case=case, title=item.title or "", excerpt=excerpt,
                                          link=item.url, source_item_id=item.id)
            queued += result.queued

    for slug in u.cases:
        case = cases.get(slug)
        if case is None or case.id in covered:
            continue
        queued += await _mention(tx, clock, settings, case, item, excerpt, earlier)
    return queued


async def _mention(
    tx: Tx, clock: Clock, settings: Settings, case: Case, item: Item, excerpt: str, earlier: list[Finding]
) -> int:
    if any(f.kind == "mention" and f.case_id == case.id for f in earlier):
        return 0
    await tx.findings.insert(FindingInput(
        case_id=case.id, kind="mention", confidence=1.0, state="auto", item_id=item.id, evidence=excerpt,
    ), now=clock.timestamp())
    result = await post_mention(tx, clock, settings, case=case, item_id=item.id, title=item.title, excerpt=excerpt,
                                link=item.url)
    return result.queued
