"""The outbox: one row per (announcement, chat), claimed by senders, kept once sent."""

from __future__ import annotations

from collections.abc import Sequence

from storage.api import OutboxRow
from storage.conn import Conn, Row


class OutboxRepo:
    def __init__(self, conn: Conn) -> None:
        self._c = conn

    async def enqueue(self, announcement_id: int, chat_ids: Sequence[int], *, priority: int, next_at: int) -> int:
        """Queue the announcement for these chats; a chat already queued for it is skipped. Returns rows added."""
        added = 0
        for chat_id in dict.fromkeys(chat_ids):
            added += await self._c.execute(
                "INSERT INTO outbox (announcement_id, chat_id, state, priority, attempts, next_at) "
                "VALUES (?, ?, 'pending', ?, 0, ?) ON CONFLICT (announcement_id, chat_id) DO NOTHING",
                (announcement_id, chat_id, priority, next_at),
            )
        return added


def row_to_outbox(row: Row) -> OutboxRow:
    return OutboxRow(
        id=int(row["id"]), announcement_id=int(row["announcement_id"]), chat_id=int(row["chat_id"]),
        state=row["state"], priority=int(row["priority"]), attempts=int(row["attempts"]), next_at=int(row["next_at"]),
        claimed_by=row["claimed_by"], lease_until=row["lease_until"], tg_message_id=row["tg_message_id"],
        last_error=row["last_error"], sent_at=row["sent_at"],
    )
