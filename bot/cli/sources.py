"""`casewatch sources list | check` and `casewatch poll --once`: the functions `bot/cli/main.py` wires in.

Output follows DESIGN → Contracts → Command line: exit 0 done, 1 the work failed, 2 usage or config error;
errors one line on stderr; times ISO 8601 UTC or null.
"""

from __future__ import annotations

import contextlib
import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import storage
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.sources.check import check, iso, item_json
from bot.sources.model import KINDS
from bot.sources.poller import Poller, PollResult, sync_config_sources
from storage.api import Store
from storage.models import CaseInput, Source


def _err(message: str) -> None:
    print(" ".join(str(message).split()), file=sys.stderr)


def _line(obj: dict[str, Any]) -> None:
    print(json.dumps(obj, ensure_ascii=False))


async def sync_config(store: Store, settings: Settings, now: int) -> None:
    """Cases, then sources, of the TOML that the database lacks (rows there are left alone)."""
    try:
        from bot.cases.directory import sync_config_cases  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        async with store.transaction() as tx:
            for c in settings.cases:
                mirror = c.mirror_chat
                await tx.cases.upsert(
                    CaseInput(
                        slug=c.slug, name=c.name, name_en=c.name_en, name_kk=c.name_kk, gender=c.gender,
                        timezone=c.timezone, status=c.status, court=c.court, description=c.description,
                        description_en=c.description_en, description_kk=c.description_kk, links=tuple(c.links),
                        aliases=tuple(c.aliases), public=c.public,
                        mirror_chat_id=mirror if isinstance(mirror, int) else None,
                        mirror_chat=mirror if isinstance(mirror, str) else None,
                        name_gen=c.name_gen, name_ins=c.name_ins, court_en=c.court_en, court_kk=c.court_kk,
                        address=c.address, address_en=c.address_en, address_kk=c.address_kk,
                    ),
                    origin="config", now=now, overwrite=False,
                )
    else:
        await sync_config_cases(store, settings, now)
    await sync_config_sources(store, settings.sources, now)


async def _open(settings: Settings, clock: Clock) -> Store:
    store = await storage.open_store(settings.database_url, ids=settings.data_ids())
    try:
        await sync_config(store, settings, clock.timestamp())
    except BaseException:
        await store.close()
        raise
    return store


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
        store = await _open(settings, clock)
    except Exception as exc:
        _err(f"error: cannot open the database: {exc}")
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
            _line(_source_json(s, slugs))
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
    path = settings.sqlite_path
    if path is not None and (str(path) == ":memory:" or not path.exists()):
        return None
    try:
        return await storage.open_store(settings.database_url, migrate=False, ids=settings.data_ids())
    except Exception:
        return None


async def sources_check(settings: Settings, target: str, *, kind: str | None, as_json: bool) -> int:
    """Fetch and parse one source (an id, URL or path) once; print what it gives; write nothing."""
    if kind is not None and kind not in KINDS:
        _err(f"error: --kind must be one of {', '.join(KINDS)}")
        return 2
    store = await _lookup_store(settings)
    try:
        result = await check(settings, target, kind=kind, store=store)
    finally:
        if store is not None:
            await store.close()
    if result.error is not None and result.error.startswith("unknown source "):
        _err(f"error: {result.error}")
        return 2
    if as_json:
        _line(result.to_json())
    else:
        head = f"{result.source}: " if result.source else ""
        status = result.http_status if result.http_status is not None else "-"
        print(f"{head}{result.kind or '?'} {result.url} (HTTP {status}): {len(result.items)} items")
        for item in result.items:
            print(f"  {iso(item.published) or '-':20}  {item.title or '(untitled)'}")
            if item.url:
                print(f"  {'':20}  {item.url}")
    if result.error is not None:
        _err(f"error: {result.error}")
        return 1
    return 0


# --- poll --once --------------------------------------------------------------------------------


async def _throwaway_store(settings: Settings, tmp: Path) -> Store:
    """A copy of the database (or a fresh one) that the dry run may write to and then forget."""
    target = tmp / "dry-run.db"
    path = settings.sqlite_path
    if path is not None and str(path) != ":memory:" and path.exists():
        src = await storage.open_store(settings.database_url, migrate=False, ids=settings.data_ids())
        try:
            backup = getattr(src, "backup", None)
            if backup is not None:
                await backup(target)
        finally:
            await src.close()
    elif path is None:
        from storage.copy import CopyRefused, copy_database

        with contextlib.suppress(CopyRefused):  # no Case Watch schema there yet: start from nothing, as above
            await copy_database(settings.database_url, f"sqlite:///{target}")
    return await storage.open_store(f"sqlite:///{target}", ids=settings.data_ids())


def _result_json(r: PollResult) -> dict[str, Any]:
    return {"source": r.source_id, "new": len(r.new), "items": [item_json(i) for i in r.new], "error": r.error}


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
                store = await _throwaway_store(settings, Path(tmp.name))
                await sync_config(store, settings, clock.timestamp())
            else:
                store = await _open(settings, clock)
        except Exception as exc:
            _err(f"error: cannot open the database: {exc}")
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
            _line(_result_json(r))
            continue
        if r.error is not None:
            print(f"{r.source_id}: error: {r.error}")
            continue
        note = " (first read: stored as seen, not announced)" if r.baselined and r.new else ""
        if r.not_modified:
            note = " (not modified)"
        print(f"{r.source_id}: {len(r.new)} new{note}")
        for reason in sorted(set(r.skipped)):
            print(f"  skipped {r.skipped.count(reason)}: {reason}")
        for item in r.new:
            print(f"  {iso(item.published) or '-':20}  {item.title or '(untitled)'}  {item.url or ''}".rstrip())
    failed = [r for r in results if r.error is not None]
    if failed:
        _err(f"error: {len(failed)} of {len(results)} sources failed")
        return 1
    return 0
