"""Deadlines for tests that start `casewatch run` (or a sender) as a process of its own.

A fresh interpreter importing aiogram takes a few seconds on an idle machine, and far longer on two cores shared
by three test workers and other processes. These are deadlines, not timings: a healthy run meets them with
most of the time to spare, and only a process that never comes up reaches them.
"""

from __future__ import annotations

import asyncio
import time

from bot.standin.client import StandinClient

START_S = 120.0  # until a started process answers or says it is ready
PROCESS_TEST_TIMEOUT_S = 300  # pytest-timeout for a test that starts such processes


async def get_updates_calls(tg: StandinClient) -> int:
    """How many times this bot has called getUpdates so far."""
    return int((await tg.stats())["per_method"].get("getUpdates", 0))


async def until_polling(tg: StandinClient, *, after: int, timeout: float = START_S) -> None:  # noqa: ASYNC109
    """Wait until the bot calls getUpdates more than `after` times: a process started since is polling."""
    deadline = time.monotonic() + timeout
    while await get_updates_calls(tg) <= after:
        assert time.monotonic() < deadline, f"the bot did not start polling within {timeout:.0f} s"
        await asyncio.sleep(0.1)
