"""A public case's hearings as a calendar people subscribe to: `GET /cal/<slug>.ics`.

One VEVENT per hearing, past, upcoming and cancelled, written by the same `.ics` writer as the 📅 button
and `/export` (`bot.delivery.render.calendar_for`), so a hearing keeps one UID everywhere and its
SEQUENCE is its revision. The body depends only on what is stored (DTSTAMP is the last change, not the
time of the request), so its hash is a stable ETag and an unchanged calendar is answered with 304.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime

from bot.config import LANGUAGES, SLUG_RE
from bot.delivery.render import calendar_for
from storage.api import Store

# How often a subscribed calendar app is asked to fetch again, and how long a cache may keep an answer.
REFRESH = timedelta(hours=1)
MAX_AGE_S = 300


@dataclass(frozen=True)
class Feed:
    """One calendar as served: its body and what conditional requests are checked against."""

    body: bytes
    etag: str  # quoted, strong
    last_modified: int  # Unix seconds: the latest change of the case or one of its hearings

    @property
    def last_modified_http(self) -> str:
        return format_datetime(datetime.fromtimestamp(self.last_modified, UTC), usegmt=True)


async def read_feed(
    store: Store, slug: str, *, lang: str, install: str, bot_username: str | None = None
) -> Feed | None:
    """The calendar of a public case, or None when there is no such public case (one read transaction)."""
    if not SLUG_RE.match(slug) or lang not in LANGUAGES:
        return None
    async with store.read() as tx:
        case = await tx.cases.get(slug)
        if case is None or not case.public:
            return None
        hearings = await tx.hearings.for_case(case.id)
    changed = max([case.updated_at, *(h.updated_at for h in hearings)])
    body = calendar_for(case, hearings, install=install, lang=lang, now=datetime.fromtimestamp(changed, UTC),
                        bot_username=bot_username, refresh=REFRESH)
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    return Feed(body=body, etag=etag, last_modified=changed)


def not_modified(feed: Feed, if_none_match: str | None, if_modified_since: str | None) -> bool:
    """Whether a conditional GET may be answered 304 (RFC 9110: If-None-Match, when sent, decides alone)."""
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or feed.etag in tags
    if if_modified_since is not None:
        try:
            since = parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError, IndexError):
            return False  # an unreadable date is ignored, as the RFC says
        if since.tzinfo is None:
            since = since.replace(tzinfo=UTC)
        return feed.last_modified <= since.timestamp()
    return False
