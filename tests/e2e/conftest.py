"""Fixtures for end-to-end tests against the Telegram Bot API stand-in."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio

from bot.standin import StandinClient, StandinServer, random_token


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


@pytest_asyncio.fixture
async def tg(standin: StandinServer) -> AsyncIterator[StandinClient]:
    """The control client of a fresh token on ``standin``."""
    # The token only has to be unique on the stand-in: left random.
    async with StandinClient(standin.base_url, random_token()) as client:
        yield client
