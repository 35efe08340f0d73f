"""Chats: the only thing stored about a person."""

from __future__ import annotations

from collections.abc import Sequence

from storage.api import Chat
from storage.conn import Conn, Row

# Tables that name a chat id; /forget must leave none of them naming it. Later migrations add theirs here.
CHAT_TABLES: list[tuple[str, str]] = [
    ("subscriptions", "chat_id"), ("outbox", "chat_id"), ("drafts", "admin_id"), ("editors", "user_id"), ("invites", "used_by"),
    ("dialogs", "chat_id"), ("chats", "id"),
]


class ChatRepo:
    def __init__(self, conn: Conn) -> None:
        self._c = conn

    async def ensure(self, chat_id: int, chat_type: str, language: str, now: int) -> Chat:
        await self._c.execute(
            "INSERT INTO chats (id, type, language, active, news_mentions, created_at) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO NOTHING",
            (chat_id, chat_type, language, True, True, now),
        )
        chat = await self.get(chat_id)
        assert chat is not None
        return chat

    async def get(self, chat_id: int) -> Chat | None:
        row = await self._c.fetchone("SELECT * FROM chats WHERE id = ?", (chat_id,))
        return None if row is None else _row(row)

    async def set_language(self, chat_id: int, language: str) -> None:
        """The chat chose its language (/lang): from now on it holds."""
        await self._c.execute("UPDATE chats SET language = ?, language_chosen = ? WHERE id = ?",
                              (language, True, chat_id))

    async def follow_language(self, chat_id: int, language: str) -> bool:
        """The language of the person's Telegram app, unless the chat chose one; True if it changed."""
        before = await self.get(chat_id)
        if before is None or before.language_chosen or before.language == language:
            return False
        await self._c.execute("UPDATE chats SET language = ? WHERE id = ? AND NOT language_chosen",
                              (language, chat_id))
        return True

    async def set_active(self, chat_id: int, active: bool, now: int) -> None:
        await self._c.execute(
            "UPDATE chats SET active = ?, deactivated_at = ? WHERE id = ?",
            (active, None if active else now, chat_id),
        )

    async def set_reminders(self, chat_id: int, offsets: Sequence[int] | None) -> None:
        value = None if offsets is None else ",".join(str(o) for o in sorted(set(offsets), reverse=True))
        await self._c.execute("UPDATE chats SET reminder_offsets = ? WHERE id = ?", (value, chat_id))

    async def set_news_mentions(self, chat_id: int, on: bool) -> None:
        await self._c.execute("UPDATE chats SET news_mentions = ? WHERE id = ?", (on, chat_id))

    async def move(self, old_id: int, new_id: int, new_type: str) -> None:
        """A group became a supergroup: its rows follow the new id."""
        if await self.get(new_id) is None:
            await self._c.execute(
                "INSERT INTO chats (id, type, language, language_chosen, active, reminder_offsets, news_mentions, "
                "created_at) SELECT ?, ?, language, language_chosen, active, reminder_offsets, news_mentions, "
                "created_at FROM chats WHERE id = ?",
                (new_id, new_type, old_id),
            )
        # The new chat's own subscriptions win where both follow the same case.
        await self._c.execute(
            "DELETE FROM subscriptions WHERE chat_id = ? AND case_id IN "
            "(SELECT case_id FROM subscriptions WHERE chat_id = ?)",
            (old_id, new_id),
        )
        await self._c.execute("UPDATE subscriptions SET chat_id = ? WHERE chat_id = ?", (new_id, old_id))
        await self._c.execute("DELETE FROM chats WHERE id = ?", (old_id,))

    async def forget(self, chat_id: int) -> None:
        """Erase every row that names this chat."""
        for table, column in CHAT_TABLES:
            await self._c.execute(f"DELETE FROM {table} WHERE {column} = ?", (chat_id,))

    async def exists_anywhere(self, chat_id: int) -> list[str]:
        """The tables that still name this chat id (for tests of /forget)."""
        found = []
        for table, column in CHAT_TABLES:
            if await self._c.fetchone(f"SELECT 1 FROM {table} WHERE {column} = ? LIMIT 1", (chat_id,)):
                found.append(table)
        return found


def _row(row: Row) -> Chat:
    offsets = row["reminder_offsets"]
    return Chat(
        id=int(row["id"]), type=row["type"], language=row["language"], active=bool(row["active"]),
        reminder_offsets=None if offsets is None else tuple(int(x) for x in offsets.split(",") if x),
        news_mentions=bool(row["news_mentions"]), created_at=int(row["created_at"]),
        deactivated_at=row["deactivated_at"], language_chosen=bool(row["language_chosen"]),
    )
