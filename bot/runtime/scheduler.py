"""The scheduler: APScheduler (memory job store) running only while this instance holds the `scheduler` lease.

Its jobs only trigger ticks that read due work from our tables (poll, extraction, reminders, the outbox
sweeper, daily pruning), so no job is ever the only record of work to do: a restart, or another
instance taking the lease, rebuilds everything from the rows. The lease is renewed every
SCHEDULER_RENEW (2 s) and expires after SCHEDULER_LEASE_TTL (6 s): when its holder dies, another instance
takes it within TTL + RENEW. An instance that cannot renew it stops its scheduler one renewal before the
lease could run out, so two schedulers never run at once. A new holder runs the frequent ticks (those
with `first_s`) at once: the one before may have died just before a tick was due. Every job: `max_instances=1`, `coalesce=True`,
`misfire_grace_time=None` (the default grace of 1 s silently skips a run that starts late).
Tests call the tick functions directly with a FakeClock and never wait for this.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.clock import Clock
from bot.config import Settings
from bot.errors import describe
from bot.events.digests import DIGEST_KIND
from bot.people.going import prune_marks
from storage.api import Store

log = logging.getLogger(__name__)

LEASE_NAME = "scheduler"
RENEW_S = 2.0
TTL_S = 6
JOB_OPTIONS: dict[str, Any] = {"max_instances": 1, "coalesce": True, "misfire_grace_time": None}
STOP_WAIT_S = 10.0


@dataclass(frozen=True)
class Job:
    """One periodic tick: `run` is awaited every `every_s` seconds (first run after `first_s`)."""

    id: str
    every_s: float
    run: Callable[[], Awaitable[object]]
    first_s: float | None = None


class LeasedScheduler:
    """Starts the APScheduler while the lease is held, stops it when the lease is lost or on `stop()`."""

    def __init__(
        self, store: Store, clock: Clock, *, holder: str, jobs: list[Job],
        extra: Callable[[AsyncIOScheduler], None] | None = None,
        renew_s: float = RENEW_S, ttl_s: int = TTL_S,
    ) -> None:
        self._store = store
        self._clock = clock
        self.holder = holder
        self._jobs = jobs
        self._extra = extra  # jobs that schedule themselves (the poller's `schedule()`)
        self._renew_s = renew_s
        self._ttl_s = ttl_s
        self._scheduler: AsyncIOScheduler | None = None
        self._task: asyncio.Task[None] | None = None
        self._running_jobs: set[asyncio.Task[Any]] = set()
        self._last_renewal = 0.0

    @property
    def running(self) -> bool:
        """Whether this instance's scheduler runs (it holds the lease)."""
        return self._scheduler is not None

    async def start(self) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._keep_lease(), name="scheduler-lease")

    async def stop(self) -> None:
        """Stop the lease loop and the scheduler, wait for ticks in progress, give the lease up."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        await self._stop_scheduler()
        with contextlib.suppress(Exception):  # the store may already be failing; the lease then just expires
            async with self._store.transaction() as tx:
                await tx.leases.release(LEASE_NAME, self.holder)

    async def _keep_lease(self) -> None:
        while True:
            held = False
            try:
                async with self._store.transaction() as tx:
                    held = await tx.leases.acquire(LEASE_NAME, self.holder, self._clock.timestamp(), self._ttl_s)
                if held:
                    self._last_renewal = time.monotonic()
            except Exception as exc:  # a busy or failing database: keep the scheduler until the lease would expire
                log.error("renewing the scheduler lease failed: %s", describe(exc))
                # The lease ran from before the last renewal was sent: stop a renewal early, not late.
                held = self.running and time.monotonic() - self._last_renewal < self._ttl_s - self._renew_s
            if held and not self.running:
                self._start_scheduler()
            elif not held and self.running:
                log.warning("lost the scheduler lease; stopping the scheduler")
                await self._stop_scheduler()
            await asyncio.sleep(self._renew_s)

    def _start_scheduler(self) -> None:
        scheduler = AsyncIOScheduler()
        for job in self._jobs:
            kwargs: dict[str, Any] = dict(JOB_OPTIONS)
            if job.first_s is not None:
                kwargs["next_run_time"] = datetime.now(UTC) + timedelta(seconds=job.first_s)
            scheduler.add_job(self._wrap(job), "interval", seconds=job.every_s, id=job.id, replace_existing=True,
                              **kwargs)
        if self._extra is not None:
            self._extra(scheduler)
        scheduler.start()
        self._scheduler = scheduler
        log.info("scheduler started (lease held by %s)", self.holder)

    def _wrap(self, job: Job) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            task = asyncio.current_task()
            if task is not None:
                self._running_jobs.add(task)
            try:
                await job.run()
            except Exception as exc:  # the job must survive whatever one tick hits
                log.error("%s failed: %s", job.id, describe(exc))
            finally:
                if task is not None:
                    self._running_jobs.discard(task)

        run.__name__ = job.id.replace("-", "_")
        return run

    async def _stop_scheduler(self) -> None:
        scheduler, self._scheduler = self._scheduler, None
        if scheduler is not None and scheduler.running:
            scheduler.shutdown(wait=False)
        if self._running_jobs:
            await asyncio.wait(list(self._running_jobs), timeout=STOP_WAIT_S)


DIALOG_TTL_S = 7 * 86400
INVITE_GRACE_S = 86400


async def prune(store: Store, clock: Clock, settings: Settings) -> dict[str, int]:
    """Finished outbox rows older than RETENTION_DAYS go, item texts older than ITEM_RETENTION_DAYS are
    emptied; expired drafts, invites a day past their expiry, admin dialogs left unfinished for a week, the
    digests (one chat's each) whose delivery row is gone, "I'm going" marks the day after their hearing, and the
    send budget's rows at rest go too."""
    now = clock.timestamp()
    async with store.transaction() as tx:
        counts = {
            "items": await tx.items.prune(before=now - settings.item_retention_days * 86400),
            "outbox": await tx.outbox.prune(before=now - settings.retention_days * 86400),
            "drafts": await tx.drafts.prune(now),
            "invites": await tx.invites.prune(now - INVITE_GRACE_S),
            "dialogs": await tx.dialogs.prune(now - DIALOG_TTL_S),
            "report_marks": await tx.reports.prune(now),
            "digests": await tx.digests.prune(DIGEST_KIND),
            "going_marks": await prune_marks(tx, now),
        }
    # In a transaction of its own: the send budget's rows are locked by grants, which must not wait on the above.
    async with store.transaction() as tx:
        counts["send_budget"] = await tx.send_budget.prune()
    if any(counts.values()):
        log.info("pruned %s", counts)
    return counts
