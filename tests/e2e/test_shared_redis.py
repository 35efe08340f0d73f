"""The app with REDIS_URL: one send budget and one event isolation for every instance; without it, no Redis."""

from __future__ import annotations

import asyncio
import random
import subprocess
import sys
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from aiogram.fsm.storage.base import StorageKey
from aiogram.fsm.storage.memory import DisabledEventIsolation
from aiogram.fsm.storage.redis import RedisEventIsolation
from redis.asyncio import Redis

from bot.clock import FakeClock
from bot.config import Settings
from bot.delivery.budget import LocalBudget
from bot.delivery.budget_redis import RedisBudget
from bot.runtime import redis_link
from bot.runtime.app import build_app, running
from bot.runtime.redis_link import TaggedKeyBuilder
from bot.standin.client import StandinClient
from bot.standin.server import StandinServer
from tests.e2e.people import Person, texts, track
from tests.leaks import names_id
from tests.processes import PROCESS_TEST_TIMEOUT_S, START_S
from tests.redis_support import redis_or_skip


@pytest_asyncio.fixture
async def redis_prefix() -> AsyncIterator[tuple[str, str]]:
    async with redis_or_skip() as found:
        yield found


def _settings(example_settings: Settings, standin: StandinServer, **update: object) -> Settings:
    token = f"{random.randint(10**6, 10**9)}:TEST"
    return example_settings.model_copy(update={"bot_token": token, "telegram_api_url": standin.base_url, **update})


async def test_without_redis_url_the_budget_is_local_and_events_are_not_isolated(
    example_settings: Settings, standin: StandinServer
) -> None:
    app = await build_app(_settings(example_settings, standin), clock=FakeClock(), workers=False)
    try:
        assert app.limiter is not None and isinstance(app.limiter.budget, LocalBudget)
        assert isinstance(app.dp.fsm.events_isolation, DisabledEventIsolation)
    finally:
        await app.stop()


@pytest.mark.timeout(PROCESS_TEST_TIMEOUT_S)  # a fresh interpreter importing aiogram, on a busy machine
def test_without_redis_url_redis_is_not_even_imported() -> None:
    code = ("import sys, bot.runtime.app, bot.cli.main, handlers; "
            "sys.exit(1 if {'redis', 'bot.runtime.redis_link'} & set(sys.modules) else 0)")
    assert subprocess.run([sys.executable, "-c", code], timeout=START_S, check=False).returncode == 0


async def test_with_redis_url_replies_go_through_the_shared_budget(
    example_settings: Settings, standin: StandinServer, redis_prefix: tuple[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url, prefix = redis_prefix
    monkeypatch.setattr(redis_link, "key_prefix", lambda token: prefix)  # the test's own keys
    settings = _settings(example_settings, standin, redis_url=url)
    async with running(settings, clock=FakeClock()) as app, \
            StandinClient(standin.base_url, settings.bot_token or "") as tg:
        track(app)
        assert app.limiter is not None and isinstance(app.limiter.budget, RedisBudget)
        assert isinstance(app.dp.fsm.events_isolation, RedisEventIsolation)
        out = await Person(tg, chat_id=random.randint(10**5, 10**6), language="en").says("/start", expect=2)
        assert "Hello" in texts(out)[0]
        assert app.limiter.stats()["shared"] is True and app.limiter.counters["granted"] >= 2
    probe = Redis.from_url(url, decode_responses=True)
    try:
        keys = [key async for key in probe.scan_iter(match=prefix + "*")]
        assert any(key.startswith(prefix + "send:") for key in keys)  # the budget's buckets
        assert not any(key.startswith(prefix + "fsm:") for key in keys)  # every lock released
    finally:
        await probe.aclose()


async def test_one_chats_updates_are_handled_one_at_a_time_across_instances(redis_prefix: tuple[str, str]) -> None:
    url, prefix = redis_prefix
    builders = [TaggedKeyBuilder(prefix + "fsm:", b"secret") for _ in range(2)]
    first, second = (RedisEventIsolation(Redis.from_url(url), key_builder=b) for b in builders)
    chat = StorageKey(bot_id=1, chat_id=4242, user_id=4242)
    other = StorageKey(bot_id=1, chat_id=4343, user_id=4343)
    order: list[str] = []
    release, holding = asyncio.Event(), asyncio.Event()

    async def handle(isolation: RedisEventIsolation, key: StorageKey, name: str, hold: bool = False) -> None:
        async with isolation.lock(key):
            order.append(f"{name} starts")
            if hold:
                holding.set()
                await release.wait()  # "a" keeps the chat's lock until the test lets go, however busy the machine is
            order.append(f"{name} ends")

    try:
        assert not names_id(builders[0].build(chat, "lock"), 4242)  # keys name no chat
        held = asyncio.create_task(handle(first, chat, "a", hold=True))
        await asyncio.wait_for(holding.wait(), 10)
        waiting = asyncio.create_task(handle(second, chat, "b"))
        await asyncio.wait_for(handle(second, other, "c"), 10)  # another chat is not held up by "a"
        await asyncio.sleep(0.3)
        assert "b starts" not in order  # the same chat on the other instance waits for "a"
        release.set()
        await asyncio.wait_for(asyncio.gather(held, waiting), 10)
    finally:
        release.set()
        await first.redis.aclose()
        await second.redis.aclose()
    assert order.index("a ends") < order.index("b starts")
    assert order.index("c starts") < order.index("a ends")
