"""Chats: the only thing stored about a person, found by the keyed hash of its id."""

from __future__ import annotations

from collections.abc import Sequence

from storage.conn import Conn, Row
from storage.crypto import TOMBSTONE, IdsLike
from storage.models import Chat

# Rows that belong to a chat: /forget deletes them. (table, hash column)
CHAT_TABLES: list[tuple[str, str]] = [
    ("subscriptions", "chat_hash"), ("outbox", "chat_hash"), ("drafts", "admin_hash"), ("editors", "user_hash"),
    ("dialogs", "chat_hash"), ("digest_settings", "chat_hash"), ("chats", "chat_hash"),
]
# Records that outlive the person who acted (the audit trail, who posted or reviewed what): /forget keeps the
# record and replaces the person with a tombstone. (table, column prefix: `<prefix>_hash` and `<prefix>_enc`)
STAFF_COLUMNS: list[tuple[str, str]] = [
    ("audit_log", "actor"), ("audit_log", "target_user"), ("announcements", "created_by"),
    ("findings", "reviewed_by"), ("sources", "created_by"), ("editors", "granted_by"), ("invites", "created_by"),
    ("invites", "used_by"), ("hearing_changes", "by"),
]


class ChatReader:
    """A chat's settings, and where its id still appears."""

    def __init__(self, conn: Conn, ids: IdsLike) -> None:
        self._c = conn
        self._ids = ids

    async def get(self, chat_id: int) -> Chat | None:
        row = await self._c.fetchone("SELECT * FROM chats WHERE chat_hash = ?", (self._ids.tag(chat_id),))
        return None if row is None else _row(row, chat_id)

    async def exists_anywhere(self, chat_id: int) -> list[str]:
        """The tables that still name this chat id (for tests of /forget)."""
        h = self._ids.tag(chat_id)
        found = []
        columns = CHAT_TABLES + [(t, f"{p}_hash") for t, p in STAFF_COLUMNS]
        for table, column in columns:
            if table not in found and await self._c.fetchone(
                f"SELECT 1 FROM {table} WHERE {column} = ? LIMIT 1", (h,)
            ):
                found.append(table)
        return found


class ChatRepo(ChatReader):
    """Chats as they arrive, change their settings, move, leave and are forgotten."""

    async def ensure(self, chat_id: int, chat_type: str, language: str, now: int) -> Chat:
        h = self._ids.tag(chat_id)
        if await self._c.fetchone("SELECT 1 FROM chats WHERE chat_hash = ?", (h,)) is None:
            await self._c.execute(
                "INSERT INTO chats (chat_hash, chat_enc, type, language, active, news_mentions, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (chat_hash) DO NOTHING",
                (h, self._ids.seal(chat_id), chat_type, language, True, True, now),
            )
        chat = await self.get(chat_id)
        assert chat is not None
        return chat

    async def set_language(self, chat_id: int, language: str) -> None:
        """The chat chose its language (/lang): from now on it holds."""
        await self._c.execute("UPDATE chats SET language = ?, language_chosen = ? WHERE chat_hash = ?",
                              (language, True, self._ids.tag(chat_id)))

    async def follow_language(self, chat_id: int, language: str) -> bool:
        """The language of the person's Telegram app, unless the chat chose one; True if it changed."""
        before = await self.get(chat_id)
        if before is None or before.language_chosen or before.language == language:
            return False
        await self._c.execute("UPDATE chats SET language = ? WHERE chat_hash = ? AND NOT language_chosen",
                              (language, self._ids.tag(chat_id)))
        return True

    async def set_reminders(self, chat_id: int, offsets: Sequence[int] | None) -> None:
        value = None if offsets is None else ",".join(str(o) for o in sorted(set(offsets), reverse=True))
        await self._c.execute(
            "UPDATE chats SET reminder_offsets = ? WHERE chat_hash = ?", (value, self._ids.tag(chat_id))
        )

    async def set_news_mentions(self, chat_id: int, on: bool) -> None:
        await self._c.execute("UPDATE chats SET news_mentions = ? WHERE chat_hash = ?", (on, self._ids.tag(chat_id)))

    async def set_active(self, chat_id: int, active: bool, now: int) -> None:
        await self._c.execute(
            "UPDATE chats SET active = ?, deactivated_at = ? WHERE chat_hash = ?",
            (active, None if active else now, self._ids.tag(chat_id)),
        )

    async def move(self, old_id: int, new_id: int, new_type: str) -> None:
        """A group became a supergroup: its rows follow the new id."""
        old, new = self._ids.tag(old_id), self._ids.tag(new_id)
        if await self.get(new_id) is None:
            await self._c.execute(
                "INSERT INTO chats (chat_hash, chat_enc, type, language, language_chosen, active, reminder_offsets, "
                "news_mentions, created_at) SELECT ?, ?, ?, language, language_chosen, active, reminder_offsets, "
                "news_mentions, created_at FROM chats WHERE chat_hash = ?",
                (new, self._ids.seal(new_id), new_type, old),
            )
        # The new chat's own subscriptions win where both follow the same case.
        await self._c.execute(
            "DELETE FROM subscriptions WHERE chat_hash = ? AND case_id IN "
            "(SELECT case_id FROM subscriptions WHERE chat_hash = ?)",
            (old, new),
        )
        await self._c.execute("UPDATE subscriptions SET chat_hash = ? WHERE chat_hash = ?", (new, old))
        await self._c.execute("UPDATE digest_settings SET chat_hash = ? WHERE chat_hash = ? AND NOT EXISTS "
                              "(SELECT 1 FROM digest_settings WHERE chat_hash = ?)", (new, old, new))
        await self._c.execute("DELETE FROM chats WHERE chat_hash = ?", (old,))

    async def forget(self, chat_id: int) -> None:
        """Erase every row that names this chat; where it acted as staff, keep the record, not the person."""
        h = self._ids.tag(chat_id)
        for table, column in CHAT_TABLES:
            await self._c.execute(f"DELETE FROM {table} WHERE {column} = ?", (h,))
        for table, prefix in STAFF_COLUMNS:
            await self._c.execute(
                f"UPDATE {table} SET {prefix}_hash = ?, {prefix}_enc = ? WHERE {prefix}_hash = ?",
                (TOMBSTONE, TOMBSTONE, h),
            )

    async def prune_inactive(self, before: int) -> int:
        """Chats that blocked the bot (or left) before `before` are deleted, with every row of theirs."""
        gone = "SELECT chat_hash FROM chats WHERE active = ? AND deactivated_at IS NOT NULL AND deactivated_at < ?"
        # An editor's role is not a chat's row: it stays until revoked or /forget.
        for table, column in CHAT_TABLES:
            if table not in ("chats", "editors"):
                await self._c.execute(f"DELETE FROM {table} WHERE {column} IN ({gone})", (False, before))
        return await self._c.execute(
            "DELETE FROM chats WHERE active = ? AND deactivated_at IS NOT NULL AND deactivated_at < ?",
            (False, before),
        )


def _row(row: Row, chat_id: int) -> Chat:
    offsets = row["reminder_offsets"]
    return Chat(
        id=chat_id, type=row["type"], language=row["language"], active=bool(row["active"]),
        reminder_offsets=None if offsets is None else tuple(int(x) for x in offsets.split(",") if x),
        news_mentions=bool(row["news_mentions"]), created_at=int(row["created_at"]),
        deactivated_at=row["deactivated_at"], language_chosen=bool(row["language_chosen"]),
    )
