"""Shared send budgets for the tests, on Redis or on PostgreSQL, made the same way for both.

A test asks a `SharedBudgets` for as many budgets (or limiters) as it has instances. Each budget has its own
client, as each instance of the bot would; all of them record into one list of grants, with the time the server
itself gave the grant (Redis's grant script, or the grant's transaction), so the checks count grants inside
windows and never depend on how fast this machine is.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

import asyncpg
from redis.asyncio import Redis

from bot.delivery.budget import Answer, Budget, ChatKey, Limits
from bot.delivery.budget_pg import PgBudget
from bot.delivery.budget_redis import RedisBudget
from bot.delivery.limiter import Limiter
from storage import open_store

SECRET = b"test secret"

Grant = tuple[float, ChatKey | None]


class RecordingBudget:
    """A budget that notes every grant, and each chat's first ask, with the server's time of the answer."""

    def __init__(self, inner: Budget, grants: list[Grant]) -> None:
        self.inner = inner
        self.shared = inner.shared
        self.grants = grants
        self.first_ask: dict[ChatKey | None, float] = {}

    async def take(self, chat: ChatKey | None, paid: bool, limits: Limits, *, urgent: bool = True) -> Answer:
        answer = await self.inner.take(chat, paid, limits, urgent=urgent)
        self.first_ask.setdefault(chat, answer.at)
        if answer.wait == 0:
            self.grants.append((answer.at, chat))
        return answer

    async def share_pause(self, chat: ChatKey | None, seconds: float) -> None:
        await self.inner.share_pause(chat, seconds)

    async def share_429(self, chat: ChatKey | None, retry_after: float) -> bool:
        return await self.inner.share_429(chat, retry_after)

    async def shared_pause(self, chat: ChatKey | None) -> float:
        return await self.inner.shared_pause(chat)

    def tracked(self) -> int:
        return self.inner.tracked()

    async def aclose(self) -> None:
        await self.inner.aclose()


class SharedBudgets(ABC):
    """Budgets on one server for several instances, and a look at the server's own state."""

    backend: ClassVar[str]
    # How far `pause_until` may read past the true end of the pause (the server's unit for time left).
    resolution: ClassVar[float]

    def __init__(self) -> None:
        self.grants: list[Grant] = []

    @abstractmethod
    async def budget(self) -> Budget:
        """A budget with a client of its own, as one instance of the bot has."""

    @abstractmethod
    async def pause_until(self) -> float:
        """When the pause on every send ends, on the server's clock."""

    @abstractmethod
    async def aclose(self) -> None:
        """Close what the look at the server's state opened (each limiter closes its own budget)."""

    async def recording(self) -> RecordingBudget:
        return RecordingBudget(await self.budget(), self.grants)

    async def limiters(self, n: int, **kw: float) -> list[Limiter]:
        """`n` instances' limiters, each with a recording budget of its own."""
        return [Limiter(budget=await self.recording(), **kw) for _ in range(n)]  # type: ignore[arg-type]


class RedisBudgets(SharedBudgets):
    backend = "redis"
    resolution = 0.001  # PTTL counts whole milliseconds

    def __init__(self, url: str, prefix: str) -> None:
        super().__init__()
        self.url, self.prefix = url, prefix
        self._probe: Redis | None = None

    async def budget(self) -> Budget:
        return RedisBudget(Redis.from_url(self.url), prefix=self.prefix, secret=SECRET)

    async def pause_until(self) -> float:
        if self._probe is None:
            self._probe = Redis.from_url(self.url)
        async with self._probe.pipeline(transaction=True) as pipe:  # both read at one instant
            pipe.time()
            pipe.pttl(self.prefix + "pause")
            (seconds, micros), left_ms = await pipe.execute()
        return float(seconds + micros / 1e6 + left_ms / 1000)

    async def aclose(self) -> None:
        if self._probe is not None:
            await self._probe.aclose()


class PgBudgets(SharedBudgets):
    backend = "postgres"
    resolution = 0.0  # the row holds the instant itself

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url
        self._probe: asyncpg.Connection | None = None

    async def budget(self) -> Budget:
        # Each instance has a store of its own on the one schema. A generous timeout: a transaction of the busy
        # test server slower than the production 2 s would send an instance to its own buckets for a while,
        # which is not what these tests look at (and would leave its grants unrecorded).
        return PgBudget(await open_store(self.url, migrate=False), secret=SECRET, own_store=True, timeout=30)

    async def pause_until(self) -> float:
        if self._probe is None:
            self._probe = await asyncpg.connect(self.url)
        return float(await self._probe.fetchval("SELECT until_at FROM send_pauses WHERE name = 'all'"))

    async def aclose(self) -> None:
        if self._probe is not None:
            await self._probe.close()
