"""Delivery benchmark: one broadcast to N followers through the real Sender and Limiter, against the stand-in
running as its own process with Telegram's flood limits and 80 ms added to every answer.

    python bench/delivery.py [--followers 10000] [--baseline-n 1000] [--latency-ms 80] [--scale 1]

Prints messages per second over the whole broadcast, 429s received, messages lost, duplicates, sends during a
retry_after wait, and p50/p99 of an interactive reply sent every --reply-every seconds during the broadcast
(same Bot and limiter, default priority); then the common sequential loop (send, sleep 0.05 s, retry on 429)
on a sample of --baseline-n chats, with its rate. The last line is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from aiogram import Bot  # noqa: E402
from aiogram.exceptions import TelegramRetryAfter  # noqa: E402

from bot.clock import SystemClock  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.delivery.limiter import Limiter  # noqa: E402
from bot.delivery.sender import Sender  # noqa: E402
from bot.standin import StandinClient  # noqa: E402
from storage import open_store  # noqa: E402
from storage.crypto import Ids, new_key  # noqa: E402
from tests.delivery.helpers import add_chats, announce, make_bot, register_chats, simple_render  # noqa: E402

BROADCAST_TOKEN = "700001:BENCH"
BASELINE_TOKEN = "700002:BASELINE"
REPLY_CHAT = 5
FIRST_FOLLOWER = 1_000_000


async def start_standin(latency_ms: int, scale: float) -> tuple[asyncio.subprocess.Process, str]:
    """`python -m bot.standin` as its own process; its first line names the address."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.standin", "--host", "127.0.0.1", "--port", "0",
        "--latency-ms", str(latency_ms), "--scale", str(scale),
        cwd=REPO, stdout=asyncio.subprocess.PIPE,
    )
    assert proc.stdout is not None
    line = (await asyncio.wait_for(proc.stdout.readline(), 30)).decode().strip()
    if not line.startswith("listening "):
        raise SystemExit(f"the stand-in said {line!r}")
    return proc, line.split(" ", 1)[1]


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


async def broadcast(url: str, followers: int, senders: int, reply_every: float) -> dict[str, Any]:
    """The engine: N rows in one announcement, sent by the Sender; replies measured meanwhile."""
    chats = list(range(FIRST_FOLLOWER, FIRST_FOLLOWER + followers))
    async with StandinClient(url, BROADCAST_TOKEN) as tg:
        await register_chats(tg, [*chats, REPLY_CHAT], concurrency=64)
        with tempfile.TemporaryDirectory() as tmp:
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
        "lost": sum(1 for c in chats if counts[c] == 0),
        "duplicates": sum(n - 1 for n in counts.values() if n > 1),
        "received_429": stats["received_429"],
        "sent_during_retry_after": stats["sent_during_retry_after"],
        "replies": len(replies),
        "reply_p50_s": round(statistics.median(replies), 3) if replies else None,
        "reply_p99_s": round(percentile(replies, 99), 3) if replies else None,
        "reply_max_s": round(max(replies), 3) if replies else None,
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


async def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--followers", type=int, default=10_000)
    p.add_argument("--baseline-n", type=int, default=1_000)
    p.add_argument("--latency-ms", type=int, default=80)
    p.add_argument("--scale", type=float, default=1.0)
    p.add_argument("--senders", type=int, default=16)
    p.add_argument("--reply-every", type=float, default=2.0)
    args = p.parse_args()

    proc, url = await start_standin(args.latency_ms, args.scale)
    try:
        print(f"stand-in at {url}: latency {args.latency_ms} ms, limits x{args.scale}", flush=True)
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
        if proc.returncode is None:
            proc.terminate()
            try:
                await asyncio.wait_for(proc.wait(), 10)
            except TimeoutError:
                proc.kill()
                await proc.wait()


if __name__ == "__main__":
    asyncio.run(main())
