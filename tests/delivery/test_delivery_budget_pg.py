"""The send budget in PostgreSQL, what only it has: rows that name no chat and are pruned, and no transaction
held while a message goes. What every shared budget does is in test_delivery_budget_shared.py."""

from __future__ import annotations

import asyncio
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import asyncpg

from bot.delivery.budget_pg import PgBudget
from bot.delivery.limiter import Limiter
from storage import open_store
from tests.delivery.budgets import SECRET, PgBudgets

BUDGET_TABLES = ("send_buckets", "send_group_grants", "send_pauses", "send_refusals")


async def test_rows_name_no_chat_and_are_pruned_once_at_rest(postgres_budgets: PgBudgets) -> None:
    pg_schema = postgres_budgets.url
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


async def test_no_transaction_stays_open_once_a_send_may_go(postgres_budgets: PgBudgets) -> None:
    pg_schema = postgres_budgets.url
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
