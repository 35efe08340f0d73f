"""The scheduler runs only in the instance holding the lease; its jobs are ticks, and stop waits for them."""

from __future__ import annotations

import asyncio

from bot.runtime.scheduler import LEASE_NAME, TTL_S, Job, LeasedScheduler, prune
from tests.events.world import World
from tests.waiting import until


async def test_only_the_lease_holder_runs_jobs_and_another_takes_over(world: World) -> None:
    runs = {"a": 0, "b": 0}

    def job(name: str) -> Job:
        async def tick() -> None:
            runs[name] += 1

        return Job(f"tick-{name}", 0.05, tick)

    a = LeasedScheduler(world.store, world.clock, holder="a", jobs=[job("a")], renew_s=0.05)
    b = LeasedScheduler(world.store, world.clock, holder="b", jobs=[job("b")], renew_s=0.05)
    await a.start()
    await until(lambda: a.running)
    await b.start()
    await until(lambda: runs["a"] >= 2)
    assert not b.running and runs["b"] == 0
    await a.stop()
    assert not a.running
    await until(lambda: b.running and runs["b"] >= 1)
    await b.stop()
    async with world.store.read() as tx:
        assert await tx.leases.holder("scheduler", world.clock.timestamp()) is None


async def test_a_dead_holders_lease_is_taken_over_once_it_runs_out_and_not_before(world: World) -> None:
    """A holder killed without giving the lease up: another instance takes over when the lease has run out on the
    clock (TTL_S, 6 s after the last renewal), not before. The clock is the injected one, so this is exact."""
    runs = {"b": 0}

    async def tick() -> None:
        runs["b"] += 1

    async with world.store.transaction() as tx:  # the dead holder's last renewal, now
        assert await tx.leases.acquire(LEASE_NAME, "dead", world.clock.timestamp(), TTL_S)
    b = LeasedScheduler(world.store, world.clock, holder="b", jobs=[Job("tick-b", 0.05, tick)], renew_s=0.05)
    await b.start()
    try:
        world.clock.advance(TTL_S - 1)
        await asyncio.sleep(0.3)  # several renewal attempts, all refused while the lease still runs
        assert not b.running and runs["b"] == 0
        world.clock.advance(1)  # the lease has run out
        await until(lambda: b.running and runs["b"] >= 1)
        async with world.store.read() as rtx:
            assert await rtx.leases.holder(LEASE_NAME, world.clock.timestamp()) == "b"
    finally:
        await b.stop()


async def test_prune_empties_old_outbox_rows(world: World) -> None:
    from datetime import timedelta

    from bot.events.posts import post_update

    await world.follow(501, "all")
    async with world.store.transaction() as tx:
        res = await post_update(tx, world.clock, case=world.case(), text_html="x",
                                created_by=1)
        await tx.outbox.cancel_for_announcement(res.announcement_id or 0)
    world.clock.advance(timedelta(days=world.settings.retention_days + 1))
    counts = await prune(world.store, world.clock, world.settings)
    assert counts["outbox"] == 1 and await world.rows(501) == []


async def test_prune_drops_dialogs_left_unfinished_for_a_week(world: World) -> None:
    from datetime import timedelta

    async with world.store.transaction() as tx:
        await tx.dialogs.set_state("fsm:1:9001:9001:default", 9001, "AdminPost:text", world.clock.timestamp())
    world.clock.advance(timedelta(days=6))
    assert (await prune(world.store, world.clock, world.settings))["dialogs"] == 0
    world.clock.advance(timedelta(days=2))
    assert (await prune(world.store, world.clock, world.settings))["dialogs"] == 1
