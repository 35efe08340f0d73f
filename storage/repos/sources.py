"""Sources and their health: what the poll tick reads and writes."""

from __future__ import annotations

import json
from collections.abc import Sequence

from storage.conn import Conn, Row
from storage.crypto import IdsLike
from storage.models import Source, SourceInput, SourceState


class SourceReader:
    """Sources and their health as they are stored."""

    def __init__(self, conn: Conn, ids: IdsLike) -> None:
        self._c = conn
        self._ids = ids

    async def get(self, source_id: str) -> Source | None:
        row = await self._c.fetchone("SELECT * FROM sources WHERE id = ?", (source_id,))
        return None if row is None else _row(row, self._ids)

    async def list(self, *, states: Sequence[str] | None = None) -> list[Source]:
        if states:
            marks = ", ".join("?" for _ in states)
            rows = await self._c.fetchall(f"SELECT * FROM sources WHERE state IN ({marks}) ORDER BY id", tuple(states))
        else:
            rows = await self._c.fetchall("SELECT * FROM sources ORDER BY id")
        return [_row(r, self._ids) for r in rows]


class SourceRepo(SourceReader):
    """Sources added and paused by admins, claimed and recorded by the poll tick."""

    async def insert(self, source: SourceInput, *, now: int) -> bool:
        """Add a source unless one with this id exists (its row, and an admin's edits, win); True if added."""
        row = await self._c.fetchone(
            "INSERT INTO sources (id, kind, url, case_id, interval_s, options_json, origin, state, "
            "next_attempt_at, created_by_hash, created_by_enc, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO NOTHING RETURNING id",
            (
                source.id, source.kind, source.url, source.case_id, source.interval_s,
                json.dumps(dict(source.options), ensure_ascii=False, sort_keys=True), source.origin,
                source.state, now, self._ids.tag_opt(source.created_by), self._ids.seal_opt(source.created_by), now,
            ),
        )
        return row is not None

    async def set_state(self, source_id: str, state: SourceState, *, now: int) -> bool:
        """Pause, resume or remove; resuming makes the source due at once. True if the source exists."""
        n = await self._c.execute(
            "UPDATE sources SET state = ?, next_attempt_at = CASE WHEN ? THEN ? ELSE next_attempt_at END "
            "WHERE id = ?",
            (state, state == "active", now, source_id),
        )
        return n > 0

    async def claim_due(self, *, now: int, until: int, limit: int, due_only: bool = True) -> list[Source]:
        """Take up to `limit` active sources whose attempt has come, pushing their next attempt to `until`.

        The push is the claim: another tick (or instance) does not pick them again while they are fetched,
        and a crash mid-fetch only delays them to `until`. `due_only=False` takes every active source.
        """
        due_before = now if due_only else 2**62
        rows = await self._c.fetchall(
            "UPDATE sources SET next_attempt_at = ? WHERE id IN ("
            "SELECT id FROM sources WHERE state = ? AND next_attempt_at <= ? "
            f"ORDER BY next_attempt_at, id LIMIT ?{self._c.dialect.skip_locked}) RETURNING *",
            (until, "active", due_before, limit),
        )
        return sorted((_row(r, self._ids) for r in rows), key=lambda s: s.id)

    async def record_success(
        self,
        source_id: str,
        *,
        now: int,
        next_attempt_at: int,
        etag: str | None,
        last_modified: str | None,
        baselined: bool,
    ) -> None:
        """A good read: failures reset, validators kept for the next conditional request."""
        await self._c.execute(
            "UPDATE sources SET last_success_at = ?, consecutive_failures = 0, next_attempt_at = ?, "
            "etag = ?, last_modified = ?, alerted = ?, "
            "baselined_at = CASE WHEN baselined_at IS NULL AND ? THEN ? ELSE baselined_at END "
            "WHERE id = ?",
            (now, next_attempt_at, etag, last_modified, False, baselined, now, source_id),
        )

    async def record_unchanged(self, rows: Sequence[tuple[str, int, int]]) -> None:
        """Many good reads that changed nothing (304s of healthy sources): (id, now, next_attempt_at)."""
        await self._c.executemany(
            "UPDATE sources SET last_success_at = ?, next_attempt_at = ?, consecutive_failures = 0 WHERE id = ?",
            [(now, next_at, source_id) for source_id, now, next_at in rows],
        )

    async def record_failure(
        self, source_id: str, *, now: int, error: str, failures: int, next_attempt_at: int
    ) -> None:
        await self._c.execute(
            "UPDATE sources SET last_error_at = ?, last_error = ?, consecutive_failures = ?, next_attempt_at = ? "
            "WHERE id = ?",
            (now, error, failures, next_attempt_at, source_id),
        )

    async def set_alerted(self, source_id: str, alerted: bool) -> None:
        await self._c.execute("UPDATE sources SET alerted = ? WHERE id = ?", (alerted, source_id))

    async def set_next_attempt(self, source_id: str, at: int) -> None:
        await self._c.execute("UPDATE sources SET next_attempt_at = ? WHERE id = ?", (at, source_id))


def _row(row: Row, ids: IdsLike) -> Source:
    return Source(
        id=row["id"], kind=row["kind"], url=row["url"], case_id=row["case_id"], interval_s=row["interval_s"],
        options=json.loads(row["options_json"] or "{}"), origin=row["origin"], state=row["state"],
        etag=row["etag"], last_modified=row["last_modified"], last_success_at=row["last_success_at"],
        last_error_at=row["last_error_at"], last_error=row["last_error"],
        consecutive_failures=int(row["consecutive_failures"]), next_attempt_at=int(row["next_attempt_at"]),
        alerted=bool(row["alerted"]), baselined_at=row["baselined_at"], created_by=ids.open_opt(row["created_by_enc"]),
        created_at=int(row["created_at"]),
    )
