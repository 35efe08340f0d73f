"""The outbox repository: claims, leases, outcomes, chat moves."""

from __future__ import annotations

import pytest

from storage.api import Store
from storage.models import PRIORITY_BROADCAST, PRIORITY_INTERACTIVE, PRIORITY_REMINDER
from tests.delivery.helpers import add_chats, announce, outbox_rows

NOW = 1_800_000_000


@pytest.fixture
def store(any_store: Store) -> Store:
    """Every test here runs on SQLite and on PostgreSQL."""
    return any_store


async def test_enqueue_is_unique_per_announcement_and_chat(store: Store) -> None:
    ann = await announce(store, [1, 2, 3], now=NOW, key="a")
    async with store.transaction() as tx:
        assert await tx.outbox.enqueue(ann, [2, 3, 4, 4], priority=PRIORITY_BROADCAST, next_at=NOW) == 1
    assert sorted(r["chat_id"] for r in await outbox_rows(store)) == [1, 2, 3, 4]


async def test_claim_takes_the_most_urgent_due_rows_once(store: Store) -> None:
    await announce(store, [1, 2], now=NOW, key="b", priority=PRIORITY_BROADCAST)
    await announce(store, [3], now=NOW, key="r", priority=PRIORITY_REMINDER)
    await announce(store, [4], now=NOW, key="i", priority=PRIORITY_INTERACTIVE)
    await announce(store, [5], now=NOW + 100, key="later", priority=PRIORITY_INTERACTIVE)
    async with store.transaction() as tx:
        first = await tx.outbox.claim("w1", 3, 60, NOW)
        second = await tx.outbox.claim("w2", 10, 60, NOW)
    assert [r.chat_id for r in first] == [4, 3, 1]
    assert all(r.state == "sending" and r.claimed_by == "w1" and r.lease_until == NOW + 60 for r in first)
    assert [r.chat_id for r in second] == [2]  # 5 is not due yet
    async with store.read() as tx:
        assert await tx.outbox.sending() == 4
        assert await tx.outbox.pending_due(NOW) == 0
        assert await tx.outbox.pending_due(NOW + 100) == 1


async def test_a_chat_with_a_row_in_sending_waits_its_turn(store: Store) -> None:
    await announce(store, [1, 2], now=NOW, key="one")
    await announce(store, [1], now=NOW, key="two")
    async with store.transaction() as tx:
        a = await tx.outbox.claim("w1", 1, 60, NOW)
        b = await tx.outbox.claim("w2", 10, 60, NOW)
        assert [r.chat_id for r in a] == [1]
        assert [r.chat_id for r in b] == [2]  # chat 1's second row waits until its first is done
        await tx.outbox.mark_sent(a[0].id, 77, NOW)
        c = await tx.outbox.claim("w2", 10, 60, NOW)
    assert [r.chat_id for r in c] == [1]


async def test_expired_leases_go_back_to_pending(store: Store) -> None:
    await announce(store, [1, 2], now=NOW, key="x")
    async with store.transaction() as tx:
        rows = await tx.outbox.claim("dead", 2, 30, NOW)
        await tx.outbox.extend_lease(rows[1].id, NOW + 1000)
        assert await tx.outbox.release_expired(NOW + 30) == 0  # lease_until is still not past
        assert await tx.outbox.release_expired(NOW + 31) == 1
        again = await tx.outbox.claim("alive", 5, 30, NOW + 31)
        assert [r.id for r in again] == [rows[0].id]
        assert await tx.outbox.release_worker("dead") == 1
        assert await tx.outbox.pending_due(NOW + 31) == 1


async def test_outcomes(store: Store) -> None:
    ann = await announce(store, [1, 2, 3, 4], now=NOW, key="o")
    async with store.transaction() as tx:
        r1, r2, r3, r4 = await tx.outbox.claim("w", 4, 60, NOW)
        await tx.outbox.mark_sent(r1.id, 501, NOW + 1)
        await tx.outbox.retry_later(r2.id, NOW + 10, "TelegramServerError: 502")
        await tx.outbox.mark_failed(r3.id, "can't parse entities")
        await tx.outbox.cancel(r4.id, "nothing to send")
        # A cancelled row is not revived by a late retry.
        await tx.outbox.retry_later(r4.id, NOW + 10, "late")
        assert await tx.outbox.sent_messages(ann) == [(1, 501)]
        assert await tx.outbox.counts(NOW) == {"pending": 1, "sending": 0, "sent": 1, "failed": 1, "cancelled": 1}
        assert await tx.outbox.counts(NOW + 5) == {"pending": 1, "sending": 0, "sent": 0, "failed": 0, "cancelled": 0}
        got = await tx.outbox.get(r2.id)
        assert got is not None and got.attempts == 1 and got.next_at == NOW + 10 and got.claimed_by is None
        sent = await tx.outbox.get(r1.id)
        assert sent is not None and sent.tg_message_id == 501 and sent.sent_at == NOW + 1
        r4_now = await tx.outbox.get(r4.id)
        assert r4_now is not None and r4_now.state == "cancelled"


async def test_cancel_for_chat_and_for_announcement(store: Store) -> None:
    a = await announce(store, [1, 2], now=NOW, key="c1")
    await announce(store, [1, 3], now=NOW, key="c2")
    async with store.transaction() as tx:
        assert await tx.outbox.cancel_pending_for_chat(1) == 2
        assert await tx.outbox.cancel_for_announcement(a) == 1  # chat 2's row; chat 1's was cancelled already
    states = {(r["announcement_id"], r["chat_id"]): r["state"] for r in await outbox_rows(store)}
    assert states == {(a, 1): "cancelled", (a, 2): "cancelled", (a + 1, 1): "cancelled", (a + 1, 3): "pending"}


async def test_move_chat_keeps_one_row_per_announcement(store: Store) -> None:
    await add_chats(store, [-5], NOW)
    a = await announce(store, [-5], now=NOW, key="m1")
    b = await announce(store, [-5, -1005], now=NOW, key="m2")
    async with store.transaction() as tx:
        await tx.chats.move(-5, -1005, "supergroup")
        assert await tx.outbox.move_chat(-5, -1005) == 1
        assert await tx.chats.get(-5) is None
        moved = await tx.chats.get(-1005)
        assert moved is not None and moved.type == "supergroup"
    rows = await outbox_rows(store)
    assert sorted((r["announcement_id"], r["chat_id"]) for r in rows) == [(a, -1005), (b, -1005)]


async def test_rows_of_a_sender_whose_heartbeat_ran_out_go_back_to_pending(store: Store) -> None:
    await announce(store, [1, 2, 3], now=NOW, key="hb")
    async with store.transaction() as tx:
        await tx.leases.acquire("sender:alive", "alive", NOW, 8)
        await tx.leases.acquire("sender:dead", "dead", NOW - 20, 8)
        await tx.leases.acquire("scheduler", "gone", NOW - 20, 8)
        await tx.outbox.claim("alive", 1, 120, NOW)
        await tx.outbox.claim("dead", 1, 120, NOW)
        await tx.outbox.claim("no-heartbeat-at-all", 1, 120, NOW)
        assert await tx.outbox.release_dead_workers("sender:", "me", NOW) == 2
        await tx.outbox.claim("me", 5, 120, NOW)
    states = {r["chat_id"]: (r["state"], r["claimed_by"]) for r in await outbox_rows(store)}
    assert states[1] == ("sending", "alive")
    assert states[2][1] == states[3][1] == "me"  # released, then claimed again
    async with store.transaction() as tx:
        assert await tx.leases.prune("sender:", NOW) == 1  # the dead one's heartbeat; not the scheduler's
        assert await tx.leases.holder("scheduler", NOW - 20) == "gone"
