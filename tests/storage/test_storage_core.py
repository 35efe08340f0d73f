"""The store on each backend: migrations, cases import, subscriptions, erasing a chat, transactions."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.cases.directory import import_cases
from bot.config import load_settings
from storage import open_store
from storage.api import Store
from storage.models import CaseInput

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "casewatch.toml"


@pytest.fixture
def store(any_store: Store) -> Store:
    """Every test here runs on SQLite and on PostgreSQL."""
    return any_store


async def test_migrations_apply_once(store_url: str) -> None:
    url = store_url
    first = await open_store(url)
    version = await first.schema_version()  # type: ignore[attr-defined]
    await first.close()
    again = await open_store(url)
    assert await again.migrate() == []  # type: ignore[attr-defined]
    assert await again.schema_version() == version >= 1  # type: ignore[attr-defined]
    await again.close()


async def test_config_cases_do_not_overwrite_admin_edits_but_import_does(store: Store) -> None:
    decls = load_settings(EXAMPLE).cases
    assert (await import_cases(store, decls, now=1, overwrite=False))["inserted"] == 4
    async with store.transaction() as tx:
        case = await tx.cases.get("balashov")
        assert case is not None
        await tx.cases.set_status(case.id, "released", 2)
    assert (await import_cases(store, decls, now=3, overwrite=False))["unchanged"] == 4
    async with store.read() as tx:
        kept = await tx.cases.get("balashov")
    assert kept is not None and kept.status == "released"
    counts = await import_cases(store, decls, now=4, overwrite=True)
    assert counts == {"inserted": 0, "updated": 1, "unchanged": 3}


async def test_forget_leaves_no_row_naming_the_chat(store: Store) -> None:
    async with store.transaction() as tx:
        await tx.cases.upsert(CaseInput(slug="x", name="X"), origin="config", now=1, overwrite=False)
        case = await tx.cases.get("x")
        assert case is not None
        await tx.chats.ensure(42, "private", "ru", 1)
        await tx.subscriptions.follow(42, case.id, "all", 1)
        assert await tx.chats.exists_anywhere(42) != []
        await tx.chats.forget(42)
        assert await tx.chats.exists_anywhere(42) == []


async def test_failed_transaction_writes_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError):
        async with store.transaction() as tx:
            await tx.chats.ensure(7, "private", "en", 1)
            raise RuntimeError("boom")
    async with store.read() as tx:
        assert await tx.chats.get(7) is None


async def test_a_read_hands_out_readers_without_writes(store: Store) -> None:
    async with store.transaction() as tx:
        await tx.chats.ensure(5, "private", "en", 1)
        assert hasattr(tx.chats, "set_active") and hasattr(tx, "drafts")
    async with store.read() as snap:
        assert await snap.chats.get(5) is not None
        assert not hasattr(snap.chats, "set_active") and not hasattr(snap, "drafts")


async def test_concurrent_writers_do_not_mix_transactions(store: Store) -> None:
    async def writer(i: int) -> None:
        async with store.transaction() as tx:
            await tx.chats.ensure(i, "private", "ru", 1)
            await asyncio.sleep(0)
            await tx.chats.set_language(i, "kk")

    await asyncio.gather(*(writer(i) for i in range(1, 30)))
    async with store.read() as tx:
        chats = [await tx.chats.get(i) for i in range(1, 30)]
    assert all(c is not None and c.language == "kk" for c in chats)


async def test_followers_skip_inactive_chats_and_filter_levels(store: Store) -> None:
    async with store.transaction() as tx:
        await tx.cases.upsert(CaseInput(slug="x", name="X"), origin="config", now=1, overwrite=False)
        case = await tx.cases.get("x")
        assert case is not None
        for chat_id, level in ((1, "all"), (2, "hearings"), (3, "all")):
            await tx.chats.ensure(chat_id, "private", "ru", 1)
            await tx.subscriptions.follow(chat_id, case.id, level, 1)  # type: ignore[arg-type]
        await tx.chats.set_active(3, False, 2)
        assert await tx.subscriptions.followers(case.id, ["all", "hearings"]) == [1, 2]
        assert await tx.subscriptions.followers(case.id, ["all"]) == [1]


async def test_a_cancelled_transaction_leaves_the_connection_usable(store: Store) -> None:
    """A task cancelled while its BEGIN or a statement is under way must not leave the writer inside it."""
    for delay in (0, 0.0001, 0.001, 0.005):
        async def write(i: int = int(delay * 10000)) -> None:
            async with store.transaction() as tx:
                await tx.chats.ensure(900 + i, "private", "ru", 1)
                await asyncio.sleep(0.01)

        task = asyncio.create_task(write())
        await asyncio.sleep(delay)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        async with store.transaction() as tx:  # would fail: "cannot start a transaction within a transaction"
            await tx.chats.ensure(7, "private", "en", 1)
        async with store.read() as snap:
            assert await snap.chats.get(7) is not None
            assert await snap.chats.get(900 + int(delay * 10000)) is None  # the cancelled write left nothing


async def test_a_cancelled_read_leaves_its_connection_usable(store: Store) -> None:
    async def read() -> None:
        async with store.read() as tx:
            await tx.chats.get(1)
            await asyncio.sleep(0.01)

    for delay in (0, 0.0001, 0.001):
        task = asyncio.create_task(read())
        await asyncio.sleep(delay)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    for _ in range(8):  # every reader connection of the pool
        async with store.read() as tx:
            assert await tx.chats.get(1) is None
