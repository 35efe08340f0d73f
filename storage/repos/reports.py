"""Marks and counts behind follower reports: keyed hashes only, never a chat id (see migration 0009)."""

from __future__ import annotations

from storage.conn import Conn


class ReportReader:
    """Whether a mark is set."""

    def __init__(self, conn: Conn) -> None:
        self._c = conn

    async def marked(self, mark: str) -> bool:
        return await self._c.fetchone("SELECT 1 AS x FROM report_marks WHERE mark = ?", (mark,)) is not None


class ReportRepo(ReportReader):
    """Marks set and counts taken, both dropped once expired."""

    async def mark(self, mark: str, hearing_id: int, expires_at: int) -> bool:
        """Record the mark; False when it was there already."""
        n = await self._c.execute(
            "INSERT INTO report_marks (mark, hearing_id, expires_at) VALUES (?, ?, ?) ON CONFLICT (mark) DO NOTHING",
            (mark, hearing_id, expires_at),
        )
        return n > 0

    async def count(self, key: str, limit: int, expires_at: int) -> bool:
        """One more under `key`, unless `limit` is reached already (then False, nothing counted)."""
        row = await self._c.fetchone(
            "INSERT INTO report_counts (key, n, expires_at) VALUES (?, 1, ?) "
            "ON CONFLICT (key) DO UPDATE SET n = report_counts.n + 1 WHERE report_counts.n < ? RETURNING n",
            (key, expires_at, limit),
        )
        return row is not None

    async def prune(self, now: int) -> int:
        """Marks of hearings that have passed, and counts of hours gone."""
        marks = await self._c.execute("DELETE FROM report_marks WHERE expires_at <= ?", (now,))
        counts = await self._c.execute("DELETE FROM report_counts WHERE expires_at <= ?", (now,))
        return marks + counts
