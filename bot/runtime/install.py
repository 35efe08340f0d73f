"""This install's own random id, made once and kept in the database: calendar UIDs are unique to it."""

from __future__ import annotations

import uuid

from storage.api import Store

INSTALL_ID = "install_id"


async def install_id(store: Store) -> str:
    async with store.read() as tx:
        known = await tx.install.get(INSTALL_ID)
    if known:
        return known
    async with store.transaction() as tx:
        return await tx.install.put_once(INSTALL_ID, str(uuid.uuid4()))
