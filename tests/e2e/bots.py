"""The real bot on the example configuration against the stand-in, as the end-to-end tests start it."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import datetime

from bot.clock import FakeClock
from bot.config import Settings
from bot.runtime.app import App, running
from bot.standin.client import StandinClient
from bot.standin.server import StandinServer
from tests.e2e.people import track


@asynccontextmanager
async def example_bot(
    standin: StandinServer, settings: Settings, *, at: datetime | None = None, admins: Sequence[int] | None = None
) -> AsyncIterator[App]:
    """The bot with a fresh token, its clock at `at` (FakeClock's default otherwise), no scheduler."""
    # A bot token only has to be unique on the stand-in: left random.
    update: dict[str, object] = {"bot_token": f"{random.randint(10**6, 10**9)}:TEST", "telegram_api_url": standin.base_url}
    if admins is not None:
        update["admin_ids"] = list(admins)
    clock = FakeClock(at) if at is not None else FakeClock()
    async with running(settings.model_copy(update=update), clock=clock, scheduler=False) as app:
        track(app)
        yield app


@asynccontextmanager
async def client_of(standin: StandinServer, app: App) -> AsyncIterator[StandinClient]:
    """The stand-in's control client for this bot's token: people write and read through it."""
    async with StandinClient(standin.base_url, app.settings.bot_token or "") as client:
        yield client
