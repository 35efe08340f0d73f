"""Named leases: one holder at a time, until it stops renewing (e.g. the `scheduler` lease)."""

from __future__ import annotations

from storage.conn import Conn


class LeaseReader:
    """Who holds a lease."""

    def __init__(self, conn: Conn) -> None:
        self._c = conn

    async def holder(self, name: str, now: int) -> str | None:
        row = await self._c.fetchone(
            "SELECT holder FROM leases WHERE name = ? AND expires_at > ?", (name, now)
        )
        return None if row is None else str(row["holder"])


class LeaseRepo(LeaseReader):
    """Leases taken, renewed, given up and forgotten."""

    async def acquire(self, name: str, holder: str, now: int, ttl_s: int) -> bool:
        """Take or renew the lease; False while someone else holds an unexpired one."""
        row = await self._c.fetchone(
            "INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?) "
            "ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at "
            "WHERE leases.holder = excluded.holder OR leases.expires_at <= ? RETURNING holder",
            (name, holder, now + ttl_s, now),
        )
        return row is not None

    async def release(self, name: str, holder: str) -> bool:
        """Give the lease up (only its holder can); True if it was held."""
        n = await self._c.execute("DELETE FROM leases WHERE name = ? AND holder = ?", (name, holder))
        return n > 0

    async def prune(self, prefix: str, before: int) -> int:
        """Forget leases named `prefix…` that expired before `before` (heartbeats of processes long gone)."""
        return await self._c.execute(
            "DELETE FROM leases WHERE substr(name, 1, ?) = ? AND expires_at < ?", (len(prefix), prefix, before)
        )
