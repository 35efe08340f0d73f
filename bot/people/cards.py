"""What a case card shows besides the case itself: the next hearing, the last few past ones, the latest news.

Reads only. Past hearings are the ones held (or whose day is gone) and not cancelled; they are history,
kept so the card, `/hearings past` and the exports can show them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.cases.directory import CaseDirectory
from bot.clock import Clock
from bot.events.court_time import ahead_until, is_ahead
from bot.events.kinds import AnnouncementKind
from storage.api import Store
from storage.models import Announcement, Case, Hearing

PAST_ON_CARD = 3
NEWS_KINDS: tuple[AnnouncementKind, ...] = ("update", "statement", "mention", "status", "correction")


@dataclass(frozen=True)
class CardFacts:
    next_hearing: Hearing | None = None
    past: list[Hearing] = field(default_factory=list)  # newest first
    news: Announcement | None = None
    next_going: int = 0  # chats that said "🙋 I'm going" to the next hearing


def split_hearings(hearings: list[Hearing], now: int) -> tuple[list[Hearing], list[Hearing]]:
    """(upcoming active hearings soonest first, past hearings newest first); cancelled ones are neither."""
    ahead = [h for h in hearings if h.active and is_ahead(h.local_date, h.local_time, h.tz, now)]
    ahead.sort(key=lambda h: (ahead_until(h.local_date, h.local_time or "00:00", h.tz), h.local_time is None, h.id))
    past = [h for h in hearings if h.status != "cancelled" and h not in ahead
            and (h.status == "held" or not is_ahead(h.local_date, h.local_time, h.tz, now))]
    past.sort(key=lambda h: (h.local_date, h.local_time or "", h.id), reverse=True)
    return ahead, past


async def card_facts(store: Store, clock: Clock, case: Case) -> CardFacts:
    async with store.read() as tx:
        hearings = await tx.hearings.for_case(case.id)
        recent = await tx.announcements.for_case(case.id, limit=30)
        ahead, past = split_hearings(hearings, clock.timestamp())
        going = await tx.attendance.going_counts([ahead[0].id]) if ahead else {}
    news = next((a for a in recent if a.kind in NEWS_KINDS), None)
    return CardFacts(next_hearing=ahead[0] if ahead else None, past=past[:PAST_ON_CARD], news=news,
                     next_going=going.get(ahead[0].id, 0) if ahead else 0)


async def past_hearings(
    store: Store, clock: Clock, cases: CaseDirectory, chat_id: int, *, limit: int = 15
) -> tuple[bool, list[tuple[Case, Hearing]]]:
    """`/hearings past`: the past hearings of the chat's cases (of every public case when it follows none),
    newest first. Returns (whether these are the chat's own cases, the hearings with their cases)."""
    out: list[tuple[Case, Hearing]] = []
    now = clock.timestamp()
    async with store.read() as tx:
        followed = [cases.by_id(s.case_id) for s in await tx.subscriptions.for_chat(chat_id)]
        mine = [c for c in followed if c is not None]
        for case in mine or cases.public():
            _, past = split_hearings(await tx.hearings.for_case(case.id), now)
            out += [(case, h) for h in past]
    out.sort(key=lambda ch: (ch[1].local_date, ch[1].local_time or "", ch[1].id), reverse=True)
    return bool(mine), out[:limit]
