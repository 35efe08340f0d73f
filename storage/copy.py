"""`casewatch db copy SRC_URL DST_URL`: a deployment moved to another database (SQLite ⇄ PostgreSQL).

Every table is read from one snapshot of the source and written in dependency order inside one
transaction of the destination, so a failed copy leaves the destination as it was. Sealed ids travel as
they are: the copy needs no DATA_KEY, and the destination afterwards takes the same key as the source.
The destination must hold no rows; the counts of both sides are compared at the end.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from storage import UnsupportedDatabase, migrations, open_store
from storage.conn import Conn
from storage.crypto import NoIds
from storage.dialect import SQLITE
from storage.postgres.store import PostgresStore
from storage.sqlite.store import SqliteStore

# Parents before children (foreign keys). `schema_version` is not copied: the destination's own
# migrations write it.
TABLES: tuple[str, ...] = (
    "data_key_check", "install", "cases", "case_letters", "case_kits", "case_aliases", "chats", "subscriptions",
    "sources", "items", "leases", "hearings", "hearing_kits", "going_marks", "hearing_changes", "hearing_sources",
    "findings", "announcements", "outbox", "message_edits", "editors", "invites", "drafts", "audit_log", "dialogs",
    "report_marks", "report_counts", "digest_settings", "send_buckets", "send_group_grants", "send_pauses",
    "send_refusals",
)
OWN_TABLES = frozenset({"schema_version"})
# Rows read and written at a time: an item's text may be 100,000 characters.
BATCH = 200
LATEST = migrations.load(SQLITE.placeholders)[-1].version

AnyStore = SqliteStore | PostgresStore


class CopyRefused(Exception):
    """The copy would mix or lose data; nothing was written."""


@dataclass(frozen=True)
class TableCount:
    table: str
    source: int
    destination: int


async def copy_database(src_url: str, dst_url: str) -> list[TableCount]:
    """Copy every row of `src_url` into the empty database `dst_url`; the rows per table on both sides."""
    if src_url == dst_url:
        raise CopyRefused("the source and the destination are the same database")
    _source_exists(src_url)
    src = await _open(src_url, "the source")
    try:
        async with src.read() as tx:
            if "schema_version" not in await _tables(tx.conn):
                raise CopyRefused("the source holds no Case Watch database")
        version = await src.schema_version()
        if version != LATEST:
            raise CopyRefused(
                f"the source is at schema version {version}, this Case Watch at {LATEST}: "
                + ("run `casewatch db migrate` on it first" if version < LATEST else "copy it with a newer Case Watch")
            )
        dst = await _open(dst_url, "the destination")
        try:
            return await _copy(src, dst)
        finally:
            await dst.close()
    finally:
        await src.close()


def _source_exists(url: str) -> None:
    # Opening a SQLite path that is not there would make an empty database of a typo.
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        raise CopyRefused(f"the source {url.removeprefix('sqlite:///')} does not exist")


async def _open(url: str, which: str) -> AnyStore:
    try:
        store = await open_store(url, migrate=False, ids=NoIds())
    except UnsupportedDatabase as exc:  # DatabaseUnavailable too: unreachable, no such database, a wrong password
        raise CopyRefused(f"{which}: {exc}") from exc
    assert isinstance(store, SqliteStore | PostgresStore)
    return store


async def _copy(src: AnyStore, dst: AnyStore) -> list[TableCount]:
    async with dst.read() as tx:
        held = await _row_counts(tx.conn, await _tables(tx.conn))
    busy = {t: n for t, n in held.items() if n and t not in OWN_TABLES and t != "data_key_check"}
    if busy:
        named = ", ".join(f"{t} {n}" for t, n in sorted(busy.items()))
        raise CopyRefused(f"the destination holds rows already ({named}); copy into an empty database")
    await dst.migrate()
    if await dst.schema_version() != LATEST:
        raise CopyRefused("the destination's schema is newer than this Case Watch: copy with the newer one")
    source_counts: dict[str, int] = {}
    async with src.read() as s, dst.transaction() as d:
        tables = await _tables(s.conn)
        unknown = sorted(tables - set(TABLES) - OWN_TABLES)
        if unknown:
            raise CopyRefused(f"the copy does not know the table(s) {', '.join(unknown)}: update storage/copy.py")
        await _same_key(s.conn, d.conn)
        source_counts = await _row_counts(s.conn, TABLES)
        for table in TABLES:
            await _copy_table(s.conn, d.conn, table)
    async with dst.read() as tx:
        copied = await _row_counts(tx.conn, TABLES)
    return [TableCount(t, source_counts[t], copied[t]) for t in TABLES]


async def _tables(c: Conn) -> set[str]:
    return {str(r["name"]) for r in await c.fetchall(c.dialect.tables)}


async def _row_counts(c: Conn, tables: Sequence[str] | set[str]) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        row = await c.fetchone(f"SELECT COUNT(*) AS n FROM {table}")
        counts[table] = int(row["n"]) if row else 0
    return counts


async def _same_key(src: Conn, dst: Conn) -> None:
    """The destination may have recorded a key already (it was started once): it must be the source's."""
    theirs = await dst.fetchone("SELECT check_value FROM data_key_check WHERE id = 1")
    ours = await src.fetchone("SELECT check_value FROM data_key_check WHERE id = 1")
    if theirs is None:
        return
    if ours is None or ours["check_value"] != theirs["check_value"]:
        raise CopyRefused("the destination was started with another DATA_KEY than the source's: its ids would not open")
    await dst.execute("DELETE FROM data_key_check")  # copied again below, with the rest


async def _copy_table(src: Conn, dst: Conn, table: str) -> None:
    columns = await dst.fetchall(dst.dialect.columns, (table,))
    names = [str(col["name"]) for col in columns]
    kinds = [str(col["type"]).lower() for col in columns]
    rowid = src.dialect.rowid
    select = f"SELECT {rowid} AS cw_rowid, {', '.join(names)} FROM {table}"
    insert = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})"
    last: Any = None
    while True:
        if last is None:
            rows = await src.fetchall(f"{select} ORDER BY {rowid} LIMIT ?", (BATCH,))
        else:
            rows = await src.fetchall(f"{select} WHERE {rowid} > ? ORDER BY {rowid} LIMIT ?", (last, BATCH))
        if not rows:
            break
        await dst.executemany(insert, [[_as(kind, r[n]) for n, kind in zip(names, kinds, strict=True)] for r in rows])
        last = rows[-1]["cw_rowid"]
    template = dst.dialect.reset_identity
    if template is not None:
        for col in columns:
            if col["identity"]:
                await dst.fetchone(template.format(table=table, column=col["name"]))


def _as(kind: str, value: Any) -> Any:
    """A value in the type the destination's column takes (SQLite keeps booleans as 0 and 1)."""
    if value is None:
        return None
    if kind == "boolean":
        return bool(value)
    if kind in ("double precision", "real"):
        return float(value)
    return value


def report(counts: Sequence[TableCount], *, out: TextIO, err: TextIO) -> int:
    """One line per table, then a summary; 1 when a table's counts differ."""
    differ = [c for c in counts if c.source != c.destination]
    for c in counts:
        line = f"{c.table}\t{c.destination}"
        if c.source != c.destination:
            line += f"\t(the source has {c.source})"
        print(line, file=out)
    if differ:
        print(f"copy incomplete: the counts differ in {', '.join(c.table for c in differ)}", file=err)
        return 1
    print(f"copied {sum(c.destination for c in counts)} rows in {len(counts)} tables; the counts match", file=out)
    return 0


async def run(src_url: str, dst_url: str, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """The command: 0 copied, 1 the counts differ, 2 refused (one line on stderr, nothing written)."""
    out, err = out or sys.stdout, err or sys.stderr
    try:
        counts = await copy_database(src_url, dst_url)
    except CopyRefused as exc:
        print(f"db copy refused: {exc}", file=err)
        return 2
    return report(counts, out=out, err=err)
