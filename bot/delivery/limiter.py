"""Telegram's flood limits on our side: token buckets shared by every send, with priorities.

Installed as an aiogram request middleware (`bot.session.middleware(limiter)`), so handler replies and the
outbox sender draw on one budget. Limits (DESIGN, config keys SEND_*):

* the bot as a whole: SEND_RATE messages a second (or PAID_BROADCAST_RATE for `allow_paid_broadcast` sends);
* a private chat: SEND_RATE_PRIVATE a second with a burst of SEND_BURST_PRIVATE;
* a group, supergroup or channel: SEND_PER_MIN_GROUP in any rolling minute.

Waiting sends are granted in priority order (0 interactive, 5 reminders, 9 broadcasts; then first come), so a
user's /my is not stuck behind a broadcast. A waiter whose chat must still wait does not hold up others.
Everything runs on real monotonic time: it paces requests to a real server, never on the injected Clock.

A 429 does not say which limit it hit: `note_429` pauses that chat, and pauses every send once 429s came for
two or more chats within a second (then it was the bot-wide limit).
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
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import TelegramMethod
from aiogram.methods.base import TelegramType

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

GROUP_WINDOW_S = 60.0
# Requests reach Telegram a little unevenly (event-loop and network jitter), so the per-chat limits run a
# touch under the published ones: a chat that gets its 4th message 1 ms early is refused with a 429.
CHAT_RATE_MARGIN = 0.9
GROUP_WINDOW_PAD_S = 2.0
# The bot-wide bucket holds a sixth of a second's worth (5 at 30/s), far below Telegram's (a second's worth):
# the rest of Telegram's bucket absorbs jitter, so a steady SEND_RATE never meets a 429.
BOT_BURST_S = 1 / 6
# Two or more chats refused within this many seconds: the bot-wide limit was hit.
GLOBAL_429_WINDOW_S = 1.0
_PRUNE_EVERY = 1024
_EPS = 0.0005

ChatKey = int | str


def chat_is_group(chat_id: ChatKey) -> bool:
    """Telegram ids: users are positive, groups and channels negative; `@name` is a channel or supergroup."""
    return isinstance(chat_id, str) or chat_id < 0


@dataclass
class _Bucket:
    tokens: float
    updated: float

    def wait(self, now: float, rate: float, capacity: float) -> float:
        """Seconds until one token is there (0: now)."""
        if now > self.updated:
            self.tokens = min(capacity, self.tokens + (now - self.updated) * rate)
            self.updated = now
        if self.tokens >= 1.0:
            return 0.0
        return (1.0 - self.tokens) / rate

    def full(self, now: float, rate: float, capacity: float) -> bool:
        self.wait(now, rate, capacity)
        return self.tokens >= capacity


@dataclass
class _ChatState:
    group: bool
    bucket: _Bucket | None = None  # private chats
    window: deque[float] = field(default_factory=deque)  # groups: grant times within the window
    paused_until: float = 0.0


@dataclass
class _Waiter:
    chat: ChatKey | None
    paid: bool
    future: asyncio.Future[None]


class Limiter(BaseRequestMiddleware):
    """Token buckets for every send; an aiogram request middleware."""

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
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        """Limits come from `settings` (or the keyword values, or Telegram's defaults), times `scale`
        (tests run the stand-in at a scale and scale these alike)."""

        def pick(explicit: float | None, name: str, default: float) -> float:
            if explicit is not None:
                return float(explicit)
            return float(getattr(settings, name)) if settings is not None else default

        if scale <= 0:
            raise ValueError("scale must be positive")
        self.rate = pick(send_rate, "send_rate", 30.0) * scale
        self.private_rate = pick(send_rate_private, "send_rate_private", 1.0) * scale
        self.private_burst = max(1.0, pick(send_burst_private, "send_burst_private", 3.0) * scale)
        self.group_per_window = max(1.0, math.floor(pick(send_per_min_group, "send_per_min_group", 20.0) * scale))
        self.paid_rate = pick(paid_broadcast_rate, "paid_broadcast_rate", 100.0) * scale
        self.paid_broadcast = bool(getattr(settings, "paid_broadcast", False)) if settings is not None else False
        self.auto_retries = auto_retries
        self.max_auto_wait = max_auto_wait
        self._now = monotonic

        self._buckets: dict[bool, _Bucket] = {}
        self._chats: dict[ChatKey, _ChatState] = {}
        self._paused_until = 0.0
        self._recent_429: deque[tuple[float, ChatKey]] = deque()
        # Sorted by (priority, arrival): the order in which tokens are handed out.
        self._waiters: list[tuple[int, int, _Waiter]] = []
        self._seq = itertools.count()
        self._task: asyncio.Task[None] | None = None
        self._wake: asyncio.Event | None = None
        self._grants = 0
        self.counters: dict[str, int] = {"granted": 0, "received_429": 0, "chat_pauses": 0, "global_pauses": 0}

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
                self.note_429(chat_id, exc.retry_after)
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
        """No send to this chat for `seconds`."""
        state = self._chat(chat_id)
        state.paused_until = max(state.paused_until, self._now() + seconds)
        self.counters["chat_pauses"] += 1
        self._kick()

    def pause_all(self, seconds: float) -> None:
        """No send at all for `seconds`."""
        self._paused_until = max(self._paused_until, self._now() + seconds)
        self.counters["global_pauses"] += 1
        self._kick()

    def note_429(self, chat_id: ChatKey | None, retry_after: float) -> None:
        """A 429 came back: pause that chat; pause everything when two or more chats got one within a second."""
        self.counters["received_429"] += 1
        now = self._now()
        if chat_id is None:  # an inline message: only the bot-wide limit applies
            self.pause_all(retry_after)
            return
        self.pause_chat(chat_id, retry_after)
        recent = self._recent_429
        recent.append((now, chat_id))
        while recent and recent[0][0] < now - GLOBAL_429_WINDOW_S:
            recent.popleft()
        if len({key for _, key in recent}) >= 2:
            log.warning("429s for several chats within a second: pausing every send for %ss", retry_after)
            self.pause_all(retry_after)

    def paused_for(self, chat_id: ChatKey | None = None) -> float:
        """Seconds left of the pause on every send (and on this chat's, when given)."""
        now = self._now()
        left = self._paused_until - now
        if chat_id is not None and (state := self._chats.get(chat_id)) is not None:
            left = max(left, state.paused_until - now)
        return max(0.0, left)

    # -- tokens -------------------------------------------------------------------------------------------------
    async def acquire(self, chat_id: ChatKey | None, *, priority: int | None = None, paid: bool = False) -> None:
        """Wait until one message to `chat_id` may go, behind every waiter of a more urgent priority."""
        loop = asyncio.get_running_loop()
        waiter = _Waiter(chat_id, paid, loop.create_future())
        prio = send_priority.get() if priority is None else priority
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
                delay = self._grant_ready()
                if not self._waiters:
                    break
                wake.clear()
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(max(delay, 0.0) + _EPS):
                        await wake.wait()
        finally:
            # No await between the empty check and here: a new waiter after this starts a new dispatcher.
            if self._task is asyncio.current_task():
                self._task = None

    def _grant_ready(self) -> float:
        """Grant every waiter that may go now; return the seconds until the next one might."""
        now = self._now()
        if self._paused_until > now:
            return self._paused_until - now
        soonest = math.inf
        blocked: set[bool] = set()  # bot-wide buckets (paid or not) a more urgent waiter is already waiting for
        keep: list[tuple[int, int, _Waiter]] = []
        for entry in self._waiters:
            waiter = entry[2]
            if waiter.future.done():  # cancelled
                continue
            if waiter.paid in blocked:
                keep.append(entry)
                continue
            chat_wait = self._chat_wait(waiter.chat, now)
            if chat_wait > 0:
                soonest = min(soonest, chat_wait)
                keep.append(entry)
                continue
            bucket_wait = self._bot_wait(waiter.paid, now)
            if bucket_wait > 0:
                blocked.add(waiter.paid)
                soonest = min(soonest, bucket_wait)
                keep.append(entry)
                continue
            self._take(waiter.chat, waiter.paid, now)
            waiter.future.set_result(None)
        self._waiters = keep
        return soonest if keep else 0.0

    def _rates(self, paid: bool) -> tuple[float, float]:
        rate = self.paid_rate if paid else self.rate
        return rate, max(1.0, rate * BOT_BURST_S)

    def _bot_wait(self, paid: bool, now: float) -> float:
        rate, capacity = self._rates(paid)
        bucket = self._buckets.get(paid)
        if bucket is None:
            bucket = self._buckets[paid] = _Bucket(capacity, now)
        return bucket.wait(now, rate, capacity)

    def _chat(self, chat_id: ChatKey) -> _ChatState:
        state = self._chats.get(chat_id)
        if state is None:
            state = self._chats[chat_id] = _ChatState(group=chat_is_group(chat_id))
        return state

    def _chat_wait(self, chat_id: ChatKey | None, now: float) -> float:
        if chat_id is None:
            return 0.0
        state = self._chats.get(chat_id)
        if state is None:
            return 0.0
        wait = state.paused_until - now
        if state.group:
            window = GROUP_WINDOW_S + GROUP_WINDOW_PAD_S
            events = state.window
            while events and events[0] <= now - window:
                events.popleft()
            limit = int(self.group_per_window)
            if len(events) >= limit:
                wait = max(wait, events[-limit] + window - now)
        elif state.bucket is not None:
            wait = max(wait, state.bucket.wait(now, self.private_rate * CHAT_RATE_MARGIN, self.private_burst))
        return max(0.0, wait)

    def _take(self, chat_id: ChatKey | None, paid: bool, now: float) -> None:
        self._buckets[paid].tokens -= 1.0
        if chat_id is not None:
            state = self._chat(chat_id)
            if state.group:
                state.window.append(now)
            else:
                if state.bucket is None:
                    state.bucket = _Bucket(self.private_burst, now)
                state.bucket.wait(now, self.private_rate * CHAT_RATE_MARGIN, self.private_burst)
                state.bucket.tokens -= 1.0
        self.counters["granted"] += 1
        self._grants += 1
        if self._grants % _PRUNE_EVERY == 0:
            self._prune(now)

    def _prune(self, now: float) -> None:
        """Forget chats back at rest, so a broadcast to 10,000 chats does not keep 10,000 buckets."""
        rate = self.private_rate * CHAT_RATE_MARGIN
        idle = []
        for key, state in self._chats.items():
            if state.paused_until > now:
                continue
            if state.group:
                if not state.window or state.window[-1] <= now - GROUP_WINDOW_S - GROUP_WINDOW_PAD_S:
                    idle.append(key)
            elif state.bucket is None or state.bucket.full(now, rate, self.private_burst):
                idle.append(key)
        for key in idle:
            del self._chats[key]

    # -- lifecycle ----------------------------------------------------------------------------------------------
    def stats(self) -> dict[str, Any]:
        return {**self.counters, "waiting": len(self._waiters), "chats_tracked": len(self._chats)}

    async def close(self) -> None:
        """Stop the dispatcher; sends still waiting are cancelled."""
        for _, _, waiter in self._waiters:
            waiter.future.cancel()
        self._waiters.clear()
        task, self._task = self._task, None
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


__all__ = ["LIMITED_METHODS", "Limiter", "auto_retry_429", "chat_is_group", "send_priority"]
