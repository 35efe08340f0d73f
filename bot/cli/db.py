"""`casewatch db migrate | backup PATH | copy SRC_URL DST_URL`: database maintenance."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.cli.common import error_line, open_store, run_async, settings_of
from bot.config import Settings


def main(args: argparse.Namespace) -> int:
    """`casewatch db migrate` or `casewatch db backup PATH` (exit 1 if PATH exists: never overwritten)."""
    if args.db_command == "copy":
        from storage.copy import run as copy_database

        return run_async(copy_database(args.src, args.dst))
    settings = settings_of(args)
    if args.db_command == "backup" and Path(args.path).exists():
        error_line(f"{args.path} exists already")
        return 1
    return run_async(_maintain(settings, args.db_command, getattr(args, "path", None)))


async def _maintain(settings: Settings, command: str, path: str | None) -> int:
    # Not migrated on open: `migrate` reports what it applies, and a backup copies the file as it is.
    store = await open_store(settings, migrate=False)
    try:
        if command == "migrate":
            applied = await store.migrate()  # type: ignore[attr-defined]
            print(f"applied {len(applied)} migrations" + (f": {applied}" if applied else ""))
        else:
            await store.backup(path)  # type: ignore[attr-defined]
            print(f"backup written to {path}")
        return 0
    finally:
        await store.close()
