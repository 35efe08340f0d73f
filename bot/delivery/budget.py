"""The send budget: Telegram's limits as token buckets, behind one small interface.

The limiter (`bot.delivery.limiter`) decides who goes next inside this process; a budget decides whether a
message may go at all, and takes its tokens when it may. `LocalBudget` keeps the buckets in this process (one
instance). A budget shared by several instances (`bot.delivery.budget_redis.RedisBudget`) keeps them where
every instance takes from them, and carries the instances' 429 pauses as well.

Limits (config keys SEND_*):

* the bot as a whole: `rate` messages a second (or `paid_rate` for `allow_paid_broadcast` sends);
* a private chat: `private_rate` a second with a burst of `private_burst`;
* a group, supergroup or channel: `group_per_window` in any rolling minute.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, NamedTuple, Protocol

GROUP_WINDOW_S = 60.0
# Requests reach Telegram a little unevenly (event-loop and network jitter), so the per-chat limits run a
# touch under the published ones: a chat that gets its 4th message 1 ms early is refused with a 429.
CHAT_RATE_MARGIN = 0.9
GROUP_WINDOW_PAD_S = 2.0
# The bot-wide bucket holds a sixth of a second's worth (5 at 30/s), far below Telegram's (a second's worth):
# the rest of Telegram's bucket absorbs jitter, so a steady SEND_RATE never meets a 429.
BOT_BURST_S = 1 / 6
_PRUNE_EVERY = 1024

ChatKey = int | str
# What must wait: every send (a pause), the chat (its pause or its bucket), or the bot-wide bucket.
Scope = Literal["", "all", "chat", "bot"]


def chat_is_group(chat_id: ChatKey) -> bool:
    """Telegram ids: users are positive, groups and channels negative; `@name` is a channel or supergroup."""
    return isinstance(chat_id, str) or chat_id < 0


@dataclass(frozen=True)
class Limits:
    """The limits one limiter keeps (already scaled)."""

    rate: float = 30.0
    private_rate: float = 1.0
    private_burst: float = 3.0
    group_per_window: int = 20
    paid_rate: float = 100.0
    group_window_s: float = GROUP_WINDOW_S + GROUP_WINDOW_PAD_S

    def bot(self, paid: bool) -> tuple[float, float]:
        """The bot-wide bucket's rate and capacity (paid broadcasts have their own)."""
        rate = self.paid_rate if paid else self.rate
        return rate, max(1.0, rate * BOT_BURST_S)

    @property
    def private_pace(self) -> float:
        """A private chat's refill rate, under the published one by the margin."""
        return self.private_rate * CHAT_RATE_MARGIN


class Answer(NamedTuple):
    """A budget's answer: `wait` 0 means granted (the tokens are taken); else how long, and what, must wait.
    `at`: when the budget decided, on its own clock (a shared budget's; 0 when it does not say)."""

    wait: float
    scope: Scope = ""
    at: float = 0.0


GRANTED = Answer(0.0)


class BudgetUnavailable(Exception):
    """A shared budget could not be reached (its server is down or slow); the limiter falls back for a while."""


class Budget(Protocol):
    """Where the tokens live. `shared`: other instances take from the same budget."""

    shared: bool

    async def take(self, chat: ChatKey | None, paid: bool, limits: Limits, *, urgent: bool = True) -> Answer:
        """Take one message's tokens (the bot-wide bucket's and the chat's) at once, or say how long to wait.
        Not `urgent` (a reminder, a broadcast): a shared budget may keep the last token back for replies."""
        ...

    async def share_pause(self, chat: ChatKey | None, seconds: float) -> None:
        """Tell the other instances: no send to `chat` (None: no send at all) for `seconds`."""
        ...

    async def share_429(self, chat: ChatKey | None, retry_after: float) -> bool:
        """Tell the other instances of a 429; True when, counting theirs, every send is now paused."""
        ...

    async def shared_pause(self, chat: ChatKey | None) -> float:
        """Seconds left of the pauses other instances set on every send (and on this chat)."""
        ...

    def tracked(self) -> int:
        """Chats whose state this process holds."""
        ...

    async def aclose(self) -> None: ...


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


class LocalBudget:
    """The buckets in this process: right for one instance. Runs on real monotonic time."""

    shared = False

    def __init__(self, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._now = monotonic
        self._buckets: dict[bool, _Bucket] = {}
        self._chats: dict[ChatKey, _ChatState] = {}
        self._grants = 0

    async def take(self, chat: ChatKey | None, paid: bool, limits: Limits, *, urgent: bool = True) -> Answer:
        # `urgent` needs nothing here: this process's queue already puts replies first.
        now = self._now()
        wait = self.chat_wait(chat, now, limits)
        if wait > 0:
            return Answer(wait, "chat")
        wait = self.bot_wait(paid, now, limits)
        if wait > 0:
            return Answer(wait, "bot")
        self.take_now(chat, paid, now, limits)
        return GRANTED

    # Nothing to share with: the limiter's own pauses are all there is.
    async def share_pause(self, chat: ChatKey | None, seconds: float) -> None:
        return None

    async def share_429(self, chat: ChatKey | None, retry_after: float) -> bool:
        return False

    async def shared_pause(self, chat: ChatKey | None) -> float:
        return 0.0

    def tracked(self) -> int:
        return len(self._chats)

    async def aclose(self) -> None:
        return None

    # -- the arithmetic (synchronous: nothing else runs between a look and a take) ----------------------------
    def bot_wait(self, paid: bool, now: float, limits: Limits) -> float:
        rate, capacity = limits.bot(paid)
        bucket = self._buckets.get(paid)
        if bucket is None:
            bucket = self._buckets[paid] = _Bucket(capacity, now)
        return bucket.wait(now, rate, capacity)

    def chat_wait(self, chat: ChatKey | None, now: float, limits: Limits) -> float:
        if chat is None:
            return 0.0
        state = self._chats.get(chat)
        if state is None:
            return 0.0
        wait = 0.0
        if state.group:
            window = limits.group_window_s
            events = state.window
            while events and events[0] <= now - window:
                events.popleft()
            limit = int(limits.group_per_window)
            if len(events) >= limit:
                wait = events[-limit] + window - now
        elif state.bucket is not None:
            wait = state.bucket.wait(now, limits.private_pace, limits.private_burst)
        return max(0.0, wait)

    def take_now(self, chat: ChatKey | None, paid: bool, now: float, limits: Limits) -> None:
        """Take the tokens; the caller has just seen both waits at 0."""
        self.bot_wait(paid, now, limits)
        self._buckets[paid].tokens -= 1.0
        if chat is not None:
            state = self._chats.get(chat)
            if state is None:
                state = self._chats[chat] = _ChatState(group=chat_is_group(chat))
            if state.group:
                state.window.append(now)
            else:
                if state.bucket is None:
                    state.bucket = _Bucket(limits.private_burst, now)
                state.bucket.wait(now, limits.private_pace, limits.private_burst)
                state.bucket.tokens -= 1.0
        self._grants += 1
        if self._grants % _PRUNE_EVERY == 0:
            self._prune(now, limits)

    def _prune(self, now: float, limits: Limits) -> None:
        """Forget chats back at rest, so a broadcast to 10,000 chats does not keep 10,000 buckets."""
        idle = []
        for key, state in self._chats.items():
            if state.group:
                if not state.window or state.window[-1] <= now - limits.group_window_s:
                    idle.append(key)
            elif state.bucket is None or state.bucket.full(now, limits.private_pace, limits.private_burst):
                idle.append(key)
        for key in idle:
            del self._chats[key]


__all__ = [
    "BOT_BURST_S", "CHAT_RATE_MARGIN", "GRANTED", "GROUP_WINDOW_PAD_S", "GROUP_WINDOW_S", "Answer", "Budget",
    "BudgetUnavailable", "ChatKey", "Limits", "LocalBudget", "Scope", "chat_is_group",
]
