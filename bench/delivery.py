"""Delivery benchmark: one broadcast to N followers through the real Sender and Limiter, against the stand-in
running as its own process with Telegram's flood limits and 80 ms added to every answer.

    python bench/delivery.py [--followers 10000] [--baseline-n 1000] [--latency-ms 80] [--scale 1]

Prints messages per second over the whole broadcast, 429s received, messages lost, duplicates, sends during a
retry_after wait, and p50/p99 of an interactive reply sent every --reply-every seconds during the broadcast
(same Bot and limiter, default priority); then the common sequential loop (send, sleep 0.05 s, retry on 429)
on a sample of --baseline-n chats, with its rate. The last line is one JSON object with every figure.

    python bench/delivery.py --recovery [--followers 1000] [--burst-followers 300] [--burst-s 5]

(--followers 0 leaves out the kill -9 part.)

    python bench/delivery.py --instances 3 --backend postgres --postgres URL [--redis URL] [--followers 1500]

several instances: the one-process SQLite broadcast above, then the same broadcast sent by --instances sender
processes on one PostgreSQL outbox (a schema of its own on the server at URL, dropped afterwards), three times:
with the send budget shared in Redis; shared through PostgreSQL alone (a deployment without Redis); and, for
comparison, with each process keeping the limits alone (then the instances share nothing). Replies are timed
from a further instance on the same budget (bench/shared_limits.py does the multi-process part).

measures recovery instead. kill -9: a sender process (tests/delivery/sender_proc.py) is killed a quarter of the
way through a broadcast and another one (a different instance id, as after a real restart) started; it prints
how long after the kill the rows that were in `sending` went out, and lost and duplicate messages. 5xx burst:
every sendMessage fails for --burst-s seconds in the middle of a broadcast; it prints how many messages were
still waiting 10 and 30 s after the burst ended, and how long after it the outbox was empty.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from aiogram import Bot  # noqa: E402
from aiogram.exceptions import TelegramRetryAfter  # noqa: E402

from bench.processes import start_sender, start_standin, stop  # noqa: E402
from bot.clock import SystemClock  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.delivery.limiter import Limiter  # noqa: E402
from bot.delivery.sender import Sender  # noqa: E402
from bot.standin import StandinClient  # noqa: E402
from storage import open_store  # noqa: E402
from storage.crypto import Ids, new_key  # noqa: E402
from tests.delivery.helpers import (  # noqa: E402
    add_chats,
    announce,
    make_bot,
    outbox_rows,
    register_chats,
    simple_render,
)

BROADCAST_TOKEN = "700001:BENCH"
BASELINE_TOKEN = "700002:BASELINE"
REPLY_CHAT = 5
FIRST_FOLLOWER = 1_000_000


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def delivered(chats: list[int], counts: Counter[int | None], stats: dict[str, Any], replies: list[float]) -> dict[str, Any]:
    """A broadcast's figures beside its speed: what each of `chats` got (`counts` messages), what the stand-in
    saw (`stats`), and how long the interactive replies took."""
    return {
        "lost": sum(1 for c in chats if counts[c] == 0),
        "duplicates": sum(n - 1 for n in counts.values() if n > 1),
        "received_429": stats["received_429"],
        "sent_during_retry_after": stats["sent_during_retry_after"],
        "replies": len(replies),
        "reply_p50_s": round(statistics.median(replies), 3) if replies else None,
        "reply_p99_s": round(percentile(replies, 99), 3) if replies else None,
        "reply_max_s": round(max(replies), 3) if replies else None,
    }


async def broadcast(url: str, followers: int, senders: int, reply_every: float) -> dict[str, Any]:
    """The engine: N rows in one announcement, sent by the Sender; replies measured meanwhile."""
    chats = list(range(FIRST_FOLLOWER, FIRST_FOLLOWER + followers))
    async with StandinClient(url, BROADCAST_TOKEN) as tg:
        await register_chats(tg, [*chats, REPLY_CHAT], concurrency=64)
        with tempfile.TemporaryDirectory() as tmp:
            # A throwaway key: only has to exist, so left random.
            store = await open_store(f"sqlite:///{Path(tmp) / 'bench.db'}", ids=Ids(new_key()))
            clock = SystemClock()
            settings = Settings(bot_token=BROADCAST_TOKEN, senders=senders, instance_id="bench")
            bot = make_bot(url, BROADCAST_TOKEN)
            limiter = Limiter(settings)
            bot.session.middleware(limiter)
            sender = Sender(store, bot, clock, settings, limiter, simple_render)
            try:
                await add_chats(store, chats, clock.timestamp())
                await sender.start()
                replies: list[float] = []
                done = asyncio.Event()

                async def reply_loop() -> None:
                    while not done.is_set():
                        started = time.monotonic()
                        await bot.send_message(REPLY_CHAT, "your cases: …")  # default priority: interactive
                        replies.append(time.monotonic() - started)
                        with contextlib.suppress(TimeoutError):
                            await asyncio.wait_for(done.wait(), reply_every)

                started = time.monotonic()
                await announce(store, chats, now=clock.timestamp(), key="bench")
                sender.wake()
                replier = asyncio.create_task(reply_loop())
                drained = await sender.drain(timeout=followers / 5 + 60)
                elapsed = time.monotonic() - started
                done.set()
                await replier
            finally:
                await sender.stop()
                await limiter.close()
                await bot.session.close()
                await store.close()
        records = await tg.sent(method="sendMessage")
        stats = await tg.stats()
    counts = Counter(r.chat_id for r in records if r.chat_id != REPLY_CHAT)
    return {
        "followers": followers,
        "drained": drained,
        "seconds": round(elapsed, 2),
        "msgs_per_s": round(sum(counts.values()) / elapsed, 2),
        **delivered(chats, counts, stats, replies),
    }


async def baseline(url: str, n: int) -> dict[str, Any]:
    """The common loop: send, sleep 0.05 s, on 429 sleep retry_after and send again. No limiter."""
    chats = list(range(FIRST_FOLLOWER, FIRST_FOLLOWER + n))
    async with StandinClient(url, BASELINE_TOKEN) as tg:
        await register_chats(tg, chats, concurrency=64)
        bot: Bot = make_bot(url, BASELINE_TOKEN)
        try:
            started = time.monotonic()
            for chat in chats:
                while True:
                    try:
                        await bot.send_message(chat, f"<b>baseline</b> for {chat}")
                        break
                    except TelegramRetryAfter as exc:
                        await asyncio.sleep(exc.retry_after)
                await asyncio.sleep(0.05)
            elapsed = time.monotonic() - started
        finally:
            await bot.session.close()
        stats = await tg.stats()
    return {
        "baseline_n": n,
        "baseline_seconds": round(elapsed, 2),
        "baseline_msgs_per_s": round(n / elapsed, 2),
        "baseline_received_429": stats["received_429"],
    }


async def _wait_sent(tg: StandinClient, n: int, timeout: float = 120) -> None:  # noqa: ASYNC109
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if (await tg.stats())["sent"] >= n:
            return
        await asyncio.sleep(0.01)
    raise SystemExit(f"fewer than {n} messages sent in {timeout} s")


async def crash_recovery(url: str, followers: int, scale: float) -> dict[str, Any]:
    """kill -9 a sender process mid-broadcast, start another: when do the rows that were in flight go out?"""
    token = "700003:CRASH"
    chats = list(range(FIRST_FOLLOWER, FIRST_FOLLOWER + followers))
    async with StandinClient(url, token) as tg:
        await register_chats(tg, chats, concurrency=64)
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "crash.db"
            store = await open_store(f"sqlite:///{db}")
            clock = SystemClock()
            await add_chats(store, chats, clock.timestamp())
            await announce(store, chats, now=clock.timestamp(), key="crash")
            await store.close()
            first = await start_sender(f"sqlite:///{db}", url, token, f"bench-{os.getpid()}-1", "--scale", str(scale))
            await _wait_sent(tg, followers // 4)
            first.send_signal(signal.SIGKILL)
            killed = time.monotonic()
            await first.wait()
            store = await open_store(f"sqlite:///{db}")
            try:
                in_flight = {r["id"] for r in await outbox_rows(store) if r["state"] == "sending"}
                second = await start_sender(f"sqlite:///{db}", url, token, f"bench-{os.getpid()}-2",
                                            "--scale", str(scale))
                ready = time.monotonic()
                in_flight_done = all_done = None
                try:
                    while time.monotonic() - killed < 300 and all_done is None:
                        rows = {r["id"]: r["state"] for r in await outbox_rows(store)}
                        if in_flight_done is None and all(rows[i] == "sent" for i in in_flight):
                            in_flight_done = time.monotonic()
                        if all(state == "sent" for state in rows.values()):
                            all_done = time.monotonic()
                        await asyncio.sleep(0.05)
                finally:
                    second.send_signal(signal.SIGTERM)
                    await second.wait()
            finally:
                await store.close()
        counts = Counter(r.chat_id for r in await tg.sent(method="sendMessage"))
    return {
        "crash_followers": followers,
        "in_flight_at_kill": len(in_flight),
        "restart_s": round(ready - killed, 2),
        "in_flight_sent_after_kill_s": round(in_flight_done - killed, 2) if in_flight_done else None,
        "in_flight_sent_after_restart_s": round(in_flight_done - ready, 2) if in_flight_done else None,
        "all_sent_after_kill_s": round(all_done - killed, 2) if all_done else None,
        "crash_lost": sum(1 for c in chats if counts[c] == 0),
        "crash_duplicates": sum(n - 1 for n in counts.values() if n > 1),
    }


async def server_error_burst(url: str, followers: int, scale: float, burst_s: float) -> dict[str, Any]:
    """Every sendMessage answers 5xx for `burst_s` seconds mid-broadcast: how soon is the queue empty after?"""
    token = "700004:BURST"
    chats = list(range(FIRST_FOLLOWER, FIRST_FOLLOWER + followers))
    async with StandinClient(url, token) as tg:
        await register_chats(tg, chats, concurrency=64)
        with tempfile.TemporaryDirectory() as tmp:
            store = await open_store(f"sqlite:///{Path(tmp) / 'burst.db'}")
            clock = SystemClock()
            settings = Settings(bot_token=token, senders=16, instance_id="bench-burst")
            bot = make_bot(url, token)
            limiter = Limiter(settings, scale=scale)
            bot.session.middleware(limiter)
            sender = Sender(store, bot, clock, settings, limiter, simple_render)
            waiting: dict[int, int] = {}
            try:
                await add_chats(store, chats, clock.timestamp())
                await sender.start()
                await announce(store, chats, now=clock.timestamp(), key="burst")
                sender.wake()
                await _wait_sent(tg, followers // 10)
                await tg.fail("sendMessage", 10**9, "5xx")
                await asyncio.sleep(burst_s)
                await tg.fail("sendMessage", 0)
                burst_ended = time.monotonic()
                hit = {r["id"] for r in await outbox_rows(store) if r["attempts"] > 0 and r["state"] != "sent"}
                done_at = hit_done_at = None
                while time.monotonic() - burst_ended < 600:
                    rows = await outbox_rows(store)
                    left = sum(1 for r in rows if r["state"] in ("pending", "sending"))
                    if hit_done_at is None and all(r["state"] == "sent" for r in rows if r["id"] in hit):
                        hit_done_at = time.monotonic()
                    after = time.monotonic() - burst_ended
                    for mark in (10, 30):
                        if after >= mark and mark not in waiting:
                            waiting[mark] = left
                    if left == 0:
                        done_at = time.monotonic()
                        break
                    await asyncio.sleep(0.05)
            finally:
                await sender.stop()
                await limiter.close()
                await bot.session.close()
                await store.close()
        counts_sent = Counter(r.chat_id for r in await tg.sent(method="sendMessage"))
        stats = await tg.stats()
    return {
        "burst_followers": followers,
        "burst_s": burst_s,
        "hit_by_burst": len(hit),
        "errors_5xx": sum(n for code, n in stats.get("errors", {}).items() if str(code).startswith("5")),
        "waiting_10s_after_burst": waiting.get(10, 0),
        "waiting_30s_after_burst": waiting.get(30, 0),
        "drained_after_burst_s": round(done_at - burst_ended, 2) if done_at else None,
        "hit_sent_after_burst_s": round(hit_done_at - burst_ended, 2) if hit_done_at else None,
        "burst_lost": sum(1 for c in chats if counts_sent[c] == 0),
        "burst_duplicates": sum(n - 1 for n in counts_sent.values() if n > 1),
    }


async def recovery(
    url: str, followers: int, burst_followers: int, scale: float, burst_s: float
) -> dict[str, Any]:
    os.environ.setdefault("DATA_KEY", new_key())  # this process and the sender processes open one database with it
    crash = await crash_recovery(url, followers, scale) if followers > 0 else {}
    if crash:
        print(
            f"kill -9:  {crash['in_flight_at_kill']} rows in sending at the kill; restarted after "
            f"{crash['restart_s']} s; they went out {crash['in_flight_sent_after_kill_s']} s after the kill "
            f"({crash['in_flight_sent_after_restart_s']} s after the restart); all {followers} sent after "
            f"{crash['all_sent_after_kill_s']} s; lost {crash['crash_lost']}, duplicates {crash['crash_duplicates']}",
            flush=True,
        )
    burst = await server_error_burst(url, burst_followers, scale, burst_s)
    print(
        f"5xx:      {burst['burst_s']} s of 5xx in a broadcast to {burst_followers} ({burst['errors_5xx']} errors, "
        f"{burst['hit_by_burst']} messages hit, all sent {burst['hit_sent_after_burst_s']} s after it); "
        f"waiting 10 s after: "
        f"{burst['waiting_10s_after_burst']}, 30 s after: {burst['waiting_30s_after_burst']}; outbox empty "
        f"{burst['drained_after_burst_s']} s after the burst; lost {burst['burst_lost']}, "
        f"duplicates {burst['burst_duplicates']}",
        flush=True,
    )
    return {**crash, **burst}


@contextlib.asynccontextmanager
async def postgres_schema(server_url: str) -> AsyncIterator[str]:
    """A new, migrated schema on the server (as a DATABASE_URL), dropped afterwards."""
    import secrets

    import asyncpg

    from tests.pg import with_search_path

    schema = f"cw_bench_{secrets.token_hex(4)}"  # random: runs never share one
    con = await asyncpg.connect(server_url, timeout=10)
    try:
        await con.execute(f'CREATE SCHEMA "{schema}"')
        url = with_search_path(server_url, schema)
        store = await open_store(url)
        await store.close()
        yield url
    finally:
        await con.execute(f'DROP SCHEMA "{schema}" CASCADE')
        await con.close()


async def instances(url: str, args: argparse.Namespace) -> dict[str, Any]:
    """The one-process SQLite broadcast, then `--instances` processes on PostgreSQL: the budget in Redis, in
    PostgreSQL (no Redis), and kept by each process alone."""
    from bench.shared_limits import _line, run

    os.environ.setdefault("DATA_KEY", new_key())  # the sender processes open the same database with it
    figures: dict[str, Any] = {}
    one = await broadcast(url, args.followers, args.senders, args.reply_every)
    print(f"sqlite, 1 process: {one['followers']} followers in {one['seconds']} s = {one['msgs_per_s']} msg/s; "
          f"lost {one['lost']}, duplicates {one['duplicates']}, 429s {one['received_429']}, sent during "
          f"retry_after {one['sent_during_retry_after']}; {one['replies']} replies p50 {one['reply_p50_s']} s, "
          f"p99 {one['reply_p99_s']} s", flush=True)
    figures["sqlite_1"] = one
    kw: dict[str, Any] = dict(followers=args.followers, instances=args.instances, reply_every=args.reply_every,
                              squeeze_s=0.0)
    for name in ("postgres_redis", "postgres_pg", "postgres_alone"):
        if name == "postgres_redis" and not args.redis:
            print("no --redis: the Redis-budget run is left out", flush=True)
            continue
        async with postgres_schema(args.postgres) as database_url:
            result = await run(url, redis_url=args.redis if name == "postgres_redis" else None,
                               database_url=database_url,
                               pg_url=database_url if name == "postgres_pg" else None, **kw)
        print(_line(result), flush=True)
        figures[name] = result
    return figures


async def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--followers", type=int, default=10_000)
    p.add_argument("--baseline-n", type=int, default=1_000)
    p.add_argument("--latency-ms", type=int, default=80)
    p.add_argument("--scale", type=float, default=1.0)
    p.add_argument("--senders", type=int, default=16)
    p.add_argument("--reply-every", type=float, default=2.0)
    p.add_argument("--recovery", action="store_true", help="measure kill -9 and 5xx-burst recovery instead")
    p.add_argument("--burst-s", type=float, default=5.0)
    p.add_argument("--burst-followers", type=int, default=300)
    p.add_argument("--instances", type=int, default=1, help="sender processes on one outbox (with --backend)")
    p.add_argument("--backend", choices=("sqlite", "postgres"), default="sqlite")
    p.add_argument("--postgres", default=os.environ.get("TEST_POSTGRES_URL"),
                   help="a PostgreSQL server for --backend postgres (default: $TEST_POSTGRES_URL)")
    p.add_argument("--redis", default=os.environ.get("TEST_REDIS_URL"),
                   help="a Redis for the shared budget (default: $TEST_REDIS_URL)")
    args = p.parse_args()
    if args.backend == "postgres" and not args.postgres:
        raise SystemExit("--backend postgres needs --postgres URL (or TEST_POSTGRES_URL)")

    proc, url = await start_standin(args.latency_ms, args.scale)
    try:
        print(f"stand-in at {url}: latency {args.latency_ms} ms, limits x{args.scale}", flush=True)
        if args.recovery:
            followers = args.followers if args.followers != 10_000 else 1_000
            figures = await recovery(url, followers, args.burst_followers, args.scale, args.burst_s)
            figures.update(latency_ms=args.latency_ms, scale=args.scale)
            print(json.dumps(figures), flush=True)
            return
        if args.backend == "postgres":
            figures = await instances(url, args)
            figures.update(latency_ms=args.latency_ms, scale=args.scale, instances=args.instances)
            print(json.dumps(figures), flush=True)
            return
        result = await broadcast(url, args.followers, args.senders, args.reply_every)
        print(
            f"engine:   {result['followers']} followers in {result['seconds']} s = {result['msgs_per_s']} msg/s; "
            f"lost {result['lost']}, duplicates {result['duplicates']}, 429s {result['received_429']}, "
            f"sent during retry_after {result['sent_during_retry_after']}",
            flush=True,
        )
        print(
            f"replies:  {result['replies']} during the broadcast, p50 {result['reply_p50_s']} s, "
            f"p99 {result['reply_p99_s']} s, max {result['reply_max_s']} s",
            flush=True,
        )
        if args.baseline_n > 0:
            base = await baseline(url, args.baseline_n)
            print(
                f"baseline: {base['baseline_n']} sequential sends in {base['baseline_seconds']} s = "
                f"{base['baseline_msgs_per_s']} msg/s (429s {base['baseline_received_429']})",
                flush=True,
            )
            result.update(base)
        result.update(latency_ms=args.latency_ms, scale=args.scale, senders=args.senders)
        print(json.dumps(result), flush=True)
    finally:
        await stop(proc)


if __name__ == "__main__":
    asyncio.run(main())
