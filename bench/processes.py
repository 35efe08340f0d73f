"""The processes the delivery benchmarks run beside themselves: the stand-in and sender processes.

Each is this Python running a module of the repository; a start returns once the process has said it is up, and
a process that says anything else (or nothing in time) is killed before the benchmark gives up.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# Minutes, not seconds: on a busy two-core machine importing aiogram alone can take a while.
READY_TIMEOUT_S = 180
SEND_SLOTS = 16


async def _first_line(proc: asyncio.subprocess.Process, what: str, up: Callable[[str], bool]) -> str:
    """The first line `proc` prints, if it says the process is up; else the process is killed and the run ends."""
    assert proc.stdout is not None
    try:
        line = (await asyncio.wait_for(proc.stdout.readline(), READY_TIMEOUT_S)).decode().strip()
    except TimeoutError:
        line = "nothing in time"
    if not up(line):
        proc.kill()  # it is no one's to stop otherwise
        await proc.wait()
        raise SystemExit(f"the {what} said {line!r}")
    return line


async def start_standin(latency_ms: int, scale: float) -> tuple[asyncio.subprocess.Process, str]:
    """`python -m bot.standin` with `latency_ms` added to every answer and its limits times `scale`; returns the
    process and its address."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.standin", "--host", "127.0.0.1", "--port", "0",
        "--latency-ms", str(latency_ms), "--scale", str(scale),
        cwd=REPO, stdout=asyncio.subprocess.PIPE,
    )
    line = await _first_line(proc, "stand-in", lambda line: line.startswith("listening "))
    return proc, line.split(" ", 1)[1]


async def start_sender(database_url: str, api: str, token: str, worker: str, *options: str) -> asyncio.subprocess.Process:
    """A sender process (tests/delivery/sender_proc.py, SEND_SLOTS sends at a time) on the outbox at
    `database_url`, sending to the Bot API at `api` as instance `worker`; `options` go to it as they are
    (`--scale`, `--redis`, `--pg`). Returns once it says `ready`."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.delivery.sender_proc", "--url", database_url, "--api", api, "--token", token,
        "--worker", worker, "--senders", str(SEND_SLOTS), *options,
        cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, stdout=asyncio.subprocess.PIPE,
    )
    await _first_line(proc, "sender process", lambda line: line == "ready")
    return proc


async def stop(proc: asyncio.subprocess.Process, grace_s: float = 10) -> None:
    """SIGTERM, and SIGKILL if the process is still there after `grace_s`."""
    if proc.returncode is not None:
        return
    proc.terminate()
    try:
        await asyncio.wait_for(proc.wait(), grace_s)
    except TimeoutError:
        proc.kill()
        await proc.wait()
