"""Values an install keeps: its random id, set once; and the case list's version, which `CaseRepo` raises."""

from __future__ import annotations

from storage.conn import Conn


class InstallReader:
    """An install's stored values."""

    def __init__(self, conn: Conn) -> None:
        self._c = conn

    async def get(self, key: str) -> str | None:
        row = await self._c.fetchone("SELECT value FROM install WHERE key = ?", (key,))
        return None if row is None else str(row["value"])


class InstallRepo(InstallReader):
    """An install's values, each set once."""

    async def put_once(self, key: str, value: str) -> str:
        """Store `value` unless the key has one already; the value that holds is returned."""
        await self._c.execute(
            "INSERT INTO install (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", (key, value)
        )
        stored = await self.get(key)
        assert stored is not None
        return stored
