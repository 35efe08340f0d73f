"""A sender in a process of its own, for the kill -9 test and the benchmark.

    python -m tests.delivery.sender_proc (--db PATH | --url DATABASE_URL) --api URL --token TOKEN [--worker ID]
        [--scale S] [--senders N] [--redis URL --prefix KEYS | --pg URL]

Opens the SQLite file (or any DATABASE_URL, e.g. PostgreSQL), starts a real Sender (system clock) against the Bot API at URL, prints `ready`, and sends
until SIGTERM (then stops cleanly) or SIGKILL (the point of the test). With --redis, its limiter's budget is
shared in Redis under the key prefix KEYS (several such processes keep the limits together); with --pg, in the
tables of that PostgreSQL database (its URL may name a schema with `?search_path=`).
"""

from __future__ import annotations

import argparse
import asyncio
import signal

from bot.clock import SystemClock
from bot.config import Settings
from bot.delivery.budget import Budget
from bot.delivery.limiter import Limiter
from bot.delivery.sender import Sender
from storage import open_store
from tests.delivery.helpers import make_bot, simple_render


async def main() -> None:
    p = argparse.ArgumentParser()
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--db")
    where.add_argument("--url")
    p.add_argument("--api", required=True)
    p.add_argument("--token", required=True)
    p.add_argument("--worker", default="proc-worker")
    p.add_argument("--scale", type=float, default=1.0)
    p.add_argument("--senders", type=int, default=16)
    p.add_argument("--redis", default=None)
    p.add_argument("--prefix", default="casewatch:bench:")
    p.add_argument("--pg", default=None)
    args = p.parse_args()

    settings = Settings(bot_token=args.token, senders=args.senders, instance_id=args.worker)
    store = await open_store(args.url or f"sqlite:///{args.db}")
    bot = make_bot(args.api, args.token)
    budget: Budget | None = None
    if args.redis:
        from redis.asyncio import Redis

        from bot.delivery.budget_redis import RedisBudget, redis_secret

        budget = RedisBudget(Redis.from_url(args.redis), prefix=args.prefix, secret=redis_secret(args.token))
    elif args.pg:
        from bot.delivery.budget_pg import PgBudget, budget_secret

        budget = PgBudget(await open_store(args.pg, migrate=False), secret=budget_secret(args.token), own_store=True)
    limiter = Limiter(settings, scale=args.scale, budget=budget)
    bot.session.middleware(limiter)
    sender = Sender(store, bot, SystemClock(), settings, limiter, simple_render)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    await sender.start()
    print("ready", flush=True)
    try:
        await stop.wait()
    finally:
        await sender.stop()
        await limiter.close()
        await bot.session.close()
        await store.close()


if __name__ == "__main__":
    asyncio.run(main())
