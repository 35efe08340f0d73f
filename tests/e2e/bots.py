"""The real bot on the example configuration against the stand-in, as the end-to-end tests start it."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator, Mapping, Sequence
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
    standin: StandinServer, settings: Settings, *, at: datetime | None = None, admins: Sequence[int] | None = None,
    editors: Mapping[str, Sequence[int]] | None = None, scheduler: bool = False,
) -> AsyncIterator[App]:
    """The bot with a fresh token, its clock at `at` (FakeClock's default otherwise), the scheduler only when
    asked for; `editors`: case slug → the users the first admin made its editors."""
    # A bot token only has to be unique on the stand-in (random is seeded per test: tests/conftest.py).
    update: dict[str, object] = {"bot_token": f"{random.randint(10**6, 10**9)}:TEST", "telegram_api_url": standin.base_url}
    if admins is not None:
        update["admin_ids"] = list(admins)
    clock = FakeClock(at) if at is not None else FakeClock()
    async with running(settings.model_copy(update=update), clock=clock, scheduler=scheduler) as app:
        track(app)
        for slug, users in (editors or {}).items():
            case = app.cases.get(slug)
            assert case is not None and admins, (slug, admins)
            async with app.store.transaction() as tx:
                for user in users:
                    await tx.editors.grant(case.id, user, admins[0], 1)
        yield app


def clock_of(app: App) -> FakeClock:
    """The fake clock `example_bot` gave the app: tests move it."""
    assert isinstance(app.clock, FakeClock)
    return app.clock


@asynccontextmanager
async def client_of(standin: StandinServer, app: App) -> AsyncIterator[StandinClient]:
    """The stand-in's control client for this bot's token: people write and read through it."""
    async with StandinClient(standin.base_url, app.settings.bot_token or "") as client:
        yield client
