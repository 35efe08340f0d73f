"""The SQLite store: one writer connection behind a lock, readers on their own connections.

WAL lets readers run beside the writer. Writes take `BEGIN IMMEDIATE` so a transaction never upgrades
from read to write (that fails at once with "database is locked", whatever the busy timeout), and the
lock keeps two coroutines from mixing statements into one transaction on the shared connection.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sqlite3
import stat
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite

from storage import encrypt_ids, migrations
from storage.conn import Params, Row
from storage.crypto import Ids, IdsLike, MissingDataKey, NoIds
from storage.dialect import SQLITE
from storage.repos import Readers, Repos

log = logging.getLogger(__name__)

PLACEHOLDERS = SQLITE.placeholders
READERS = 4
DIR_MODE = 0o700
FILE_MODE = 0o600
# SQLite's companions of a database file; it creates them with the database file's own mode.
SIDE_FILES = ("-wal", "-shm", "-journal")


def _private_dir(folder: Path) -> None:
    """The database's folder, made (or narrowed to) owner-only whatever the umask.

    A folder that is not the database's own is left alone with a warning (the files themselves are still
    owner-only): one shared with others (sticky, as /tmp, or not ours), the working folder, home, or /.
    """
    if not folder.exists():
        folder.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        os.chmod(folder, DIR_MODE)  # mkdir's mode is masked by the umask
        return
    st = folder.stat()
    if stat.S_IMODE(st.st_mode) & 0o077 == 0:
        return
    general = {Path("/"), Path.cwd().resolve(), Path.home().resolve()}
    if st.st_uid != os.geteuid() or st.st_mode & stat.S_ISVTX or folder in general:
        log.warning("the database is in a folder others can read (put it in a folder of its own); its files are "
                    "owner-only")
        return
    os.chmod(folder, DIR_MODE)


def private_file(path: Path, *, empty: bool = False) -> None:
    """Create `path` empty, owner-only (0600) whatever the umask, or narrow an existing one to 0600.

    With `empty`, an existing file must be empty (a backup never overwrites anything).
    """
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, FILE_MODE)
    try:
        if empty and os.fstat(fd).st_size > 0:
            raise FileExistsError(str(path))
        os.fchmod(fd, FILE_MODE)
    finally:
        os.close(fd)


def _narrow_side_files(path: Path) -> None:
    for suffix in SIDE_FILES:
        side = Path(f"{path}{suffix}")
        with contextlib.suppress(FileNotFoundError):
            if stat.S_IMODE(side.stat().st_mode) != FILE_MODE:
                os.chmod(side, FILE_MODE)


def _dict_row(cursor: sqlite3.Cursor, row: tuple[Any, ...]) -> dict[str, Any]:
    return {d[0]: v for d, v in zip(cursor.description, row, strict=True)}


class SqliteConn:
    """`storage.conn.Conn` over one aiosqlite connection."""

    dialect = SQLITE

    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def execute(self, sql: str, params: Params = ()) -> int:
        cur = await self._db.execute(sql, tuple(params))
        n = cur.rowcount
        await cur.close()
        return n

    async def executemany(self, sql: str, rows: Sequence[Params]) -> None:
        await self._db.executemany(sql, [tuple(r) for r in rows])

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        cur = await self._db.execute(sql, tuple(params))
        row = await cur.fetchone()
        await cur.close()
        return row  # type: ignore[return-value]

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        cur = await self._db.execute(sql, tuple(params))
        rows = await cur.fetchall()
        await cur.close()
        return list(rows)  # type: ignore[arg-type]


async def _connect(path: str) -> aiosqlite.Connection:
    db = await aiosqlite.connect(path, isolation_level=None)
    db.row_factory = _dict_row  # type: ignore[assignment]
    for pragma in (
        "PRAGMA journal_mode=WAL",
        "PRAGMA busy_timeout=5000",
        "PRAGMA foreign_keys=ON",
        "PRAGMA secure_delete=ON",
        "PRAGMA synchronous=NORMAL",
    ):
        await db.execute(pragma)
    return db


async def _end(db: aiosqlite.Connection, verb: str) -> None:
    """COMMIT or ROLLBACK, carried out even when the task awaiting it is cancelled.

    A cancelled task stops waiting, but its statements still run, in order, on the connection's
    thread: a BEGIN whose waiter was cancelled runs anyway, and without this ROLLBACK the connection
    would stay inside it ("cannot start a transaction within a transaction") for every later caller.
    A ROLLBACK with no transaction open (the BEGIN failed) is harmless.
    """
    task = asyncio.ensure_future(db.execute(verb))
    try:
        await asyncio.shield(task)
    except asyncio.CancelledError:
        await _settle(task)  # finish before the connection is handed to anyone else
        raise
    except sqlite3.OperationalError as exc:
        if verb != "ROLLBACK" or "no transaction is active" not in str(exc):
            raise


async def _settle(task: asyncio.Future[Any]) -> None:
    with contextlib.suppress(BaseException):
        await asyncio.wait_for(asyncio.shield(task), 30)


class SqliteStore:
    """`storage.api.Store` on one SQLite file."""

    backend = "sqlite"

    def __init__(self, path: str, ids: IdsLike | None = None) -> None:
        self.path = path
        self.ids: IdsLike = NoIds() if ids is None else ids
        self._writer: aiosqlite.Connection | None = None
        self._readers: asyncio.Queue[aiosqlite.Connection] = asyncio.Queue()
        self._all_readers: list[aiosqlite.Connection] = []
        self._lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: str | Path, *, migrate: bool = True, ids: IdsLike | None = None) -> SqliteStore:
        p = Path(path)
        on_disk = str(p) != ":memory:"
        if on_disk:
            # Before SQLite opens it: the -wal and -shm files it makes take the database file's mode.
            _private_dir(p.parent.resolve())
            private_file(p)
            _narrow_side_files(p)
        store = cls(str(p), ids)
        store._writer = await _connect(store.path)
        if on_disk:
            _narrow_side_files(p)  # made by an older version, or by this connection
        try:
            if migrate:
                await store.migrate()
            await store._verify_key()
        except BaseException:
            await store._writer.close()
            raise
        for _ in range(READERS):
            conn = await _connect(store.path)
            store._all_readers.append(conn)
            store._readers.put_nowait(conn)
        return store

    async def migrate(self) -> list[int]:
        """Apply the migrations this file lacks, each in its own transaction."""
        applied: list[int] = []
        async with self._lock:
            db = self._writer
            assert db is not None
            await db.execute(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)"
            )
            cur = await db.execute("SELECT COALESCE(MAX(version), 0) AS v FROM schema_version")
            row = await cur.fetchone()
            current = int(row["v"]) if row else 0
            for mig in migrations.load(PLACEHOLDERS):
                if mig.version <= current:
                    continue
                await db.execute("BEGIN IMMEDIATE")
                try:
                    for stmt in mig.statements:
                        await db.execute(stmt)
                    if mig.name.endswith("_encrypted_ids.sql"):
                        await encrypt_ids.convert_plaintext(SqliteConn(db), self.ids)
                    await db.execute(
                        "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                        (mig.version, int(time.time())),
                    )
                    await db.execute("COMMIT")
                except BaseException:
                    await db.execute("ROLLBACK")
                    raise
                log.info("applied migration %s", mig.name)
                applied.append(mig.version)
        if applied:
            await self.checkpoint()
        return applied

    async def _verify_key(self) -> None:
        if not isinstance(self.ids, Ids) or not await self._has_table("data_key_check"):
            return
        async with self.transaction() as tx:
            await encrypt_ids.verify_key(tx.conn, self.ids)

    async def _has_table(self, name: str) -> bool:
        assert self._writer is not None
        cur = await self._writer.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,))
        row = await cur.fetchone()
        await cur.close()
        return row is not None

    async def holds_ids(self) -> bool:
        """Whether rows here name someone (sealed or, before the migration, plain), or a key was ever used."""
        async with self._lock:
            assert self._writer is not None
            return await encrypt_ids.holds_ids(SqliteConn(self._writer))

    async def checkpoint(self) -> None:
        """Copy the WAL into the database and empty it, so deleted rows linger in neither."""
        async with self._lock:
            assert self._writer is not None
            cur = await self._writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            await cur.fetchall()  # a PRAGMA that returns a row stays "in progress" until read
            await cur.close()

    async def rotate_key(self, new: Ids) -> dict[str, int]:
        """Re-encrypt every id under `new` in one transaction; this store's key becomes `new`."""
        if not isinstance(self.ids, Ids):
            raise MissingDataKey("the old key is needed to rotate")
        async with self.transaction() as tx:
            counts = await encrypt_ids.rotate(tx.conn, self.ids, new)
        self.ids = new
        await self.checkpoint()
        return counts

    async def schema_version(self) -> int:
        async with self.read() as tx:
            row = await tx.conn.fetchone("SELECT COALESCE(MAX(version), 0) AS v FROM schema_version")
            return int(row["v"]) if row else 0

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Repos]:
        """A write transaction: BEGIN IMMEDIATE … COMMIT, holding the writer lock throughout."""
        async with self._lock:
            db = self._writer
            if db is None:
                raise RuntimeError("store is closed")
            try:
                await db.execute("BEGIN IMMEDIATE")
                yield Repos(SqliteConn(db), self.ids)
            except BaseException:
                await _end(db, "ROLLBACK")
                raise
            else:
                await _end(db, "COMMIT")

    @asynccontextmanager
    async def read(self) -> AsyncIterator[Readers]:
        """A read-only snapshot on a reader connection of its own."""
        conn = await self._readers.get()
        try:
            await conn.execute("BEGIN")
            yield Readers(SqliteConn(conn), self.ids)
        finally:
            await _end(conn, "ROLLBACK")
            self._readers.put_nowait(conn)

    async def backup(self, dest: str | Path) -> None:
        """A consistent copy of the whole database (`VACUUM INTO`), owner-only (0600) whatever the umask.

        The file is made empty and 0600 first (`VACUUM INTO` accepts an empty file), so the copy is never
        readable by others, not even while it is being written.
        """
        target = Path(dest)
        private_file(target, empty=True)
        async with self._lock:
            assert self._writer is not None
            await self._writer.execute("VACUUM INTO ?", (str(target),))
        os.chmod(target, FILE_MODE)

    async def close(self) -> None:
        async with self._lock:
            for conn in self._all_readers:
                await conn.close()
            self._all_readers.clear()
            if self._writer is not None:
                await self._writer.close()
                self._writer = None
