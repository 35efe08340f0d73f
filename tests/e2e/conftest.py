"""Fixtures for end-to-end tests against the Telegram Bot API stand-in.

A module whose tests talk to the example bot says how to start it once, in its marks:
`pytestmark = pytest.mark.example_bot(at=START, admins=[ADMIN])` (the arguments of `tests.e2e.bots.example_bot`).
Its tests then take `app` (the running bot), `tg` (the stand-in's client for the bot's token) and `admin` (the
first admin's own chat).
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from bot.config import Settings
from bot.runtime.app import App
from bot.standin import StandinClient, StandinServer, random_token
from tests.e2e.bots import client_of, example_bot
from tests.e2e.campaign import Campaign, start_campaign
from tests.e2e.people import Person

EXAMPLE_BOT = "example_bot"  # the mark, registered in tests/conftest.py


@pytest_asyncio.fixture
async def standin() -> AsyncIterator[StandinServer]:
    """A stand-in with flood limits x20, so tests are not slowed by Telegram's real rates."""
    async with StandinServer(scale=20) as server:
        yield server


@pytest_asyncio.fixture
async def standin_real() -> AsyncIterator[StandinServer]:
    """A stand-in with Telegram's real flood limits."""
    async with StandinServer(scale=1) as server:
        yield server


def _example_bot_options(request: pytest.FixtureRequest) -> dict[str, object] | None:
    marker = request.node.get_closest_marker(EXAMPLE_BOT)
    return None if marker is None else dict(marker.kwargs)


@pytest_asyncio.fixture
async def app(standin: StandinServer, example_settings: Settings, request: pytest.FixtureRequest) -> AsyncIterator[App]:
    """The example bot on the stand-in, started as the test's `example_bot` mark says."""
    options = _example_bot_options(request)
    if options is None:
        pytest.fail(f"`app` needs the test's module marked pytest.mark.{EXAMPLE_BOT}(...)")
    async with example_bot(standin, example_settings, **options) as running_app:  # type: ignore[arg-type]
        yield running_app


@pytest_asyncio.fixture
async def _fresh_client(standin: StandinServer) -> AsyncIterator[StandinClient]:
    # The token only has to be unique on the stand-in (random is seeded per test: tests/conftest.py).
    async with StandinClient(standin.base_url, random_token()) as client:
        yield client


@pytest_asyncio.fixture
async def _bot_client(standin: StandinServer, app: App) -> AsyncIterator[StandinClient]:
    async with client_of(standin, app) as client:
        yield client


@pytest.fixture
def tg(request: pytest.FixtureRequest) -> StandinClient:
    """The stand-in's control client: of the example bot's token where the test is marked `example_bot` (the bot
    is started then), else of a fresh token on ``standin``."""
    name = "_fresh_client" if _example_bot_options(request) is None else "_bot_client"
    client: StandinClient = request.getfixturevalue(name)
    return client


@pytest.fixture
def admin(request: pytest.FixtureRequest, tg: StandinClient) -> Person:
    """The first admin (of the `example_bot` mark) in their own chat."""
    admins = (_example_bot_options(request) or {}).get("admins")
    assert isinstance(admins, list | tuple) and admins, "the example_bot mark names no admin"
    return Person(tg, chat_id=int(admins[0]))


@pytest_asyncio.fixture
async def campaign(app: App, tg: StandinClient, admin: Person) -> Campaign:
    """The campaign of tests/e2e/campaign.py, its followers following (the module marked `CAMPAIGN_BOT`)."""
    return await start_campaign(app, tg, admin)
