"""The limiter on its own: priorities, per-chat limits, 429 pauses, the middleware."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from typing import Any

import pytest
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import GetMe, SendMessage

from bot.delivery.budget import LocalBudget
from bot.delivery.limiter import Limiter, auto_retry_429, send_priority
from storage.models import PRIORITY_BROADCAST, PRIORITY_INTERACTIVE
from tests.waiting import until


class _Monotonic:
    """The limiter's clock, moved only by the test: which send goes when then depends on the limiter alone, never
    on how fast a busy machine runs this test."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def _run_clock(clock: _Monotonic, tasks: Sequence[asyncio.Task[None]], step: float = 0.002) -> None:
    """Move the clock on by `step` at a time, never faster than real time, until every task is done. The
    limiter's dispatcher sleeps real seconds for the waits it reads off this clock, so it never oversleeps on it
    by more than a step or two: a grant comes no sooner than due, and no later than a step or two after."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 30
    while not all(task.done() for task in tasks):
        assert loop.time() < deadline, "the limiter did not grant them all"
        clock.now += step
        await asyncio.sleep(step)
    await asyncio.gather(*tasks)


async def _grant_order(limiter: Limiter, jobs: list[tuple[str, int, int]], *, gap: float = 0.0) -> list[str]:
    order: list[str] = []

    async def one(name: str, chat: int, prio: int) -> None:
        await limiter.acquire(chat, priority=prio)
        order.append(name)

    tasks = []
    for name, chat, prio in jobs:
        tasks.append(asyncio.create_task(one(name, chat, prio)))
        await asyncio.sleep(gap)
    await asyncio.gather(*tasks)
    return order


async def test_interactive_sends_go_before_waiting_broadcasts() -> None:
    clock = _Monotonic()
    limiter = Limiter(send_rate=20, monotonic=clock)  # a bucket of 3 (a sixth of a second's worth), then one every 50 ms
    try:
        order: list[str] = []

        async def one(name: str, chat: int, prio: int) -> None:
            await limiter.acquire(chat, priority=prio)
            order.append(name)

        broadcast = [asyncio.create_task(one(f"b{i}", 100 + i, PRIORITY_BROADCAST)) for i in range(10)]
        # The clock stands still: the bucket's 3 go at once and 7 broadcasts wait, however slow the machine.
        await until(lambda: len(order) == 3 and limiter.stats()["waiting"] == 7)
        reply = asyncio.create_task(one("reply", 1, PRIORITY_INTERACTIVE))
        await until(lambda: limiter.stats()["waiting"] == 8)
        await _run_clock(clock, [reply, *broadcast])
    finally:
        await limiter.close()
    assert order.index("reply") == 3, order  # the first token after it asked
    assert [n for n in order if n != "reply"] == [f"b{i}" for i in range(10)]  # first come, first served


async def test_private_chat_burst_then_rate_and_other_chats_are_not_held_up() -> None:
    # Times are read off the limiter's own clock, which the test moves: a busy machine cannot stretch them.
    clock = _Monotonic()
    limiter = Limiter(send_rate=1000, send_rate_private=10, send_burst_private=3, monotonic=clock)
    times: dict[str, list[float]] = {"a": [], "b": []}
    start = clock.now

    async def one(name: str, chat: int) -> None:
        await limiter.acquire(chat, priority=PRIORITY_BROADCAST)
        times[name].append(clock.now - start)

    try:
        tasks = [asyncio.create_task(one("a", 1)) for _ in range(6)]
        await until(lambda: len(times["a"]) == 3 and limiter.stats()["waiting"] == 3)
        tasks.append(asyncio.create_task(one("b", 2)))
        await until(lambda: len(times["b"]) == 1)  # while chat 1 waits for its next token
        await _run_clock(clock, tasks)
    finally:
        await limiter.close()
    a = sorted(times["a"])
    assert a[:3] == [0.0, 0.0, 0.0]  # the burst of 3, at once
    # then 10/s with the safety margin (9/s): never early, whatever the machine's speed
    assert a[3] >= 0.1 and a[4] - a[3] >= 0.1 and a[5] - a[4] >= 0.1
    assert times["b"][0] < a[3]  # chat 2 did not wait behind chat 1


async def test_group_window() -> None:
    now = [1000.0]
    limiter = Limiter(send_rate=1000, send_per_min_group=20, monotonic=lambda: now[0])
    budget, limits = limiter.budget, limiter.limits
    assert isinstance(budget, LocalBudget)
    for _ in range(20):
        assert budget.chat_wait(-100, now[0], limits) == 0
        budget.bot_wait(False, now[0], limits)
        budget.take_now(-100, False, now[0], limits)
        now[0] += 0.5
    wait = budget.chat_wait(-100, now[0], limits)
    assert 50 < wait <= 62  # the first of the 20 must leave the (padded) minute
    now[0] += wait
    assert budget.chat_wait(-100, now[0], limits) == 0
    assert budget.chat_wait(-200, now[0], limits) == 0  # another group is unaffected


async def test_429_pauses_the_chat_and_everything_when_two_chats_get_one() -> None:
    limiter = Limiter(monotonic=_Monotonic())  # the clock stands still: the second chat's 429 is within the second
    limiter.note_429(5, 3)
    assert 2.5 < limiter.paused_for(5) <= 3
    assert limiter.paused_for(6) == 0 and limiter.paused_for() == 0
    limiter.note_429(5, 3)  # the same chat again: still that chat's limit
    assert limiter.paused_for() == 0
    limiter.note_429(6, 2)  # a second chat within a second: the bot-wide limit
    assert 1.5 < limiter.paused_for() <= 2
    assert limiter.counters["received_429"] == 3 and limiter.counters["global_pauses"] == 1


async def test_a_cancelled_waiter_leaves_the_queue() -> None:
    limiter = Limiter(send_rate=10)
    try:
        limiter.pause_all(0.3)
        waiting = asyncio.create_task(limiter.acquire(1))
        await until(lambda: limiter.stats()["waiting"] == 1)  # in the queue, so its leaving is what is seen
        waiting.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiting
        assert limiter.stats()["waiting"] == 0
        await asyncio.wait_for(limiter.acquire(2), 30)  # after the pause (the deadline only bounds a hang)
        assert limiter.counters["granted"] == 1
    finally:
        await limiter.close()


async def test_paid_broadcasts_use_their_own_rate() -> None:
    # The clock stands still: the free bucket (one token, at 2/s) would let one of these through and the others
    # never; the paid one holds 166. So they all go only if they take paid tokens, however slow the machine.
    limiter = Limiter(send_rate=2, paid_broadcast_rate=1000, monotonic=_Monotonic())
    try:
        await asyncio.wait_for(
            asyncio.gather(*(limiter.acquire(100 + i, priority=PRIORITY_BROADCAST, paid=True) for i in range(50))),
            30,  # only a hang
        )
    finally:
        await limiter.close()


class _Api:
    """Stands in for the session's make_request."""

    def __init__(self, fail_429: int = 0) -> None:
        self.calls: list[str] = []
        self.fail_429 = fail_429

    async def __call__(self, bot: Any, method: Any) -> Any:
        self.calls.append(method.__api_method__)
        if self.fail_429 > 0:
            self.fail_429 -= 1
            raise TelegramRetryAfter(method=method, message="Too Many Requests: retry after 1", retry_after=1)
        return "ok"


@pytest.mark.slow
async def test_middleware_limits_sends_only_and_retries_interactive_429s() -> None:
    limiter = Limiter()
    try:
        api = _Api()
        assert await limiter(api, None, GetMe()) == "ok"  # type: ignore[arg-type,comparison-overlap]
        assert limiter.counters["granted"] == 0
        api = _Api(fail_429=1)
        started = time.monotonic()
        assert await limiter(api, None, SendMessage(chat_id=1, text="hi")) == "ok"  # type: ignore[arg-type,comparison-overlap]
        assert time.monotonic() - started >= 0.95  # waited out retry_after before sending again
        assert api.calls == ["sendMessage", "sendMessage"] and limiter.counters["granted"] == 2

        async def outbox_style() -> None:
            auto_retry_429.set(False)
            send_priority.set(PRIORITY_BROADCAST)
            await limiter(_Api(fail_429=1), None, SendMessage(chat_id=2, text="hi"))  # type: ignore[arg-type]

        with pytest.raises(TelegramRetryAfter):
            await asyncio.create_task(outbox_style())
        assert limiter.paused_for(2) > 0
    finally:
        await limiter.close()


def test_built_from_settings_and_scaled() -> None:
    from bot.config import Settings

    s = Settings(send_rate=30, send_rate_private=1, send_burst_private=3, send_per_min_group=20)
    limiter = Limiter(s, scale=10)
    assert (limiter.rate, limiter.private_rate, limiter.private_burst, limiter.group_per_window) == (300, 10, 30, 200)
    with Limiter.priority(PRIORITY_BROADCAST):
        assert send_priority.get() == PRIORITY_BROADCAST
    assert send_priority.get() == PRIORITY_INTERACTIVE
