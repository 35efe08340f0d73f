"""Fetching: one shared, guarded httpx client; limits; conditional requests; decoding.

Every http(s) fetch goes through `ssrfguard.httpx.AsyncClient`, which resolves a name once, checks each
address and connects to the one it checked, on every redirect hop. Errors are values: `FetchResult.error`
is one line fit for `sources list` and an admin notice, never an exception.

Port rule (without ALLOW_PRIVATE_URLS): 80, 443, 8080 and 8443. Court and media sites do publish on 8080 /
8443, and since every private, loopback and link-local address is refused anyway, those two ports reach
nothing that 80 would not. With ALLOW_PRIVATE_URLS every port is allowed (tests and benches run servers on
random loopback ports), while cloud metadata addresses (169.254.169.254 and kin) stay refused.
"""

from __future__ import annotations

import asyncio
import hashlib
import ipaddress
import os
import re
import stat
import sys
import time
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from functools import cached_property
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import httpx
from ssrfguard import (
    DEFAULT_DENIED,
    BlockedAddressError,
    BlockedURLError,
    Policy,
    SSRFGuardError,
    TooManyRedirectsError,
)
from ssrfguard.httpx import AsyncClient as GuardedClient
from ssrfguard.httpx import AsyncSafeTransport

from bot.config import Settings
from bot.sources.charsets import charset_from_content_type, decode_text

try:  # httpx[brotli] brings it; without it we simply do not offer br
    import brotli
except ImportError:  # pragma: no cover
    brotli = None

try:
    import sniffio  # noqa: F401
except ImportError:
    # httpcore runs `import sniffio` for every lock it makes (several per request); without the package
    # each try walks sys.path again: about a fifth of a 304's cost on loopback. A None entry makes the
    # failed import instant; nothing else could import the missing package anyway.
    sys.modules.setdefault("sniffio", None)  # type: ignore[arg-type]

PUBLIC_PORTS = frozenset({80, 443, 8080, 8443})

# What ALLOW_PRIVATE_URLS opens: loopback, private and link-local ranges. The cloud metadata
# addresses inside them are carved out: an explicit allow beats ssrfguard's deny table, so allowing
# 169.254.0.0/16 whole would let a redirect reach 169.254.169.254.
_PRIVATE_RANGES = (
    "127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16",
    "fc00::/7", "fe80::/10",
)
_ACCEPT_ENCODING = "gzip, deflate, br" if brotli is not None else "gzip, deflate"
_READ_CHUNK = 64 * 1024


def _metadata_networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [b.network for b in DEFAULT_DENIED.blocks if "metadata" in b.name.lower()]


def private_networks() -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """The ranges ALLOW_PRIVATE_URLS permits, less every cloud metadata address."""
    out: list[Any] = []
    holes = _metadata_networks()
    for cidr in _PRIVATE_RANGES:
        parts: list[Any] = [ipaddress.ip_network(cidr)]
        for hole in holes:
            nxt: list[Any] = []
            for net in parts:
                if net.version == hole.version and hole.subnet_of(net):
                    nxt.extend(net.address_exclude(hole))
                else:
                    nxt.append(net)
            parts = nxt
        out.extend(parts)
    return tuple(out)


def make_policy(settings: Settings) -> Policy:
    """The address guard's policy for these settings."""
    if settings.allow_private_urls:
        return Policy(
            allowed_networks=private_networks(),
            allowed_ports=frozenset(range(1, 65536)),
            max_redirects=settings.fetch_max_redirects,
        )
    return Policy(allowed_ports=PUBLIC_PORTS, max_redirects=settings.fetch_max_redirects)


class PerHostTransport(AsyncSafeTransport):
    """The guarded transport with one small connection pool per host instead of one big pool.

    httpcore matches each request against every connection of its pool, for every request in flight
    (`AsyncConnectionPool._assign_requests_to_connections`): with 40 fetches in flight that was half
    of the CPU of a cycle of 304s. FETCH_PER_HOST already bounds a host's share, so a pool of that size
    per host does the same work with a fraction of the matching. Each pool is guarded as the one
    transport was: every connection is checked against the policy.
    """

    def __init__(self, *, per_host: int, **options: Any) -> None:
        super().__init__(**options)  # its own pool stays unused; it only carries the policy
        self._options = options
        size = max(per_host, 1) + 2  # room for `sources check` and /addsource beside the poller
        self._host_limits = httpx.Limits(max_connections=size, max_keepalive_connections=size, keepalive_expiry=30)
        self._hosts: dict[tuple[bytes, bytes, int | None], AsyncSafeTransport] = {}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        key = (url.raw_scheme, url.raw_host, url.port)
        transport = self._hosts.get(key)
        if transport is None:
            transport = self._hosts[key] = AsyncSafeTransport(**{**self._options, "limits": self._host_limits})
        return await transport.handle_async_request(request)

    async def aclose(self) -> None:
        for transport in self._hosts.values():
            await transport.aclose()
        self._hosts.clear()
        await super().aclose()


def make_client(settings: Settings, **overrides: Any) -> httpx.AsyncClient:
    """The one shared client: guarded, HTTP/2 where offered, compressed, with a User-Agent naming us."""
    transport = PerHostTransport(
        per_host=settings.fetch_per_host, policy=make_policy(settings), http2=True, trust_env=False,
        limits=httpx.Limits(max_connections=1, max_keepalive_connections=0),
    )
    options: dict[str, Any] = {
        "transport": transport,
        "follow_redirects": True,
        "max_redirects": settings.fetch_max_redirects,
        "timeout": httpx.Timeout(settings.fetch_timeout, connect=settings.fetch_connect_timeout),
        "headers": {"User-Agent": settings.user_agent, "Accept-Encoding": _ACCEPT_ENCODING},
        # No proxies from the environment: a proxy resolves names itself, past the guard.
        "trust_env": False,
    }
    options.update(overrides)
    return GuardedClient(**options)


@dataclass
class FetchResult:
    """What one fetch gave. `error` is None on success (including `not_modified`)."""

    url: str
    final_url: str
    status: int | None = None  # HTTP status; None for local files and when no answer came
    content: bytes = b""  # decoded from gzip/br, at most FETCH_MAX_BYTES
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False  # 304, or a 200 with the ETag we sent: nothing to parse
    error: str | None = None
    retry_after: int | None = None  # seconds, from a 429/503 Retry-After
    elapsed_s: float = 0.0
    headers: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def charset(self) -> str | None:
        """The charset the Content-Type header declares, if any."""
        return charset_from_content_type(self.content_type)

    @cached_property
    def text(self) -> str:
        """The content as text: BOM, declared charset (header, then meta / XML declaration), then detection."""
        return decode_text(self.content, content_type=self.content_type)


# --- errors as one line ---------------------------------------------------------------------


def _fmt_s(seconds: float) -> str:
    return f"{seconds:g} s"


def _host_of(url: str) -> str:
    try:
        host = urlsplit(url).hostname or url
    except ValueError:
        return url
    return host


_PRIVATE_BLOCKS = frozenset({
    "Loopback", "Loopback Address", "Private-Use", "Link Local", "Link-Local Unicast", "Unique-Local",
    "Shared Address Space", "This network", "This host on this network", "Unspecified Address",
})


def _address_message(where: str, block: str, *, allow_private: bool) -> str:
    if "metadata" in block.lower():
        return f"refused: {where} is a cloud metadata address (never fetched)"
    if not allow_private and block in _PRIVATE_BLOCKS:
        return f"refused: {where} is a private address (set ALLOW_PRIVATE_URLS to allow)"
    return f"refused: {where} is not a public address ({block})"


def _literal_block(host: str) -> str | None:
    """The deny-table block a literal IP host falls in, if any (None for names and public addresses)."""
    try:
        verdict = DEFAULT_DENIED.classify(ipaddress.ip_address(host.strip("[]")))
    except ValueError:
        return None
    return verdict.block.name if verdict.blocked and verdict.block is not None else None


def guard_message(exc: SSRFGuardError, *, allow_private: bool) -> str:
    """ssrfguard's refusal as one line an admin can act on."""
    if isinstance(exc, TooManyRedirectsError):
        return f"too many redirects ({exc.limit})"
    reason = getattr(exc, "reason", str(exc))
    if isinstance(exc, BlockedAddressError):
        where = exc.address
    elif isinstance(exc, BlockedURLError):
        where = _host_of(exc.url)
    else:  # pragma: no cover - ssrfguard has no other kinds today
        return f"refused: {exc}"
    if "allowed_ports" in reason:
        # The port is checked first; a private literal address is the more useful thing to say.
        block = _literal_block(where)
        if block is not None:
            return _address_message(where, block, allow_private=allow_private)
        m = re.search(r"port (\d+)", reason)
        port = m.group(1) if m else "?"
        allowed = ", ".join(str(p) for p in sorted(PUBLIC_PORTS))
        return f"refused: port {port} is not allowed (only {allowed}; set ALLOW_PRIVATE_URLS to allow any port)"
    if "scheme" in reason.lower():
        return "refused: only http and https URLs can be fetched"
    if "credential" in reason.lower() or "userinfo" in reason.lower():
        return "refused: the URL carries credentials"
    m = re.search(r" is (.+?) \((RFC[^)]*)\)", reason)
    block = m.group(1) if m else reason
    return _address_message(where, block, allow_private=allow_private)


def _http_error(status: int, reason: str) -> str:
    return f"HTTP {status} {reason}".strip()


def _parse_retry_after(value: str | None) -> int | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return int(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0, int(when.timestamp() - time.time()))


# --- bounded decompression ------------------------------------------------------------------


class _BodyTooLarge(Exception):
    pass


class _Decoder:
    """Content-Encoding undone chunk by chunk, never producing more than the limit allows.

    httpx's own decoders inflate a whole network chunk at once: 64 KB of gzip can become 64 MB before
    anyone counts it. Here every step is told how much room is left.
    """

    def __init__(self, encoding: str | None, limit: int) -> None:
        self.limit = limit
        self.size = 0
        enc = (encoding or "identity").strip().lower()
        self.kind = enc
        if enc in ("gzip", "x-gzip"):
            self._z: Any = zlib.decompressobj(zlib.MAX_WBITS | 16)
        elif enc == "deflate":
            self._z = None  # zlib-wrapped or raw: decided on the first bytes
        elif enc == "br":
            if brotli is None:
                raise ValueError("unsupported content encoding br")
            self._br = brotli.Decompressor()
        elif enc not in ("identity", ""):
            raise ValueError(f"unsupported content encoding {enc}")

    def _room(self) -> int:
        return self.limit + 1 - self.size

    def _take(self, out: bytes) -> bytes:
        self.size += len(out)
        if self.size > self.limit:
            raise _BodyTooLarge
        return out

    def feed(self, data: bytes) -> Iterable[bytes]:
        if self.kind in ("identity", ""):
            yield self._take(data)
            return
        if self.kind == "br":
            yield self._take(self._br.process(data, output_buffer_limit=self._room()))
            while not self._br.can_accept_more_data():
                yield self._take(self._br.process(b"", output_buffer_limit=self._room()))
            return
        if self._z is None:
            # RFC 9110 says zlib-wrapped, some servers send raw deflate.
            wbits = zlib.MAX_WBITS if data[:1] and (data[0] & 0x0F) == 8 else -zlib.MAX_WBITS
            self._z = zlib.decompressobj(wbits)
        buf = data
        while True:
            out = self._z.decompress(buf, self._room())
            yield self._take(out)
            buf = self._z.unconsumed_tail
            if not buf:
                return

    def flush(self) -> bytes:
        if self.kind in ("gzip", "x-gzip", "deflate") and self._z is not None:
            return self._take(self._z.flush())
        return b""


# --- text decoding --------------------------------------------------------------------------

def is_local(url: str) -> bool:
    """A file:// URL or a plain path (config sources only)."""
    return url.startswith("file:") or "://" not in url


def local_path(url: str) -> Path:
    if url.startswith("file:"):
        parts = urlsplit(url)
        return Path(url2pathname(unquote(parts.path)))
    return Path(url)


def file_tag(st: os.stat_result) -> str:
    """An ETag for a local file: it changes when the file does."""
    return f'"{st.st_mtime_ns:x}-{st.st_size:x}"'


def folder_tag(entries: Iterable[tuple[str, os.stat_result]]) -> str:
    h = hashlib.sha256()
    for name, st in entries:
        h.update(f"{name}\0{st.st_mtime_ns}\0{st.st_size}\n".encode())
    return f'"{h.hexdigest()[:32]}"'


def _read_file(path: Path, limit: int) -> bytes:
    with path.open("rb") as f:
        return f.read(limit + 1)


# --- the fetcher ----------------------------------------------------------------------------


class Fetcher:
    """Fetches under the settings' limits. Share one per process: it owns the connection pool."""

    def __init__(self, settings: Settings, *, client: httpx.AsyncClient | None = None) -> None:
        self.settings = settings
        self._client = client if client is not None else make_client(settings)
        self._own_client = client is None

    @property
    def client(self) -> httpx.AsyncClient:
        return self._client

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        if self._own_client:
            await self._client.aclose()

    async def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str | None = None,
        max_bytes: int | None = None,
        allow_local: bool = True,
    ) -> FetchResult:
        """GET `url` (or read a local file) once; never raises for what the network or the file does."""
        limit = max_bytes if max_bytes is not None else self.settings.fetch_max_bytes
        started = time.monotonic()
        if is_local(url):
            if not allow_local:
                res = FetchResult(url, url, error="refused: only http and https URLs can be added")
            else:
                res = await self._fetch_local(url, etag=etag, limit=limit)
        else:
            scheme = url.split(":", 1)[0].lower()
            if scheme not in ("http", "https"):
                res = FetchResult(url, url, error=f"unsupported URL scheme {scheme}")
            else:
                res = await self._fetch_http(url, etag=etag, last_modified=last_modified, accept=accept, limit=limit)
        res.elapsed_s = time.monotonic() - started
        return res

    async def _fetch_local(self, url: str, *, etag: str | None, limit: int) -> FetchResult:
        path = local_path(url)
        try:
            st = await asyncio.to_thread(path.stat)
        except FileNotFoundError:
            return FetchResult(url, url, error=f"file not found: {path}")
        except OSError as exc:
            return FetchResult(url, url, error=f"cannot read {path}: {exc.strerror or exc}")
        if stat.S_ISDIR(st.st_mode):
            return FetchResult(url, url, error=f"{path} is a folder (only markdown sources read folders)")
        tag = file_tag(st)
        if etag is not None and etag == tag:
            return FetchResult(url, url, etag=tag, not_modified=True)
        if st.st_size > limit:
            return FetchResult(url, url, etag=tag, error=f"body over {limit} bytes, cut off")
        try:
            data = await asyncio.to_thread(_read_file, path, limit)
        except OSError as exc:
            return FetchResult(url, url, error=f"cannot read {path}: {exc.strerror or exc}")
        if len(data) > limit:
            return FetchResult(url, url, etag=tag, content=data[:limit], error=f"body over {limit} bytes, cut off")
        return FetchResult(url, url, content=data, etag=tag, content_type=_guess_type(path))

    async def _fetch_http(
        self, url: str, *, etag: str | None, last_modified: str | None, accept: str | None, limit: int
    ) -> FetchResult:
        s = self.settings
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if accept:
            headers["Accept"] = accept
        res = FetchResult(url, url)
        try:
            # One deadline around everything, the body included: a server that trickles bytes
            # cannot hold a worker past FETCH_TIMEOUT.
            async with asyncio.timeout(s.fetch_timeout):
                async with self._client.stream("GET", url, headers=headers) as resp:
                    await self._read(resp, res, sent_etag=etag, limit=limit)
        except TimeoutError:
            res.error = f"timeout after {_fmt_s(s.fetch_timeout)}"
        except SSRFGuardError as exc:
            res.error = guard_message(exc, allow_private=s.allow_private_urls)
        except httpx.TooManyRedirects:
            res.error = f"too many redirects ({s.fetch_max_redirects})"
        except httpx.ConnectTimeout:
            res.error = f"connect timeout after {_fmt_s(s.fetch_connect_timeout)}"
        except httpx.TimeoutException:
            res.error = f"timeout after {_fmt_s(s.fetch_timeout)}"
        except httpx.ConnectError as exc:
            res.error = f"cannot connect to {_host_of(url)}: {_short(exc)}"
        except httpx.RemoteProtocolError as exc:
            res.error = f"broken response: {_short(exc)}"
        except (httpx.HTTPError, zlib.error, OSError, ValueError) as exc:
            res.error = f"{type(exc).__name__}: {_short(exc)}"
        except Exception as exc:  # brotli.error and friends: a bad body is the source's problem, not ours
            res.error = f"{type(exc).__name__}: {_short(exc)}"
        return res

    async def _read(self, resp: httpx.Response, res: FetchResult, *, sent_etag: str | None, limit: int) -> None:
        res.status = resp.status_code
        res.final_url = str(resp.url)
        res.headers = {k.lower(): v for k, v in resp.headers.items()}
        res.content_type = resp.headers.get("content-type")
        res.etag = resp.headers.get("etag")
        res.last_modified = resp.headers.get("last-modified")
        if resp.status_code == 304:
            res.not_modified = True
            # A 304 may omit validators; the ones we sent still hold.
            res.etag = res.etag or sent_etag
            await _drain(resp)
            return
        if resp.status_code >= 400 or resp.status_code < 200:
            res.error = _http_error(resp.status_code, resp.reason_phrase)
            if resp.status_code in (429, 503):
                res.retry_after = _parse_retry_after(resp.headers.get("retry-after"))
            await _drain(resp)
            return
        if resp.status_code >= 300:
            res.error = _http_error(resp.status_code, resp.reason_phrase) + " (redirect without a location)"
            await _drain(resp)
            return
        if sent_etag and res.etag and res.etag == sent_etag:
            res.not_modified = True  # miniflux's rule: a 200 with the same ETag is unchanged too
            await _drain(resp)
            return
        declared = resp.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit and not resp.headers.get("content-encoding"):
            res.error = f"body over {limit} bytes, cut off"
            return
        decoder = _Decoder(resp.headers.get("content-encoding"), limit)
        buf = bytearray()
        try:
            async for chunk in resp.aiter_raw(_READ_CHUNK):
                for out in decoder.feed(chunk):
                    buf += out
            buf += decoder.flush()
        except _BodyTooLarge:
            res.content = bytes(buf[:limit])
            res.error = f"body over {limit} bytes, cut off"
            return
        res.content = bytes(buf)


# Read at most this much of a body we do not want, so the connection can be reused; beyond it, close.
_DRAIN_MAX = 256 * 1024


async def _drain(resp: httpx.Response) -> None:
    """Finish reading an unwanted (small) body: a response read to its end leaves its connection in the
    pool, one closed early takes the connection with it."""
    declared = resp.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > _DRAIN_MAX):
        return
    seen = 0
    async for chunk in resp.aiter_raw(_READ_CHUNK):
        seen += len(chunk)
        if seen > _DRAIN_MAX:
            return


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]


def _guess_type(path: Path) -> str | None:
    suffix = path.suffix.lower()
    return {
        ".xml": "application/xml", ".rss": "application/rss+xml", ".atom": "application/atom+xml",
        ".json": "application/json", ".html": "text/html", ".htm": "text/html", ".md": "text/markdown",
        ".txt": "text/plain",
    }.get(suffix)
