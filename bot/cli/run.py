"""`casewatch run [--webhook | --no-updates]`: the bot, by long polling or Telegram's webhook (or, with
--no-updates, only its workers), until SIGTERM or SIGINT."""

from __future__ import annotations

import argparse
import logging

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
    return run_async(run_bot(settings, webhook=args.webhook, updates=not getattr(args, "no_updates", False)))


async def run_bot(settings: Settings, *, webhook: bool = False, updates: bool = True) -> int:
    """Take updates until a stop signal (bot/runtime/serve.py); 1 when taking them failed. `updates=False`:
    only the sender and the leased scheduler run (several instances: only one of them may poll)."""
    # A first line at once: importing aiogram (in bot.runtime.app) takes seconds on a slow machine.
    log.info("starting: loading the bot")
    from bot.runtime.serve import serve

    return await serve(settings, webhook=webhook, updates=updates)


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
