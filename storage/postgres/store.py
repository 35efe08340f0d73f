"""The PostgreSQL store: an asyncpg pool, and a transaction of the server's for every `transaction()`.

Several bot processes may share one database, so correctness rests on the server alone, never on a
lock in this process: each write is a real transaction (READ COMMITTED), migrations run under an
advisory lock, and claims take rows with `FOR UPDATE SKIP LOCKED` (see `storage.dialect`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from functools import lru_cache
from typing import Any, cast

import asyncpg

from storage import encrypt_ids, migrations
from storage.conn import Params, Row
from storage.crypto import Ids, IdsLike, MissingDataKey, NoIds
from storage.dialect import POSTGRES
from storage.repos import Readers, Repos

log = logging.getLogger(__name__)

POOL_MIN = 1
POOL_MAX = 10
# First half of the advisory lock migrations take; the second is the schema's, so deployments (or test
# runs) that share a database in schemas of their own do not wait on each other.
MIGRATE_LOCK = 1668769378


@lru_cache(maxsize=1024)
def numbered(sql: str) -> str:
    """`?` placeholders as PostgreSQL's `$1..$n`; a `?` inside a string, a quoted name or a comment stays."""
    out: list[str] = []
    n = 0
    i = 0
    while i < len(sql):
        ch = sql[i]
        if ch in "'\"":
            end = sql.find(ch, i + 1)
            while end != -1 and sql[end + 1 : end + 2] == ch:  # a doubled quote is one quote character
                end = sql.find(ch, end + 2)
            end = len(sql) if end == -1 else end + 1
            out.append(sql[i:end])
            i = end
        elif sql.startswith("--", i):
            end = sql.find("\n", i)
            end = len(sql) if end == -1 else end
            out.append(sql[i:end])
            i = end
        elif ch == "?":
            n += 1
            out.append(f"${n}")
            i += 1
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def affected(status: str) -> int:
    """Rows a statement changed, from the server's status ("UPDATE 3", "INSERT 0 1"); 0 for DDL."""
    last = status.rsplit(" ", 1)[-1]
    return int(last) if last.isdigit() else 0


class PgConn:
    """`storage.conn.Conn` over one asyncpg connection."""

    dialect = POSTGRES

    def __init__(self, con: asyncpg.Connection) -> None:
        self._con = con

    async def execute(self, sql: str, params: Params = ()) -> int:
        status = await self._con.execute(numbered(sql), *params)
        return affected(str(status))

    async def executemany(self, sql: str, rows: Sequence[Params]) -> None:
        await self._con.executemany(numbered(sql), [tuple(r) for r in rows])

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        row = await self._con.fetchrow(numbered(sql), *params)
        return None if row is None else dict(row.items())

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        return [dict(r.items()) for r in await self._con.fetch(numbered(sql), *params)]


class PostgresStore:
    """`storage.api.Store` on a PostgreSQL database (the schema first on its `search_path`)."""

    backend = "postgres"

    def __init__(self, pool: asyncpg.Pool, ids: IdsLike | None = None) -> None:
        self._pool = pool
        self.ids: IdsLike = NoIds() if ids is None else ids

    @classmethod
    async def open(cls, url: str, *, migrate: bool = True, ids: IdsLike | None = None) -> PostgresStore:
        """Connect, migrate, check the key. Keys of the URL's query that asyncpg does not know become the
        session's server settings: `?search_path=casewatch` keeps the tables in that schema."""
        from storage import DatabaseUnavailable

        try:
            pool = await asyncpg.create_pool(url, min_size=POOL_MIN, max_size=POOL_MAX)
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
            # The URL is not repeated: it may hold a password.
            raise DatabaseUnavailable(f"cannot connect to PostgreSQL ({type(exc).__name__}: {exc})") from exc
        store = cls(cast(asyncpg.Pool, pool), ids)
        try:
            if migrate:
                await store.migrate()
            await store._verify_key()
        except BaseException:
            await store._pool.close()
            raise
        return store

    @asynccontextmanager
    async def _conn(self, *, readonly: bool = False) -> AsyncIterator[PgConn]:
        async with self._pool.acquire() as con:
            if readonly:
                # One snapshot for the whole read, as SQLite's readers see it.
                tx = con.transaction(isolation="repeatable_read", readonly=True)
            else:
                tx = con.transaction(isolation="read_committed")
            async with tx:
                yield PgConn(con)

    async def migrate(self) -> list[int]:
        """Apply the migrations the schema lacks, each in its own transaction, under the migration lock.

        Instances that start together queue on the lock; each then finds what the others applied.
        """
        applied: list[int] = []
        pending = migrations.load(POSTGRES.placeholders)
        if pending[-1].version <= await self.schema_version():
            return applied  # the usual start: nothing to lock for
        for mig in pending:
            async with self._conn() as c:
                await c.fetchone("SELECT pg_advisory_xact_lock(?, hashtext(current_schema())) AS locked",
                                 (MIGRATE_LOCK,))
                await c.execute(
                    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)"
                )
                if mig.version <= await self._version(c):
                    continue
                for stmt in mig.statements:
                    await c.execute(stmt)
                if mig.name.endswith("_encrypted_ids.sql"):
                    await encrypt_ids.convert_plaintext(c, self.ids)
                await c.execute(
                    "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)", (mig.version, int(time.time()))
                )
            log.info("applied migration %s", mig.name)
            applied.append(mig.version)
        return applied

    @staticmethod
    async def _version(c: PgConn) -> int:
        row = await c.fetchone("SELECT COALESCE(MAX(version), 0) AS v FROM schema_version")
        return int(row["v"]) if row else 0

    async def _verify_key(self) -> None:
        if not isinstance(self.ids, Ids):
            return
        async with self._conn() as c:
            if await c.fetchone(POSTGRES.table_exists, ("data_key_check",)):
                await encrypt_ids.verify_key(c, self.ids)

    async def holds_ids(self) -> bool:
        """Whether rows here name someone, or a key was ever used."""
        async with self._conn(readonly=True) as c:
            return await encrypt_ids.holds_ids(c)

    async def rotate_key(self, new: Ids) -> dict[str, int]:
        """Re-encrypt every id under `new` in one transaction; this store's key becomes `new`."""
        if not isinstance(self.ids, Ids):
            raise MissingDataKey("the old key is needed to rotate")
        async with self._conn() as c:
            counts = await encrypt_ids.rotate(c, self.ids, new)
        self.ids = new
        return counts

    async def schema_version(self) -> int:
        async with self._conn(readonly=True) as c:
            if not await c.fetchone(POSTGRES.table_exists, ("schema_version",)):
                return 0
            return await self._version(c)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Repos]:
        """A write transaction on a connection of its own: committed at the end, rolled back on an error."""
        async with self._conn() as c:
            yield Repos(c, self.ids)

    @asynccontextmanager
    async def read(self) -> AsyncIterator[Readers]:
        """A read-only transaction on one snapshot."""
        async with self._conn(readonly=True) as c:
            yield Readers(c, self.ids)

    async def backup(self, dest: Any) -> None:
        from storage import UnsupportedDatabase

        raise UnsupportedDatabase("`db backup` copies SQLite files; back PostgreSQL up with pg_dump")

    async def close(self) -> None:
        await self._pool.close()
