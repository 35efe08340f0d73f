"""A Redis for the tests that need one: TEST_REDIS_URL, a key prefix of the test's own, its keys deleted after."""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from redis.asyncio import Redis
from redis.exceptions import RedisError


@asynccontextmanager
async def redis_or_skip() -> AsyncIterator[tuple[str, str]]:
    """(TEST_REDIS_URL, `cwtest:<random hex>:`); the test is skipped, saying why, when there is no Redis."""
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("TEST_REDIS_URL is not set (a Redis for the shared-limits tests, e.g. redis://127.0.0.1:6379/0)")
    # Deadlines for a Redis that does not answer, generous for a busy machine (the keys are deleted with it).
    client = Redis.from_url(url, socket_connect_timeout=10, socket_timeout=30)
    try:
        await client.ping()
    except (RedisError, OSError):
        await client.aclose()
        pytest.skip("the Redis at TEST_REDIS_URL does not answer")
    prefix = f"cwtest:{secrets.token_hex(6)}:"
    try:
        yield url, prefix
    finally:
        keys = [key async for key in client.scan_iter(match=prefix + "*")]
        if keys:
            await client.delete(*keys)
        await client.aclose()
