"""aiogram FSM state and data, one row per dialog key."""

from __future__ import annotations

import json
from typing import Any

from storage.conn import Conn


class DialogRepo:
    def __init__(self, conn: Conn) -> None:
        self._c = conn

    async def get(self, key: str) -> tuple[str | None, dict[str, Any]]:
        row = await self._c.fetchone("SELECT state, data_json FROM dialogs WHERE key = ?", (key,))
        if row is None:
            return None, {}
        return row["state"], json.loads(row["data_json"] or "{}")

    async def set_state(self, key: str, chat_id: int, state: str | None, now: int) -> None:
        await self._c.execute(
            "INSERT INTO dialogs (key, chat_id, state, data_json, updated_at) VALUES (?, ?, ?, '{}', ?) "
            "ON CONFLICT (key) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
            (key, chat_id, state, now),
        )
        await self._drop_if_empty(key)

    async def set_data(self, key: str, chat_id: int, data: dict[str, Any], now: int) -> None:
        blob = json.dumps(data, ensure_ascii=False)
        await self._c.execute(
            "INSERT INTO dialogs (key, chat_id, state, data_json, updated_at) VALUES (?, ?, NULL, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET data_json = excluded.data_json, updated_at = excluded.updated_at",
            (key, chat_id, blob, now),
        )
        await self._drop_if_empty(key)

    async def _drop_if_empty(self, key: str) -> None:
        # A finished dialog leaves no row behind.
        await self._c.execute("DELETE FROM dialogs WHERE key = ? AND state IS NULL AND data_json = '{}'", (key,))

    async def prune(self, before: int) -> int:
        return await self._c.execute("DELETE FROM dialogs WHERE updated_at < ?", (before,))
