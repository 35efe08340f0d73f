"""Hearings, their history (one row per revision) and the sources that reported them."""

from __future__ import annotations

from collections.abc import Sequence

from storage.conn import Conn, Row
from storage.crypto import IdsLike
from storage.limits import cap_link
from storage.models import ACTIVE_HEARING, Hearing, HearingChange, HearingStatus

# Date-only hearings sort after timed ones on the same day.
_ORDER = "ORDER BY local_date, local_time NULLS LAST, id"
_ACTIVE = f"status IN ({', '.join('?' for _ in ACTIVE_HEARING)})"


class HearingReader:
    """Hearings by case and date, their history and their sources."""

    def __init__(self, conn: Conn, ids: IdsLike) -> None:
        self._c = conn
        self._ids = ids

    async def get(self, hearing_id: int) -> Hearing | None:
        row = await self._c.fetchone("SELECT * FROM hearings WHERE id = ?", (hearing_id,))
        return None if row is None else _row(row)

    async def on_date(self, case_id: int, local_date: str) -> list[Hearing]:
        rows = await self._c.fetchall(
            f"SELECT * FROM hearings WHERE case_id = ? AND local_date = ? {_ORDER}", (case_id, local_date)
        )
        return [_row(r) for r in rows]

    async def for_case(
        self, case_id: int, *, from_date: str | None = None, active_only: bool = False
    ) -> list[Hearing]:
        sql = "SELECT * FROM hearings WHERE case_id = ?"
        params: list[object] = [case_id]
        if from_date is not None:
            sql += " AND local_date >= ?"
            params.append(from_date)
        if active_only:
            sql += f" AND {_ACTIVE}"
            params.extend(ACTIVE_HEARING)
        rows = await self._c.fetchall(f"{sql} {_ORDER}", params)
        return [_row(r) for r in rows]

    async def upcoming(
        self, *, from_date: str, case_ids: Sequence[int] | None = None, limit: int = 50
    ) -> list[Hearing]:
        """Active hearings on or after `from_date` (of these cases, if given), soonest first."""
        sql = f"SELECT * FROM hearings WHERE local_date >= ? AND {_ACTIVE}"
        params: list[object] = [from_date, *ACTIVE_HEARING]
        if case_ids is not None:
            if not case_ids:
                return []
            sql += f" AND case_id IN ({', '.join('?' for _ in case_ids)})"
            params.extend(case_ids)
        rows = await self._c.fetchall(f"{sql} {_ORDER} LIMIT ?", (*params, limit))
        return [_row(r) for r in rows]

    async def active_between(self, from_date: str, to_date: str) -> list[Hearing]:
        """Active hearings dated from..to inclusive: what the reminder tick looks at."""
        rows = await self._c.fetchall(
            f"SELECT * FROM hearings WHERE local_date >= ? AND local_date <= ? AND {_ACTIVE} {_ORDER}",
            (from_date, to_date, *ACTIVE_HEARING),
        )
        return [_row(r) for r in rows]

    async def moved_from(self, case_id: int, local_date: str) -> list[Hearing]:
        """The case's hearings that were once on this date and have been moved away from it."""
        rows = await self._c.fetchall(
            "SELECT * FROM hearings WHERE case_id = ? AND local_date <> ? AND id IN "
            "(SELECT hearing_id FROM hearing_changes WHERE old_date = ? AND new_date <> ?) "
            f"{_ORDER}",
            (case_id, local_date, local_date, local_date),
        )
        return [_row(r) for r in rows]

    async def changes(self, hearing_id: int) -> list[HearingChange]:
        rows = await self._c.fetchall(
            "SELECT * FROM hearing_changes WHERE hearing_id = ? ORDER BY revision", (hearing_id,)
        )
        return [
            HearingChange(
                hearing_id=int(r["hearing_id"]), revision=int(r["revision"]), old_date=r["old_date"],
                new_date=r["new_date"], old_time=r["old_time"], new_time=r["new_time"],
                old_status=r["old_status"], new_status=r["new_status"], cause=r["cause"],
                ref=join_ref(r["ref"], self._ids.open_opt(r["by_enc"])),
                at=int(r["at"]),
            )
            for r in rows
        ]

    async def sources(self, hearing_id: int) -> list[str]:
        rows = await self._c.fetchall(
            "SELECT url FROM hearing_sources WHERE hearing_id = ? ORDER BY url", (hearing_id,)
        )
        return [str(r["url"]) for r in rows]


class HearingRepo(HearingReader):
    """Hearings created and changed, each change recorded with its sources."""

    async def lock(self, hearing_id: int) -> Hearing | None:
        """The hearing as it now stands, held until the transaction ends: whoever revises it next waits.

        On PostgreSQL a second transaction locking the row waits for the first to finish, then reads what it
        committed; SQLite runs one write transaction at a time anyway.
        """
        row = await self._c.fetchone(f"SELECT * FROM hearings WHERE id = ?{self._c.dialect.for_update}", (hearing_id,))
        return None if row is None else _row(row)

    async def insert(
        self, *, case_id: int, local_date: str, local_time: str | None, tz: str, court: str | None,
        status: HearingStatus, now: int,
    ) -> Hearing:
        row = await self._c.fetchone(
            "INSERT INTO hearings (case_id, local_date, local_time, tz, court, status, revision, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING *",
            (case_id, local_date, local_time, tz, court, status, now, now),
        )
        assert row is not None
        return _row(row)

    async def update(
        self, hearing_id: int, *, local_date: str, local_time: str | None, status: HearingStatus,
        court: str | None, revision: int, now: int,
    ) -> None:
        await self._c.execute(
            "UPDATE hearings SET local_date = ?, local_time = ?, status = ?, court = ?, revision = ?, updated_at = ? "
            "WHERE id = ?",
            (local_date, local_time, status, court, revision, now, hearing_id),
        )

    async def add_change(self, change: HearingChange) -> None:
        ref, by = split_ref(change.ref)
        await self._c.execute(
            "INSERT INTO hearing_changes (hearing_id, revision, old_date, new_date, old_time, new_time, old_status, "
            "new_status, cause, ref, by_hash, by_enc, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                change.hearing_id, change.revision, change.old_date, change.new_date, change.old_time,
                change.new_time, change.old_status, change.new_status, change.cause, ref,
                self._ids.tag_opt(by), self._ids.seal_opt(by), change.at,
            ),
        )

    async def add_source(self, hearing_id: int, url: str) -> bool:
        """Record one more source of the hearing; False if it was known (or too long to keep)."""
        if cap_link(url) is None:
            return False
        n = await self._c.execute(
            "INSERT INTO hearing_sources (hearing_id, url) VALUES (?, ?) ON CONFLICT (hearing_id, url) DO NOTHING",
            (hearing_id, url),
        )
        return n > 0


def split_ref(ref: str | None) -> tuple[str | None, int | None]:
    """`admin:<user id>` → ('admin', the id), so the id is stored sealed; any other ref stays as it is."""
    if ref is not None and ref.startswith("admin:") and ref[6:].lstrip("-").isdigit():
        return "admin", int(ref[6:])
    return ref, None


def join_ref(ref: str | None, by: int | None) -> str | None:
    return f"{ref}:{by}" if ref == "admin" and by is not None else ref


def _row(row: Row) -> Hearing:
    return Hearing(
        id=int(row["id"]), case_id=int(row["case_id"]), local_date=row["local_date"], local_time=row["local_time"],
        tz=row["tz"], court=row["court"], status=row["status"], revision=int(row["revision"]),
        created_at=int(row["created_at"]), updated_at=int(row["updated_at"]),
    )
