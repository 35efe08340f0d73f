"""Who follows which case, at which level."""

from __future__ import annotations

from collections.abc import Sequence

from storage.conn import Conn, Row
from storage.crypto import IdsLike
from storage.models import CaseFollowers, Level, Subscription


class SubscriptionReader:
    """A chat's subscriptions, and a case's followers."""

    def __init__(self, conn: Conn, ids: IdsLike) -> None:
        self._c = conn
        self._ids = ids

    async def get(self, chat_id: int, case_id: int) -> Subscription | None:
        row = await self._c.fetchone(
            "SELECT * FROM subscriptions WHERE chat_hash = ? AND case_id = ?", (self._ids.tag(chat_id), case_id)
        )
        return None if row is None else _row(row, chat_id)

    async def for_chat(self, chat_id: int) -> list[Subscription]:
        rows = await self._c.fetchall(
            "SELECT * FROM subscriptions WHERE chat_hash = ? ORDER BY created_at, case_id", (self._ids.tag(chat_id),)
        )
        return [_row(r, chat_id) for r in rows]

    async def followers(self, case_id: int, levels: Sequence[Level]) -> list[int]:
        """Active chats following the case at one of these levels."""
        marks = ", ".join("?" for _ in levels)
        rows = await self._c.fetchall(
            "SELECT c.chat_enc FROM subscriptions s JOIN chats c ON c.chat_hash = s.chat_hash "
            f"WHERE s.case_id = ? AND s.level IN ({marks}) AND c.active = ?",
            (case_id, *levels, True),
        )
        return sorted(self._ids.open(r["chat_enc"]) for r in rows)

    async def for_case(self, case_id: int) -> list[int]:
        """Every chat following the case, active or not."""
        rows = await self._c.fetchall(
            "SELECT c.chat_enc FROM subscriptions s JOIN chats c ON c.chat_hash = s.chat_hash WHERE s.case_id = ?",
            (case_id,),
        )
        return sorted(self._ids.open(r["chat_enc"]) for r in rows)

    async def counts(self) -> list[CaseFollowers]:
        rows = await self._c.fetchall(
            "SELECT s.case_id, s.level, COUNT(*) AS n FROM subscriptions s JOIN chats c ON c.chat_hash = s.chat_hash "
            "WHERE c.active = ? GROUP BY s.case_id, s.level ORDER BY s.case_id, s.level",
            (True,),
        )
        return [CaseFollowers(int(r["case_id"]), r["level"], int(r["n"])) for r in rows]


class SubscriptionRepo(SubscriptionReader):
    """Following and unfollowing."""

    async def follow(self, chat_id: int, case_id: int, level: Level, now: int) -> bool:
        """Follow, or change the level; True when something changed."""
        current = await self.get(chat_id, case_id)
        if current is not None and current.level == level:
            return False
        await self._c.execute(
            "INSERT INTO subscriptions (chat_hash, case_id, level, created_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (chat_hash, case_id) DO UPDATE SET level = excluded.level",
            (self._ids.tag(chat_id), case_id, level, now),
        )
        return True

    async def unfollow(self, chat_id: int, case_id: int) -> bool:
        n = await self._c.execute(
            "DELETE FROM subscriptions WHERE chat_hash = ? AND case_id = ?", (self._ids.tag(chat_id), case_id)
        )
        return n > 0

    async def drop_case(self, case_id: int) -> int:
        """Every subscription to the case is deleted (a case closed long enough ago)."""
        return await self._c.execute("DELETE FROM subscriptions WHERE case_id = ?", (case_id,))


def _row(row: Row, chat_id: int) -> Subscription:
    return Subscription(chat_id, int(row["case_id"]), row["level"], int(row["created_at"]))
