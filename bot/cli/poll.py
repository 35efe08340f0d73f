"""`casewatch poll --once [--dry-run] [--json]`: every active source polled once, now."""

from __future__ import annotations

import argparse
import contextlib
import tempfile
from pathlib import Path
from typing import Any

from bot.cli.common import (
    database_file_exists,
    error_line,
    json_line,
    open_store,
    open_synced,
    run_async,
    settings_of,
    sync_config,
)
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.sources.check import iso, item_json
from bot.sources.poller import Poller, PollResult
from storage.api import Store

__all__ = ["main", "poll_once"]


def main(args: argparse.Namespace) -> int:
    """`casewatch poll --once`; exit 1 when a source failed."""
    settings = settings_of(args)
    return run_async(poll_once(settings, dry_run=args.dry_run, as_json=args.json))


async def _throwaway_store(settings: Settings, tmp: Path, now: int) -> Store:
    """A copy of the database (or a fresh one), the TOML brought in, that the dry run may write to and forget."""
    import storage

    target = tmp / "dry-run.db"
    if database_file_exists(settings):
        src = await open_store(settings, migrate=False)
        try:
            backup = getattr(src, "backup", None)
            if backup is not None:
                await backup(target)
        finally:
            await src.close()
    elif settings.sqlite_path is None:
        from storage.copy import CopyRefused, copy_database

        with contextlib.suppress(CopyRefused):  # no Case Watch schema there yet: start from nothing, as above
            await copy_database(settings.database_url, f"sqlite:///{target}")
    store = await storage.open_store(f"sqlite:///{target}", ids=settings.data_ids())
    try:
        await sync_config(store, settings, now)
    except BaseException:
        await store.close()
        raise
    return store


def _result_json(r: PollResult) -> dict[str, Any]:
    return {"source": r.source_id, "new": len(r.new), "items": [item_json(i) for i in r.new], "error": r.error}


def _print_result(r: PollResult) -> None:
    if r.error is not None:
        print(f"{r.source_id}: error: {r.error}")
        return
    note = " (first read: stored as seen, not announced)" if r.baselined and r.new else ""
    if r.not_modified:
        note = " (not modified)"
    print(f"{r.source_id}: {len(r.new)} new{note}")
    for reason in sorted(set(r.skipped)):
        print(f"  skipped {r.skipped.count(reason)}: {reason}")
    for item in r.new:
        print(f"  {iso(item.published) or '-':20}  {item.title or '(untitled)'}  {item.url or ''}".rstrip())


async def poll_once(
    settings: Settings, *, dry_run: bool, as_json: bool, clock: Clock | None = None
) -> int:
    """Poll every active source once now and print the new items per source (`--dry-run`: write nothing).

    `new` counts items seen for the first time, baselined ones (a source's first read) included; only
    the others are announced.
    """
    clock = clock or SystemClock()
    tmp = tempfile.TemporaryDirectory(prefix="casewatch-dry-") if dry_run else None
    try:
        try:
            if tmp is not None:
                store = await _throwaway_store(settings, Path(tmp.name), clock.timestamp())
            else:
                store = await open_synced(settings, clock.timestamp())
        except Exception as exc:
            error_line(f"error: cannot open the database: {exc}")
            return 1
        try:
            async with Poller(store, settings, clock=clock) as poller:
                # Every active source in one tick (the fetch limits still apply inside it).
                results = await poller.tick(due_only=False, limit=1_000_000)
        finally:
            await store.close()
    finally:
        if tmp is not None:
            tmp.cleanup()
    results.sort(key=lambda r: r.source_id)
    for r in results:
        if as_json:
            json_line(_result_json(r))
        else:
            _print_result(r)
    failed = [r for r in results if r.error is not None]
    if failed:
        error_line(f"error: {len(failed)} of {len(results)} sources failed")
        return 1
    return 0
