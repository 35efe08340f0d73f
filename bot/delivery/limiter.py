"""Telegram's flood limits on our side: one budget for every send, handed out by priority.

Installed as an aiogram request middleware (`bot.session.middleware(limiter)`), so handler replies and the
outbox sender draw on one budget. The budget (`bot.delivery.budget`) holds the limits' tokens: in this process
(`LocalBudget`, one instance) or in Redis (`RedisBudget`, shared by every instance). Which waiting send takes
the next token is decided here, in this process: in priority order (0 interactive, 5 reminders, 9 broadcasts;
then first come), so a user's /my is not stuck behind a broadcast. A waiter whose chat must still wait does not
hold up others. Everything runs on real monotonic time: it paces requests to a real server, never on the
injected Clock.

A 429 does not say which limit it hit: `note_429` pauses that chat, and pauses every send once 429s came for
two or more chats within a second (then it was the bot-wide limit). A shared budget tells the other instances,
and counts their 429s as well. When a shared budget cannot be reached, this process keeps the limits alone
for a while (`FALLBACK_S`) rather than stop sending.
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import itertools
import logging
import math
import time
from collections import deque
from collections.abc import Callable, Coroutine, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import TelegramMethod
from aiogram.methods.base import TelegramType

from bot.delivery.budget import (
    Answer,
    Budget,
    BudgetUnavailable,
    ChatKey,
    Limits,
    LocalBudget,
    chat_is_group,
)
from bot.errors import describe
from storage.models import PRIORITY_INTERACTIVE

if TYPE_CHECKING:
    from aiogram import Bot
    from aiogram.methods import Response

    from bot.config import Settings

log = logging.getLogger(__name__)

# The priority of sends made in this context; handler replies keep the default (interactive).
send_priority: ContextVar[int] = ContextVar("casewatch_send_priority", default=PRIORITY_INTERACTIVE)
# Whether the middleware itself waits out a 429 and sends again (handler replies) or raises it to the caller
# (the outbox sender, which must extend its claim while it waits).
auto_retry_429: ContextVar[bool] = ContextVar("casewatch_auto_retry_429", default=True)

# Methods that post or edit messages: what Telegram's flood limits count. Not getUpdates, answerCallbackQuery,
# getMe, sendChatAction and the like.
LIMITED_METHODS = frozenset(
    {
        "sendMessage", "sendDocument", "sendPhoto", "sendVideo", "sendAudio", "sendAnimation", "sendVoice",
        "sendVideoNote", "sendSticker", "sendLocation", "sendVenue", "sendContact", "sendPoll", "sendDice",
        "sendMediaGroup", "sendPaidMedia", "sendInvoice", "copyMessage", "copyMessages", "forwardMessage",
        "forwardMessages", "editMessageText", "editMessageCaption", "editMessageMedia", "editMessageReplyMarkup",
        "editMessageLiveLocation", "stopMessageLiveLocation", "stopPoll",
    }
)

# Two or more chats refused within this many seconds: the bot-wide limit was hit.
GLOBAL_429_WINDOW_S = 1.0
# A shared budget that failed is not asked again for this long; this process keeps the limits alone meanwhile
# (every instance at the full rate: Telegram's 429s and the pauses they bring cover the overlap).
FALLBACK_S = 5.0
_PRUNE_EVERY = 1024
_EPS = 0.0005


@dataclass
class _Waiter:
    chat: ChatKey | None
    paid: bool
    urgent: bool  # a reply to a user (interactive priority)
    future: asyncio.Future[None]


class Limiter(BaseRequestMiddleware):
    """Every send waits here for the budget's tokens; an aiogram request middleware."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        scale: float = 1.0,
        send_rate: float | None = None,
        send_rate_private: float | None = None,
        send_burst_private: float | None = None,
        send_per_min_group: float | None = None,
        paid_broadcast_rate: float | None = None,
        auto_retries: int = 3,
        max_auto_wait: float = 10.0,
        budget: Budget | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        """Limits come from `settings` (or the keyword values, or Telegram's defaults), times `scale`
        (tests run the stand-in at a scale and scale these alike). `budget`: where the tokens live (this
        process, unless a shared one is given)."""

        def pick(explicit: float | None, name: str, default: float) -> float:
            if explicit is not None:
                return float(explicit)
            return float(getattr(settings, name)) if settings is not None else default

        if scale <= 0:
            raise ValueError("scale must be positive")
        self.limits = Limits(
            rate=pick(send_rate, "send_rate", 30.0) * scale,
            private_rate=pick(send_rate_private, "send_rate_private", 1.0) * scale,
            private_burst=max(1.0, pick(send_burst_private, "send_burst_private", 3.0) * scale),
            group_per_window=max(1, math.floor(pick(send_per_min_group, "send_per_min_group", 20.0) * scale)),
            paid_rate=pick(paid_broadcast_rate, "paid_broadcast_rate", 100.0) * scale,
        )
        self.paid_broadcast = bool(getattr(settings, "paid_broadcast", False)) if settings is not None else False
        self.auto_retries = auto_retries
        self.max_auto_wait = max_auto_wait
        self._now = monotonic
        self.budget: Budget = budget if budget is not None else LocalBudget(monotonic)
        self._fallback: LocalBudget | None = None  # used while a shared budget is unreachable
        self._fallback_until = 0.0

        # What this process knows of pauses (its own 429s, and those a shared budget reported).
        self._paused_until = 0.0
        self._chat_paused: dict[ChatKey, float] = {}
        # The budget said "not before": no need to ask again until then (only others can take tokens meanwhile).
        # Keyed by (paid, urgent): a shared budget may keep the last token back from sends that are not urgent.
        self._bot_hold: dict[tuple[bool, bool], float] = {}
        self._chat_hold: dict[ChatKey, float] = {}
        self._recent_429: deque[tuple[float, ChatKey]] = deque()
        # Sorted by (priority, arrival): the order in which tokens are handed out.
        self._waiters: list[tuple[int, int, _Waiter]] = []
        self._seq = itertools.count()
        self._task: asyncio.Task[None] | None = None
        self._wake: asyncio.Event | None = None
        self._sharing: set[asyncio.Task[None]] = set()
        self._grants = 0
        self.counters: dict[str, int] = {"granted": 0, "received_429": 0, "chat_pauses": 0, "global_pauses": 0}

    # The limits, as they were before they moved into `Limits`.
    @property
    def rate(self) -> float:
        return self.limits.rate

    @property
    def private_rate(self) -> float:
        return self.limits.private_rate

    @property
    def private_burst(self) -> float:
        return self.limits.private_burst

    @property
    def group_per_window(self) -> int:
        return self.limits.group_per_window

    @property
    def paid_rate(self) -> float:
        return self.limits.paid_rate

    # -- the middleware -----------------------------------------------------------------------------------------
    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        if getattr(method, "__api_method__", "") not in LIMITED_METHODS:
            return await make_request(bot, method)
        chat_id = getattr(method, "chat_id", None)
        paid = bool(getattr(method, "allow_paid_broadcast", False))
        priority = send_priority.get()
        retries = 0
        while True:
            await self.acquire(chat_id, priority=priority, paid=paid)
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as exc:
                await self.report_429(chat_id, exc.retry_after)
                if not auto_retry_429.get() or retries >= self.auto_retries or exc.retry_after > self.max_auto_wait:
                    raise
                retries += 1  # the next acquire waits out the pause just noted

    # -- priorities ---------------------------------------------------------------------------------------------
    @staticmethod
    @contextlib.contextmanager
    def priority(value: int) -> Iterator[None]:
        """Sends made inside the block wait with this priority (lower first)."""
        token = send_priority.set(value)
        try:
            yield
        finally:
            send_priority.reset(token)

    # -- pauses -------------------------------------------------------------------------------------------------
    def pause_chat(self, chat_id: ChatKey, seconds: float) -> None:
        """No send to this chat for `seconds` (other instances are told in the background)."""
        self._pause_chat_here(chat_id, seconds)
        self._share(self._share_pause(chat_id, seconds))

    def pause_all(self, seconds: float) -> None:
        """No send at all for `seconds` (other instances are told in the background)."""
        self._pause_all_here(seconds)
        self._share(self._share_pause(None, seconds))

    def note_429(self, chat_id: ChatKey | None, retry_after: float) -> None:
        """A 429 came back: pause that chat; pause everything when two or more chats got one within a second.
        Other instances are told in the background; `report_429` waits until they are."""
        self._note_429_here(chat_id, retry_after)
        self._share(self._share_429(chat_id, retry_after))

    async def report_429(self, chat_id: ChatKey | None, retry_after: float) -> None:
        """`note_429`, returning once the other instances know (before this caller sends again)."""
        self._note_429_here(chat_id, retry_after)
        await self._share_429(chat_id, retry_after)

    def paused_for(self, chat_id: ChatKey | None = None) -> float:
        """Seconds left of the pause on every send (and on this chat's, when given), as this process knows it."""
        now = self._now()
        left = self._paused_until - now
        if chat_id is not None:
            left = max(left, self._chat_paused.get(chat_id, 0.0) - now)
        return max(0.0, left)

    async def paused_everywhere_for(self, chat_id: ChatKey | None = None) -> float:
        """`paused_for`, counting the pauses other instances set through a shared budget."""
        try:
            shared = await self.budget.shared_pause(chat_id)
        except BudgetUnavailable:
            shared = 0.0
        return max(self.paused_for(chat_id), shared)

    def _pause_chat_here(self, chat_id: ChatKey, seconds: float) -> None:
        until = self._now() + seconds
        if until > self._chat_paused.get(chat_id, 0.0):
            self._chat_paused[chat_id] = until
        self.counters["chat_pauses"] += 1
        self._kick()

    def _pause_all_here(self, seconds: float) -> None:
        self._paused_until = max(self._paused_until, self._now() + seconds)
        self.counters["global_pauses"] += 1
        self._kick()

    def _note_429_here(self, chat_id: ChatKey | None, retry_after: float) -> None:
        self.counters["received_429"] += 1
        now = self._now()
        if chat_id is None:  # an inline message: only the bot-wide limit applies
            self._pause_all_here(retry_after)
            return
        self._pause_chat_here(chat_id, retry_after)
        recent = self._recent_429
        recent.append((now, chat_id))
        while recent and recent[0][0] < now - GLOBAL_429_WINDOW_S:
            recent.popleft()
        if len({key for _, key in recent}) >= 2:
            log.warning("429s for several chats within a second: pausing every send for %ss", retry_after)
            self._pause_all_here(retry_after)

    # -- telling other instances --------------------------------------------------------------------------------
    def _share(self, work: Coroutine[Any, Any, None]) -> None:
        """Run `work` in the background (called from sync code); nothing to do for a local budget."""
        if not self.budget.shared:
            work.close()
            return
        try:
            task = asyncio.get_running_loop().create_task(work)
        except RuntimeError:  # no loop (sync code outside one): this process's pause still holds
            work.close()
            return
        self._sharing.add(task)
        task.add_done_callback(self._sharing.discard)

    def _shared_unreachable(self) -> bool:
        """A shared budget failed moments ago: do not make a caller wait on it again yet."""
        return self._fallback is not None and self._now() < self._fallback_until

    async def _share_pause(self, chat_id: ChatKey | None, seconds: float) -> None:
        if not self.budget.shared or self._shared_unreachable():
            return
        try:
            await self.budget.share_pause(chat_id, seconds)
        except BudgetUnavailable as exc:
            log.warning("could not share a pause with the other instances: %s", exc)

    async def _share_429(self, chat_id: ChatKey | None, retry_after: float) -> None:
        if not self.budget.shared or self._shared_unreachable():
            return
        try:
            everything = await self.budget.share_429(chat_id, retry_after)
        except BudgetUnavailable as exc:
            log.warning("could not share a 429 with the other instances: %s", exc)
            return
        if everything and self.paused_for() < retry_after - 0.5:
            # Other instances' 429s, with ours, came for several chats: the bot-wide limit. (Not when this
            # process already paused everything for this 429 on its own count.)
            log.warning("429s for several chats across instances: pausing every send for %ss", retry_after)
            self._pause_all_here(retry_after)

    # -- tokens -------------------------------------------------------------------------------------------------
    async def acquire(self, chat_id: ChatKey | None, *, priority: int | None = None, paid: bool = False) -> None:
        """Wait until one message to `chat_id` may go, behind every waiter of a more urgent priority."""
        loop = asyncio.get_running_loop()
        prio = send_priority.get() if priority is None else priority
        waiter = _Waiter(chat_id, paid, prio <= PRIORITY_INTERACTIVE, loop.create_future())
        entry = (prio, next(self._seq), waiter)
        bisect.insort(self._waiters, entry)
        self._kick()
        try:
            await waiter.future
        except asyncio.CancelledError:
            with contextlib.suppress(ValueError):
                self._waiters.remove(entry)
            self._kick()
            raise

    def _kick(self) -> None:
        """Something changed (a waiter, a pause): let the dispatcher look again, starting it if need be."""
        if self._wake is not None:
            self._wake.set()
        if self._waiters and (self._task is None or self._task.done()):
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                return  # called outside a loop (a pause from sync code): the next acquire starts it
            self._wake = asyncio.Event()
            self._task = loop.create_task(self._dispatch(), name="send-limiter")

    async def _dispatch(self) -> None:
        """Hand out tokens in priority order; sleep until the next one can go or something changes."""
        wake = self._wake
        assert wake is not None
        try:
            while self._waiters:
                # Cleared before looking: a waiter or a pause that comes while a shared budget answers is seen.
                wake.clear()
                delay = await self._grant_ready()
                if not self._waiters:
                    break
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(max(delay, 0.0) + _EPS):
                        await wake.wait()
        finally:
            # No await between the empty check and here: a new waiter after this starts a new dispatcher.
            if self._task is asyncio.current_task():
                self._task = None

    async def _grant_ready(self) -> float:
        """Grant every waiter that may go now; return the seconds until the next one might."""
        soonest = math.inf
        # Bot-wide buckets (paid or not, for urgent sends or not) a more urgent waiter is already waiting for.
        blocked: set[tuple[bool, bool]] = set()
        for entry in list(self._waiters):
            waiter = entry[2]
            if waiter.future.done() or (waiter.paid, waiter.urgent) in blocked:  # cancelled, or behind another
                continue
            now = self._now()
            if self._paused_until > now:
                soonest = self._paused_until - now
                break
            wait = self._known_wait(waiter, now)
            if wait > 0:
                soonest = min(soonest, wait)
                continue
            answer = await self._take(waiter)
            if waiter.future.done():  # cancelled while the budget answered: its tokens go unused
                continue
            if answer.wait <= 0:
                waiter.future.set_result(None)
                self._granted()
                continue
            until = self._now() + answer.wait
            soonest = min(soonest, answer.wait)
            if answer.scope == "all":  # another instance paused every send
                self._paused_until = max(self._paused_until, until)
                break
            if answer.scope == "bot":
                self._bot_hold[(waiter.paid, waiter.urgent)] = until
                blocked.add((waiter.paid, waiter.urgent))
                if waiter.urgent:  # no token even for a reply: none for the rest either
                    blocked.add((waiter.paid, False))
            elif waiter.chat is not None:
                self._chat_hold[waiter.chat] = until
        self._waiters = [entry for entry in self._waiters if not entry[2].future.done()]
        # Every waiter seen was granted, yet new ones came meanwhile: look again at once.
        return 0.0 if math.isinf(soonest) else soonest

    def _known_wait(self, waiter: _Waiter, now: float) -> float:
        """How long this waiter must wait by what this process knows, without asking the budget."""
        # A send that is not urgent may go no sooner than an urgent one.
        wait = max(self._bot_hold.get((waiter.paid, True), 0.0),
                   0.0 if waiter.urgent else self._bot_hold.get((waiter.paid, False), 0.0)) - now
        if waiter.chat is not None:
            wait = max(
                wait, self._chat_paused.get(waiter.chat, 0.0) - now, self._chat_hold.get(waiter.chat, 0.0) - now
            )
        return wait

    async def _take(self, waiter: _Waiter) -> Answer:
        """The budget's answer; this process's own buckets while a shared budget is unreachable."""
        if self._fallback is not None and self._shared_unreachable():
            return await self._fallback.take(waiter.chat, waiter.paid, self.limits, urgent=waiter.urgent)
        try:
            answer = await self.budget.take(waiter.chat, waiter.paid, self.limits, urgent=waiter.urgent)
        except Exception as exc:  # BudgetUnavailable, or a fault of ours: either way no send may hang on it
            if self._fallback is None:
                why = exc if isinstance(exc, BudgetUnavailable) else describe(exc)
                log.warning("the shared send budget is unreachable (%s): keeping the limits in this process", why)
                self._fallback = LocalBudget(self._now)
            self._fallback_until = self._now() + FALLBACK_S
            return await self._fallback.take(waiter.chat, waiter.paid, self.limits, urgent=waiter.urgent)
        if self._fallback is not None:
            log.warning("the shared send budget is back")
            self._fallback = None
        return answer

    def _granted(self) -> None:
        self.counters["granted"] += 1
        self._grants += 1
        if self._grants % _PRUNE_EVERY == 0:
            self._prune(self._now())

    def _prune(self, now: float) -> None:
        """Forget pauses and holds that are over, so a broadcast to 10,000 chats does not keep 10,000 of them."""
        for table in (self._chat_paused, self._chat_hold):
            for key in [key for key, until in table.items() if until <= now]:
                del table[key]

    # -- lifecycle ----------------------------------------------------------------------------------------------
    def stats(self) -> dict[str, Any]:
        return {
            **self.counters,
            "waiting": len(self._waiters),
            "chats_tracked": self.budget.tracked() + len(self._chat_paused) + len(self._chat_hold),
            "shared": self.budget.shared and self._fallback is None,
        }

    async def close(self) -> None:
        """Stop the dispatcher (sends still waiting are cancelled), then close the budget."""
        for _, _, waiter in self._waiters:
            waiter.future.cancel()
        self._waiters.clear()
        task, self._task = self._task, None
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self._sharing:
            await asyncio.gather(*self._sharing, return_exceptions=True)
        await self.budget.aclose()


__all__ = ["LIMITED_METHODS", "Limiter", "auto_retry_429", "chat_is_group", "send_priority"]
