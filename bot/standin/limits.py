"""Telegram-like flood limits for the Bot API stand-in.

Telegram does not publish an exact algorithm; these are the documented
rules of thumb the bot must respect, modelled so that a bot which stays
under them never sees a 429 and a bot that ignores them quickly does:

* the bot as a whole: 30 messages per second (token bucket of 30);
* a private chat: 1 message per second with a burst of 3;
* a group, supergroup or channel: 20 messages per rolling minute;
* requests with ``allow_paid_broadcast`` use a bot-wide 1000/s bucket instead.

After a 429 the scope (the chat, or the whole bot) stays closed until the
``retry_after`` it was given has passed; requests that arrive meanwhile are
refused again and counted, because they show the bot ignores retry_after.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

Clock = Callable[[], float]

BOT_RATE = 30.0
BOT_BURST = 30.0
PAID_RATE = 1000.0
PAID_BURST = 1000.0
PRIVATE_RATE = 1.0
PRIVATE_BURST = 3.0
GROUP_PER_WINDOW = 20.0
GROUP_WINDOW_S = 60.0

# A bot that sleeps exactly retry_after may arrive a hair early (timer
# resolution, separate clocks); that is not ignoring the limit.
GRACE_S = 0.01

# How often (in checks) idle per-chat state is dropped, to bound memory in benchmarks.
_PRUNE_EVERY = 2000

GROUP_TYPES = frozenset({"group", "supergroup", "channel"})


@dataclass(frozen=True)
class Verdict:
    """Outcome of one flood check."""

    allowed: bool
    retry_after: int = 0
    during_retry_after: bool = False
    scope: str = ""  # "chat", "bot" or "paid" when refused

    def __bool__(self) -> bool:
        return self.allowed


@dataclass
class TokenBucket:
    """A bucket whose rate and size are given on each call, so ``scale`` can change live."""

    tokens: float
    updated: float

    def _refill(self, now: float, rate: float, capacity: float) -> None:
        if now > self.updated:
            self.tokens = min(capacity, self.tokens + (now - self.updated) * rate)
        else:
            self.tokens = min(capacity, self.tokens)
        self.updated = max(self.updated, now)

    def wait(self, now: float, rate: float, capacity: float) -> float:
        """Seconds until one token is available (0 when available now)."""
        capacity = max(1.0, capacity)  # a tiny scale must still let one message through
        self._refill(now, rate, capacity)
        if self.tokens >= 1.0:
            return 0.0
        return (1.0 - self.tokens) / rate

    def take(self) -> None:
        self.tokens -= 1.0

    def full(self, now: float, rate: float, capacity: float) -> bool:
        self._refill(now, rate, capacity)
        return self.tokens >= capacity


@dataclass
class RollingWindow:
    """At most ``limit`` events in any ``window`` seconds."""

    events: deque[float] = field(default_factory=deque)

    def expire(self, now: float, window: float) -> None:
        while self.events and self.events[0] <= now - window:
            self.events.popleft()

    def wait(self, now: float, limit: float, window: float) -> float:
        self.expire(now, window)
        limit = max(1.0, limit)  # a tiny scale must still let one message through
        if len(self.events) + 1 <= limit:
            return 0.0
        # The oldest event that must expire for one more to fit.
        idx = len(self.events) - max(1, math.floor(limit))
        return max(0.0, self.events[max(idx, 0)] + window - now)

    def add(self, now: float) -> None:
        self.events.append(now)


def retry_seconds(wait: float) -> int:
    """Telegram's retry_after: whole seconds, at least 1."""
    return max(1, math.ceil(wait - 1e-9))


class FloodLimiter:
    """Flood limits of one bot token. Not thread-safe; used from one event loop."""

    def __init__(self, scale: float = 1.0, clock: Clock = time.monotonic) -> None:
        if scale <= 0:
            raise ValueError("scale must be positive")
        self.scale = float(scale)
        self.clock = clock
        self._bot: TokenBucket | None = None
        self._paid: TokenBucket | None = None
        self._private: dict[int, TokenBucket] = {}
        self._groups: dict[int, RollingWindow] = {}
        # scope key -> monotonic time until which the scope answers 429
        self._closed: dict[str, float] = {}
        self._checks = 0

    def reset(self) -> None:
        """Forget all buckets and open retry_after periods."""
        self._bot = None
        self._paid = None
        self._private.clear()
        self._groups.clear()
        self._closed.clear()

    # -- rates at the current scale -------------------------------------------------
    def _rates(self, paid: bool) -> tuple[float, float]:
        if paid:
            return PAID_RATE * self.scale, PAID_BURST * self.scale
        return BOT_RATE * self.scale, BOT_BURST * self.scale

    def _bucket(self, paid: bool, now: float) -> TokenBucket:
        _, capacity = self._rates(paid)
        if paid:
            if self._paid is None:
                self._paid = TokenBucket(capacity, now)
            return self._paid
        if self._bot is None:
            self._bot = TokenBucket(capacity, now)
        return self._bot

    def _closed_for(self, key: str, now: float) -> float:
        until = self._closed.get(key)
        if until is None:
            return 0.0
        if now >= until - GRACE_S:
            del self._closed[key]
            return 0.0
        return until - now

    def check(self, chat_id: int, chat_type: str, *, paid: bool = False) -> Verdict:
        """Count one message to ``chat_id`` if the limits allow it, else say how long to wait."""
        now = self.clock()
        self._checks += 1
        if self._checks % _PRUNE_EVERY == 0:
            self._prune(now)
        is_group = chat_type in GROUP_TYPES if chat_type else chat_id < 0
        chat_key = f"chat:{chat_id}"
        bot_key = "paid" if paid else "bot"

        # A scope still inside its retry_after: refuse again and count it.
        remaining = max(self._closed_for(chat_key, now), self._closed_for(bot_key, now))
        if remaining > 0:
            scope = "chat" if chat_key in self._closed else bot_key
            return Verdict(False, retry_seconds(remaining), during_retry_after=True, scope=scope)

        if is_group:
            window = self._groups.setdefault(chat_id, RollingWindow())
            chat_wait = window.wait(now, GROUP_PER_WINDOW * self.scale, GROUP_WINDOW_S)
        else:
            rate, capacity = PRIVATE_RATE * self.scale, PRIVATE_BURST * self.scale
            bucket = self._private.get(chat_id)
            if bucket is None:
                bucket = self._private[chat_id] = TokenBucket(capacity, now)
            chat_wait = bucket.wait(now, rate, capacity)

        bot_rate, bot_capacity = self._rates(paid)
        bot_bucket = self._bucket(paid, now)
        bot_wait = bot_bucket.wait(now, bot_rate, bot_capacity)

        if chat_wait > 0 or bot_wait > 0:
            # Close every exceeded scope for the whole seconds we announce.
            retry = 0
            scope = ""
            if chat_wait > 0:
                n = retry_seconds(chat_wait)
                self._closed[chat_key] = now + n
                retry, scope = n, "chat"
            if bot_wait > 0:
                n = retry_seconds(bot_wait)
                self._closed[bot_key] = now + n
                if n > retry:
                    retry, scope = n, bot_key
            return Verdict(False, retry, scope=scope)

        if is_group:
            self._groups[chat_id].add(now)
        else:
            self._private[chat_id].take()
        bot_bucket.take()
        return Verdict(True)

    def _prune(self, now: float) -> None:
        rate, capacity = PRIVATE_RATE * self.scale, PRIVATE_BURST * self.scale
        for cid in [c for c, b in self._private.items() if b.full(now, rate, capacity)]:
            if f"chat:{cid}" not in self._closed:
                del self._private[cid]
        for window in self._groups.values():
            window.expire(now, GROUP_WINDOW_S)
        for cid in [c for c, w in self._groups.items() if not w.events]:
            if f"chat:{cid}" not in self._closed:
                del self._groups[cid]
