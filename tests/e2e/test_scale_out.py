"""Three `casewatch run` processes on one PostgreSQL, one Redis and one Telegram stand-in.

A 3,000-follower broadcast reaches everyone exactly once, within the limits all three keep together; after
kill -9 of one of them mid-broadcast only its rows in flight repeat; when the scheduler's holder dies another
takes the lease within seconds and a reminder due meanwhile goes out once.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path

import pytest
import pytest_asyncio
from redis.asyncio import Redis

from bot.clock import SystemClock, zone
from bot.events.hearing_plan import hearing_notice
from bot.events.kinds import HearingNew
from bot.runtime.redis_link import key_prefix
from bot.standin import StandinClient, StandinServer, random_token
from storage import open_store
from storage.api import Store
from storage.models import PRIORITY_BROADCAST
from tests.delivery.helpers import add_chats, outbox_rows, per_chat, register_chats
from tests.e2e.instances import CASE_SLUG, SENDERS, Cluster, cluster, postgres_schema
from tests.redis_support import redis_or_skip

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

SCALE = 20  # the stand-in fixture's: Telegram's limits ×20
FOLLOWERS = 3000
# A few seconds on an idle machine; far more time is left for a busy one (the processes share two cores).
SEND_TIMEOUT_S = 150


@pytest.fixture
def pg_url() -> Iterator[str]:
    with postgres_schema() as url:
        yield url


@pytest_asyncio.fixture
async def shared(standin: StandinServer) -> AsyncIterator[tuple[StandinClient, str]]:
    """A fresh bot token on the stand-in, and TEST_REDIS_URL; the bot's Redis keys are deleted afterwards."""
    async with redis_or_skip() as (redis_url, _), StandinClient(standin.base_url, random_token()) as tg:
        try:
            yield tg, redis_url
        finally:
            # The instances' keys are named after the bot (its random token): this test's own.
            client = Redis.from_url(redis_url)
            keys = [k async for k in client.scan_iter(match=key_prefix(tg.token) + "*")]
            if keys:
                await client.delete(*keys)
            await client.aclose()


@asynccontextmanager
async def _three_instances(
    standin: StandinServer, shared: tuple[StandinClient, str], pg_url: str, tmp_path: Path,
) -> AsyncIterator[tuple[Cluster, Store]]:
    """Three `casewatch run` processes of the test's bot on its schema and Redis, and a store of the test's own on
    that schema (as the campaign side, or someone looking at the outbox)."""
    tg, redis_url = shared
    async with cluster(pg_url, tmp_path, api=standin.base_url, token=tg.token, redis_url=redis_url,
                       scale=SCALE) as c:
        store = await open_store(pg_url)
        try:
            yield c, store
        finally:
            await store.close()


async def _broadcast(store: Store, chats: list[int], key: str) -> int:
    """An admin's update to every chat, queued as the campaign side queues it."""
    now = SystemClock().timestamp()
    await add_chats(store, chats, now)
    async with store.transaction() as tx:
        case = await tx.cases.get(CASE_SLUG)
        assert case is not None
        ann, _ = await tx.announcements.insert(
            kind="update", case_id=case.id, hearing_id=None, min_level="all",
            payload={"text_html": f"<b>{key}</b>: a hearing is set"}, dedupe_key=key, created_by=None, now=now,
        )
        await tx.outbox.enqueue(ann.id, chats, priority=PRIORITY_BROADCAST, next_at=now)
    return ann.id


async def _until_all_sent(c: Cluster, total: int, timeout: float, seen: set[str]) -> float:  # noqa: ASYNC109
    """Wait until `total` rows are sent, noting which instances were seen claiming; the seconds it took."""
    start = time.monotonic()
    while True:
        states = await c.states()
        seen |= await c.claimers()
        if states.get("sent", 0) >= total:
            return time.monotonic() - start
        assert time.monotonic() - start < timeout, (states, c.logs())
        await asyncio.sleep(0.2)


async def _limits_kept(tg: StandinClient) -> dict[str, object]:
    stats = await tg.stats()
    assert stats["sent_during_retry_after"] == 0, stats
    # The budget is shared, so the limits hold together: a rare 429 from timing at a window's edge is
    # tolerated, a storm of them is not.
    assert stats["received_429"] <= 3, stats
    return stats


async def test_broadcast_to_3000_followers_reaches_each_once_across_three_instances(
    standin: StandinServer, shared: tuple[StandinClient, str], pg_url: str, tmp_path: Path,
) -> None:
    tg, _ = shared
    await tg.config(latency_ms=20)
    chats = [700_000 + i for i in range(FOLLOWERS)]
    await register_chats(tg, chats)
    async with _three_instances(standin, shared, pg_url, tmp_path) as (c, store):
        await _broadcast(store, chats, "scale-once")
        seen: set[str] = set()
        took = await _until_all_sent(c, FOLLOWERS, SEND_TIMEOUT_S, seen)
        await tg.settle()
        counts = per_chat(await tg.sent())
        stats = await _limits_kept(tg)
        assert seen == {i.id for i in c.instances}, seen  # all three sent their share
        assert await c.scheduler_holder() in {i.id for i in c.instances}
        assert sum("scheduler started" in i.text() for i in c.instances) == 1, c.logs()
        for i in c.instances:
            assert await i.stop() == 0, i.text()
    assert set(counts) == set(chats)
    assert max(counts.values()) == 1, [cid for cid, n in counts.items() if n > 1][:10]
    print(f"{FOLLOWERS} sent in {took:.1f} s by {len(seen)} instances; stand-in: {stats}")


async def test_kill_9_of_one_instance_mid_broadcast_repeats_only_its_rows_in_flight(
    standin: StandinServer, shared: tuple[StandinClient, str], pg_url: str, tmp_path: Path,
) -> None:
    tg, _ = shared
    await tg.config(latency_ms=40)  # many sends in flight at the kill
    chats = [800_000 + i for i in range(FOLLOWERS)]
    await register_chats(tg, chats)
    async with _three_instances(standin, shared, pg_url, tmp_path) as (c, store):
        await _broadcast(store, chats, "scale-kill")
        victim = c.instances[1]
        sent = 0
        while sent < FOLLOWERS // 3:  # a counter on another server: polled, nothing to await
            await asyncio.sleep(0.01)
            sent = (await tg.stats())["sent"]
        await victim.kill9()
        at_kill = await outbox_rows(store)
        in_flight = {r["chat_id"] for r in at_kill if r["state"] == "sending" and r["claimed_by"] == victim.id}
        assert len(in_flight) <= SENDERS
        assert sum(r["state"] == "sent" for r in at_kill) < FOLLOWERS  # it really died mid-broadcast
        # The dead one's rows come back once its heartbeat runs out (about 10 s), not after the claim's lease.
        took = await _until_all_sent(c, FOLLOWERS, SEND_TIMEOUT_S, set())
        await tg.settle()
        counts = per_chat(await tg.sent())
        stats = await _limits_kept(tg)
        for i in c.instances:
            if i.alive:
                assert await i.stop() == 0, i.text()
    assert set(counts) == set(chats)  # everyone got it
    repeated = {cid for cid, n in counts.items() if n > 1}
    assert repeated <= in_flight, (repeated, in_flight)
    assert sum(n - 1 for n in counts.values()) <= len(in_flight) <= SENDERS
    print(f"in flight at the kill: {len(in_flight)}, repeated: {len(repeated)}, all sent {took:.1f} s later; "
          f"stand-in: {stats}")


async def _hearing_due_now(store: Store, chats: list[int]) -> int:
    """A hearing two hours ahead whose 2-hours-before reminder came due in the last minute (reminders fall on
    whole minutes), announced and followed before that: the next reminder tick must queue it."""
    now = int(time.time())
    moment = now - now % 60
    case_tz = "Asia/Almaty"
    start = datetime.fromtimestamp(moment + 120 * 60, zone(case_tz))
    async with store.transaction() as tx:
        case = await tx.cases.get(CASE_SLUG)
        assert case is not None
        for chat in chats:
            await tx.chats.ensure(chat, "private", "ru", moment - 600)
            await tx.subscriptions.follow(chat, case.id, "hearings", moment - 600)
        h = await tx.hearings.insert(
            case_id=case.id, local_date=start.date().isoformat(), local_time=start.strftime("%H:%M"),
            tz=case_tz, court=None, status="scheduled", now=moment - 300,
        )
        await tx.announcements.insert(
            kind=HearingNew.KIND, case_id=case.id, hearing_id=h.id, min_level="hearings",
            payload=hearing_notice(HearingNew, h, change="new").to_json(), dedupe_key=f"h:{h.id}:r{h.revision}",
            created_by=None, now=moment - 300,
        )
    return h.id


async def test_scheduler_holder_killed_another_takes_over_and_a_reminder_goes_out_once(
    standin: StandinServer, shared: tuple[StandinClient, str], pg_url: str, tmp_path: Path,
) -> None:
    tg, _ = shared
    chats = [900_000 + i for i in range(40)]
    await register_chats(tg, chats)
    async with _three_instances(standin, shared, pg_url, tmp_path) as (c, store):
        holder = await c.scheduler_holder()
        assert holder is not None
        await c.by_id(holder).kill9()
        killed_at = time.monotonic()
        # Due only now that the holder is dead: no tick of its own could have queued it.
        await _hearing_due_now(store, chats)
        new_holder = None
        while new_holder in (None, holder):
            # The lease runs out 6 s after the holder's last renewal; 60 s only bounds a hang (the instances
            # share two cores with the rest of the run, and how soon they take over is printed, not asserted).
            assert time.monotonic() - killed_at < 60, c.logs()
            await asyncio.sleep(0.1)
            new_holder = await c.scheduler_holder()
        takeover_s = time.monotonic() - killed_at
        got = await tg.wait_sent(chats[-1], 1, timeout=60)
        assert got
        await asyncio.sleep(3)  # a second tick of the new holder, and time for any double to show
        await tg.settle()
        rows = [r for r in await outbox_rows(store) if r["chat_id"] in set(chats)]
        counts = per_chat(await tg.sent())
        for i in c.instances:
            if i.alive:
                assert await i.stop() == 0, i.text()
    assert Counter(counts[cid] for cid in chats) == Counter({1: len(chats)}), counts
    assert len(rows) == len(chats) and all(r["state"] == "sent" for r in rows)
    print(f"scheduler: {holder} killed, {new_holder} took over after {takeover_s:.1f} s; "
          f"{len(chats)} reminders sent once each")
