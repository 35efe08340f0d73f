"""aiogram's FSM storage on our tables: an admin's dialog survives a restart and works on any instance."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder, StateType, StorageKey

from bot.clock import Clock
from storage.api import Store


class StoreDialogs(BaseStorage):
    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock
        self._keys = DefaultKeyBuilder(with_bot_id=True, with_destiny=True)

    def _key(self, key: StorageKey) -> str:
        return self._keys.build(key)

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        name = state.state if isinstance(state, State) else state
        async with self._store.transaction() as tx:
            await tx.dialogs.set_state(self._key(key), key.chat_id, name, self._clock.timestamp())

    async def get_state(self, key: StorageKey) -> str | None:
        async with self._store.read() as tx:
            state, _ = await tx.dialogs.get(self._key(key))
        return state

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        async with self._store.transaction() as tx:
            await tx.dialogs.set_data(self._key(key), key.chat_id, dict(data), self._clock.timestamp())

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        async with self._store.read() as tx:
            _, data = await tx.dialogs.get(self._key(key))
        return data

    async def close(self) -> None:
        """The store is closed by the app, after everything else."""
