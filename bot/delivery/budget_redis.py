"""The send budget in Redis: Telegram's limits kept by every instance together.

One Lua script per grant (one round trip): on Redis's own clock (`TIME`, so instances' clocks do not matter) it
checks the pauses, the chat's bucket (a private chat) or rolling minute (a group), and the bot-wide bucket,
and takes both tokens at once, or answers how long to wait and for what. A 429's `retry_after` is a key with
that expiry (one for every send, one per chat), which every grant reads first; 429s for two or more chats
within a second, whichever instances got them, pause every send.

Keys hold no Telegram id: a chat is named by a keyed hash (`secret`, which every instance of one bot shares).
Every key expires on its own once at rest.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import os
from typing import TYPE_CHECKING

from redis.exceptions import RedisError

from bot.delivery.budget import GRANTED, Answer, BudgetUnavailable, ChatKey, Limits, Scope, chat_is_group
from bot.errors import describe

if TYPE_CHECKING:
    from redis.asyncio import Redis

# Sends that are not urgent leave this many tokens of the bot-wide bucket (when it holds two or more) to
# replies: another instance's broadcast would otherwise take every token the moment it comes, and a user's
# reply on this one would queue behind it. The rate stays the same; only the broadcasts' burst is one smaller.
URGENT_RESERVE = 1.0
# Two or more chats refused within this many seconds: the bot-wide limit was hit (as in the limiter).
GLOBAL_429_WINDOW_S = 1.0

# Answers of the grant script: {code, wait in microseconds, Redis time in microseconds}.
_SCOPES: dict[int, Scope] = {1: "all", 2: "chat", 3: "bot"}

# KEYS: 1 the bot-wide bucket, 2 the pause on every send, 3 the chat's bucket or window, 4 the chat's pause.
# ARGV: 1 bot rate, 2 bot capacity, 3 chat kind ("p" private, "g" group, "-" none), 4 private pace,
#       5 private burst, 6 group limit, 7 group window (s), 8 a member name unique to this grant,
#       9 tokens the bot-wide bucket must keep after this grant (0 for an urgent send).
_TAKE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local now_us = tonumber(t[1]) * 1000000 + tonumber(t[2])
local function us(s) return math.ceil(s * 1000000) end
local function num(x) return string.format('%.17g', x) end
local left = redis.call('PTTL', KEYS[2])
if left > 0 then return {1, left * 1000, now_us} end
local kind = ARGV[3]
local ctokens, cu = 0, now
if kind ~= '-' then
  left = redis.call('PTTL', KEYS[4])
  if left > 0 then return {2, left * 1000, now_us} end
end
local pace, burst = tonumber(ARGV[4]), tonumber(ARGV[5])
local limit, window = tonumber(ARGV[6]), tonumber(ARGV[7])
if kind == 'p' then
  local c = redis.call('HMGET', KEYS[3], 't', 'u')
  ctokens = burst
  if c[1] then
    ctokens, cu = tonumber(c[1]), tonumber(c[2])
    if now > cu then ctokens, cu = math.min(burst, ctokens + (now - cu) * pace), now end
  end
  if ctokens < 1 then return {2, us((1 - ctokens) / pace), now_us} end
elseif kind == 'g' then
  redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', num(now - window))
  local n = redis.call('ZCARD', KEYS[3])
  if n >= limit then
    local oldest = redis.call('ZRANGE', KEYS[3], n - limit, n - limit, 'WITHSCORES')
    return {2, us(tonumber(oldest[2]) + window - now), now_us}
  end
end
local rate, cap = tonumber(ARGV[1]), tonumber(ARGV[2])
local b = redis.call('HMGET', KEYS[1], 't', 'u')
local tokens, u = cap, now
if b[1] then
  tokens, u = tonumber(b[1]), tonumber(b[2])
  if now > u then tokens, u = math.min(cap, tokens + (now - u) * rate), now end
end
local need = 1 + tonumber(ARGV[9])
if tokens < need then return {3, us((need - tokens) / rate), now_us} end
redis.call('HSET', KEYS[1], 't', num(tokens - 1), 'u', num(u))
redis.call('PEXPIRE', KEYS[1], math.ceil(cap / rate * 1000) + 1000)
if kind == 'p' then
  redis.call('HSET', KEYS[3], 't', num(ctokens - 1), 'u', num(cu))
  redis.call('PEXPIRE', KEYS[3], math.ceil(burst / pace * 1000) + 1000)
elseif kind == 'g' then
  redis.call('ZADD', KEYS[3], num(now), ARGV[8])
  redis.call('PEXPIRE', KEYS[3], math.ceil(window * 1000) + 1000)
end
return {0, 0, now_us}
"""

# A pause never shortens one already there. KEYS[1] the pause; ARGV[1] milliseconds.
_PAUSE = """
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], '1', 'PX', ARGV[1]) end
return 0
"""

# KEYS: 1 the pause on every send, 2 the chat's pause, 3 the chats refused lately (a sorted set by time).
# ARGV: 1 retry_after in milliseconds, 2 the chat's tag ("" for an inline message), 3 the window (s).
# Answers 1 when every send is paused now.
_NOTE_429 = """
local function pause(key, ms)
  if redis.call('PTTL', key) < ms then redis.call('SET', key, '1', 'PX', ms) end
end
local ms = tonumber(ARGV[1])
if ARGV[2] == '' then pause(KEYS[1], ms) return 1 end
pause(KEYS[2], ms)
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local window = tonumber(ARGV[3])
redis.call('ZADD', KEYS[3], string.format('%.17g', now), ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. string.format('%.17g', now - window))
redis.call('PEXPIRE', KEYS[3], math.ceil(window * 1000) + 1000)
if redis.call('ZCARD', KEYS[3]) >= 2 then pause(KEYS[1], ms) return 1 end
return 0
"""


def redis_secret(bot_token: str) -> bytes:
    """The key that names chats in Redis, from the bot's token: the same in every instance of one bot, and
    not kept in Redis."""
    return hmac.new(bot_token.encode(), b"casewatch redis keys", hashlib.sha256).digest()


class RedisBudget:
    """Token buckets and pauses in Redis, shared by every instance that uses the same `prefix`."""

    shared = True

    def __init__(self, redis: Redis, *, prefix: str, secret: bytes, own_client: bool = True) -> None:
        """`prefix` starts every key (one per bot; tests use their own); `own_client`: `aclose` closes it."""
        self._redis = redis
        self._prefix = prefix
        self._secret = secret
        self._own = own_client
        self._take = redis.register_script(_TAKE)
        self._pause = redis.register_script(_PAUSE)
        self._note = redis.register_script(_NOTE_429)
        # Members of a group's window must differ across instances and grants.
        self._member_base = f"{os.getpid()}.{os.urandom(4).hex()}."
        self._members = itertools.count()

    def tag(self, chat: ChatKey) -> str:
        """A chat's name in the keys: a keyed hash, never the id."""
        return hmac.new(self._secret, f"chat:{chat}".encode(), hashlib.sha256).hexdigest()[:32]

    def key(self, name: str) -> str:
        return self._prefix + name

    async def take(self, chat: ChatKey | None, paid: bool, limits: Limits, *, urgent: bool = True) -> Answer:
        rate, capacity = limits.bot(paid)
        reserve = 0.0 if urgent or capacity < 1 + URGENT_RESERVE else URGENT_RESERVE
        if chat is None:
            kind, state, pause = "-", self.key("none"), self.key("none")
        else:
            tag = self.tag(chat)
            kind = "g" if chat_is_group(chat) else "p"
            state, pause = self.key(f"{kind}:{tag}"), self.key(f"cp:{tag}")
        keys = [self.key("paid" if paid else "bot"), self.key("pause"), state, pause]
        args: list[str | float] = [rate, capacity, kind, limits.private_pace, limits.private_burst, limits.group_per_window,
                limits.group_window_s, f"{self._member_base}{next(self._members)}", reserve]
        try:
            code, wait_us, now_us = await self._take(keys=keys, args=args)
        except (RedisError, OSError) as exc:
            raise BudgetUnavailable(describe(exc)) from exc
        if int(code) == 0:
            return GRANTED._replace(at=int(now_us) / 1e6)
        return Answer(int(wait_us) / 1e6, _SCOPES[int(code)], int(now_us) / 1e6)

    async def share_pause(self, chat: ChatKey | None, seconds: float) -> None:
        key = self.key("pause") if chat is None else self.key(f"cp:{self.tag(chat)}")
        try:
            await self._pause(keys=[key], args=[_ms(seconds)])
        except (RedisError, OSError) as exc:
            raise BudgetUnavailable(describe(exc)) from exc

    async def share_429(self, chat: ChatKey | None, retry_after: float) -> bool:
        tag = "" if chat is None else self.tag(chat)
        keys = [self.key("pause"), self.key(f"cp:{tag}"), self.key("429")]
        try:
            everything = await self._note(keys=keys, args=[_ms(retry_after), tag, GLOBAL_429_WINDOW_S])
        except (RedisError, OSError) as exc:
            raise BudgetUnavailable(describe(exc)) from exc
        return bool(int(everything))

    async def shared_pause(self, chat: ChatKey | None) -> float:
        keys = [self.key("pause")] + ([] if chat is None else [self.key(f"cp:{self.tag(chat)}")])
        try:
            async with self._redis.pipeline(transaction=False) as pipe:
                for key in keys:
                    pipe.pttl(key)
                left = await pipe.execute()
        except (RedisError, OSError) as exc:
            raise BudgetUnavailable(describe(exc)) from exc
        return max(0.0, *(int(ms) / 1000 for ms in left))

    def tracked(self) -> int:
        return 0  # the state lives in Redis

    async def aclose(self) -> None:
        if self._own:
            await self._redis.aclose()


def _ms(seconds: float) -> int:
    return max(1, round(seconds * 1000))


__all__ = ["URGENT_RESERVE", "RedisBudget", "redis_secret"]
