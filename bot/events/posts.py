"""Posts to "everything" followers: the detainee's statements, news mentions, admins' updates, status changes.

Like every event, each takes `tx` and writes the announcement and its outbox rows in the caller's
transaction. A statement quoted by several sources is announced once (`s:<case>:<hash>` of its
normalised text), a mention once per item and case (`m:<case>:<item>`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from bot.clock import Clock
from bot.config import FINAL_STATUSES
from bot.events.announce import announce, digest
from bot.events.court_time import court_today, is_ahead
from bot.events.hearings import revise
from bot.events.kinds import CancelledHearing, Json, Mention, Statement, StatusChange, Update
from bot.events.result import NOTHING, EventResult
from storage.api import ReadTx, Tx
from storage.models import Case, Hearing


def normalise_for_dedupe(text: str) -> str:
    """Letters and digits only, case-folded: the same statement quoted by two sources compares equal."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    return " ".join(re.findall(r"\w+", text))


def statement_key(case: Case, *, title: str, excerpt: str, link: str | None) -> str:
    """`s:<case>:<hash>`: of the normalised text when there is some, else of the canonical URL."""
    basis = normalise_for_dedupe(excerpt) or normalise_for_dedupe(title)
    if not basis and link:
        # Imported here: the sources package loads the poller and fetchers, needed only for this rare case.
        from bot.sources.model import canonical_url

        basis = "url:" + canonical_url(link)
    return f"s:{case.id}:{digest(basis)}"


async def post_statement(
    tx: Tx, clock: Clock, *, case: Case, title: str, excerpt: str, link: str | None,
    source_item_id: int | None = None,
) -> EventResult:
    """The detainee's (or the defence's) own words: to "everything" followers, once however many sources."""
    payload = Statement(title=title, excerpt=excerpt, link=link, item=source_item_id)
    return await announce(tx, clock, payload=payload, case=case, min_level="all",
                          dedupe_key=statement_key(case, title=title, excerpt=excerpt, link=link))


async def post_mention(
    tx: Tx, clock: Clock, *, case: Case, item_id: int, title: str | None, excerpt: str, link: str | None,
) -> EventResult:
    """A news item naming the case: to "everything" followers with news mentions on, once per item and case."""
    payload = Mention(title=title, excerpt=excerpt, link=link, item=item_id)
    return await announce(tx, clock, payload=payload, case=case, min_level="all", news_only=True,
                          dedupe_key=f"m:{case.id}:{item_id}")


async def post_update(tx: Tx, clock: Clock, *, case: Case, text_html: str, created_by: int) -> EventResult:
    """An admin's or editor's update (already-safe HTML) to "everything" followers."""
    now = clock.timestamp()
    return await announce(tx, clock, payload=Update(text_html=text_html), case=case, min_level="all",
                          created_by=created_by, dedupe_key=f"u:{case.id}:{now}:{digest(text_html)}")


async def hearings_ending_with(tx: ReadTx, clock: Clock, case: Case, new_status: str) -> list[Hearing]:
    """The hearings a change to `new_status` makes impossible: every active one still ahead, for a final status."""
    if new_status not in FINAL_STATUSES:
        return []
    today = court_today(case.timezone, clock.now())
    now = clock.timestamp()
    return [h for h in await tx.hearings.for_case(case.id, from_date=today, active_only=True)
            if is_ahead(h.local_date, h.local_time, h.tz, now)]


def status_change(old_status: str, new_status: str, cancelled: Sequence[Hearing]) -> StatusChange:
    """The status message: the change, and the hearings it cancelled."""
    return StatusChange(old_status=old_status, new_status=new_status,
                        cancelled=tuple(CancelledHearing(date=h.local_date, time=h.local_time, tz=h.tz)
                                        for h in cancelled))


def status_payload(old_status: str, new_status: str, cancelled: Sequence[Hearing]) -> Json:
    """The stored form of a status message, for an admin's preview (rendered as a stored one is)."""
    return status_change(old_status, new_status, cancelled).to_json()


async def announce_status(
    tx: Tx, clock: Clock, *, case: Case, old_status: str, new_status: str, created_by: int | None,
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
        await revise(tx, clock, h, local_date=h.local_date, local_time=h.local_time, status="cancelled",
                     cause="status", ref=f"status:{new_status}")
    return await announce(tx, clock, payload=status_change(old_status, new_status, cancelled), case=case,
                          min_level="hearings" if cancelled else "all", created_by=created_by,
                          dedupe_key=f"st:{case.id}:{now}:{old_status}:{new_status}")
