"""Redis, when REDIS_URL is set: what several instances of one bot share besides the database.

* the send budget (`RedisBudget`): Telegram's limits and a 429's pause hold for all instances together;
* aiogram's event isolation (`RedisEventIsolation`): one chat's updates (one user's, in a group) are handled
  one at a time, whichever instance got them. Dialog data stays in the database (`StoreDialogs`).

The composition root imports this module only when REDIS_URL is set: without it nothing connects to Redis.
The client connects at its first command. The budget owns it: the limiter closes it last, after polling and
the updates in hand are done.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import Literal

from aiogram.fsm.storage.base import DefaultKeyBuilder, KeyBuilder, StorageKey
from aiogram.fsm.storage.redis import RedisEventIsolation
from redis.asyncio import Redis

from bot.config import Settings
from bot.delivery.budget_redis import RedisBudget, redis_secret

# A grant waits at most this long for Redis; then this process keeps the limits alone for a while.
CONNECT_TIMEOUT_S = 2.0
COMMAND_TIMEOUT_S = 2.0


class TaggedKeyBuilder(KeyBuilder):
    """aiogram's keys name a chat and a user; these carry a keyed hash of them instead."""

    def __init__(self, prefix: str, secret: bytes) -> None:
        self.prefix = prefix
        self._secret = secret
        self._plain = DefaultKeyBuilder(with_bot_id=True, with_business_connection_id=True, with_destiny=True)

    def build(self, key: StorageKey, part: Literal["data", "state", "lock"] | None = None) -> str:
        plain = self._plain.build(key, part)
        return self.prefix + hmac.new(self._secret, plain.encode(), hashlib.sha256).hexdigest()[:32]


@dataclass(frozen=True)
class RedisLink:
    budget: RedisBudget
    isolation: RedisEventIsolation


def key_prefix(bot_token: str) -> str:
    """`casewatch:{<bot id>}:`: one bot's keys. The braces keep them in one Redis Cluster slot, as a script's
    keys must be; the bot id is public (it is the bot's user id)."""
    return f"casewatch:{{{bot_token.split(':', 1)[0]}}}:"


def link(settings: Settings) -> RedisLink:
    """The shared budget and the event isolation over one client to REDIS_URL (not connected yet)."""
    if not settings.redis_url:
        raise ValueError("REDIS_URL is not set")
    if not settings.bot_token:
        raise ValueError("BOT_TOKEN is not set")
    client = Redis.from_url(
        settings.redis_url, socket_connect_timeout=CONNECT_TIMEOUT_S, socket_timeout=COMMAND_TIMEOUT_S,
        health_check_interval=30,
    )
    secret = redis_secret(settings.bot_token)
    prefix = key_prefix(settings.bot_token)
    budget = RedisBudget(client, prefix=prefix + "send:", secret=secret)
    isolation = RedisEventIsolation(client, key_builder=TaggedKeyBuilder(prefix + "fsm:", secret))
    return RedisLink(budget, isolation)


__all__ = ["RedisLink", "TaggedKeyBuilder", "key_prefix", "link"]
