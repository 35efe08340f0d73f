"""`casewatch cases import FILE | list`: the cases in the database."""

from __future__ import annotations

import argparse

from bot.cli.common import open_store, run_async, settings_of
from bot.config import Settings


def main(args: argparse.Namespace) -> int:
    """`casewatch cases import FILE` or `casewatch cases list`."""
    settings = settings_of(args)
    if args.cases_command == "import":
        return run_async(import_file(settings, args.file))
    return run_async(list_cases(settings))


async def import_file(settings: Settings, path: str) -> int:
    """The file's `[[cases]]` into the database; the file wins over what is stored (idempotent)."""
    from bot.cases.directory import import_cases
    from bot.clock import SystemClock
    from bot.config import load_cases_file

    store = await open_store(settings)
    try:
        decls = load_cases_file(path)
        counts = await import_cases(store, decls, now=SystemClock().timestamp(), overwrite=True, origin="import")
    finally:
        await store.close()
    print(f"imported {counts['inserted']}, updated {counts['updated']}, unchanged {counts['unchanged']}")
    return 0


async def list_cases(settings: Settings) -> int:
    """One tab-separated line per case: slug, status, public or private, name."""
    store = await open_store(settings)
    try:
        async with store.read() as tx:
            cases = await tx.cases.list(public_only=False)
    finally:
        await store.close()
    for case in cases:
        visibility = "public" if case.public else "private"
        print(f"{case.slug}\t{case.status}\t{visibility}\t{case.name}")
    return 0
