"""A local aiohttp server (127.0.0.1, random port) serving the fixtures and every misbehaviour the
fetcher must survive; settings, a temporary store and a fake clock for the poller tests."""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import zlib
from collections import Counter
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

import storage
from bot.clock import FakeClock
from bot.config import Settings
from storage.api import Store
from storage.models import SourceInput

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[2]
OVERLAP_WAIT_S = 20.0

_TYPES = {
    ".xml": "application/rss+xml; charset=utf-8",
    ".rdf": "application/rdf+xml",
    ".json": "application/feed+json",
    ".html": "text/html; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
}


@dataclass
class Page:
    """A dynamic answer a test sets (and may change between polls)."""

    body: bytes
    content_type: str = "application/rss+xml; charset=utf-8"
    status: int = 200
    etag: bool = True  # answer with an ETag (its content's hash) and honour If-None-Match
    last_modified: str | None = None  # answer with it and honour If-Modified-Since
    headers: dict[str, str] = field(default_factory=dict)


class LocalServer:
    """Routes:
    /f/<fixture>            the fixture, with ETag and Last-Modified, honouring both
    /etag-only/<fixture>    ETag only;  /lm-only/<fixture>  Last-Modified only
    /same-etag/<fixture>    always 200 with the same ETag (never 304)
    /raw/<fixture>          the bytes with no Content-Type charset (text/html)
    /status/<code>          that status
    /slow/<seconds>         sleeps, then a small feed
    /hang                   no answer until the server stops
    /loop/<n>               redirects to /loop/<n+1> forever
    /redirect?to=<url>      302 to the URL
    /big?mb=<n>             n MB of text, streamed in 64 KB chunks
    /bomb                   a few KB of gzip that inflate to 50 MB
    /s/<channel>[?before=]  a Telegram channel preview page (channel.html, older: channel-older.html)
    anything set()          the Page a test set
    """

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.requests: list[dict[str, str]] = []
        self.pages: dict[str, Page] = {}
        self.base = ""
        self._runner: web.AppRunner | None = None
        self._bomb: bytes | None = None
        self.delay = 0.0  # seconds every answer waits
        self.active = 0
        self.peak = 0  # most requests in flight at once
        self.overlap = 0  # see expect_overlap
        self._overlapped = asyncio.Event()
        self._stopping = asyncio.Event()

    def url(self, path: str) -> str:
        return self.base + path

    def set(self, path: str, body: bytes | str, **kw: Any) -> str:
        self.pages[path] = Page(body.encode() if isinstance(body, str) else body, **kw)
        return self.url(path)

    async def start(self, host: str = "127.0.0.1") -> None:
        app = web.Application()
        app.router.add_route("GET", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, 0)
        await site.start()
        sockets = site._server.sockets  # type: ignore[union-attr]
        port = sockets[0].getsockname()[1]
        self.base = f"http://{host}:{port}"

    def expect_overlap(self, n: int) -> None:
        """From now on (the peak counted anew), every answer waits until `n` requests have been in flight at
        once. A client allowed `n` at a time then shows a peak of `n` however busy the machine, rather than only
        when its requests happen to meet; one that sends fewer together shows a lower peak after OVERLAP_WAIT_S,
        a deadline that only bounds the wait."""
        self.overlap, self.peak = n, 0
        self._overlapped = asyncio.Event()

    async def stop(self) -> None:
        self._stopping.set()
        if self._runner is not None:
            await self._runner.cleanup()

    def bomb(self) -> bytes:
        if self._bomb is None:
            z = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
            chunk = b"\0" * (1 << 20)
            parts = [z.compress(chunk) for _ in range(50)]
            parts.append(z.flush())
            self._bomb = b"".join(parts)
        return self._bomb

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        self.active += 1
        self.peak = max(self.peak, self.active)
        try:
            if self.overlap:
                if self.peak >= self.overlap:
                    self._overlapped.set()
                try:
                    await asyncio.wait_for(self._overlapped.wait(), OVERLAP_WAIT_S)
                except TimeoutError:
                    self._overlapped.set()  # they never came together: the rest need not wait too
            if self.delay:
                await asyncio.sleep(self.delay)
            return await self._answer(request)
        finally:
            self.active -= 1

    async def _answer(self, request: web.Request) -> web.StreamResponse:
        path = request.path
        self.hits[path] += 1
        self.requests.append({k.lower(): v for k, v in request.headers.items()} | {"path": path})
        if path in self.pages:
            return self._page(request, self.pages[path])
        parts = path.strip("/").split("/")
        head, rest = parts[0], "/".join(parts[1:])
        if head in ("f", "etag-only", "lm-only", "same-etag"):
            body = (FIXTURES / rest).read_bytes()
            ctype = _TYPES.get(Path(rest).suffix, "application/octet-stream")
            lm = format_datetime(datetime(2026, 3, 1, 12, 0, tzinfo=UTC), usegmt=True)
            page = Page(body, ctype, etag=head in ("f", "etag-only", "same-etag"),
                        last_modified=lm if head in ("f", "lm-only") else None)
            if head == "same-etag":
                return web.Response(body=body, headers={"Content-Type": ctype, "ETag": _etag(body)})
            return self._page(request, page)
        if head == "raw":
            return web.Response(body=(FIXTURES / rest).read_bytes(), headers={"Content-Type": "text/html"})
        if head == "status":
            return web.Response(status=int(rest), text="nope")
        if head == "slow":
            await asyncio.sleep(float(rest))
            return web.Response(body=(FIXTURES / "rss2.xml").read_bytes(), content_type="application/rss+xml")
        if head == "hang":
            await self._stopping.wait()
            return web.Response(status=503, text="stopped")
        if head == "loop":
            raise web.HTTPFound(f"/loop/{int(rest or 0) + 1}")
        if head == "redirect":
            raise web.HTTPFound(request.query["to"])
        if head == "big":
            return await self._big(request, int(request.query.get("mb", "50")))
        if head == "bomb":
            return web.Response(body=self.bomb(), headers={"Content-Type": "application/rss+xml", "Content-Encoding": "gzip"})
        if head == "s":
            before = request.query.get("before")
            name = "channel-older.html" if before else "channel.html"
            return web.Response(body=(FIXTURES / name).read_bytes(), headers={"Content-Type": "text/html; charset=utf-8"})
        return web.Response(status=404, text="not found")

    def _page(self, request: web.Request, page: Page) -> web.Response:
        headers = {"Content-Type": page.content_type, **page.headers}
        tag = _etag(page.body)
        if page.etag:
            headers["ETag"] = tag
        if page.last_modified:
            headers["Last-Modified"] = page.last_modified
        if page.status == 200:
            if page.etag and request.headers.get("If-None-Match") == tag:
                return web.Response(status=304, headers={"ETag": tag})
            if not page.etag and page.last_modified and request.headers.get("If-Modified-Since") == page.last_modified:
                return web.Response(status=304)
        return web.Response(status=page.status, body=page.body, headers=headers)

    async def _big(self, request: web.Request, mb: int) -> web.StreamResponse:
        resp = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
        await resp.prepare(request)
        chunk = b"<!-- " + b"x" * (64 * 1024 - 9) + b" -->"
        try:
            for _ in range(mb * 16):
                await resp.write(chunk)
        except (ConnectionError, RuntimeError):
            pass  # the client stopped reading at its limit
        return resp


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:16] + '"'


def gzip_bytes(data: bytes) -> bytes:
    return gzip.compress(data)


@pytest.fixture
async def server() -> AsyncIterator[LocalServer]:
    srv = LocalServer()
    await srv.start()
    try:
        yield srv
    finally:
        await srv.stop()


def make_settings(**kw: Any) -> Settings:
    base: dict[str, Any] = {
        "allow_private_urls": True,
        # Generous, so a busy machine cannot turn a fetch from this machine into a timeout; the tests of
        # timeouts set their own.
        "fetch_timeout": 30.0,
        "fetch_connect_timeout": 10.0,
        "poll_jitter": 0.0,
        "database_url": "sqlite:///:memory:",
    }
    base.update(kw)
    return Settings(**base)


@pytest.fixture
def settings() -> Settings:
    return make_settings()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 3, 10, 6, 0, tzinfo=UTC))


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    st = await storage.open_store(f"sqlite:///{tmp_path / 'casewatch.db'}")
    try:
        yield st
    finally:
        await st.close()


AddSource = Callable[..., Any]


@pytest.fixture
def add_source(store: Store, clock: FakeClock) -> AddSource:
    async def add(source_id: str, kind: str, url: str, **kw: Any) -> None:
        async with store.transaction() as tx:
            await tx.sources.insert(SourceInput(id=source_id, kind=kind, url=url, **kw), now=clock.timestamp())

    return add
