"""`casewatch run`: the bot, long polling (or, with --no-updates, only its workers), until SIGTERM or SIGINT."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal

from bot.cli.common import database_exists, error_line, open_store, run_async, settings_of
from bot.config import Settings

NO_TOKEN = (
    "BOT_TOKEN is not set: talk to @BotFather in Telegram (/newbot) to get a token, then run "
    "`BOT_TOKEN=... casewatch run`; to try Case Watch without one, run `casewatch demo`."
)
NO_KEY_NEW = (
    "DATA_KEY is not set: the database keeps Telegram ids encrypted with it. Make one with `casewatch keys new`, "
    "keep it apart from the database and its backups, and start with DATA_KEY=... (or DATA_KEY_FILE=path)."
)
NO_KEY_HELD = (
    "DATA_KEY is not set, and this database holds Telegram ids: start with the key they are encrypted with "
    "(DATA_KEY=... or DATA_KEY_FILE=path); a database from before encryption takes a new one (`casewatch keys new`)."
)

log = logging.getLogger("casewatch")


def main(args: argparse.Namespace) -> int:
    """Refuse to start without a token or a key (exit 2, saying how to get one); else run the bot."""
    settings = settings_of(args)
    if not settings.bot_token:
        error_line(NO_TOKEN)
        return 2
    if not settings.data_key_text():
        held = run_async(_holds_ids(settings))
        error_line(NO_KEY_HELD if held else NO_KEY_NEW)
        return 2
    return run_async(run_bot(settings, updates=not getattr(args, "no_updates", False)))


async def run_bot(settings: Settings, *, updates: bool = True) -> int:
    """Poll until a stop signal; 1 when polling itself failed. `updates=False`: only the sender and the
    leased scheduler run (several instances: only one of them may poll)."""
    # A first line at once: importing aiogram (in bot.runtime.app) takes seconds on a slow machine.
    log.info("starting: loading the bot")
    from bot.runtime.app import build_app

    app = await build_app(settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    polling: asyncio.Task[None] | None = None
    if updates:
        polling = app.start_polling_task()
    else:
        await app.start_without_updates()
        log.info("taking no updates: sending and scheduling only")
    waiter = asyncio.create_task(stop.wait())
    await asyncio.wait({waiter} if polling is None else {polling, waiter}, return_when=asyncio.FIRST_COMPLETED)
    log.info("stopping")
    await app.stop()
    waiter.cancel()
    failure = polling.exception() if polling is not None and polling.done() and not polling.cancelled() else None
    if failure is not None:
        from bot.errors import describe

        error_line(f"polling failed: {describe(failure)}")
        return 1
    return 0


async def _holds_ids(settings: Settings) -> int:
    """1 when the database exists and names someone (or was used with a key), else 0."""
    from storage.crypto import NoIds

    if not database_exists(settings):
        return 0
    store = await open_store(settings, migrate=False, ids=NoIds())
    try:
        return int(await store.holds_ids())  # type: ignore[attr-defined]
    finally:
        await store.close()
