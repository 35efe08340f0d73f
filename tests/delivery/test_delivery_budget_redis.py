"""The send budget in Redis, what only it has: keys that name no chat and expire, and a Redis that cannot be
reached. What every shared budget does is in test_delivery_budget_shared.py."""

from __future__ import annotations

import asyncio
import logging

import pytest
from redis.asyncio import Redis

from bot.delivery.budget_redis import RedisBudget
from bot.delivery.limiter import Limiter
from tests.delivery.budgets import SECRET, RedisBudgets


async def test_keys_name_no_chat_and_expire(redis_budgets: RedisBudgets) -> None:
    url, prefix = redis_budgets.url, redis_budgets.prefix
    limiter = Limiter(budget=await redis_budgets.budget())
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
