"""PostgreSQL schemas of their own for tests: TEST_POSTGRES_URL names the server, or the test is skipped.

A schema per test costs a second of DDL (the migrations), so the repository tests share one schema per
module, migrated once and emptied of rows before each test.
"""

from __future__ import annotations

import asyncio
import os
import secrets
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import asyncpg
import pytest

ENV = "TEST_POSTGRES_URL"
CONNECT_S = 30  # a deadline for a server that does not answer, generous for a busy one
T = TypeVar("T")


def _run(coro: Coroutine[Any, Any, T]) -> T:
    # In a thread of its own: the caller may be inside a running event loop, or about to start one.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def with_search_path(url: str, schema: str) -> str:
    """`url` with `search_path` set to `schema` (asyncpg passes unknown query keys on as server settings)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "search_path"] + [("search_path", schema)]
    return urlunsplit(parts._replace(query=urlencode(query)))


def server_url() -> str:
    """TEST_POSTGRES_URL, once the server answers; else the test is skipped, saying why."""
    url = os.environ.get(ENV)
    if not url:
        pytest.skip(f"{ENV} is not set (e.g. postgresql://postgres@127.0.0.1:5432/test)")

    async def ping() -> None:
        con = await asyncpg.connect(url, timeout=CONNECT_S)
        await con.close()

    try:
        _run(ping())
    except (TimeoutError, OSError, asyncpg.PostgresError) as exc:
        pytest.skip(f"PostgreSQL at {ENV} does not answer ({type(exc).__name__}: {exc})")
    return url


async def _ddl(url: str, sql: str) -> None:
    con = await asyncpg.connect(url, timeout=CONNECT_S)
    try:
        await con.execute(sql)
    finally:
        await con.close()


@contextmanager
def fresh_schema(prefix: str = "cw_test") -> Iterator[str]:
    """A URL whose connections work in a new, empty schema; the schema is dropped afterwards."""
    url = server_url()
    schema = f"{prefix}_{secrets.token_hex(6)}"  # random: parallel runs never share a schema
    _run(_ddl(url, f'CREATE SCHEMA "{schema}"'))
    try:
        yield with_search_path(url, schema)
    finally:
        _run(_ddl(url, f'DROP SCHEMA "{schema}" CASCADE'))


async def _migrate(url: str) -> None:
    from storage.postgres.store import PostgresStore

    store = await PostgresStore.open(url)
    await store.close()


def migrate(url: str) -> None:
    _run(_migrate(url))


async def empty(url: str) -> None:
    """Every row deleted (the schema version kept) and every id sequence back at 1, as in a new schema."""
    con = await asyncpg.connect(url, timeout=CONNECT_S)
    try:
        async with con.transaction():
            tables = await con.fetch(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_version'"
            )
            for t in tables:
                await con.execute(f'DELETE FROM "{t["tablename"]}"')
            sequences = await con.fetch(
                "SELECT pg_get_serial_sequence(quote_ident(table_name), column_name) AS seq "
                "FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES'"
            )
            for s in sequences:
                await con.execute(f"ALTER SEQUENCE {s['seq']} RESTART")
    finally:
        await con.close()
