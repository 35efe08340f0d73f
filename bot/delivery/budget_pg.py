"""The send budget in the database: Telegram's limits kept by every instance on one PostgreSQL, without Redis.

Each grant is one short transaction of its own (`storage.repos.send_budget`): the bot-wide bucket's row and the
chat's are locked, the pauses and a group's minute read, both tokens taken or neither, on the database's clock.
The transaction ends before `take` returns, so none is open while the message goes to Telegram. A 429's
`retry_after` is a pause row every grant reads first, so it holds for every instance; 429s for two or more chats
within a second pause every send (as with Redis).

Slower than Redis (a few round trips with the bot-wide row locked, against one script call), which is plenty for
Telegram's 30 a second. Rows name chats by a keyed hash (`secret`, shared by every instance of one bot), never
the id; rows at rest are pruned here every so often and by the daily prune job.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
from typing import TYPE_CHECKING

from bot.delivery.budget import GRANTED, Answer, BudgetUnavailable, ChatKey, Limits, chat_is_group
from bot.errors import describe
from storage.repos.send_budget import BucketLimits, ChatKind

if TYPE_CHECKING:
    from storage.api import Store

log = logging.getLogger(__name__)

# As with Redis (`bot.delivery.budget_redis`, not imported: without REDIS_URL, redis is never loaded): sends that
# are not urgent leave one token of the bot-wide bucket to replies, and two chats refused within a second mean
# the bot-wide limit was hit.
URGENT_RESERVE = 1.0
GLOBAL_429_WINDOW_S = 1.0
# A grant that takes longer than this (the database down, or a lock held by a stuck instance) counts as
# unreachable: the limiter keeps the limits in this process for a while.
TIMEOUT_S = 2.0
# Rows at rest are deleted after this many grants by this process, besides the daily prune job.
PRUNE_EVERY = 1024


def budget_secret(bot_token: str) -> bytes:
    """The key that names chats in the budget's rows, from the bot's token: the same in every instance of one
    bot, and never stored in the database."""
    return hmac.new(bot_token.encode(), b"casewatch send budget rows", hashlib.sha256).digest()


class PgBudget:
    """Token buckets and pauses as rows of the store's database, shared by every instance using it."""

    shared = True

    def __init__(self, store: Store, *, secret: bytes, own_store: bool = False, timeout: float = TIMEOUT_S) -> None:
        """`own_store`: `aclose` closes the store (the app's own store is closed by the app, after the limiter)."""
        self._store = store
        self._secret = secret
        self._own = own_store
        self._timeout = timeout
        self._grants = 0
        self._pruning: asyncio.Task[None] | None = None

    def tag(self, chat: ChatKey) -> str:
        """A chat's name in the rows: a keyed hash, never the id."""
        return hmac.new(self._secret, f"chat:{chat}".encode(), hashlib.sha256).hexdigest()[:32]

    async def take(self, chat: ChatKey | None, paid: bool, limits: Limits, *, urgent: bool = True) -> Answer:
        rate, capacity = limits.bot(paid)
        reserve = 0.0 if urgent or capacity < 1 + URGENT_RESERVE else URGENT_RESERVE
        kind: ChatKind = "-" if chat is None else ("g" if chat_is_group(chat) else "p")
        tag = "" if chat is None else self.tag(chat)
        bucket = BucketLimits(rate, capacity, reserve, limits.private_pace, limits.private_burst,
                              int(limits.group_per_window), limits.group_window_s)
        try:
            async with asyncio.timeout(self._timeout), self._store.transaction() as tx:
                decision = await tx.send_budget.take("paid" if paid else "bot", kind, tag, bucket)
        except Exception as exc:  # the driver's errors, a timeout: the limiter falls back either way
            raise BudgetUnavailable(describe(exc)) from exc
        if decision.scope == "":
            self._granted()
            return GRANTED._replace(at=decision.at)
        return Answer(decision.wait, decision.scope, decision.at)

    async def share_pause(self, chat: ChatKey | None, seconds: float) -> None:
        name = "all" if chat is None else f"c:{self.tag(chat)}"
        try:
            async with asyncio.timeout(self._timeout), self._store.transaction() as tx:
                await tx.send_budget.pause(name, float(seconds))
        except Exception as exc:
            raise BudgetUnavailable(describe(exc)) from exc

    async def share_429(self, chat: ChatKey | None, retry_after: float) -> bool:
        try:
            async with asyncio.timeout(self._timeout), self._store.transaction() as tx:
                if chat is None:  # an inline message: no chat to blame, so every send waits
                    await tx.send_budget.pause("all", float(retry_after))
                    return True
                return await tx.send_budget.refused(self.tag(chat), float(retry_after), GLOBAL_429_WINDOW_S)
        except Exception as exc:
            raise BudgetUnavailable(describe(exc)) from exc

    async def shared_pause(self, chat: ChatKey | None) -> float:
        names = ["all"] + ([] if chat is None else [f"c:{self.tag(chat)}"])
        try:
            async with asyncio.timeout(self._timeout), self._store.read() as tx:
                return await tx.send_budget.pause_left(names)
        except Exception as exc:
            raise BudgetUnavailable(describe(exc)) from exc

    def tracked(self) -> int:
        return 0  # the state lives in the database

    async def aclose(self) -> None:
        if self._pruning is not None:
            await asyncio.gather(self._pruning, return_exceptions=True)
        if self._own:
            await self._store.close()

    def _granted(self) -> None:
        self._grants += 1
        if self._grants % PRUNE_EVERY == 0 and (self._pruning is None or self._pruning.done()):
            # In the background and in a transaction of its own: no grant waits on it.
            self._pruning = asyncio.get_running_loop().create_task(self._prune(), name="send-budget-prune")

    async def _prune(self) -> None:
        try:
            async with asyncio.timeout(10 * self._timeout), self._store.transaction() as tx:
                await tx.send_budget.prune()
        except Exception as exc:  # the daily prune job deletes them later
            log.warning("send budget rows not pruned: %s", describe(exc))


__all__ = ["GLOBAL_429_WINDOW_S", "PRUNE_EVERY", "TIMEOUT_S", "URGENT_RESERVE", "PgBudget", "budget_secret"]
