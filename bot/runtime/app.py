"""The composition root: Bot, Dispatcher, routers, scheduler and workers; start and graceful stop.

Only this module imports `handlers`. Long-lived objects reach handlers by name through the
dispatcher's workflow data: `settings`, `store`, `clock`, `cases`, `sender` (to wake it after queueing),
`app` (this App).

Workers: the outbox `Sender` and the `Editor` of messages already sent (every instance), and the
`LeasedScheduler` (ticks: poll, extraction, reminders, digests, sweeper, pruning; only in the instance holding the
`scheduler` lease). Stop order: stop polling (or the webhook) → wait for updates in hand → stop the scheduler →
stop the editor → stop the sender → close the HTTP listener → close Telegram → close storage.
`bot/runtime/serve.py` runs it as `casewatch run` does.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import TelegramAPIError

from bot.cases.directory import CaseDirectory, import_cases
from bot.clock import Clock, SystemClock, pin_tzdata
from bot.config import Settings
from bot.delivery.budget import Budget
from bot.delivery.edit_texts import make_edit_renderer
from bot.delivery.edits import Editor
from bot.delivery.limiter import Limiter
from bot.delivery.render import make_renderer
from bot.delivery.sender import Sender
from bot.delivery.topics import with_topics
from bot.runtime.scheduler import Job, LeasedScheduler, prune
from bot.telegram.command_menus import set_commands, set_staff_menu
from bot.telegram.fsm_storage import StoreDialogs
from bot.telegram.middlewares import (
    CaseRefreshMiddleware,
    HandlerNameMiddleware,
    InFlight,
    LanguageMiddleware,
    UpdateLogMiddleware,
)
from storage import open_store
from storage.api import Store

log = logging.getLogger("casewatch")

STOP_WAIT_S = 20.0
# How often the scheduler's ticks run (seconds); each only reads due work from the tables.
POLL_EVERY_S = 5
EXTRACT_EVERY_S = 10
REMIND_EVERY_S = 30
DIGEST_EVERY_S = 60
SWEEP_EVERY_S = 60
PRUNE_EVERY_S = 86400
RETENTION_EVERY_S = 6 * 3600
# A new lease holder's first reminder, extraction and sweep ticks run this soon.
TAKEOVER_FIRST_S = 1.0
# `running()` is for tests and the demo, which run the Telegram stand-in with every flood limit ×20
# (tests/e2e/conftest.py, bot/cli/demo.py): the bot's own limiter is scaled alike. Pass 1 against real limits.
STANDIN_SCALE = 20.0


@dataclass
class App:
    settings: Settings
    store: Store
    clock: Clock
    bot: Bot
    dp: Dispatcher
    cases: CaseDirectory
    in_flight: InFlight
    extras: dict[str, Any] = field(default_factory=dict)
    sender: Sender | None = None
    editor: Editor | None = None  # corrections in place: edits of messages already sent
    scheduler: LeasedScheduler | None = None
    poller: Any = None  # bot.sources.poller.Poller
    limiter: Limiter | None = None
    listener: Any = None  # bot.web.server.Listener, when the HTTP listener runs
    workers: bool = True
    _polling: asyncio.Task[None] | None = None
    _workers_started: bool = False
    _understander: Any = None
    _understander_key: tuple[Any, ...] = ()
    _locks: dict[str, asyncio.Lock] = field(default_factory=dict)

    async def start_polling(self) -> None:
        """Run long polling until `stop()` or a signal. Pending updates are kept (never dropped)."""
        await self.dp.start_polling(self.bot, handle_signals=False, close_bot_session=False)

    def start_polling_task(self) -> asyncio.Task[None]:
        """Poll in the background; the workers start from the dispatcher's startup, once polling begins."""
        self._polling = asyncio.create_task(self.start_polling(), name="polling")
        return self._polling

    async def start_without_updates(self) -> None:
        """Run the startup hooks (commands, menus, the workers) and take no updates: an instance that only
        sends from the outbox and competes for the scheduler lease, beside one that polls."""
        await self.dp.emit_startup(bot=self.bot, dispatcher=self.dp, bots=[self.bot], **self.dp.workflow_data)

    async def start_workers(self) -> None:
        """Resolve mirror channels, start the sender, and (unless disabled) the leased scheduler."""
        if self._workers_started:
            return
        self._workers_started = True
        await resolve_mirrors(self)
        if self.sender is not None:
            await self.sender.start()
        if self.editor is not None:
            await self.editor.start()
        if self.scheduler is not None:
            await self.scheduler.start()

    # -- ticks (the scheduler's jobs; tests and the demo call them directly) --------------------------
    def _lock(self, name: str) -> asyncio.Lock:
        # A scheduled tick and one a test or the demo runs by hand never overlap.
        return self._locks.setdefault(name, asyncio.Lock())

    @property
    def understander(self) -> Any:
        """The extraction engine over the current cases, rebuilt when the cases change."""
        from bot.understand.pipeline import Understander

        cases = self.cases.all()
        key = tuple((c.id, c.updated_at, c.aliases) for c in cases)
        if self._understander is None or key != self._understander_key:
            self._understander = Understander(cases)
            self._understander_key = key
        return self._understander

    async def poll_tick(self) -> int:
        if self.poller is None:
            return 0
        async with self._lock("poll"):
            return len(await self.poller.tick())

    async def extraction_tick(self) -> int:
        from bot.understand.tick import extraction_tick

        async with self._lock("extract"):
            await self.cases.refresh_if_changed()
            n = await extraction_tick(self.store, self.understander, self.cases, self.clock, self.settings)
        self._wake()
        return n

    async def retention_tick(self) -> dict[str, int]:
        from bot.privacy.retention import retention_tick

        async with self._lock("retention"):
            counts = await retention_tick(self.store, self.clock, self.settings)
        if counts["told"]:
            self._wake()
        return counts

    async def reminder_tick(self) -> int:
        from bot.events.reminders import reminder_tick
        from bot.letters.birthdays import birthday_tick

        async with self._lock("remind"):
            n = await reminder_tick(self.store, self.clock, self.settings)
            n += await birthday_tick(self.store, self.clock, self.settings)
        if n:
            self._wake()
        return n

    async def digest_tick(self) -> int:
        from bot.events.digest_tick import digest_tick

        async with self._lock("digest"):
            await self.cases.refresh_if_changed()
            n = await digest_tick(self.store, self.clock, self.cases)
        if n:
            self._wake()
        return n

    async def tick_all(self) -> None:
        """Poll, extract, remind and compose due digests once, then wake the sender (tests and the demo)."""
        await self.poll_tick()
        await self.extraction_tick()
        await self.reminder_tick()
        await self.digest_tick()
        self._wake()

    async def drain(self, timeout: float = 10) -> bool:  # noqa: ASYNC109 (a deadline for polling)
        """Wait until the outbox has nothing due, then the edits it made possible (the workers must be running)."""
        if self.sender is None:
            return True
        if not await self.sender.drain(timeout):
            return False
        return self.editor is None or await self.editor.drain(timeout)

    def _wake(self) -> None:
        if self.sender is not None:
            self.sender.wake()
        if self.editor is not None:
            self.editor.wake()

    def jobs(self) -> list[Job]:
        jobs = [
            # Reminders and extraction at once when this instance takes the lease (a holder that died may
            # have missed them), then every few seconds.
            Job("extraction-tick", EXTRACT_EVERY_S, self.extraction_tick, first_s=TAKEOVER_FIRST_S),
            Job("reminder-tick", REMIND_EVERY_S, self.reminder_tick, first_s=TAKEOVER_FIRST_S),
            Job("digest-tick", DIGEST_EVERY_S, self.digest_tick),
            Job("prune", PRUNE_EVERY_S, lambda: prune(self.store, self.clock, self.settings), first_s=60),
            Job("retention", RETENTION_EVERY_S, self.retention_tick, first_s=120),
        ]
        if self.sender is not None:
            jobs.append(Job("outbox-sweep", SWEEP_EVERY_S, self.sender.sweep, first_s=TAKEOVER_FIRST_S))
        if self.poller is not None:
            jobs.append(Job("poll-tick", POLL_EVERY_S, self.poll_tick))
        return jobs

    async def stop(self) -> None:
        """Stop taking updates, finish the ones in hand, stop the workers and the HTTP listener, then close
        Telegram and storage."""
        if self.listener is not None:
            self.listener.stop_taking_updates()
        if self._polling is not None and not self._polling.done():
            with contextlib.suppress(RuntimeError):
                await self.dp.stop_polling()
            with contextlib.suppress(asyncio.CancelledError):
                await self._polling
        if not await self.in_flight.wait_idle(STOP_WAIT_S):
            log.warning("stopping with %d updates still in hand", self.in_flight.count)
        if self.scheduler is not None:
            await self.scheduler.stop()
        if self.editor is not None:  # before the sender, whose heartbeat vouches for its claims
            await self.editor.stop()
        if self.sender is not None:
            await self.sender.stop()
        if self.listener is not None:
            await self.listener.stop()
        if self.poller is not None:
            await self.poller.aclose()
        if self.limiter is not None:
            await self.limiter.close()
        await self.bot.session.close()
        await self.store.close()


async def resolve_mirrors(app: App) -> None:
    """`mirror_chat = "@channel"` → the channel's id (announcements are queued by id); a failure is logged."""
    changed = False
    for case in app.cases.all():
        if case.mirror_chat_id is not None or not case.mirror_chat:
            continue
        try:
            chat = await app.bot.get_chat(case.mirror_chat)
        except (TimeoutError, TelegramAPIError, OSError) as exc:
            log.warning("mirror chat of %s not resolved: %s", case.slug, type(exc).__name__)
            continue
        async with app.store.transaction() as tx:
            await tx.cases.set_mirror_chat_id(case.id, chat.id)
        changed = True
    if changed:
        await app.cases.load()


def make_bot(settings: Settings) -> Bot:
    if not settings.bot_token:
        raise ValueError("BOT_TOKEN is not set")
    session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url.rstrip("/")))
    return Bot(settings.bot_token, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML))


async def build_app(
    settings: Settings, *, clock: Clock | None = None, store: Store | None = None, workers: bool = True,
    scheduler: bool = True, limiter_scale: float = 1.0,
) -> App:
    """Open storage, bring config cases and sources in, and wire the bot. Nothing runs until `start_polling`.

    `workers=False`: neither the sender nor the scheduler start with polling (tests of handlers alone);
    `scheduler=False`: the sender runs but ticks happen only when called (`tick_all`: tests, the demo);
    `limiter_scale` multiplies the SEND_* limits (a stand-in running at a scale).
    """
    from handlers import get_routers

    pin_tzdata()
    clock = clock or SystemClock()
    store = store or await open_store(settings.database_url, ids=settings.data_ids())
    await import_cases(store, settings.cases, now=clock.timestamp(), overwrite=False)
    cases = CaseDirectory(store)
    await cases.load()

    bot = make_bot(settings)
    # With REDIS_URL, instances share the send budget and handle a chat's updates one at a time between them.
    shared = None
    if settings.redis_url:
        from bot.runtime.redis_link import link

        shared = link(settings)
    # Every send, handler replies included, draws on one budget.
    limiter = Limiter(settings, scale=limiter_scale, budget=shared.budget if shared else _database_budget(settings, store))
    log.info("send budget: %s", _budget_name(limiter))
    bot.session.middleware(limiter)
    # Admin dialogs live in our tables: a restart mid-dialog loses nothing.
    dp = Dispatcher(storage=StoreDialogs(store, clock), events_isolation=shared.isolation if shared else None)
    in_flight = InFlight()
    dp.update.outer_middleware(UpdateLogMiddleware(in_flight))
    # Another instance may have added or changed a case since the last update.
    dp.update.outer_middleware(CaseRefreshMiddleware(cases))
    language = LanguageMiddleware(store, settings.default_language)
    for observer in (dp.message, dp.callback_query, dp.my_chat_member):
        observer.outer_middleware(language)
        observer.middleware(HandlerNameMiddleware())
    dp.include_routers(*get_routers())
    app = App(settings=settings, store=store, clock=clock, bot=bot, dp=dp, cases=cases, in_flight=in_flight,
              limiter=limiter, workers=workers)
    render = with_topics(
        make_renderer(store, cases, settings, clock=clock, bot_username=lambda: app.extras.get("bot_username")), store
    )
    from bot.events.notices import render_failure_notifier

    app.sender = Sender(store, bot, clock, settings, limiter, render,
                        on_render_error=render_failure_notifier(store, clock, settings))
    edit_render = make_edit_renderer(store, cases, settings, clock, bot_username=lambda: app.extras.get("bot_username"))
    app.editor = Editor(store, bot, clock, settings, edit_render, worker_id=app.sender.worker_id)
    app.poller = await _make_poller(app)
    if workers and scheduler:
        app.scheduler = LeasedScheduler(store, clock, holder=settings.instance_id, jobs=app.jobs(),
                                        renew_s=settings.scheduler_renew, ttl_s=settings.scheduler_lease_ttl)
    dp.workflow_data.update(settings=settings, store=store, clock=clock, cases=cases, sender=app.sender, app=app)

    async def on_startup() -> None:
        from handlers.admin.registry import ADMIN_COMMANDS

        await set_commands(bot, settings.default_language)
        for admin in settings.admin_ids:
            await set_staff_menu(bot, admin, list(ADMIN_COMMANDS), settings.default_language)
        with contextlib.suppress(TelegramAPIError, OSError, TimeoutError):
            app.extras["bot_username"] = (await bot.me()).username
        if app.workers:
            await app.start_workers()

    dp.startup.register(on_startup)
    return app


def _database_budget(settings: Settings, store: Store) -> Budget | None:
    """Without Redis, instances on one PostgreSQL share Telegram's limits through its rows; SQLite (one
    process) keeps them in the process (None)."""
    if store.backend != "postgres":
        return None
    from bot.delivery.budget_pg import PgBudget, budget_secret

    return PgBudget(store, secret=budget_secret(settings.bot_token or ""))


def _budget_name(limiter: Limiter) -> str:
    names = {"RedisBudget": "Redis, shared by every instance", "PgBudget": "PostgreSQL, shared by every instance"}
    return names.get(type(limiter.budget).__name__, "this process alone")


async def _make_poller(app: App) -> Any:
    """The poll tick over the configured sources; its health events become admin notices."""
    from bot.events.notices import health_notifier
    from bot.sources.poller import Poller, sync_config_sources

    await sync_config_sources(app.store, app.settings.sources, app.clock.timestamp())
    wake = app.sender.wake if app.sender is not None else None
    notify = health_notifier(app.store, app.clock, app.settings, wake=wake)
    return Poller(app.store, app.settings, clock=app.clock, notify=notify)


@contextlib.asynccontextmanager
async def running(
    settings: Settings, *, clock: Clock | None = None, workers: bool = True, scheduler: bool = True,
    limiter_scale: float = STANDIN_SCALE,
) -> AsyncIterator[App]:
    """The app polling in the background for the duration of the block (tests, the demo: against the stand-in)."""
    app = await build_app(settings, clock=clock, workers=workers, scheduler=scheduler, limiter_scale=limiter_scale)
    app.start_polling_task()
    try:
        yield app
    finally:
        await app.stop()
