"""Read a source once and parse it, writing nothing: the poller's read, `sources check` and /addsource."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, tzinfo
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bot.config import SOURCE_ID_RE, Settings, SourceDecl
from bot.errors import describe
from bot.sources import html as html_kind
from bot.sources import markdown as markdown_kind
from bot.sources import rss as rss_kind
from bot.sources import telegram as telegram_kind
from bot.sources.detect import NEEDS_SELECTORS, DetectError, detect
from bot.sources.fetch import Fetcher, FetchResult, is_local
from bot.sources.model import KINDS, ParsedItem, ParseError, newest_first
from storage.api import Store

log = logging.getLogger(__name__)

Known = Callable[[Sequence[str]], Awaitable[set[str]]]

# A channel read goes back at most this many pages (`?before=`) to catch up after a pause.
TELEGRAM_MAX_PAGES = 5
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, "
    "text/xml;q=0.9, */*;q=0.5"
)
HTML_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"


@dataclass
class SourceRead:
    """One read of a source: the first page's fetch facts and every item parsed."""

    kind: str
    url: str
    status: int | None = None
    not_modified: bool = False
    items: list[ParsedItem] = field(default_factory=list)
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    retry_after: int | None = None
    final_url: str | None = None
    skipped: list[str] = field(default_factory=list)  # items left out, and why (a link we would not follow)


def options_from_decl(decl: SourceDecl) -> dict[str, Any]:
    """What a `[[sources]]` entry stores in `sources.options_json`."""
    opts: dict[str, Any] = {}
    if decl.follow_links:
        opts["follow_links"] = True
    if decl.date_format:
        opts["date_format"] = decl.date_format
    if decl.selectors is not None:
        opts["selectors"] = decl.selectors.model_dump(exclude_none=True)
    if decl.backfill is not None:
        opts["backfill"] = decl.backfill
    return opts


def _from_fetch(read: SourceRead, res: FetchResult) -> None:
    read.status = res.status
    read.not_modified = res.not_modified
    read.etag = res.etag
    read.last_modified = res.last_modified
    read.error = res.error
    read.retry_after = res.retry_after
    read.final_url = res.final_url


async def read_source(
    fetcher: Fetcher,
    kind: str,
    url: str,
    options: Mapping[str, Any] | None = None,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    known: Known | None = None,
    tz: tzinfo = UTC,
    first: FetchResult | None = None,
) -> SourceRead:
    """Fetch and parse; never raises for what the source does (errors land in `.error`).

    `known` says which stable ids are stored already: html with follow_links fetches only the others'
    pages, telegram goes back through older pages until it meets one. `first` is a fetch of `url` made
    already (kind detection), used instead of fetching again.
    """
    opts = dict(options or {})
    read = SourceRead(kind=kind, url=url)
    try:
        if kind == "rss":
            res = first or await fetcher.fetch(url, etag=etag, last_modified=last_modified, accept=FEED_ACCEPT)
            _from_fetch(read, res)
            if res.ok and not res.not_modified:
                read.items = rss_kind.parse_feed(res.content, base_url=res.final_url, content_type=res.content_type)
        elif kind == "html":
            if not (opts.get("selectors") or {}).get("item"):
                read.error = NEEDS_SELECTORS
                return read
            res = first or await fetcher.fetch(url, etag=etag, last_modified=last_modified, accept=HTML_ACCEPT)
            _from_fetch(read, res)
            if res.ok and not res.not_modified:
                read.items, complete = await html_kind.read_listing(
                    fetcher, res.text, base_url=res.final_url, options=opts, tz=tz, known=known,
                    skipped=read.skipped,
                )
                if not complete:
                    # Articles left for the next read: a 304 must not hide them then.
                    read.etag = read.last_modified = None
        elif kind == "telegram":
            await _read_channel(fetcher, read, url, etag=etag, last_modified=last_modified, known=known, first=first)
        elif kind == "markdown":
            md = await markdown_kind.read_markdown(fetcher, url, etag=etag, last_modified=last_modified, tz=tz)
            _from_fetch(read, md.result)
            read.items = md.items
        else:
            read.error = f"unknown source kind {kind!r} (one of {', '.join(KINDS)})"
    except ParseError as exc:
        read.error = str(exc)
        read.items = []
    except Exception as exc:  # a parser bug must not take the poller down with it
        log.error("reading a %s source failed: %s", kind, describe(exc))
        read.error = f"parse error: {describe(exc)}"
        read.items = []
    return read


async def _read_channel(
    fetcher: Fetcher,
    read: SourceRead,
    url: str,
    *,
    etag: str | None,
    last_modified: str | None,
    known: Known | None,
    first: FetchResult | None,
) -> None:
    channel = telegram_kind.normalise_channel_url(url)
    res = first or await fetcher.fetch(channel, etag=etag, last_modified=last_modified, accept=HTML_ACCEPT)
    _from_fetch(read, res)
    if not res.ok or res.not_modified:
        return
    page = telegram_kind.parse_channel(res.text, base_url=res.final_url)
    items = list(page.items)
    pages = 1
    oldest = page.oldest_id
    # Catch up: go back while none of a page's posts is stored yet (only for a source read before).
    while known is not None and items and oldest is not None and oldest > 1 and pages < TELEGRAM_MAX_PAGES:
        if await known([i.stable_id for i in page.items]):
            break
        older = await fetcher.fetch(telegram_kind.page_url(channel, oldest), accept=HTML_ACCEPT)
        if not older.ok:
            break
        page = telegram_kind.parse_channel(older.text, base_url=older.final_url)
        if not page.items or page.oldest_id is None or page.oldest_id >= oldest:
            break
        items = page.items + items
        oldest = page.oldest_id
        pages += 1
    read.items = list({i.stable_id: i for i in items}.values())


# --- sources check ------------------------------------------------------------------------------


@dataclass
class CheckResult:
    """What `sources check` prints: the kind, the HTTP status, the error, the items newest first."""

    source: str | None  # the source id when a configured or stored source was named
    kind: str | None
    url: str
    http_status: int | None
    error: str | None
    items: list[ParsedItem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "kind": self.kind,
            "http_status": self.http_status,
            "error": self.error,
            "items": [item_json(i) for i in self.items],
        }


def item_json(item: ParsedItem) -> dict[str, Any]:
    """The item shape of `sources check --json` and `poll --json`."""
    return {
        "id": item.stable_id,
        "url": item.url,
        "title": item.title,
        "published": iso(item.published),
        "excerpt": item.excerpt(200),
    }


def iso(when: Any) -> str | None:
    """ISO 8601 in UTC with a Z, or None; takes a datetime or Unix seconds."""
    from datetime import datetime

    if when is None:
        return None
    if isinstance(when, int | float):
        when = datetime.fromtimestamp(when, UTC)
    return str(when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))


def source_id_for(url: str) -> str:
    """An id for an added source: host + short hash of the URL (`[a-z0-9_-]{1,48}`)."""
    host = (urlsplit(url).hostname or "source").lower()
    host = re.sub(r"[^a-z0-9-]+", "-", host.removeprefix("www.")).strip("-")[:38] or "source"
    return f"{host}-{hashlib.sha256(url.encode()).hexdigest()[:8]}"


def _exists(path: str) -> bool:
    return Path(path).exists()


def _as_uri(path: str) -> str:
    """A local path (relative to the working folder) as a file:// URI."""
    return Path(path).expanduser().resolve().as_uri()


@dataclass
class _Target:
    source: str | None
    kind: str | None
    url: str
    options: dict[str, Any]


async def _resolve_target(settings: Settings, target: str, store: Store | None) -> _Target | None:
    """A stored id (its row holds admins' edits), a configured one, else None (a URL or a path)."""
    if not SOURCE_ID_RE.match(target):
        return None
    if store is not None:
        async with store.read() as tx:
            src = await tx.sources.get(target)
        if src is not None:
            return _Target(src.id, src.kind, src.url, dict(src.options))
    for decl in settings.sources:
        if decl.id == target:
            return _Target(decl.id, decl.kind, decl.url, options_from_decl(decl))
    return None


async def check(
    settings: Settings,
    target: str,
    *,
    kind: str | None = None,
    fetcher: Fetcher | None = None,
    store: Store | None = None,
    allow_local: bool = True,
    tz: tzinfo | None = None,
) -> CheckResult:
    """Fetch `target` (a source id, URL or path) once, tell its kind unless given, parse it. Writes nothing.

    `allow_local=False` (for /addsource) refuses file:// and paths.
    """
    from bot.clock import zone

    zone_ = tz or zone(settings.default_timezone)
    resolved = await _resolve_target(settings, target, store)
    if resolved is None:
        if SOURCE_ID_RE.match(target) and "." not in target and not _exists(target):
            return CheckResult(None, kind, target, None, f"unknown source {target!r} (not in the config or the database)")
        url = target
        if is_local(url):
            if not allow_local:
                return CheckResult(None, kind, url, None, "refused: only http and https URLs can be added")
            if not url.startswith("file:"):
                url = _as_uri(url)
        resolved = _Target(None, kind, url, {})
    if kind is not None:
        resolved.kind = kind
    own = fetcher is None
    f = fetcher or Fetcher(settings)
    try:
        first: FetchResult | None = None
        if resolved.kind is None:
            try:
                found = await detect(f, resolved.url, allow_local=allow_local)
            except DetectError as exc:
                return CheckResult(resolved.source, None, resolved.url, None, str(exc))
            resolved.kind, resolved.url, first = found.kind, found.url, found.result
        if resolved.kind not in KINDS:
            return CheckResult(resolved.source, resolved.kind, resolved.url, None, f"unknown kind {resolved.kind!r}")
        if resolved.kind == "telegram":
            try:
                resolved.url = telegram_kind.normalise_channel_url(resolved.url)
            except ValueError as exc:
                return CheckResult(resolved.source, "telegram", resolved.url, None, str(exc))
        read = await read_source(f, resolved.kind, resolved.url, resolved.options, tz=zone_, first=first)
    finally:
        if own:
            await f.aclose()
    return CheckResult(
        resolved.source, resolved.kind, resolved.url, read.status, read.error, newest_first(read.items)
    )


# --- why a source was refused, for people -------------------------------------------------------

_HTTP_STATUS = re.compile(r"^HTTP (\d{3})\b")


def refusal_reason(error: str) -> tuple[str, int | None]:
    """A check's technical error → (a reason people can act on, the HTTP status if there was one).

    Reasons: not-http, blocked, timeout, unreachable, not-found, forbidden, server, http, redirects,
    too-big, needs-selectors, not-a-source, other. The error itself belongs in the log, not in a chat.
    """
    low = error.lower()
    m = _HTTP_STATUS.match(error)
    if m:
        status = int(m.group(1))
        if status in (404, 410):
            return "not-found", status
        if status in (401, 403, 407, 451):
            return "forbidden", status
        if status >= 500:
            return "server", status
        return "http", status
    if "only http and https" in low or "unsupported url scheme" in low:
        return "not-http", None
    if low.startswith("refused"):
        return "blocked", None
    if "timeout" in low:
        return "timeout", None
    if "redirect" in low:
        return "redirects", None
    if low.startswith("body over"):
        return "too-big", None
    if "needs [sources.selectors]" in low or "needs selectors" in low:
        return "needs-selectors", None
    if low.startswith(("cannot connect", "broken response", "connecterror", "readerror", "remoteprotocolerror")):
        return "unreachable", None
    if any(word in low for word in ("cannot tell what kind", "not a feed", "not a telegram channel",
                                    "malformed xml", "empty document", "names a feed", "matched nothing",
                                    "unknown kind", "parse error")):
        return "not-a-source", None
    return "other", None
