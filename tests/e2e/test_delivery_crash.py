"""kill -9 in the middle of a broadcast, restart: everyone gets the message; only rows in `sending` repeat.

The restarted process has another instance id (as a real one does: it carries the pid), so the rows the dead
one left in `sending` come back through its heartbeat running out, not through the two-minute claim lease.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from pathlib import Path

import pytest

from bot.clock import SystemClock
from bot.standin import StandinClient, StandinServer, random_token
from storage import open_store
from tests.delivery.helpers import add_chats, announce, outbox_rows, per_chat, register_chats
from tests.processes import PROCESS_TEST_TIMEOUT_S, START_S

pytestmark = [pytest.mark.slow, pytest.mark.timeout(PROCESS_TEST_TIMEOUT_S)]  # kills and restarts a sender process

REPO = Path(__file__).resolve().parents[2]
SENDERS = 16
CLAIM_LEASE_S = 120  # how long a sender's claim on a row holds (the Sender's default)


def _text(path: Path) -> str:
    return path.read_text(errors="replace")


async def _spawn(
    db: Path, api: str, token: str, scale: float, log: Path, worker: str
) -> asyncio.subprocess.Process:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with log.open("ab") as err:  # the child keeps its own copy of the descriptor
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tests.delivery.sender_proc", "--db", str(db), "--api", api, "--token", token,
            "--worker", worker, "--scale", str(scale), "--senders", str(SENDERS),
            cwd=REPO, env=env, stdout=asyncio.subprocess.PIPE, stderr=err,
        )
    assert proc.stdout is not None
    try:
        line = await asyncio.wait_for(proc.stdout.readline(), START_S)
    except TimeoutError:
        proc.kill()
        await proc.wait()
        raise
    assert line.strip() == b"ready", (line, _text(log))
    return proc


async def _end(proc: asyncio.subprocess.Process, sig: int) -> None:
    if proc.returncode is None:
        proc.send_signal(sig)
    try:
        await asyncio.wait_for(proc.wait(), 15)
    except TimeoutError:
        proc.kill()
        await proc.wait()
    if proc.stdout is not None:
        await proc.stdout.read()


async def test_kill_9_mid_broadcast_then_restart(standin: StandinServer, tmp_path: Path) -> None:
    db = tmp_path / "crash.db"
    log = tmp_path / "sender.log"
    chats = [20_000 + i for i in range(300)]
    clock = SystemClock()
    store = await open_store(f"sqlite:///{db}")
    try:
        await add_chats(store, chats, clock.timestamp())
        await announce(store, chats, now=clock.timestamp(), key="crash")
    finally:
        await store.close()

    async with StandinClient(standin.base_url, random_token()) as tg:
        scale = 4  # 120 messages a second, every answer 80 ms late: many sends in flight at the kill
        await tg.config(scale=scale, latency_ms=80)
        await register_chats(tg, chats)
        first = await _spawn(db, standin.base_url, tg.token, scale, log, "host-1111")
        procs = [first]
        try:
            while (await tg.stats())["sent"] < 100:
                assert first.returncode is None, _text(log)
                await asyncio.sleep(0.01)
            killed = time.monotonic()
            first.kill()  # SIGKILL: no cleanup of any kind
            await _end(first, signal.SIGKILL)

            store = await open_store(f"sqlite:///{db}")
            try:
                at_kill = await outbox_rows(store)
            finally:
                await store.close()
            in_sending = {r["chat_id"] for r in at_kill if r["state"] == "sending"}
            sent_at_kill = sum(1 for r in at_kill if r["state"] == "sent")
            assert len(in_sending) <= SENDERS
            assert sent_at_kill < len(chats)  # it really died mid-broadcast

            second = await _spawn(db, standin.base_url, tg.token, scale, log, "host-2222")
            procs.append(second)
            restarted = time.monotonic()
            store = await open_store(f"sqlite:///{db}")
            try:
                # Inside the claim lease (120 s from a claim, and every claim the dead sender left was made before
                # the kill): all sent by then means its rows came back through its heartbeat (8 s), however long
                # the busy machine took to start the second sender.
                while time.monotonic() - killed < CLAIM_LEASE_S - 10:
                    rows = await outbox_rows(store)
                    if all(r["state"] == "sent" for r in rows):
                        break
                    assert second.returncode is None, _text(log)
                    await asyncio.sleep(0.02)
                recovered_s = time.monotonic() - restarted
            finally:
                await store.close()
            await _end(second, signal.SIGTERM)
            assert second.returncode == 0, _text(log)
            assert all(r["state"] == "sent" for r in rows)
            counts = per_chat(await tg.sent())
        finally:
            for proc in procs:
                if proc.returncode is None:
                    await _end(proc, signal.SIGKILL)

    assert set(counts) == set(chats)  # every recipient got the message
    repeated = {cid for cid, n in counts.items() if n > 1}
    duplicates = sum(n - 1 for n in counts.values())
    # Only rows that were in `sending` at the kill can repeat, each at most once: ≤ SENDERS.
    assert repeated <= in_sending, (repeated, in_sending)
    assert duplicates <= len(in_sending) <= SENDERS
    print(f"in sending at the kill: {len(in_sending)}, duplicates after restart: {duplicates}, "
          f"all sent {recovered_s:.1f} s after the restart")
