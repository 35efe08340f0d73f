"""Fixtures of the delivery tests: shared send budgets on Redis and on PostgreSQL, each skipped without its server."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from tests.delivery.budgets import PgBudgets, RedisBudgets, SharedBudgets
from tests.pg import migrate
from tests.redis_support import redis_or_skip


@pytest_asyncio.fixture
async def redis_budgets() -> AsyncIterator[RedisBudgets]:
    """Budgets in the Redis at TEST_REDIS_URL, under a key prefix of the test's own."""
    async with redis_or_skip() as (url, prefix):
        budgets = RedisBudgets(url, prefix)
        yield budgets
        await budgets.aclose()


@pytest_asyncio.fixture
async def postgres_budgets(pg_url: str) -> AsyncIterator[PgBudgets]:
    """Budgets in a migrated schema of its own on the PostgreSQL at TEST_POSTGRES_URL."""
    migrate(pg_url)
    budgets = PgBudgets(pg_url)
    yield budgets
    await budgets.aclose()


@pytest.fixture(params=["redis", "postgres"])
def budgets(request: pytest.FixtureRequest) -> SharedBudgets:
    """Each shared budget's backend in turn: what every instance of the bot takes its tokens from."""
    found: SharedBudgets = request.getfixturevalue(f"{request.param}_budgets")
    return found
