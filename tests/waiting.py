"""Waiting for a condition in a test: polled, with a deadline that only bounds a hang, never a timing."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

HANG_S = 30.0


async def until(condition: Callable[[], bool], what: str = "the condition", *, within: float = HANG_S) -> None:
    """Return once `condition()` holds; fail, naming `what`, if it has not after `within` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not condition():
        assert loop.time() < deadline, f"not {what} within {within:.0f} s"
        await asyncio.sleep(0.005)
