"""What several commands share: their settings, the database, and the two kinds of output line.

Output contract: exit 0 done, 1 the work failed, 2 a usage or configuration error; an error is one
line on stderr; a machine-readable result is one JSON object per line on stdout.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

from bot.config import Settings, load_settings

if TYPE_CHECKING:
    from storage.api import Store
    from storage.crypto import IdsLike


def settings_of(args: argparse.Namespace) -> Settings:
    """The settings a command runs with: `--config` (or its default), then the environment."""
    return load_settings(args.config)


def run_async(work: Coroutine[Any, Any, int]) -> int:
    """Run a command's coroutine to its exit code."""
    return asyncio.run(work)


def error_line(message: object) -> None:
    """One line on stderr, whatever whitespace the message carries (scripts read errors line by line)."""
    print(" ".join(str(message).split()), file=sys.stderr)


def json_line(obj: dict[str, Any]) -> None:
    """One JSON object on one stdout line, non-ASCII text kept readable."""
    print(json.dumps(obj, ensure_ascii=False))


def database_exists(settings: Settings) -> bool:
    """Whether there is a database to open without making one: a server database (PostgreSQL) is assumed to
    exist; a SQLite file must be there already."""
    return settings.sqlite_path is None or database_file_exists(settings)


def database_file_exists(settings: Settings) -> bool:
    """Whether DATABASE_URL names a SQLite file that is already there (never true for `:memory:`)."""
    path = settings.sqlite_path
    return path is not None and str(path) != ":memory:" and path.exists()


async def open_store(settings: Settings, *, migrate: bool = True, ids: IdsLike | None = None) -> Store:
    """The configured database, its ids sealed under DATA_KEY unless `ids` says otherwise."""
    import storage

    return await storage.open_store(
        settings.database_url, migrate=migrate, ids=settings.data_ids() if ids is None else ids
    )


async def sync_config(store: Store, settings: Settings, now: int) -> None:
    """Cases, then sources, of the TOML that the database lacks (rows there are left alone).

    The same import `casewatch run` does at start, so every command sees the cases alike.
    """
    from bot.cases.directory import import_cases
    from bot.sources.poller import sync_config_sources

    await import_cases(store, settings.cases, now=now, overwrite=False)
    await sync_config_sources(store, settings.sources, now)


async def open_synced(settings: Settings, now: int) -> Store:
    """The configured database with the TOML's cases and sources brought in."""
    store = await open_store(settings)
    try:
        await sync_config(store, settings, now)
    except BaseException:
        await store.close()
        raise
    return store
