"""The app on PostgreSQL without REDIS_URL: the send budget is the database's, shared by every instance."""

from __future__ import annotations

import logging
import random
import subprocess
import sys

import asyncpg
import pytest

from bot.clock import FakeClock
from bot.config import Settings
from bot.delivery.budget_pg import PgBudget
from bot.runtime.app import running
from bot.standin.client import StandinClient
from bot.standin.server import StandinServer
from tests.e2e.people import Person, texts, track
from tests.leaks import names_id
from tests.processes import PROCESS_TEST_TIMEOUT_S, START_S


async def test_on_postgres_without_redis_replies_go_through_the_database_budget(
    example_settings: Settings, standin: StandinServer, pg_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    token = f"{random.randint(10**6, 10**9)}:TEST"
    settings = example_settings.model_copy(
        update={"bot_token": token, "telegram_api_url": standin.base_url, "database_url": pg_url}
    )
    chat = random.randint(10**5, 10**6)
    with caplog.at_level(logging.INFO, logger="casewatch"):
        async with running(settings, clock=FakeClock()) as app, StandinClient(standin.base_url, token) as tg:
            track(app)
            assert app.limiter is not None and isinstance(app.limiter.budget, PgBudget)
            out = await Person(tg, chat_id=chat, language="en").says("/start", expect=2)
            assert "Hello" in texts(out)[0]
            assert app.limiter.stats()["shared"] is True and app.limiter.counters["granted"] >= 2
    assert any(r.getMessage() == "send budget: PostgreSQL, shared by every instance" for r in caplog.records)
    con = await asyncpg.connect(pg_url)
    try:
        names = [r["name"] for r in await con.fetch("SELECT name FROM send_buckets")]
    finally:
        await con.close()
    assert "bot" in names and any(name.startswith("p:") for name in names)
    assert not any(names_id(name, chat) for name in names)  # a chat's bucket is named by a keyed hash


@pytest.mark.timeout(PROCESS_TEST_TIMEOUT_S)  # a fresh interpreter importing the budget, on a busy machine
def test_the_database_budget_does_not_load_redis() -> None:
    code = ("import sys, bot.delivery.budget_pg; "
            "sys.exit(1 if {'redis', 'bot.delivery.budget_redis'} & set(sys.modules) else 0)")
    assert subprocess.run([sys.executable, "-c", code], timeout=START_S, check=False).returncode == 0
