"""Storage: SQL lives here and nowhere else."""

from __future__ import annotations

from storage.api import Store
from storage.crypto import IdsLike, ids_from, key_text_from


class UnsupportedDatabase(ValueError):
    """DATABASE_URL names a backend this build cannot open."""


class DatabaseUnavailable(UnsupportedDatabase):
    """DATABASE_URL names a database that does not answer or let us in.

    A kind of UnsupportedDatabase, so whatever reports a bad DATABASE_URL in one line reports this too.
    """


async def open_store(database_url: str, *, migrate: bool = True, ids: IdsLike | None = None) -> Store:
    """Open the store a `DATABASE_URL` names and bring its schema up to date.

    Telegram ids are sealed with `ids`; without it, with DATA_KEY or DATA_KEY_FILE from the environment.
    With neither, the store opens, but anything that reads or writes an id raises `MissingDataKey`.
    """
    if ids is None:
        ids = ids_from(key_text_from())
    if database_url.startswith("sqlite:///"):
        from storage.sqlite.store import SqliteStore

        return await SqliteStore.open(database_url[len("sqlite:///") :], migrate=migrate, ids=ids)
    if database_url.startswith(("postgresql://", "postgres://")):
        from storage.postgres.store import PostgresStore

        return await PostgresStore.open(database_url, migrate=migrate, ids=ids)
    raise UnsupportedDatabase(f"unsupported scheme {database_url.split(':', 1)[0]!r}")
