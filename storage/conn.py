"""The one seam between portable SQL and a driver.

Repositories in `storage/repos/` write literal SQL with `?` placeholders and call these four methods;
each backend (`storage/sqlite/`, `storage/postgres/`) implements them. Rows come back as mappings from
column name to value. The few fragments no portable SQL expresses come from `dialect`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from storage.dialect import Dialect

Row = Mapping[str, Any]
Params = Sequence[Any]


class Conn(Protocol):
    @property
    def dialect(self) -> Dialect: ...

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run a statement; return the number of rows it changed."""
        ...

    async def executemany(self, sql: str, rows: Sequence[Params]) -> None: ...

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None: ...

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]: ...
