"""Who follows which case, at which level."""

from __future__ import annotations

from collections.abc import Sequence

from storage.api import CaseFollowers, Level, Subscription
from storage.conn import Conn, Row


class SubscriptionRepo:
    def __init__(self, conn: Conn) -> None:
        self._c = conn

    async def follow(self, chat_id: int, case_id: int, level: Level, now: int) -> bool:
        """Follow, or change the level; True when something changed."""
        current = await self.get(chat_id, case_id)
        if current is not None and current.level == level:
            return False
        await self._c.execute(
            "INSERT INTO subscriptions (chat_id, case_id, level, created_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (chat_id, case_id) DO UPDATE SET level = excluded.level",
            (chat_id, case_id, level, now),
        )
        return True

    async def unfollow(self, chat_id: int, case_id: int) -> bool:
        n = await self._c.execute(
            "DELETE FROM subscriptions WHERE chat_id = ? AND case_id = ?", (chat_id, case_id)
        )
        return n > 0

    async def get(self, chat_id: int, case_id: int) -> Subscription | None:
        row = await self._c.fetchone(
            "SELECT * FROM subscriptions WHERE chat_id = ? AND case_id = ?", (chat_id, case_id)
        )
        return None if row is None else _row(row)

    async def for_chat(self, chat_id: int) -> list[Subscription]:
        rows = await self._c.fetchall(
            "SELECT * FROM subscriptions WHERE chat_id = ? ORDER BY created_at, case_id", (chat_id,)
        )
        return [_row(r) for r in rows]

    async def followers(self, case_id: int, levels: Sequence[Level]) -> list[int]:
        """Active chats following the case at one of these levels."""
        marks = ", ".join("?" for _ in levels)
        rows = await self._c.fetchall(
            "SELECT s.chat_id FROM subscriptions s JOIN chats c ON c.id = s.chat_id "
            f"WHERE s.case_id = ? AND s.level IN ({marks}) AND c.active = ? ORDER BY s.chat_id",
            (case_id, *levels, True),
        )
        return [int(r["chat_id"]) for r in rows]

    async def counts(self) -> list[CaseFollowers]:
        rows = await self._c.fetchall(
            "SELECT s.case_id, s.level, COUNT(*) AS n FROM subscriptions s JOIN chats c ON c.id = s.chat_id "
            "WHERE c.active = ? GROUP BY s.case_id, s.level ORDER BY s.case_id, s.level",
            (True,),
        )
        return [CaseFollowers(int(r["case_id"]), r["level"], int(r["n"])) for r in rows]


def _row(row: Row) -> Subscription:
    return Subscription(int(row["chat_id"]), int(row["case_id"]), row["level"], int(row["created_at"]))
