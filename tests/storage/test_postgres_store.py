"""The PostgreSQL store's own parts: placeholders, one schema with SQLite's, several instances on one database."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from pathlib import Path

import asyncpg
import pytest

from bot.cases.directory import import_cases
from bot.config import load_settings
from storage import open_store
from storage.api import Store
from storage.dialect import POSTGRES, SQLITE
from storage.migrations import load
from storage.models import OutboxRow, SourceInput
from storage.postgres.store import affected, numbered
from tests.conftest import EXAMPLES
from tests.delivery.helpers import announce

NOW = 1_800_000_000


def test_question_marks_become_numbered_outside_strings_names_and_comments() -> None:
    assert numbered("SELECT ? , ?") == "SELECT $1 , $2"
    assert numbered("SELECT '?', ? -- why?\n, \"odd?name\", ?") == "SELECT '?', $1 -- why?\n, \"odd?name\", $2"
    assert numbered("SELECT 'it''s ?', ?") == "SELECT 'it''s ?', $1"
    assert numbered("UPDATE t SET a = '{}' WHERE b = ?") == "UPDATE t SET a = '{}' WHERE b = $1"


def test_affected_rows_come_from_the_status() -> None:
    assert [affected(s) for s in ("UPDATE 3", "INSERT 0 1", "DELETE 0", "CREATE TABLE", "SELECT 2")] == [3, 1, 0, 0, 2]


def test_both_dialects_fill_every_placeholder() -> None:
    assert set(SQLITE.placeholders) == set(POSTGRES.placeholders)
    assert len(load(SQLITE.placeholders)) == len(load(POSTGRES.placeholders))


async def columns(store: Store) -> dict[str, list[str]]:
    async with store.read() as tx:
        conn = tx.conn  # type: ignore[attr-defined]
        tables = ["schema_version", "data_key_check", "cases", "case_aliases", "chats", "subscriptions", "sources",
                  "items", "leases", "findings", "hearings", "hearing_changes", "hearing_sources", "announcements",
                  "outbox", "editors", "invites", "drafts", "audit_log", "dialogs", "report_marks", "report_counts",
                  "install"]
        return {t: [r["name"] for r in await conn.fetchall(conn.dialect.columns, (t,))] for t in tables}


async def test_the_schema_is_the_same_on_both_backends(tmp_path: Path, pg_url: str) -> None:
    lite = await open_store(f"sqlite:///{tmp_path / 'cw.db'}")
    pg = await open_store(pg_url)
    try:
        on_pg = await columns(pg)
        assert on_pg == await columns(lite) and all(on_pg.values())
        assert await pg.schema_version() == await lite.schema_version()  # type: ignore[attr-defined]
    finally:
        await lite.close()
        await pg.close()


async def test_two_instances_starting_at_once_migrate_once(pg_url: str) -> None:
    first, second = await asyncio.gather(open_store(pg_url), open_store(pg_url))
    try:
        async with first.read() as tx:
            rows = await tx.conn.fetchall("SELECT version FROM schema_version ORDER BY version")  # type: ignore[attr-defined]
        assert [r["version"] for r in rows] == list(range(1, len(load(POSTGRES.placeholders)) + 1))
    finally:
        await first.close()
        await second.close()


async def test_instances_starting_at_once_import_the_same_cases(pg_url: str) -> None:
    decls = load_settings(EXAMPLES / "casewatch.toml").cases
    a, b = await open_store(pg_url), await open_store(pg_url)
    try:
        counts = await asyncio.gather(*(import_cases(s, decls, now=1, overwrite=False) for s in (a, b, a, b)))
        assert sum(c["inserted"] for c in counts) == len(decls)
        async with a.read() as tx:
            assert len(await tx.cases.list(public_only=False)) == len(decls)
    finally:
        await a.close()
        await b.close()


async def test_a_read_cannot_write(pg_url: str) -> None:
    store = await open_store(pg_url)
    try:
        with pytest.raises(asyncpg.ReadOnlySQLTransactionError):
            async with store.read() as tx:
                # The readers have no write methods; the server refuses a write on the connection itself too.
                await tx.conn.execute("UPDATE cases SET status = status")  # type: ignore[attr-defined]
    finally:
        await store.close()


async def test_instances_claim_disjoint_rows_and_one_chat_at_a_time(pg_url: str) -> None:
    """Two processes (two pools), eight senders: no row twice, and a chat's rows never with two senders."""
    a, b = await open_store(pg_url), await open_store(pg_url)
    try:
        for key in ("one", "two", "three"):
            await announce(a, list(range(1, 11)), now=NOW, key=key)

        async def claim(store: Store, worker: str) -> list[OutboxRow]:
            async with store.transaction() as tx:
                rows = await tx.outbox.claim(worker, 2, 60, NOW)
                await asyncio.sleep(0.01)  # hold the claim open while the others try theirs
                return rows

        claims = await asyncio.gather(*(claim(a if i % 2 else b, f"w{i}") for i in range(8)))
        ids = [r.id for rows in claims for r in rows]
        assert len(ids) == len(set(ids)) > 0
        senders: dict[int, set[str]] = defaultdict(set)
        for worker, rows in enumerate(claims):
            for r in rows:
                senders[r.chat_id].add(f"w{worker}")
        assert all(len(s) == 1 for s in senders.values()), senders
    finally:
        await a.close()
        await b.close()


async def test_instances_claim_disjoint_sources(pg_url: str) -> None:
    a, b = await open_store(pg_url), await open_store(pg_url)
    try:
        async with a.transaction() as tx:
            for n in range(12):
                await tx.sources.insert(SourceInput(id=f"s{n:02}", kind="rss", url=f"https://x.kz/{n}"), now=100)

        async def claim(store: Store) -> list[str]:
            async with store.transaction() as tx:
                got = await tx.sources.claim_due(now=100, until=500, limit=3)
                await asyncio.sleep(0.01)
                return [s.id for s in got]

        claimed = [sid for ids in await asyncio.gather(*(claim(s) for s in (a, b, a, b, a, b))) for sid in ids]
        assert len(claimed) == len(set(claimed)) == 12
    finally:
        await a.close()
        await b.close()


async def test_postgres_scheme_opens_too(pg_url: str) -> None:
    store = await open_store("postgres://" + pg_url.split("://", 1)[1])
    try:
        assert store.backend == "postgres"
    finally:
        await store.close()
