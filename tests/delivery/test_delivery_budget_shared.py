"""The limiter with a shared budget, in Redis and in PostgreSQL alike: three instances together keep Telegram's
limits and its pauses, and a reply still goes first.

Grants are counted on the server's clock (the time Redis's grant script or the grant's transaction took the
tokens), so the checks count grants inside windows and never depend on how fast this machine is. What only one
backend has (Redis unreachable, PostgreSQL's rows and transactions) is in test_delivery_budget_redis.py and
test_delivery_budget_pg.py.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from bot.delivery.budget import ChatKey
from bot.delivery.limiter import Limiter
from bot.standin.limits import FloodLimiter
from storage.models import PRIORITY_BROADCAST
from tests.delivery.budgets import SharedBudgets
from tests.waiting import until


def _most_in_any_window(times: list[float], width: float) -> int:
    """The largest number of grants inside any half-open window [t, t + width) starting at a grant."""
    times = sorted(times)
    most, j = 0, 0
    for i, start in enumerate(times):
        j = max(j, i)
        while j < len(times) and times[j] < start + width:
            j += 1
        most = max(most, j - i)
    return most


async def _run(limiter: Limiter, chats: Sequence[ChatKey]) -> None:
    await asyncio.gather(*(limiter.acquire(chat, priority=PRIORITY_BROADCAST) for chat in chats))


async def _close(limiters: Sequence[Limiter]) -> None:
    for limiter in limiters:
        await limiter.close()


async def test_three_instances_together_keep_the_bot_wide_and_the_chat_limits(budgets: SharedBudgets) -> None:
    scale = 4  # 120 messages a second bot-wide, a private chat 4 a second with a burst of 12
    limiters = await budgets.limiters(3, scale=scale)
    shared_chat = 7
    try:
        # Each instance: 60 chats of its own, and 8 messages to one chat all three write to.
        work = [[1000 * (n + 1) + i for i in range(60)] + [shared_chat] * 8 for n in range(3)]
        await asyncio.wait_for(asyncio.gather(*(_run(lim, chats) for lim, chats in zip(limiters, work, strict=True))), 30)
    finally:
        await _close(limiters)

    grants = budgets.grants
    limits = limiters[0].limits
    assert len(grants) == 3 * 68 and all(lim.counters["granted"] == 68 for lim in limiters)
    assert all(lim.stats()["shared"] for lim in limiters)  # no instance fell back to its own buckets
    rate, capacity = limits.bot(False)
    every = [at for at, _ in grants]
    one_chat = [at for at, chat in grants if chat == shared_chat]
    tolerance = 1  # the server clock's microseconds, and float rounding
    for width in (0.25, 0.5, 1.0):
        assert _most_in_any_window(every, width) <= capacity + rate * width + tolerance, width
        assert _most_in_any_window(one_chat, width) <= limits.private_burst + limits.private_pace * width + tolerance
    # Not three budgets side by side: three times the rate would show within a quarter second.
    assert _most_in_any_window(every, 0.25) < 2 * (capacity + rate * 0.25)

    # Telegram's limits as the stand-in models them (same scale): not one of these would be refused.
    clock = [0.0]
    telegram = FloodLimiter(scale, clock=lambda: clock[0])
    for at, chat in sorted(grants, key=lambda g: g[0]):
        clock[0] = at
        assert isinstance(chat, int)
        assert telegram.check(chat, "private"), (at, chat)


async def test_a_group_gets_its_minute_across_instances(budgets: SharedBudgets) -> None:
    limiters = await budgets.limiters(3, send_rate=1000, send_per_min_group=5)
    try:
        tasks = [asyncio.create_task(lim.acquire(-100)) for lim in limiters for _ in range(4)]
        other = asyncio.create_task(limiters[0].acquire(-200))  # another group is not held up
        await asyncio.wait_for(other, 30)  # a deadline for a hang
        # The group's five go (waited for: the three instances ask their budgets in turn, on a busy machine),
        # then no more: the rest wait for the (padded) minute.
        await until(lambda: sum(task.done() for task in tasks) >= 5, "the group's five granted")
        await asyncio.sleep(0.5)
        assert sum(task.done() for task in tasks) == 5
    finally:
        await _close(limiters)
    assert [chat for _, chat in budgets.grants].count(-100) == 5


async def test_a_429_pauses_the_chat_and_then_every_send_on_every_instance(budgets: SharedBudgets) -> None:
    a, b, c = await budgets.limiters(3, send_rate=100)
    grants = budgets.grants
    try:
        # Pauses of 3 s, so each check below has seconds, not half a second, to be made in on a busy machine
        # (only the second 429 must still come within the budget's one-second window after the first).
        await a.report_429(5, 3)
        assert 2.5 < await b.paused_everywhere_for(5) <= 3
        assert await b.paused_everywhere_for(6) == 0  # one chat: that chat's limit only
        blocked = asyncio.create_task(b.acquire(5))
        await asyncio.wait_for(b.acquire(6), 10)
        assert not blocked.done()

        # A second chat refused, on another instance, within the second: the bot-wide limit.
        await b.report_429(6, 3)
        pause_until = await budgets.pause_until()
        assert 2.5 < await c.paused_everywhere_for() <= 3
        before = len(grants)
        sends = [asyncio.create_task(lim.acquire(100 + i)) for i, lim in enumerate((a, b, c) * 5)]
        await asyncio.wait_for(asyncio.gather(*sends, blocked), 30)  # a deadline for a hang
        after = sorted(at for at, _ in grants[before:])
        assert len(after) == 16
        # 0 sends during the retry_after, whichever instance holds them (both times on the server's clock).
        assert after[0] >= pause_until - budgets.resolution, (after[0], pause_until)
    finally:
        await _close((a, b, c))


async def test_paid_broadcasts_take_their_own_shared_bucket(budgets: SharedBudgets) -> None:
    # At the free rate (one every ten seconds) these would take eight minutes: done within the deadline, which
    # only bounds a hang on a busy machine, they took the paid bucket's tokens.
    limiter = Limiter(send_rate=0.1, paid_broadcast_rate=1000, budget=await budgets.budget())
    try:
        await asyncio.wait_for(
            asyncio.gather(*(limiter.acquire(100 + i, priority=PRIORITY_BROADCAST, paid=True) for i in range(50))),
            30,
        )
    finally:
        await limiter.close()


async def test_a_reply_does_not_queue_behind_other_instances_broadcasts(budgets: SharedBudgets) -> None:
    broadcasters = await budgets.limiters(3, send_rate=60)
    reply_budget = await budgets.recording()
    replier = Limiter(send_rate=60, budget=reply_budget)
    grants = budgets.grants
    waits: list[int] = []
    try:
        work = [asyncio.create_task(_run(lim, [10_000 * (n + 1) + i for i in range(200)]))
                for n, lim in enumerate(broadcasters)]
        await asyncio.sleep(0.3)  # the bucket is empty: every token is taken as it comes
        for reply_chat in range(1, 6):
            await asyncio.wait_for(replier.acquire(reply_chat), 30)  # interactive priority (a deadline for a hang)
            # Both times are the server's, taken as it answered, so a busy event loop here cannot skew them.
            asked = reply_budget.first_ask[reply_chat]
            granted = next(at for at, chat in grants if chat == reply_chat)
            # Broadcast grants between asking and getting: the reply took the token kept back for it.
            waits.append(sum(1 for at, chat in grants if asked <= at < granted and chat != reply_chat))
            await asyncio.sleep(0.1)
        assert not any(task.done() for task in work)  # the broadcasts were still going throughout
    finally:
        await _close((*broadcasters, replier))
    assert max(waits) <= 1, waits
