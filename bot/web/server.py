"""The one HTTP listener: `/healthz`, `/readyz`, `/cal/<slug>.ics`, and Telegram's webhook in webhook mode.

`casewatch run` starts it when LISTEN_PORT is set (polling too) or with `--webhook`. It keeps no access
log: a calendar app's address is its subscriber's, and the webhook's requests are Telegram's.

Webhook updates are handled before the answer (aiogram's `handle_in_background=False`): Telegram sends
again whatever a dying instance did not finish, where answering 200 first would lose it. On stop, the
webhook path answers 503 at once (Telegram tries again later, maybe another instance), the updates in
hand finish, and the listener itself closes only after the sender has sent what it had in flight, so
`/healthz` and the feeds answer until then.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Literal

from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web

from bot.config import LANGUAGES
from bot.errors import describe
from bot.runtime.install import install_id
from bot.web.feed import MAX_AGE_S, not_modified, read_feed

if TYPE_CHECKING:
    from bot.runtime.app import App

log = logging.getLogger(__name__)

# `/readyz` says unready when the database does not answer a trivial query within this.
PING_TIMEOUT_S = 1.0
# A request still running when the listener closes (everything in hand has finished by then) is cut after this.
SHUTDOWN_TIMEOUT_S = 5.0
SchedulerState = Literal["leader", "standby", "off"]


class Listener:
    """The aiohttp application over one `App`; `start()` binds it, `stop()` closes it."""

    def __init__(self, app: App, *, webhook: bool) -> None:
        self.app = app
        self.webhook = webhook
        self.taking_updates = webhook
        self.stopping = False
        self._install: str | None = None
        self._runner: web.AppRunner | None = None
        self._db_ok = True
        self.web = web.Application()
        self.web.router.add_get("/healthz", self.healthz)
        self.web.router.add_get("/readyz", self.readyz)
        self.web.router.add_get("/cal/{slug:[A-Za-z0-9_-]+}.ics", self.calendar)
        if webhook:
            secret = app.settings.webhook_secret
            if not secret:  # `casewatch run --webhook` refuses to start first; this is the last guard
                raise ValueError("a webhook without WEBHOOK_SECRET would take updates from anyone")
            self._updates = SimpleRequestHandler(app.dp, app.bot, handle_in_background=False, secret_token=secret)
            self.web.router.add_post(app.settings.webhook_path, self.update)

    @property
    def port(self) -> int:
        """The port bound (LISTEN_PORT=0 takes a free one: tests)."""
        assert self._runner is not None, "not started"
        return int(self._runner.addresses[0][1])

    async def start(self, host: str, port: int) -> None:
        # Made (once per install) before the first request, so a feed is one read transaction.
        self._install = await install_id(self.app.store)
        runner = web.AppRunner(self.web, access_log=None, shutdown_timeout=SHUTDOWN_TIMEOUT_S)
        await runner.setup()
        try:
            await web.TCPSite(runner, host, port).start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        log.info("listening on %s:%d%s", host, self.port, " (webhook)" if self.webhook else "")

    def stop_taking_updates(self) -> None:
        """From now on the webhook answers 503 and `/readyz` says unready; the rest still answers."""
        self.taking_updates = False
        self.stopping = True

    async def stop(self) -> None:
        self.stop_taking_updates()
        if self.webhook:
            # What polling does when it ends: the dispatcher's shutdown hooks (the FSM storage's close).
            await self.app.dp.emit_shutdown(bot=self.app.bot, **self.app.dp.workflow_data)
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    # -- routes ----------------------------------------------------------------------------------------
    async def healthz(self, request: web.Request) -> web.Response:
        """The process is up and its event loop answers."""
        return web.json_response({"ok": True}, headers={"Cache-Control": "no-store"})

    async def readyz(self, request: web.Request) -> web.Response:
        """200 with `{"db": true, "scheduler": ...}` while the database answers; 503 when not, or stopping."""
        db = await self._database_answers()
        body: dict[str, object] = {"db": db, "scheduler": self._scheduler_state()}
        if self.stopping:
            body["stopping"] = True
        status = 200 if db and not self.stopping else 503
        return web.json_response(body, status=status, headers={"Cache-Control": "no-store"})

    async def calendar(self, request: web.Request) -> web.Response:
        settings = self.app.settings
        lang = request.query.get("lang", settings.default_language)
        if lang not in LANGUAGES:
            lang = settings.default_language
        assert self._install is not None, "not started"
        try:
            feed = await read_feed(self.app.store, request.match_info["slug"], lang=lang, install=self._install,
                                   bot_username=self.app.extras.get("bot_username"))
        except Exception as exc:  # the database: say so without a trace of it
            log.error("calendar feed failed: %s", describe(exc))
            return web.Response(status=503, text="unavailable\n", headers={"Retry-After": "60"})
        if feed is None:  # no such case, or not a public one: the same answer, so neither is revealed
            return web.Response(status=404, text="not found\n")
        headers = {"ETag": feed.etag, "Last-Modified": feed.last_modified_http,
                   "Cache-Control": f"public, max-age={MAX_AGE_S}"}
        if not_modified(feed, request.headers.get("If-None-Match"), request.headers.get("If-Modified-Since")):
            return web.Response(status=304, headers=headers)
        headers["Content-Disposition"] = f'inline; filename="{request.match_info["slug"]}.ics"'
        return web.Response(body=feed.body, content_type="text/calendar", charset="utf-8", headers=headers)

    async def update(self, request: web.Request) -> web.Response:
        """Telegram's webhook: aiogram checks X-Telegram-Bot-Api-Secret-Token (401 without it) and handles the
        update before answering."""
        if not self.taking_updates:
            return web.Response(status=503, text="stopping\n", headers={"Retry-After": "5"})
        try:
            return await self._updates.handle(request)
        except ValueError:  # not JSON, or not an Update (pydantic's ValidationError is a ValueError)
            return web.Response(status=400, text="not an update\n")

    # -- state -----------------------------------------------------------------------------------------
    async def _database_answers(self) -> bool:
        try:
            await asyncio.wait_for(self.app.store.ping(), PING_TIMEOUT_S)
        except Exception as exc:  # TimeoutError, the driver's own, a file gone: all mean "not ready"
            if self._db_ok:
                log.error("the database does not answer: %s", describe(exc))
            self._db_ok = False
            return False
        if not self._db_ok:
            log.info("the database answers again")
        self._db_ok = True
        return True

    def _scheduler_state(self) -> SchedulerState:
        scheduler = self.app.scheduler
        if scheduler is None:
            return "off"
        return "leader" if scheduler.running else "standby"
