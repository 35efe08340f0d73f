"""`casewatch sources list | check`: every source's health, or one source fetched once and shown.

Times are ISO 8601 UTC, or null (`-` in the table).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from bot.cli.common import (
    database_exists,
    error_line,
    json_line,
    open_store,
    open_synced,
    run_async,
    settings_of,
)
from bot.cli.poll import poll_once
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.sources.check import check, iso
from bot.sources.model import KINDS
from storage.api import Store
from storage.models import Source

# poll_once lived here before `casewatch poll` had its own module; callers still import it from here.
__all__ = ["main", "poll_once", "sources_check", "sources_list"]


def main(args: argparse.Namespace) -> int:
    """`casewatch sources list [--json]` or `casewatch sources check URL|ID [--kind K] [--json]`."""
    settings = settings_of(args)
    if args.sources_command == "list":
        return run_async(sources_list(settings, as_json=args.json))
    return run_async(sources_check(settings, args.target, kind=args.kind, as_json=args.json))


# --- sources list -------------------------------------------------------------------------------


def _table(rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell.ljust(widths[i]) if i < len(row) - 1 else cell for i, cell in enumerate(row)).rstrip()
        for row in rows
    )


async def sources_list(settings: Settings, *, as_json: bool, clock: Clock | None = None) -> int:
    """Every source with its health: a table, or one JSON object per line."""
    clock = clock or SystemClock()
    try:
        store = await open_synced(settings, clock.timestamp())
    except Exception as exc:
        error_line(f"error: cannot open the database: {exc}")
        return 1
    try:
        async with store.read() as tx:
            sources = await tx.sources.list()
            slugs: dict[int, str] = {}
            for s in sources:
                if s.case_id is not None and s.case_id not in slugs:
                    case = await tx.cases.get_by_id(s.case_id)
                    slugs[s.case_id] = case.slug if case is not None else str(s.case_id)
    finally:
        await store.close()
    if as_json:
        for s in sources:
            json_line(_source_json(s, slugs))
        return 0
    rows = [["id", "kind", "state", "last_ok", "failures", "next_try", "last_error"]]
    for s in sources:
        rows.append([
            s.id, s.kind, s.health.status, iso(s.last_success_at) or "-", str(s.consecutive_failures),
            (iso(s.next_attempt_at) or "-") if s.state == "active" else "-",
            " ".join((s.last_error or "-").split()) if s.consecutive_failures else "-",
        ])
    print(_table(rows))
    return 0


def _source_json(s: Source, slugs: dict[int, str]) -> dict[str, Any]:
    return {
        "id": s.id,
        "kind": s.kind,
        "url": s.url,
        "case": slugs.get(s.case_id) if s.case_id is not None else None,
        "state": s.health.status,
        "last_success_at": iso(s.last_success_at),
        "last_error": s.last_error,
        "consecutive_failures": s.consecutive_failures,
        "next_attempt_at": iso(s.next_attempt_at) if s.state == "active" else None,
    }


# --- sources check ------------------------------------------------------------------------------


async def _lookup_store(settings: Settings) -> Store | None:
    """The existing database, opened without migrating (check writes nothing), or None."""
    if not database_exists(settings):
        return None
    try:
        return await open_store(settings, migrate=False)
    except Exception:
        return None


async def sources_check(settings: Settings, target: str, *, kind: str | None, as_json: bool) -> int:
    """Fetch and parse one source (an id, URL or path) once; print what it gives; write nothing."""
    if kind is not None and kind not in KINDS:
        error_line(f"error: --kind must be one of {', '.join(KINDS)}")
        return 2
    store = await _lookup_store(settings)
    try:
        result = await check(settings, target, kind=kind, store=store)
    finally:
        if store is not None:
            await store.close()
    if result.error is not None and result.error.startswith("unknown source "):
        error_line(f"error: {result.error}")
        return 2
    if as_json:
        json_line(result.to_json())
    else:
        head = f"{result.source}: " if result.source else ""
        status = result.http_status if result.http_status is not None else "-"
        print(f"{head}{result.kind or '?'} {result.url} (HTTP {status}): {len(result.items)} items")
        for item in result.items:
            print(f"  {iso(item.published) or '-':20}  {item.title or '(untitled)'}")
            if item.url:
                print(f"  {'':20}  {item.url}")
    if result.error is not None:
        error_line(f"error: {result.error}")
        return 1
    return 0
