"""Edits of messages already sent, in storage: queued once per message (the latest wins), claimed like the
outbox, taken back from dead workers. The editor against the stand-in is in tests/e2e/test_delivery_edits.py."""

from __future__ import annotations

from bot.clock import FakeClock
from storage.api import Store
from tests.delivery.edit_helpers import add_hearing, edit_states, queue_edit
from tests.delivery.helpers import add_chats, announce, outbox_rows


async def test_the_latest_edit_of_a_message_wins_and_waits_for_it_to_be_sent(any_store: Store) -> None:
    clock = FakeClock()
    now = clock.timestamp()
    await add_chats(any_store, [1, 2], now)
    ann = await announce(any_store, [1, 2], now=now, key="e1")
    hearing = await add_hearing(any_store, now)
    assert await queue_edit(any_store, ann, hearing, 2, now) == 2
    async with any_store.transaction() as tx:
        assert await tx.edits.claim("w", 10, 60, now) == []  # nothing sent yet: nothing to edit
        rows = {r["chat_id"]: int(r["id"]) for r in await outbox_rows(any_store)}
        await tx.outbox.mark_sent(rows[1], 501, now)
        await tx.outbox.mark_sent(rows[2], 502, now)
    async with any_store.transaction() as tx:
        first = await tx.edits.claim("w", 1, 60, now)
    assert [(e.tg_message_id, e.revision, e.payload["r"]) for e in first] == [(500 + first[0].chat_id, 2, 2)]
    await queue_edit(any_store, ann, hearing, 3, now)  # moved again while the first edit is on the wire
    async with any_store.transaction() as tx:
        assert not await tx.edits.finish(first[0].id, 2, "done", None, now)  # superseded: back to pending
        again = await tx.edits.claim("w", 10, 60, now)
    assert sorted((e.chat_id, e.revision) for e in again) == [(1, 3), (2, 3)]
    async with any_store.transaction() as tx:
        for e in again:
            assert await tx.edits.finish(e.id, e.revision, "done", None, now)
    assert await edit_states(any_store) == {1: ("done", 3, None), 2: ("done", 3, None)}
    await queue_edit(any_store, ann, hearing, 4, now)  # a later change edits a done message once more
    assert {s for s, _, _ in (await edit_states(any_store)).values()} == {"pending"}


async def test_claims_of_a_dead_worker_or_an_expired_lease_go_back(any_store: Store) -> None:
    clock = FakeClock()
    now = clock.timestamp()
    await add_chats(any_store, [1], now)
    ann = await announce(any_store, [1], now=now, key="e2")
    hearing = await add_hearing(any_store, now)
    async with any_store.transaction() as tx:
        await tx.outbox.mark_sent((await outbox_rows(any_store))[0]["id"], 9, now)
    await queue_edit(any_store, ann, hearing, 2, now)
    async with any_store.transaction() as tx:
        assert len(await tx.edits.claim("gone", 5, 60, now)) == 1
        assert await tx.edits.release_dead_workers("sender:", "alive", now) == 1
        assert len(await tx.edits.claim("alive", 5, 60, now)) == 1
        assert await tx.edits.release_expired(now + 61) == 1
        assert await tx.edits.unfinished(now) == 1
