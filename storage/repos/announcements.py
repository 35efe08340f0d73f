"""Announcements (one per event, deduplicated by key) and the audiences they fan out to."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from storage.conn import Conn, Row
from storage.crypto import IdsLike
from storage.models import Announcement, Follower, Level


class AnnouncementReader:
    """Announcements, their audience and how far their delivery has come."""

    def __init__(self, conn: Conn, ids: IdsLike) -> None:
        self._c = conn
        self._ids = ids

    async def get(self, announcement_id: int) -> Announcement | None:
        row = await self._c.fetchone("SELECT * FROM announcements WHERE id = ?", (announcement_id,))
        return None if row is None else self._row(row)

    async def by_key(self, dedupe_key: str) -> Announcement | None:
        row = await self._c.fetchone("SELECT * FROM announcements WHERE dedupe_key = ?", (dedupe_key,))
        return None if row is None else self._row(row)

    async def for_hearing(self, hearing_id: int) -> list[Announcement]:
        rows = await self._c.fetchall(
            "SELECT * FROM announcements WHERE hearing_id = ? ORDER BY id", (hearing_id,)
        )
        return [self._row(r) for r in rows]

    async def for_case(self, case_id: int, *, limit: int = 20) -> list[Announcement]:
        """The case's latest announcements, newest first."""
        rows = await self._c.fetchall(
            "SELECT * FROM announcements WHERE case_id = ? ORDER BY created_at DESC, id DESC LIMIT ?",
            (case_id, limit),
        )
        return [self._row(r) for r in rows]

    async def followers(
        self, case_id: int, levels: Sequence[Level], *, news_only: bool = False
    ) -> list[Follower]:
        """Active chats following the case at one of these levels (with news mentions on, if asked)."""
        marks = ", ".join("?" for _ in levels)
        sql = (
            "SELECT c.chat_enc, s.level, s.created_at, c.reminder_offsets, c.news_mentions "
            "FROM subscriptions s JOIN chats c ON c.chat_hash = s.chat_hash "
            f"WHERE s.case_id = ? AND s.level IN ({marks}) AND c.active = ?"
        )
        params: list[object] = [case_id, *levels, True]
        if news_only:
            sql += " AND c.news_mentions = ?"
            params.append(True)
        rows = await self._c.fetchall(sql, params)
        out = [
            Follower(
                chat_id=self._ids.open(r["chat_enc"]), level=r["level"],
                reminder_offsets=None if r["reminder_offsets"] is None
                else tuple(int(x) for x in str(r["reminder_offsets"]).split(",") if x),
                news_mentions=bool(r["news_mentions"]), since=int(r["created_at"]),
            )
            for r in rows
        ]
        return sorted(out, key=lambda f: f.chat_id)

    async def queued_chats(self, announcement_id: int) -> set[int]:
        """Chats that already have an outbox row for the announcement, whatever its state."""
        rows = await self._c.fetchall("SELECT chat_enc FROM outbox WHERE announcement_id = ?", (announcement_id,))
        return {self._ids.open(r["chat_enc"]) for r in rows}

    async def unfinished(self, announcement_id: int) -> int:
        """Delivery rows of the announcement still pending or being sent."""
        row = await self._c.fetchone(
            "SELECT COUNT(*) AS n FROM outbox WHERE announcement_id = ? AND state IN (?, ?)",
            (announcement_id, "pending", "sending"),
        )
        return int(row["n"]) if row else 0

    def _row(self, row: Row) -> Announcement:
        return _row(row, self._ids)


class AnnouncementRepo(AnnouncementReader):
    """Announcements stored once per key."""

    async def insert(
        self, *, kind: str, case_id: int | None, hearing_id: int | None, min_level: Level,
        payload: Mapping[str, Any], dedupe_key: str, created_by: int | None, now: int,
    ) -> tuple[Announcement, bool]:
        """Store the announcement unless its dedupe key exists; (the stored one, whether it is new)."""
        row = await self._c.fetchone(
            "INSERT INTO announcements (kind, case_id, hearing_id, min_level, payload_json, dedupe_key, "
            "created_by_hash, created_by_enc, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (dedupe_key) DO NOTHING RETURNING *",
            (kind, case_id, hearing_id, min_level, json.dumps(dict(payload), ensure_ascii=False), dedupe_key,
             self._ids.tag_opt(created_by), self._ids.seal_opt(created_by), now),
        )
        if row is not None:
            return self._row(row), True
        existing = await self.by_key(dedupe_key)
        assert existing is not None
        return existing, False


def _row(row: Row, ids: IdsLike) -> Announcement:
    return Announcement(
        id=int(row["id"]), kind=row["kind"], case_id=row["case_id"], hearing_id=row["hearing_id"],
        min_level=row["min_level"], payload=json.loads(row["payload_json"]), dedupe_key=row["dedupe_key"],
        created_by=ids.open_opt(row["created_by_enc"]), created_at=int(row["created_at"]),
    )
