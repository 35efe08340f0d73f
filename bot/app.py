"""The composition root: Bot, Dispatcher, routers, scheduler and workers; start and graceful stop.

Only this module imports `handlers`. Long-lived objects reach handlers by name through the
dispatcher's workflow data: `settings`, `store`, `clock`, `cases`.
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
from aiogram.fsm.storage.memory import MemoryStorage
from aiogram.types import BotCommand, BotCommandScopeDefault

from bot.cases import CaseDirectory, import_cases
from bot.clock import Clock, SystemClock, pin_tzdata
from bot.config import Settings
from bot.i18n import LANGUAGES, t
from bot.middlewares import HandlerNameMiddleware, InFlight, LanguageMiddleware, UpdateLogMiddleware
from storage import open_store
from storage.api import Store

log = logging.getLogger("casewatch")

USER_COMMANDS = ("start", "cases", "follow", "unfollow", "my", "case", "lang", "help", "privacy", "forget")
STOP_WAIT_S = 20.0


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
    _polling: asyncio.Task[None] | None = None

    async def start_polling(self) -> None:
        """Run long polling until `stop()` or a signal. Pending updates are kept (never dropped)."""
        await self.dp.start_polling(self.bot, handle_signals=False, close_bot_session=False)

    def start_polling_task(self) -> asyncio.Task[None]:
        self._polling = asyncio.create_task(self.start_polling(), name="polling")
        return self._polling

    async def stop(self) -> None:
        """Stop taking updates, finish the ones in hand, then close Telegram and storage."""
        if self._polling is not None and not self._polling.done():
            with contextlib.suppress(RuntimeError):
                await self.dp.stop_polling()
            with contextlib.suppress(asyncio.CancelledError):
                await self._polling
        if not await self.in_flight.wait_idle(STOP_WAIT_S):
            log.warning("stopping with %d updates still in hand", self.in_flight.count)
        await self.bot.session.close()
        await self.store.close()


def make_bot(settings: Settings) -> Bot:
    if not settings.bot_token:
        raise ValueError("BOT_TOKEN is not set")
    session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url.rstrip("/")))
    return Bot(settings.bot_token, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML))


async def set_commands(bot: Bot, default_language: str) -> None:
    """Register the command menu in every language; a failure is logged, never fatal."""
    try:
        for lang in LANGUAGES:
            commands = [BotCommand(command=c, description=t(lang, f"cmd-{c}")) for c in USER_COMMANDS]
            await bot.set_my_commands(commands, scope=BotCommandScopeDefault(), language_code=lang)
        commands = [BotCommand(command=c, description=t(default_language, f"cmd-{c}")) for c in USER_COMMANDS]
        await bot.set_my_commands(commands, scope=BotCommandScopeDefault())
    except (TimeoutError, TelegramAPIError, OSError) as exc:
        log.warning("setMyCommands failed, going on without a command menu: %s", type(exc).__name__)


async def build_app(settings: Settings, *, clock: Clock | None = None, store: Store | None = None) -> App:
    """Open storage, bring config cases in, and wire the bot. Nothing runs until `start_polling`."""
    from handlers import get_routers

    pin_tzdata()
    clock = clock or SystemClock()
    store = store or await open_store(settings.database_url)
    await import_cases(store, settings.cases, now=clock.timestamp(), overwrite=False)
    cases = CaseDirectory(store)
    await cases.load()

    bot = make_bot(settings)
    dp = Dispatcher(storage=MemoryStorage())
    in_flight = InFlight()
    dp.update.outer_middleware(UpdateLogMiddleware(in_flight))
    language = LanguageMiddleware(store, settings.default_language)
    for observer in (dp.message, dp.callback_query, dp.my_chat_member):
        observer.outer_middleware(language)
        observer.middleware(HandlerNameMiddleware())
    dp.include_routers(*get_routers())
    dp.workflow_data.update(settings=settings, store=store, clock=clock, cases=cases)

    async def on_startup() -> None:
        await set_commands(bot, settings.default_language)

    dp.startup.register(on_startup)
    return App(settings=settings, store=store, clock=clock, bot=bot, dp=dp, cases=cases, in_flight=in_flight)


@contextlib.asynccontextmanager
async def running(settings: Settings, *, clock: Clock | None = None) -> AsyncIterator[App]:
    """The app polling in the background for the duration of the block (tests, the demo)."""
    app = await build_app(settings, clock=clock)
    app.start_polling_task()
    try:
        yield app
    finally:
        await app.stop()
