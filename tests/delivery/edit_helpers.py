"""Helpers of the message edit tests: a hearing to point at, an edit queued, the edits' states by chat."""

from __future__ import annotations

from storage.api import Store
from tests.delivery.helpers import ensure_case, outbox_rows


async def add_hearing(store: Store, now: int) -> int:
    """A hearing of the test case, for edits to point at."""
    case_id = await ensure_case(store, now)
    async with store.transaction() as tx:
        h = await tx.hearings.insert(case_id=case_id, local_date="2026-03-17", local_time="10:00", tz="Asia/Almaty",
                                     court=None, status="scheduled", now=now)
    return h.id


async def queue_edit(store: Store, ann: int, hearing_id: int, revision: int, now: int) -> int:
    """An edit of every message of `ann`, telling of `revision`."""
    async with store.transaction() as tx:
        return await tx.edits.queue(ann, hearing_id=hearing_id, revision=revision,
                                    payload={"change": "moved", "r": revision}, now=now)


async def edit_states(store: Store) -> dict[int, tuple[str, int, str | None]]:
    """chat id → (edit state, revision, reason)."""
    out = {}
    for row in await outbox_rows(store):
        async with store.read() as tx:
            edit = await tx.edits.for_outbox(int(row["id"]))
        if edit is not None:
            out[int(row["chat_id"])] = (edit[0], edit[1], edit[3])
    return out
