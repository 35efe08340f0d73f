"""A follower's "⚠️ Wrong date?": who may report, how often, and nothing kept that names them.

Only a chat that follows the hearing's case may report it, once per hearing; a chat files at most
REPORTS_PER_CHAT_HOUR reports an hour, and a hearing takes at most REPORTS_PER_HEARING_HOUR an hour from
everyone together. What makes "once" and "per chat" possible is a keyed hash (HMAC-SHA256) of the chat and
the hearing (or the chat and the hour), never the chat id. Its key is derived from BOT_TOKEN, which is not in
the database: a copy of the database alone cannot tell which chat reported what, even by trying every
possible id. The marks go once their hearing has passed, the hourly counts after two hours. A new
BOT_TOKEN only means a chat could report a hearing it reported before once more.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from functools import cache
from typing import Literal

from bot.clock import Clock
from bot.config import Settings
from bot.events.court_time import ahead_until
from bot.events.review import report_hearing
from storage.api import Store
from storage.models import Case

REPORTS_PER_CHAT_HOUR = 5
REPORTS_PER_HEARING_HOUR = 30

Outcome = Literal["thanks", "already", "already-yours", "not-follower", "too-many", "busy", "gone"]

# The answer a chat gets for each outcome (all in bot/locales/*/delivery.ftl).
TEXT_KEYS: dict[Outcome, str] = {
    "thanks": "report-thanks",
    "already": "report-already",
    "already-yours": "report-already-yours",
    "not-follower": "report-not-follower",
    "too-many": "report-too-many",
    "busy": "report-busy",
    "gone": "hearing-gone",
}

_NO_TOKEN_KEY = os.urandom(32)  # no BOT_TOKEN (a tool, not the bot): marks last as long as the process


@cache
def _key(bot_token: str | None) -> bytes:
    if not bot_token:
        return _NO_TOKEN_KEY
    return hmac.new(bot_token.encode(), b"casewatch: follower report marks, v1", hashlib.sha256).digest()


def _hash(settings: Settings, what: str) -> str:
    return hmac.new(_key(settings.bot_token), what.encode(), hashlib.sha256).hexdigest()


async def report(
    store: Store, clock: Clock, settings: Settings, *, chat_id: int, case: Case, hearing_id: int
) -> Outcome:
    """File a report of `hearing_id` (a hearing of `case`) for `chat_id`, or say why not."""
    now = clock.timestamp()
    hour = now // 3600
    counted_until = (hour + 2) * 3600
    async with store.transaction() as tx:
        await tx.reports.prune(now)
        h = await tx.hearings.get(hearing_id)
        if h is None or not h.active or h.case_id != case.id:
            return "gone"
        passes_at = ahead_until(h.local_date, h.local_time, h.tz)
        if passes_at <= now:
            return "gone"
        if await tx.subscriptions.get(chat_id, case.id) is None:
            return "not-follower"
        mark = _hash(settings, f"mark:{chat_id}:{hearing_id}")
        if await tx.reports.marked(mark):
            return "already-yours"
        if not await tx.reports.count(_hash(settings, f"rate:{chat_id}:{hour}"), REPORTS_PER_CHAT_HOUR, counted_until):
            return "too-many"
        if not await tx.reports.count(f"hearing:{hearing_id}:{hour}", REPORTS_PER_HEARING_HOUR, counted_until):
            return "busy"
        await tx.reports.mark(mark, hearing_id, passes_at)
        new = await report_hearing(tx, clock, hearing_id=hearing_id)
    return "thanks" if new else "already"
