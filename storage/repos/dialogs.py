"""aiogram FSM state and data, one row per dialog key (stored as its keyed hash: the key names the chat)."""

from __future__ import annotations

import json
from typing import Any

from storage.conn import Conn
from storage.crypto import IdsLike


class DialogReader:
    """A dialog's state and data."""

    def __init__(self, conn: Conn, ids: IdsLike) -> None:
        self._c = conn
        self._ids = ids

    async def get(self, key: str) -> tuple[str | None, dict[str, Any]]:
        row = await self._c.fetchone(
            "SELECT state, data_json FROM dialogs WHERE key_hash = ?", (self._ids.tag_text(key),)
        )
        if row is None:
            return None, {}
        return row["state"], json.loads(row["data_json"] or "{}")


class DialogRepo(DialogReader):
    """Dialogs moved on, finished and pruned."""

    async def set_state(self, key: str, chat_id: int, state: str | None, now: int) -> None:
        kh = self._ids.tag_text(key)
        await self._c.execute(
            "INSERT INTO dialogs (key_hash, chat_hash, state, data_json, updated_at) VALUES (?, ?, ?, '{}', ?) "
            "ON CONFLICT (key_hash) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
            (kh, self._ids.tag(chat_id), state, now),
        )
        await self._drop_if_empty(kh)

    async def set_data(self, key: str, chat_id: int, data: dict[str, Any], now: int) -> None:
        blob = json.dumps(data, ensure_ascii=False)
        kh = self._ids.tag_text(key)
        await self._c.execute(
            "INSERT INTO dialogs (key_hash, chat_hash, state, data_json, updated_at) VALUES (?, ?, NULL, ?, ?) "
            "ON CONFLICT (key_hash) DO UPDATE SET data_json = excluded.data_json, updated_at = excluded.updated_at",
            (kh, self._ids.tag(chat_id), blob, now),
        )
        await self._drop_if_empty(kh)

    async def _drop_if_empty(self, key_hash: str) -> None:
        # A finished dialog leaves no row behind.
        await self._c.execute(
            "DELETE FROM dialogs WHERE key_hash = ? AND state IS NULL AND data_json = '{}'", (key_hash,)
        )

    async def prune(self, before: int) -> int:
        return await self._c.execute("DELETE FROM dialogs WHERE updated_at < ?", (before,))
