"""The limiter with its budget in PostgreSQL (no Redis): three instances together keep Telegram's limits and pauses.

Each instance has a store of its own on one schema. Grants are counted on the database's clock (the time the
grant's transaction read, with the rows locked), so the checks count grants inside windows and never depend on
how fast this machine is.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import asyncpg
import pytest_asyncio

from bot.delivery.budget import Answer, ChatKey, Limits
from bot.delivery.budget_pg import PgBudget
from bot.delivery.limiter import Limiter
from bot.standin.limits import FloodLimiter
from storage import open_store
from storage.models import PRIORITY_BROADCAST
from tests.pg import migrate

SECRET = b"test secret"
BUDGET_TABLES = ("send_buckets", "send_group_grants", "send_pauses", "send_refusals")


@pytest_asyncio.fixture
async def pg_schema(pg_url: str) -> AsyncIterator[str]:
    migrate(pg_url)
    yield pg_url


class RecordingBudget(PgBudget):
    """Notes every grant with the database's time, as the grant's transaction saw it."""

    def __init__(self, store: object, grants: list[tuple[float, ChatKey | None]]) -> None:
        super().__init__(store, secret=SECRET, own_store=True)  # type: ignore[arg-type]
        self.grants = grants

    async def take(self, chat: ChatKey | None, paid: bool, limits: Limits, *, urgent: bool = True) -> Answer:
        answer = await super().take(chat, paid, limits, urgent=urgent)
        if answer.wait == 0:
            self.grants.append((answer.at, chat))
        return answer


async def _limiters(url: str, n: int, grants: list[tuple[float, ChatKey | None]], **kw: float) -> list[Limiter]:
    return [Limiter(budget=RecordingBudget(await open_store(url, migrate=False), grants), **kw)  # type: ignore[arg-type]
            for _ in range(n)]


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


async def test_three_instances_together_keep_the_bot_wide_and_the_chat_limits(pg_schema: str) -> None:
    scale = 4  # 120 messages a second bot-wide, a private chat 4 a second with a burst of 12
    grants: list[tuple[float, ChatKey | None]] = []
    limiters = await _limiters(pg_schema, 3, grants, scale=scale)
    shared_chat = 7
    try:
        # Each instance: 60 chats of its own, and 8 messages to one chat all three write to.
        work = [[1000 * (n + 1) + i for i in range(60)] + [shared_chat] * 8 for n in range(3)]
        await asyncio.wait_for(asyncio.gather(*(_run(lim, chats) for lim, chats in zip(limiters, work, strict=True))), 30)
    finally:
        await _close(limiters)

    limits = limiters[0].limits
    assert len(grants) == 3 * 68 and all(lim.counters["granted"] == 68 for lim in limiters)
    assert all(lim.stats()["shared"] for lim in limiters)  # no instance fell back to its own buckets
    rate, capacity = limits.bot(False)
    every = [at for at, _ in grants]
    one_chat = [at for at, chat in grants if chat == shared_chat]
    tolerance = 1  # the database clock's microseconds, and float rounding
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


async def test_a_group_gets_its_minute_across_instances(pg_schema: str) -> None:
    grants: list[tuple[float, ChatKey | None]] = []
    limiters = await _limiters(pg_schema, 3, grants, send_rate=1000, send_per_min_group=5)
    try:
        tasks = [asyncio.create_task(lim.acquire(-100)) for lim in limiters for _ in range(4)]
        other = asyncio.create_task(limiters[0].acquire(-200))  # another group is not held up
        await asyncio.wait_for(other, 5)
        await asyncio.sleep(0.5)
        assert sum(task.done() for task in tasks) == 5  # the rest wait for the (padded) minute
    finally:
        await _close(limiters)
    assert [chat for _, chat in grants].count(-100) == 5


async def test_a_429_pauses_the_chat_and_then_every_send_on_every_instance(pg_schema: str) -> None:
    grants: list[tuple[float, ChatKey | None]] = []
    a, b, c = await _limiters(pg_schema, 3, grants, send_rate=100)
    probe = await asyncpg.connect(pg_schema)
    try:
        await a.report_429(5, 1)
        assert 0.5 < await b.paused_everywhere_for(5) <= 1
        assert await b.paused_everywhere_for(6) == 0  # one chat: that chat's limit only
        blocked = asyncio.create_task(b.acquire(5))
        await asyncio.wait_for(b.acquire(6), 2)
        assert not blocked.done()

        # A second chat refused, on another instance, within the second: the bot-wide limit.
        await b.report_429(6, 1)
        pause_until = await probe.fetchval("SELECT until_at FROM send_pauses WHERE name = 'all'")
        assert 0.5 < await c.paused_everywhere_for() <= 1
        before = len(grants)
        sends = [asyncio.create_task(lim.acquire(100 + i)) for i, lim in enumerate((a, b, c) * 5)]
        await asyncio.wait_for(asyncio.gather(*sends, blocked), 5)
        after = sorted(at for at, _ in grants[before:])
        assert len(after) == 16
        # 0 sends during the retry_after, whichever instance holds them (both times on the database's clock).
        assert after[0] >= pause_until, (after[0], pause_until)
    finally:
        await _close((a, b, c))
        await probe.close()


async def test_paid_broadcasts_take_their_own_shared_bucket(pg_schema: str) -> None:
    limiter = Limiter(send_rate=2, paid_broadcast_rate=1000,
                      budget=PgBudget(await open_store(pg_schema, migrate=False), secret=SECRET, own_store=True))
    try:
        await asyncio.wait_for(
            asyncio.gather(*(limiter.acquire(100 + i, priority=PRIORITY_BROADCAST, paid=True) for i in range(50))),
            5,  # at 2/s these would take 25 s
        )
    finally:
        await limiter.close()


async def test_rows_name_no_chat_and_are_pruned_once_at_rest(pg_schema: str) -> None:
    store = await open_store(pg_schema, migrate=False)
    limiter = Limiter(budget=PgBudget(store, secret=SECRET, own_store=True), send_per_min_group=20)
    probe = await asyncpg.connect(pg_schema)
    try:
        await limiter.acquire(987654321)
        await limiter.acquire(-1001234567890)
        await limiter.report_429(555444333, 0.2)
        await limiter.report_429(555444334, 0.2)
        rows = {t: [tuple(map(str, r.values())) for r in await probe.fetch(f"SELECT * FROM {t}")] for t in BUDGET_TABLES}
        assert all(rows.values()), rows
        for table, values in rows.items():
            for row in values:
                assert not any(chat in v for v in row for chat in ("987654321", "1001234567890", "55544433")), table
        # Every row says when it is over; none lasts beyond the group's (padded) minute.
        now = await probe.fetchval("SELECT extract(epoch FROM clock_timestamp())::float8")
        latest = await probe.fetchval(
            "SELECT MAX(e) FROM (SELECT expires_at AS e FROM send_buckets WHERE name LIKE '%:%' UNION ALL "
            "SELECT expires_at FROM send_group_grants UNION ALL SELECT until_at FROM send_pauses UNION ALL "
            "SELECT expires_at FROM send_refusals) x"
        )
        assert now < latest <= now + limiter.limits.group_window_s
        await probe.execute("UPDATE send_buckets SET expires_at = expires_at - 100")
        await probe.execute("UPDATE send_group_grants SET expires_at = expires_at - 100")
        await asyncio.sleep(1.1)  # the pauses and the refusals end by themselves
        async with store.transaction() as tx:
            assert await tx.send_budget.prune() > 0
        left = await probe.fetch("SELECT name FROM send_buckets")
        assert sorted(r["name"] for r in left) == ["bot"]  # the bot-wide bucket stays
        for table in BUDGET_TABLES[1:]:
            assert await probe.fetchval(f"SELECT COUNT(*) FROM {table}") == 0, table
    finally:
        await limiter.close()
        await probe.close()


def _with_app_name(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(query=urlencode([*parse_qsl(parts.query), ("application_name", name)])))


async def test_no_transaction_stays_open_once_a_send_may_go(pg_schema: str) -> None:
    url = _with_app_name(pg_schema, "cw_budget_probe")
    store = await open_store(url, migrate=False)
    limiter = Limiter(budget=PgBudget(store, secret=SECRET, own_store=True), send_rate=100)
    probe = await asyncpg.connect(pg_schema)
    try:
        for chat in (1, 2, -3):
            await limiter.acquire(chat)
            # Here the message would go to Telegram: this process holds no transaction (nor a row lock).
            open_tx = await probe.fetchval(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = 'cw_budget_probe' "
                "AND xact_start IS NOT NULL"
            )
            assert open_tx == 0
    finally:
        await limiter.close()
        await probe.close()
