"""The digest and topic repositories on both backends: held rows, their release and settling, topic bindings."""

from __future__ import annotations

import pytest

from storage.api import Store
from storage.models import CaseInput

ALICE, GROUP, OTHER = 5839201177, -1001938475620, 7001


@pytest.fixture
def store(any_store: Store) -> Store:
    return any_store


async def _world(store: Store) -> tuple[int, int]:
    """A case, two chats following it, and one statement queued for both; (case id, announcement id)."""
    async with store.transaction() as tx:
        await tx.cases.upsert(CaseInput(slug="c", name="C"), origin="config", now=1, overwrite=False)
        case = await tx.cases.get("c")
        assert case is not None
        for chat, kind in ((ALICE, "private"), (GROUP, "supergroup"), (OTHER, "private")):
            await tx.chats.ensure(chat, kind, "ru", 1)
            await tx.subscriptions.follow(chat, case.id, "all", 1)
        ann, _ = await tx.announcements.insert(kind="statement", case_id=case.id, hearing_id=None, min_level="all",
                                               payload={"title": "T"}, dedupe_key="s:1", created_by=None, now=1)
        await tx.outbox.enqueue(ann.id, [ALICE, GROUP, OTHER], priority=9, next_at=1)
    return case.id, ann.id


async def test_rows_wait_for_a_digest_and_are_settled_or_released(store: Store) -> None:
    _, ann = await _world(store)
    async with store.transaction() as tx:
        await tx.digests.choose(ALICE, 20, "Asia/Almaty", 1)
        await tx.digests.choose(GROUP, 8, "Europe/Berlin", 1)
        await tx.digests.choose(GROUP, 9, "Europe/Berlin", 2)  # a second choice replaces the first
        waiting = await tx.digests.pending_with_digest(ann)
        assert sorted((s.chat_id, s.hour, s.timezone) for _, s in waiting) == [
            (GROUP, 9, "Europe/Berlin"), (ALICE, 20, "Asia/Almaty")]
        for outbox_id, setting in waiting:
            await tx.digests.hold(outbox_id, 100 if setting.chat_id == ALICE else 200)
    async with store.read() as tx:
        assert await tx.digests.held_count(ALICE) == 1 and await tx.digests.held_count(OTHER) == 0
        assert await tx.outbox.pending_due(1000) == 1  # only OTHER's row can be claimed
        assert await tx.digests.due_chats(150) == [ALICE]
        assert sorted(await tx.digests.due_chats(250)) == [GROUP, ALICE]
        [row] = await tx.digests.due_for_chat(ALICE, 150)
        assert tx.digests.day_key(ALICE, "2026-03-10") != tx.digests.day_key(GROUP, "2026-03-10")
    async with store.transaction() as tx:
        await tx.digests.settle([row.outbox_id], 150)
        await tx.digests.set_last_day(ALICE, "2026-03-10")
        assert (await tx.outbox.get(row.outbox_id)).state == "sent"  # type: ignore[union-attr]
        assert (await tx.digests.get(ALICE)).last_day == "2026-03-10"  # type: ignore[union-attr]
        assert await tx.digests.drop(GROUP)
        assert await tx.digests.release_orphans(300) == 1  # the group's row goes out now
        assert await tx.outbox.pending_due(300) == 2


async def test_forget_move_and_prune_take_the_digest_along(store: Store) -> None:
    _, ann = await _world(store)
    async with store.transaction() as tx:
        await tx.digests.choose(ALICE, 20, "Asia/Almaty", 1)
        await tx.digests.choose(GROUP, 9, "UTC", 1)
        digest, _ = await tx.announcements.insert(kind="digest", case_id=None, hearing_id=None, min_level="all",
                                                  payload={"day": "2026-03-10"}, dedupe_key="d:x:0:1",
                                                  created_by=None, now=1)
        await tx.outbox.enqueue(digest.id, [ALICE], priority=9, next_at=1)
        await tx.chats.move(GROUP, GROUP - 1, "supergroup")
        assert await tx.digests.get(GROUP) is None and await tx.digests.get(GROUP - 1) is not None
        await tx.chats.forget(ALICE)
        assert await tx.chats.exists_anywhere(ALICE) == []
        assert await tx.digests.prune("digest") == 1
        assert await tx.announcements.get(digest.id) is None and await tx.announcements.get(ann) is not None


async def test_a_topic_binding_lives_on_the_subscription(store: Store) -> None:
    case_id, ann = await _world(store)
    async with store.transaction() as tx:
        assert await tx.topics.bind(GROUP, case_id, 5)
        assert not await tx.topics.bind(-5, case_id, 5)  # not following
        assert await tx.topics.thread_for(GROUP, case_id) == 5
        ids = [int(r["id"]) for r in await tx.conn.fetchall(  # type: ignore[attr-defined]
            "SELECT id FROM outbox WHERE announcement_id = ?", (ann,))]
        assert len(ids) == 3
        assert sorted([(await tx.topics.thread_for_outbox(i) or 0) for i in ids]) == [0, 0, 5]
        assert [(b.chat_id, b.case_id, b.thread_id) for b in await tx.topics.for_chat(GROUP)] == [(GROUP, case_id, 5)]
        await tx.subscriptions.follow(GROUP, case_id, "hearings", 2)  # a new level keeps the topic
        assert await tx.topics.thread_for(GROUP, case_id) == 5
        assert await tx.topics.drop_thread(GROUP, 5) == 1
        assert await tx.topics.thread_for(GROUP, case_id) is None
        assert await tx.topics.bind(GROUP, case_id, 7)
        assert await tx.subscriptions.unfollow(GROUP, case_id)
        assert await tx.topics.for_chat(GROUP) == []
