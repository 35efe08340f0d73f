"""The source repositories: sources, items (new / edited / unchanged, extraction, pruning), leases."""

from __future__ import annotations

import pytest

from storage.api import Store
from storage.models import ItemInput, SourceInput


@pytest.fixture
def store(any_store: Store) -> Store:
    """Every test here runs on SQLite and on PostgreSQL."""
    return any_store


def _item(sid: str, text: str, title: str = "Заголовок") -> ItemInput:
    import hashlib

    return ItemInput(sid, f"https://x.kz/{sid}", title, 1_773_000_000, text, hashlib.sha256(text.encode()).hexdigest())


async def _with_source(store: Store, source_id: str = "s") -> None:
    async with store.transaction() as tx:
        assert await tx.sources.insert(SourceInput(id=source_id, kind="rss", url="https://x.kz/feed"), now=100)
        assert not await tx.sources.insert(SourceInput(id=source_id, kind="html", url="https://other"), now=200)


async def test_items_upsert_outcomes_and_extraction(store: Store) -> None:
    await _with_source(store)
    async with store.transaction() as tx:
        first = await tx.items.upsert_many("s", [_item("a", "один"), _item("b", "два"), _item("a", "дубль")],
                                           now=1000, baseline={"a"})
        assert [(u.stable_id, u.outcome, u.baseline) for u in first] == [("a", "new", True), ("b", "new", False)]
        again = await tx.items.upsert_many("s", [_item("a", "один"), _item("b", "два (правка)")], now=2000)
        assert [u.outcome for u in again] == ["unchanged", "edited"]
        assert again[1].item_id == first[1].item_id
        single = await tx.items.upsert("s", _item("c", "три"), now=2000, baseline=False)
        assert single.outcome == "new"
        assert await tx.items.known("s", ["a", "zz", "c"]) == {"a", "c"}
    async with store.transaction() as tx:
        pending = await tx.items.pending_extraction()
        assert [p.stable_id for p in pending] == ["b", "c"]  # baseline "a" never
        await tx.items.mark_extracted(pending[0].id, pending[0].content_hash)
        assert [p.stable_id for p in await tx.items.pending_extraction()] == ["c"]
        await tx.items.upsert_many("s", [_item("b", "два (вторая правка)")], now=3000)
        assert [p.stable_id for p in await tx.items.pending_extraction()] == ["b", "c"]  # edited: again
        b = await tx.items.get(pending[0].id)
        assert b is not None and b.edited_at == 3000 and b.fetched_at == 1000


async def test_prune_empties_old_texts_but_keeps_rows(store: Store) -> None:
    await _with_source(store)
    async with store.transaction() as tx:
        await tx.items.upsert_many("s", [_item("old", "старый текст")], now=1000)
        await tx.items.upsert_many("s", [_item("new", "новый текст")], now=5000)
        assert await tx.items.prune(before=2000) == 1
        assert await tx.items.prune(before=2000) == 0
        items = {i.stable_id: i for i in await tx.items.for_source("s")}
        assert items["old"].text == "" and items["new"].text == "новый текст"
        # Still deduplicated: the same item read again is not new.
        [u] = await tx.items.upsert_many("s", [_item("old", "старый текст")], now=6000)
        assert u.outcome == "unchanged"


async def test_sources_claim_and_health(store: Store) -> None:
    async with store.transaction() as tx:
        for n, state in enumerate(["active", "active", "paused"]):
            await tx.sources.insert(SourceInput(id=f"s{n}", kind="rss", url=f"https://x.kz/{n}", state=state), now=100)  # type: ignore[arg-type]
        claimed = await tx.sources.claim_due(now=100, until=500, limit=10)
        assert [s.id for s in claimed] == ["s0", "s1"] and all(s.next_attempt_at == 500 for s in claimed)
        assert await tx.sources.claim_due(now=100, until=500, limit=10) == []
        assert [s.id for s in await tx.sources.claim_due(now=100, until=900, limit=1, due_only=False)] == ["s0"]
        await tx.sources.record_failure("s1", now=150, error="HTTP 500", failures=1, next_attempt_at=300)
        await tx.sources.record_success("s0", now=160, next_attempt_at=760, etag='"e"', last_modified=None,
                                        baselined=True)
        s0, s1 = await tx.sources.get("s0"), await tx.sources.get("s1")
        assert s0 is not None and s0.health.status == "ok" and s0.baselined_at == 160 and s0.etag == '"e"'
        assert s1 is not None and s1.health.status == "failing" and s1.last_error == "HTTP 500"
        assert [s.health.status for s in await tx.sources.list(states=["paused"])] == ["paused"]
        assert await tx.sources.set_state("s2", "active", now=170)
        s2 = await tx.sources.get("s2")
        assert s2 is not None and s2.next_attempt_at == 170 and s2.health.status == "new"


async def test_leases(store: Store) -> None:
    async with store.transaction() as tx:
        assert await tx.leases.acquire("scheduler", "a", now=100, ttl_s=15)
        assert not await tx.leases.acquire("scheduler", "b", now=105, ttl_s=15)
        assert await tx.leases.acquire("scheduler", "a", now=110, ttl_s=15)  # renewed
        assert await tx.leases.holder("scheduler", now=120) == "a"
        assert not await tx.leases.acquire("scheduler", "b", now=124, ttl_s=15)
        assert await tx.leases.acquire("scheduler", "b", now=125, ttl_s=15)  # expired: taken over
        assert not await tx.leases.release("scheduler", "a")
        assert await tx.leases.release("scheduler", "b")
        assert await tx.leases.holder("scheduler", now=126) is None
