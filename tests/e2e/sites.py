"""Web sites of the tests' own on this machine, for admins to add as sources; ports for the bot's listener."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager

from aiohttp import web


@asynccontextmanager
async def feed_site(feed: Callable[[str], str | None]) -> AsyncIterator[str]:
    """A site on a free local port whose `/<name>.xml` is the RSS `feed(name)` returns (a 404 for None, and for
    any other path); yields its base URL."""

    async def answer(request: web.Request) -> web.Response:
        body = feed(request.match_info["name"])
        if body is None:
            raise web.HTTPNotFound()
        return web.Response(text=body, content_type="application/rss+xml")

    server = web.Application()
    server.router.add_get("/{name}.xml", answer)
    runner = web.AppRunner(server)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


@contextmanager
def reserved_port() -> Iterator[int]:
    """A free port on 127.0.0.1 for a listener of the bot's (which must know it before it starts, as a webhook
    address does), held for the block by a socket bound to it but not listening, with SO_REUSEADDR.

    Merely finding a free port and closing it leaves it free for any other process on this machine (another
    test worker's bind to port 0, an outgoing connection) until the bot binds it. Held so, no one else gets it,
    while the bot's listener, which binds with SO_REUSEADDR as well, can still bind and listen on it.
    """
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", 0))
        yield int(s.getsockname()[1])


def listening(port: int) -> bool:
    """Whether something listens on the port (a socket that only holds it, as reserved_port's, does not count)."""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return True
        return False
