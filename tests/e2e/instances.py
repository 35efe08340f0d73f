"""Several `casewatch run` processes on one PostgreSQL, one Redis and one Telegram stand-in.

One instance polls; the others run with `--no-updates` (they send from the outbox and compete for the
scheduler lease). Telegram hands updates to one poller at a time (a second getUpdates ends the first with
409 Conflict, and the stand-in does the same), so several pollers would only fight; in production the
instances take updates by webhook behind one address instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg

from tests import pg
from tests.processes import START_S as START_TIMEOUT_S

REPO = Path(__file__).resolve().parents[2]
SENDERS = 16
CASE_SLUG = "scale"
CONFIG = f"""
[[cases]]
slug = "{CASE_SLUG}"
name = "Тест Масштабов"
name_en = "Scale Test"
"""


def limits_env(scale: float) -> dict[str, str]:
    """Telegram's limits times `scale`, as the stand-in applies them when it runs at that scale."""
    return {
        "SEND_RATE": str(30 * scale), "SEND_RATE_PRIVATE": str(1 * scale),
        "SEND_BURST_PRIVATE": str(int(3 * scale)), "SEND_PER_MIN_GROUP": str(int(20 * scale)),
    }


@dataclass
class Instance:
    """One `casewatch run` process and the file its log goes to."""

    id: str
    proc: asyncio.subprocess.Process
    log: Path
    polls: bool

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    @property
    def alive(self) -> bool:
        return self.proc.returncode is None

    async def kill9(self) -> None:
        """SIGKILL: no cleanup of any kind, as when a machine dies."""
        if self.alive:
            self.proc.kill()
        await self.proc.wait()

    async def stop(self, timeout: float = 20) -> int:  # noqa: ASYNC109 (a deadline for a process)
        """SIGTERM, then SIGKILL if it has not stopped within `timeout`; its exit code."""
        if self.alive:
            self.proc.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(self.proc.wait(), timeout)
        except TimeoutError:
            self.proc.kill()
            await self.proc.wait()
        assert self.proc.returncode is not None
        return self.proc.returncode


@dataclass
class Cluster:
    """The instances, the database URL they share, and a connection for looking at the tables."""

    url: str
    db: asyncpg.Connection
    instances: list[Instance] = field(default_factory=list)

    def by_id(self, instance_id: str) -> Instance:
        return next(i for i in self.instances if i.id == instance_id)

    def logs(self) -> str:
        return "\n".join(f"--- {i.id} ---\n{i.text()[-4000:]}" for i in self.instances)

    async def scheduler_holder(self) -> str | None:
        row = await self.db.fetchrow(
            "SELECT holder FROM leases WHERE name = 'scheduler' AND expires_at > $1", int(time.time())
        )
        return None if row is None else str(row["holder"])

    async def states(self) -> dict[str, int]:
        rows = await self.db.fetch("SELECT state, COUNT(*) AS n FROM outbox GROUP BY state")
        return {r["state"]: int(r["n"]) for r in rows}

    async def claimers(self) -> set[str]:
        rows = await self.db.fetch("SELECT DISTINCT claimed_by FROM outbox WHERE state = 'sending'")
        return {str(r["claimed_by"]) for r in rows if r["claimed_by"]}

    async def wait_ready(self, timeout: float = START_TIMEOUT_S) -> None:  # noqa: ASYNC109
        """Until every instance's sender keeps its heartbeat and one of them holds the scheduler lease."""
        deadline = time.monotonic() + timeout
        want = {f"sender:{i.id}" for i in self.instances}
        while True:
            rows = await self.db.fetch("SELECT name FROM leases WHERE expires_at > $1", int(time.time()))
            names = {str(r["name"]) for r in rows}
            if want <= names and "scheduler" in names:
                return
            for i in self.instances:
                assert i.alive, f"{i.id} ended early:\n{i.text()}"
            assert time.monotonic() < deadline, f"not ready after {timeout} s:\n{self.logs()}"
            await asyncio.sleep(0.2)


def env_for(
    instance_id: str, *, url: str, api: str, token: str, config: Path, redis_url: str | None, scale: float,
) -> dict[str, str]:
    env = {
        **os.environ, "PYTHONPATH": str(REPO), "BOT_TOKEN": token, "TELEGRAM_API_URL": api,
        "CASEWATCH_CONFIG": str(config), "DATABASE_URL": url, "INSTANCE_ID": instance_id,
        "SENDERS": str(SENDERS), "ALLOW_PRIVATE_URLS": "true", **limits_env(scale),
    }
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


async def spawn(instance_id: str, env: dict[str, str], log: Path, *, polls: bool) -> Instance:
    args = [sys.executable, "-m", "bot", "run"] + ([] if polls else ["--no-updates"])
    with log.open("ab") as err:  # the child keeps its own copy of the descriptor
        proc = await asyncio.create_subprocess_exec(
            *args, cwd=REPO, env=env, stdout=asyncio.subprocess.DEVNULL, stderr=err,
        )
    return Instance(instance_id, proc, log, polls)


@contextlib.contextmanager
def postgres_schema() -> Iterator[str]:
    """A migrated schema of its own (the instances then start on it together, with nothing to migrate)."""
    with pg.fresh_schema("cw_scale") as url:
        pg.migrate(url)
        yield url


@contextlib.asynccontextmanager
async def cluster(
    url: str, tmp_path: Path, *, api: str, token: str, redis_url: str | None, scale: float, count: int = 3,
) -> AsyncIterator[Cluster]:
    """`count` instances (the first polls), ready; every one of them killed on the way out, whatever happens."""
    config = tmp_path / "casewatch.toml"
    config.write_text(CONFIG, encoding="utf-8")
    db = await asyncpg.connect(url, timeout=10)
    c = Cluster(url, db)
    try:
        for n in range(count):
            instance_id = f"scale-{n + 1}"
            env = env_for(instance_id, url=url, api=api, token=token, config=config, redis_url=redis_url,
                          scale=scale)
            c.instances.append(await spawn(instance_id, env, tmp_path / f"{instance_id}.log", polls=n == 0))
        await c.wait_ready()
        yield c
    finally:
        for i in c.instances:
            if i.alive:
                with contextlib.suppress(ProcessLookupError):
                    i.proc.kill()
            with contextlib.suppress(ProcessLookupError):
                await asyncio.wait_for(i.proc.wait(), 10)
        await db.close()
