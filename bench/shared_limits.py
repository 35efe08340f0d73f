"""Several instances, one bot: a broadcast sent by sender processes that share one outbox (SQLite) and one send
budget (in Redis, or in PostgreSQL), against the stand-in as its own process with Telegram's limits and 80 ms
added to every answer.

    python bench/shared_limits.py [--redis redis://127.0.0.1:6379/0] [--pg postgresql://postgres@127.0.0.1/test]
        [--budget redis --budget pg --budget none] [--instances 3] [--followers 1500] [--latency-ms 80]
        [--reply-every 0.5] [--squeeze-s 0] [--no-local]

Each run: the followers' rows are queued at once and --instances processes (tests/delivery/sender_proc.py) send
them; meanwhile this process, a further instance on the same budget, sends an interactive reply every
--reply-every seconds (to ten chats in turn) and times it. Prints messages per second over the broadcast, 429s received, sends the
stand-in got during a retry_after it had given, lost and duplicate messages, and the replies' p50/p99.
Runs once per --budget, in the order given: `redis` (needs --redis), `pg` (the budget's tables in a schema
of their own on --pg, dropped afterwards), `none` (every process keeps the limits alone: the comparison). Without
--budget: each shared budget whose URL is given, then `none` (unless --no-local). --squeeze-s N: a third of the way through, the stand-in halves its limits for N
seconds, so 429s come and the pauses they bring are tested across processes. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import secrets
import signal
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from redis.asyncio import Redis  # noqa: E402

from bench.delivery import FIRST_FOLLOWER, delivered, postgres_schema  # noqa: E402
from bench.processes import start_sender, start_standin, stop  # noqa: E402
from bot.clock import SystemClock  # noqa: E402
from bot.delivery.budget import Budget  # noqa: E402
from bot.delivery.budget_pg import PgBudget, budget_secret  # noqa: E402
from bot.delivery.budget_redis import RedisBudget, redis_secret  # noqa: E402
from bot.delivery.limiter import Limiter  # noqa: E402
from bot.standin import StandinClient  # noqa: E402
from storage import open_store  # noqa: E402
from storage.crypto import new_key  # noqa: E402
from tests.delivery.helpers import add_chats, announce, make_bot, register_chats  # noqa: E402

# Replies go to these chats in turn: one chat's own limit (one a second) must not be what is measured.
REPLY_CHATS = list(range(5, 15))


async def run(url: str, *, followers: int, instances: int, redis_url: str | None, reply_every: float,
              squeeze_s: float, database_url: str | None = None, pg_url: str | None = None) -> dict[str, Any]:
    """One broadcast through `instances` sender processes; with `redis_url` (or `pg_url`), on one shared budget.
    The outbox is in `database_url` (an empty, migrated database: bench/delivery.py passes a PostgreSQL schema),
    else in a temporary SQLite file."""
    token = f"{700100 + secrets.randbelow(10**5)}:SHARED"
    prefix = f"casewatch:bench:{secrets.token_hex(4)}:"
    chats = list(range(FIRST_FOLLOWER, FIRST_FOLLOWER + followers))
    procs: list[asyncio.subprocess.Process] = []
    async with StandinClient(url, token) as tg:
        await register_chats(tg, [*chats, *REPLY_CHATS], concurrency=64)
        with tempfile.TemporaryDirectory() as tmp:
            db = database_url or f"sqlite:///{Path(tmp) / 'shared.db'}"
            store = await open_store(db)
            clock = SystemClock()
            await add_chats(store, chats, clock.timestamp())
            budget: Budget | None = None
            if redis_url:
                budget = RedisBudget(Redis.from_url(redis_url), prefix=prefix, secret=redis_secret(token))
            elif pg_url:
                budget = PgBudget(await open_store(pg_url, migrate=False), secret=budget_secret(token),
                                  own_store=True)
            bot = make_bot(url, token)
            limiter = Limiter(budget=budget)  # this process: the instance answering a user
            bot.session.middleware(limiter)
            replies: list[float] = []
            extra = ["--redis", redis_url, "--prefix", prefix] if redis_url else ["--pg", pg_url] if pg_url else []
            try:
                for n in range(instances):
                    procs.append(await start_sender(db, url, token, f"bench-{os.getpid()}-{n}", *extra))
                done = asyncio.Event()

                async def reply_loop() -> None:
                    while not done.is_set():
                        started = time.monotonic()
                        chat = REPLY_CHATS[len(replies) % len(REPLY_CHATS)]
                        await bot.send_message(chat, "your cases: …")  # default priority: interactive
                        replies.append(time.monotonic() - started)
                        with contextlib.suppress(TimeoutError):
                            await asyncio.wait_for(done.wait(), reply_every)

                started = time.monotonic()
                await announce(store, chats, now=clock.timestamp(), key="shared")
                replier = asyncio.create_task(reply_loop())
                squeezed: asyncio.Task[None] | None = None

                async def squeeze() -> None:
                    await tg.config(scale=0.5)
                    await asyncio.sleep(squeeze_s)
                    await tg.config(scale=1.0)

                deadline = started + followers / 5 + 120
                while time.monotonic() < deadline:
                    sent = (await tg.stats())["sent"] - len(replies)
                    if squeeze_s > 0 and squeezed is None and sent >= followers // 3:
                        squeezed = asyncio.create_task(squeeze())
                    if sent >= followers:
                        break
                    await asyncio.sleep(0.05)
                elapsed = time.monotonic() - started
                done.set()
                await replier
                if squeezed is not None:
                    await squeezed
            finally:
                for proc in procs:
                    if proc.returncode is None:
                        proc.send_signal(signal.SIGTERM)
                for proc in procs:
                    await proc.wait()
                await limiter.close()
                await bot.session.close()
                await store.close()
                if redis_url:
                    cleanup = Redis.from_url(redis_url)
                    keys = [key async for key in cleanup.scan_iter(match=prefix + "*")]
                    if keys:
                        await cleanup.delete(*keys)
                    await cleanup.aclose()
        records = await tg.sent(method="sendMessage")
        stats = await tg.stats()
    counts = Counter(r.chat_id for r in records if r.chat_id not in REPLY_CHATS)
    return {
        "backend": "postgres" if db.startswith("postgres") else "sqlite",
        "budget": "redis" if redis_url else "postgresql" if pg_url else "each process alone",
        "instances": instances,
        "followers": followers,
        "seconds": round(elapsed, 2),
        "msgs_per_s": round(sum(counts.values()) / elapsed, 2),
        "with_replies_msgs_per_s": round(len(records) / elapsed, 2),
        **delivered(chats, counts, stats, replies),
    }


def _line(r: dict[str, Any]) -> str:
    return (
        f"{r['backend']}, {r['budget']}: {r['instances']} instances, {r['followers']} followers in {r['seconds']} s = "
        f"{r['msgs_per_s']} msg/s ({r['with_replies_msgs_per_s']} with the replies); lost {r['lost']}, duplicates {r['duplicates']}, 429s {r['received_429']}, "
        f"sent during retry_after {r['sent_during_retry_after']}; {r['replies']} replies p50 {r['reply_p50_s']} s, "
        f"p99 {r['reply_p99_s']} s, max {r['reply_max_s']} s"
    )


async def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--redis", help="redis://host:port/db")
    p.add_argument("--pg", help="postgresql://user@host:port/db (a schema of the run's own is made there)")
    p.add_argument("--budget", action="append", choices=["redis", "pg", "none"],
                   help="a run with this budget (repeat for several, in order)")
    p.add_argument("--instances", type=int, default=3)
    p.add_argument("--followers", type=int, default=1500)
    p.add_argument("--latency-ms", type=int, default=80)
    p.add_argument("--reply-every", type=float, default=0.5)
    p.add_argument("--squeeze-s", type=float, default=0.0)
    p.add_argument("--no-local", action="store_true", help="leave out the run without the shared budget")
    args = p.parse_args()
    budgets: list[str] = args.budget or [
        *(["redis"] if args.redis else []), *(["pg"] if args.pg else []), *([] if args.no_local else ["none"])
    ]
    for needs, given in (("redis", args.redis), ("pg", args.pg)):
        if needs in budgets and not given:
            p.error(f"--budget {needs} needs --{needs}")
    os.environ.setdefault("DATA_KEY", new_key())  # the sender processes open the same database with it

    proc, url = await start_standin(args.latency_ms, 1.0)
    figures: dict[str, Any] = {"latency_ms": args.latency_ms, "squeeze_s": args.squeeze_s}
    try:
        print(f"stand-in at {url}: latency {args.latency_ms} ms, Telegram's limits", flush=True)
        kw: dict[str, Any] = dict(followers=args.followers, instances=args.instances, reply_every=args.reply_every,
                                  squeeze_s=args.squeeze_s)
        for budget in budgets:
            if budget == "pg":
                async with postgres_schema(args.pg) as pg_url:
                    result = await run(url, redis_url=None, pg_url=pg_url, **kw)
            else:
                result = await run(url, redis_url=args.redis if budget == "redis" else None, **kw)
            print(_line(result), flush=True)
            figures["alone" if budget == "none" else budget] = result
        print(json.dumps(figures), flush=True)
    finally:
        await stop(proc)


if __name__ == "__main__":
    asyncio.run(main())
