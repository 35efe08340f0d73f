"""Running the app as `casewatch run` does: long polling or Telegram's webhook, and the HTTP listener.

The listener (`bot.web.server`) runs when LISTEN_PORT is set, in polling mode too, and always in webhook
mode (port 8080 unless LISTEN_PORT says otherwise). Webhook mode needs WEBHOOK_SECRET, so that nobody
else can post updates to it, and an address Telegram can reach: WEBHOOK_URL, else PUBLIC_URL followed by
WEBHOOK_PATH.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import AsyncIterator

from aiogram.exceptions import TelegramAPIError

from bot.clock import Clock
from bot.config import ConfigError, Settings
from bot.errors import describe
from bot.runtime.app import STANDIN_SCALE, App, build_app
from bot.web.server import Listener

log = logging.getLogger("casewatch")

WEBHOOK_PORT = 8080


def listen_port(settings: Settings, *, webhook: bool) -> int | None:
    """The port to listen on, or None for no listener (polling without LISTEN_PORT)."""
    if settings.listen_port is not None:
        return settings.listen_port
    return WEBHOOK_PORT if webhook else None


def webhook_url(settings: Settings) -> str:
    """The address Telegram posts updates to."""
    if settings.webhook_url:
        return settings.webhook_url
    if settings.public_url:
        return settings.public_url + settings.webhook_path
    raise ConfigError("WEBHOOK_URL", "webhook mode needs the address Telegram calls (or PUBLIC_URL to build it)")


def check_webhook(settings: Settings) -> None:
    """Refuse, before anything starts, a webhook anyone could post to or Telegram could not find."""
    if not settings.webhook_secret:
        raise ConfigError("WEBHOOK_SECRET", "webhook mode needs a secret (1-256 of A-Z a-z 0-9 _ -), so that "
                                            "only Telegram's updates are taken")
    webhook_url(settings)


async def start(app: App, *, webhook: bool, updates: bool = True) -> asyncio.Task[None] | None:
    """Bind the listener when one is asked for, then take updates: register the webhook, or start polling
    (its task is returned). `updates=False`: the workers only, beside an instance that takes the updates."""
    settings = app.settings
    port = listen_port(settings, webhook=webhook)
    if port is not None:
        listener = Listener(app, webhook=webhook)
        await listener.start(settings.listen_host, port)
        app.listener = listener
    if not updates:
        await app.start_without_updates()
        log.info("taking no updates: sending and scheduling only")
        return None
    if webhook:
        # Polling runs the startup hooks (commands, menus, the workers) itself; here they run before the
        # first update can come.
        await app.dp.emit_startup(bot=app.bot, dispatcher=app.dp, bots=[app.bot], **app.dp.workflow_data)
        await app.bot.set_webhook(webhook_url(settings), secret_token=settings.webhook_secret,
                                  allowed_updates=app.dp.resolve_used_update_types(), drop_pending_updates=False)
        log.info("webhook registered; taking updates on %s", settings.webhook_path)
        return None
    await _leave_webhook(app)
    return app.start_polling_task()


async def _leave_webhook(app: App) -> None:
    """Telegram refuses getUpdates while a webhook is set (a previous `--webhook` run): remove it, keeping
    the updates it holds."""
    try:
        info = await app.bot.get_webhook_info()
        if info.url:
            log.warning("a webhook was set: removing it to poll instead (pending updates are kept)")
            await app.bot.delete_webhook(drop_pending_updates=False)
    except (TelegramAPIError, OSError, TimeoutError) as exc:  # polling retries and says so
        log.warning("checking for a webhook failed: %s", type(exc).__name__)


async def serve(settings: Settings, *, webhook: bool, updates: bool = True) -> int:
    """`casewatch run [--webhook]` until SIGTERM or SIGINT: 0 after a clean stop, 1 when taking updates failed."""
    if webhook:
        check_webhook(settings)
    app = await build_app(settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        polling = await start(app, webhook=webhook, updates=updates)
    except OSError as exc:
        port = listen_port(settings, webhook=webhook)
        print(f"cannot listen on {settings.listen_host}:{port}: {exc.strerror or type(exc).__name__}",
              file=sys.stderr)
        await app.stop()
        return 1
    except TelegramAPIError as exc:  # Telegram's own words say what to fix (an unreachable address, a bad secret)
        print(f"starting failed: Telegram answered: {exc.message}", file=sys.stderr)
        await app.stop()
        return 1
    waiter = asyncio.create_task(stop.wait())
    await asyncio.wait({waiter} if polling is None else {waiter, polling}, return_when=asyncio.FIRST_COMPLETED)
    log.info("stopping")
    await app.stop()
    waiter.cancel()
    failure = polling.exception() if polling is not None and polling.done() and not polling.cancelled() else None
    if failure is not None:
        print(f"polling failed: {describe(failure)}", file=sys.stderr)
        return 1
    return 0


@contextlib.asynccontextmanager
async def serving(
    settings: Settings, *, clock: Clock | None = None, webhook: bool = False, scheduler: bool = False,
    limiter_scale: float = STANDIN_SCALE,
) -> AsyncIterator[App]:
    """The app as `casewatch run` starts it, for the duration of the block (tests, against the stand-in)."""
    if webhook:
        check_webhook(settings)
    app = await build_app(settings, clock=clock, scheduler=scheduler, limiter_scale=limiter_scale)
    try:
        await start(app, webhook=webhook)
        yield app
    finally:
        await app.stop()
