"""Web sites of the tests' own on this machine, for admins to add as sources."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

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
