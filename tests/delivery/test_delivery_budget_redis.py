"""The limiter with its budget in Redis: three instances together keep Telegram's limits and its pauses.

Grants are counted on Redis's clock (the time the grant script took the tokens), so the checks count grants
inside windows and never depend on how fast this machine is.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Sequence

import pytest
import pytest_asyncio
from redis.asyncio import Redis

from bot.delivery.budget import Answer, ChatKey, Limits
from bot.delivery.budget_redis import RedisBudget
from bot.delivery.limiter import Limiter
from bot.standin.limits import FloodLimiter
from storage.models import PRIORITY_BROADCAST
from tests.redis_support import redis_or_skip

SECRET = b"test secret"


@pytest_asyncio.fixture
async def redis_prefix() -> AsyncIterator[tuple[str, str]]:
    async with redis_or_skip() as found:
        yield found


class RecordingBudget(RedisBudget):
    """Notes every grant, and each chat's first ask, with Redis's time, as the grant script saw it."""

    def __init__(self, url: str, prefix: str, grants: list[tuple[float, ChatKey | None]]) -> None:
        super().__init__(Redis.from_url(url), prefix=prefix, secret=SECRET)
        self.grants = grants
        self.first_ask: dict[ChatKey | None, float] = {}

    async def take(self, chat: ChatKey | None, paid: bool, limits: Limits, *, urgent: bool = True) -> Answer:
        answer = await super().take(chat, paid, limits, urgent=urgent)
        self.first_ask.setdefault(chat, answer.at)
        if answer.wait == 0:
            self.grants.append((answer.at, chat))
        return answer


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


async def test_three_instances_together_keep_the_bot_wide_and_the_chat_limits(
    redis_prefix: tuple[str, str],
) -> None:
    url, prefix = redis_prefix
    scale = 4  # 120 messages a second bot-wide, a private chat 4 a second with a burst of 12
    grants: list[tuple[float, ChatKey | None]] = []
    limiters = [Limiter(scale=scale, budget=RecordingBudget(url, prefix, grants)) for _ in range(3)]
    shared_chat = 7
    try:
        # Each instance: 60 chats of its own, and 8 messages to one chat all three write to.
        work = [[1000 * (n + 1) + i for i in range(60)] + [shared_chat] * 8 for n in range(3)]
        await asyncio.wait_for(asyncio.gather(*(_run(lim, chats) for lim, chats in zip(limiters, work, strict=True))), 30)
    finally:
        for limiter in limiters:
            await limiter.close()

    limits = limiters[0].limits
    assert len(grants) == 3 * 68 and all(lim.counters["granted"] == 68 for lim in limiters)
    rate, capacity = limits.bot(False)
    every = [at for at, _ in grants]
    one_chat = [at for at, chat in grants if chat == shared_chat]
    tolerance = 1  # microsecond rounding of Redis's clock
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


async def test_a_group_gets_its_minute_across_instances(redis_prefix: tuple[str, str]) -> None:
    url, prefix = redis_prefix
    grants: list[tuple[float, ChatKey | None]] = []
    limiters = [
        Limiter(send_rate=1000, send_per_min_group=5, budget=RecordingBudget(url, prefix, grants)) for _ in range(3)
    ]
    try:
        tasks = [asyncio.create_task(lim.acquire(-100)) for lim in limiters for _ in range(4)]
        other = asyncio.create_task(limiters[0].acquire(-200))  # another group is not held up
        await asyncio.wait_for(other, 5)
        await asyncio.sleep(0.5)
        assert sum(task.done() for task in tasks) == 5  # the rest wait for the (padded) minute
    finally:
        for limiter in limiters:
            await limiter.close()
    assert [chat for _, chat in grants].count(-100) == 5


async def test_a_429_pauses_the_chat_and_then_every_send_on_every_instance(
    redis_prefix: tuple[str, str],
) -> None:
    url, prefix = redis_prefix
    grants: list[tuple[float, ChatKey | None]] = []
    a, b, c = (Limiter(send_rate=100, budget=RecordingBudget(url, prefix, grants)) for _ in range(3))
    probe = Redis.from_url(url)
    try:
        await a.report_429(5, 1)
        assert 0.5 < await b.paused_everywhere_for(5) <= 1
        assert await b.paused_everywhere_for(6) == 0  # one chat: that chat's limit only
        blocked = asyncio.create_task(b.acquire(5))
        await asyncio.wait_for(b.acquire(6), 2)
        assert not blocked.done()

        # A second chat refused, on another instance, within the second: the bot-wide limit.
        await b.report_429(6, 1)
        async with probe.pipeline(transaction=True) as pipe:  # both read at one instant
            pipe.time()
            pipe.pttl(prefix + "pause")
            (seconds, micros), left_ms = await pipe.execute()
        pause_until = seconds + micros / 1e6 + left_ms / 1000
        assert 0.5 < await c.paused_everywhere_for() <= 1
        before = len(grants)
        sends = [asyncio.create_task(lim.acquire(100 + i)) for i, lim in enumerate((a, b, c) * 5)]
        await asyncio.wait_for(asyncio.gather(*sends, blocked), 5)
        after = sorted(at for at, _ in grants[before:])
        assert len(after) == 16
        # 0 sends during the retry_after, whichever instance holds them (PTTL counts whole milliseconds).
        assert after[0] >= pause_until - 0.001, (after[0], pause_until)
    finally:
        for limiter in (a, b, c):
            await limiter.close()
        await probe.aclose()


async def test_paid_broadcasts_take_their_own_shared_bucket(redis_prefix: tuple[str, str]) -> None:
    url, prefix = redis_prefix
    limiter = Limiter(send_rate=2, paid_broadcast_rate=1000, budget=RedisBudget(Redis.from_url(url), prefix=prefix,
                                                                                secret=SECRET))
    try:
        await asyncio.wait_for(
            asyncio.gather(*(limiter.acquire(100 + i, priority=PRIORITY_BROADCAST, paid=True) for i in range(50))),
            5,  # at 2/s these would take 25 s
        )
    finally:
        await limiter.close()


async def test_keys_name_no_chat_and_expire(redis_prefix: tuple[str, str]) -> None:
    url, prefix = redis_prefix
    budget = RedisBudget(Redis.from_url(url), prefix=prefix, secret=SECRET)
    limiter = Limiter(budget=budget)
    probe = Redis.from_url(url, decode_responses=True)
    try:
        await limiter.acquire(987654321)
        await limiter.acquire(-1001234567890)
        await limiter.report_429(555444333, 1)
        keys = [key async for key in probe.scan_iter(match=prefix + "*")]
        assert keys
        for key in keys:
            assert not any(chat in key for chat in ("987654321", "1001234567890", "555444333")), key
            assert await probe.pttl(key) > 0, key  # nothing stays once at rest
    finally:
        await limiter.close()
        await probe.aclose()


async def test_an_unreachable_redis_leaves_the_limits_to_the_process(caplog: pytest.LogCaptureFixture) -> None:
    # Nothing listens on port 1: the connection is refused at once.
    budget = RedisBudget(Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=1), prefix="cwtest:x:",
                         secret=SECRET)
    limiter = Limiter(send_rate=100, budget=budget)
    try:
        with caplog.at_level(logging.WARNING, logger="bot.delivery.limiter"):
            await asyncio.wait_for(asyncio.gather(*(limiter.acquire(i) for i in range(1, 11))), 5)
            await limiter.report_429(3, 1)  # cannot be shared; this process still pauses the chat
        assert limiter.counters["granted"] == 10 and limiter.paused_for(3) > 0
        assert limiter.stats()["shared"] is False
        assert any("unreachable" in r.getMessage() for r in caplog.records)
    finally:
        await limiter.close()



async def test_a_reply_does_not_queue_behind_other_instances_broadcasts(redis_prefix: tuple[str, str]) -> None:
    url, prefix = redis_prefix
    grants: list[tuple[float, ChatKey | None]] = []
    broadcasters = [Limiter(send_rate=60, budget=RecordingBudget(url, prefix, grants)) for _ in range(3)]
    reply_budget = RecordingBudget(url, prefix, grants)
    replier = Limiter(send_rate=60, budget=reply_budget)
    waits: list[int] = []
    try:
        work = [asyncio.create_task(_run(lim, [10_000 * (n + 1) + i for i in range(200)]))
                for n, lim in enumerate(broadcasters)]
        await asyncio.sleep(0.3)  # the bucket is empty: every token is taken as it comes
        for reply_chat in range(1, 6):
            await asyncio.wait_for(replier.acquire(reply_chat), 5)  # interactive priority
            # Both times are Redis's, taken inside the grant script, so a busy event loop here cannot skew them.
            asked = reply_budget.first_ask[reply_chat]
            granted = next(at for at, chat in grants if chat == reply_chat)
            # Broadcast grants between asking and getting: the reply took the token kept back for it.
            waits.append(sum(1 for at, chat in grants if asked <= at < granted and chat != reply_chat))
            await asyncio.sleep(0.1)
        assert not any(task.done() for task in work)  # the broadcasts were still going throughout
    finally:
        for limiter in (*broadcasters, replier):
            await limiter.close()
    assert max(waits) <= 1, waits
