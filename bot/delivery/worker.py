"""The claim worker: what the outbox `Sender` and the `Editor` of sent messages share.

Both work a queue table the same way. A row is claimed (`sending`, leased to this worker id) in one short
transaction, handled in a task of its own, at most `slots` at a time, and its outcome is written in another
transaction; no transaction spans a network call. The base owns that lifecycle: `start` (rows an earlier run of
this worker id left in `sending` are pending again), the claim loop, `sweep` (the leases of our rows in flight
renewed, claims that are no one's any more taken back), `stop` (stop claiming, give the tasks in flight
`stop_timeout`, cancel the rest, let their outcome writes finish, release their rows), `wake`, `drain`, and the
back-off of a row that failed for a reason that may pass. A subclass says which table (`_queue`), what still
counts as work for `drain` (`_unfinished`), how one row is handled (`_handle`), and how a row is retried later
or given up; the base also keeps a row's claim while it waits out a 429.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Sequence
from typing import Generic, Protocol, TypeVar

from bot.clock import Clock
from bot.errors import describe
from storage.api import ReadTx, Store, Tx

log = logging.getLogger(__name__)

# A row told to wait (a 429) this many times in a row is put back for later instead of holding a slot forever.
MAX_429_IN_A_ROW = 20


class Claimed(Protocol):
    """A claimed row: its id, and how often it was tried before."""

    @property
    def id(self) -> int: ...

    @property
    def attempts(self) -> int: ...


T = TypeVar("T", bound=Claimed)
T_co = TypeVar("T_co", bound=Claimed, covariant=True)


class ClaimQueue(Protocol[T_co]):
    """The claim half of a queue table's repository (`tx.outbox`, `tx.edits`)."""

    async def claim(self, worker: str, n: int, lease_s: int, now: int, /) -> Sequence[T_co]: ...

    async def release(self, row_id: int, /) -> None: ...

    async def release_worker(self, worker: str, /) -> int: ...

    async def extend_lease(self, row_id: int, until: int, /) -> None: ...

    async def release_dead_workers(self, alive_prefix: str, worker: str, now: int, /) -> int: ...

    async def release_expired(self, now: int, /) -> int: ...


class ClaimWorker(ABC, Generic[T]):
    """Claims rows of one queue table and handles them, `slots` at a time."""

    # Names of the claim loop's task (`<name>-<worker id>`) and of each row's (`<task_prefix>-<row id>`).
    name: str
    task_prefix: str
    # What a row is called in the log ("outbox row"), and what a failed claim logs (one `%s`: the error).
    row_noun: str
    claim_failed: str
    # What a sweep that took claims back logs (one `%d`: how many).
    swept: str
    counters: dict[str, int]

    def __init__(
        self,
        store: Store,
        clock: Clock,
        *,
        worker_id: str,
        slots: int,
        lease_s: int,
        max_attempts: int,
        backoff_base_s: int,
        backoff_max_s: int,
        poll_interval: float,
        stop_timeout: float,
    ) -> None:
        self._store = store
        self._clock = clock
        self.worker_id = worker_id
        self.slots = max(1, slots)
        self.lease_s = lease_s
        self.max_attempts = max_attempts
        self.backoff_base_s = backoff_base_s
        self.backoff_max_s = backoff_max_s
        self.poll_interval = poll_interval
        self.stop_timeout = stop_timeout
        self._loop_task: asyncio.Task[None] | None = None
        self._wake_event = asyncio.Event()
        self._stopping = False
        self._tasks: dict[asyncio.Task[None], T] = {}
        self._writes: set[asyncio.Task[None]] = set()

    # -- what a subclass supplies -------------------------------------------------------------------------------
    @abstractmethod
    def _queue(self, tx: Tx) -> ClaimQueue[T]:
        """The table's repository in this transaction."""

    @abstractmethod
    async def _unfinished(self, tx: ReadTx, now: int) -> int:
        """How many rows are due now or claimed: `drain` waits for none."""

    @abstractmethod
    async def _handle(self, row: T) -> None:
        """Handle one claimed row and write its outcome (through `_write`); runs in a task of its own."""

    @abstractmethod
    async def _retry_at(self, row_id: int, next_at: int, error: str) -> None:
        """Put the row back, pending again at `next_at`, with its error."""

    @abstractmethod
    async def _fail(self, row: T, error: str) -> None:
        """Give the row up for good."""

    async def _starting(self, released: int) -> None:
        """Called by `start` once the rows of an earlier run of this worker id are pending again."""

    async def _before_claim(self) -> None:
        """Called in the claim loop before each claim; an exception skips that round's claim."""

    def _sweep_every(self) -> float:
        """Seconds between the claim loop's sweeps: a third of a claim's lease, so the leases of our rows in flight
        (a send waiting out a long 429, say) are renewed before they run out."""
        return self.lease_s / 3

    async def _take_back(self, queue: ClaimQueue[T], now: int) -> int:
        """The sweep's second half: claims that are no one's any more back to pending (here: leases run out)."""
        return await queue.release_expired(now)

    async def _release_left(self, rows: list[T]) -> None:
        """`stop` cut these rows off: pending again."""
        if rows:
            async with self._store.transaction() as tx:
                await self._release_rows(tx, rows)

    # -- lifecycle ----------------------------------------------------------------------------------------------
    async def start(self) -> None:
        """Start the claim loop. Rows an earlier run of this worker id left in `sending` are pending again:
        a worker (re)starting under its id means that run is dead (INSTANCE_ID must be unique per live process)."""
        if self._loop_task is not None and not self._loop_task.done():
            return
        async with self._store.transaction() as tx:
            released = await self._queue(tx).release_worker(self.worker_id)
        await self._starting(released)
        self._stopping = False
        self._wake_event = asyncio.Event()
        self._loop_task = asyncio.create_task(self._run(), name=f"{self.name}-{self.worker_id}")

    async def stop(self) -> None:
        """Stop claiming, let rows in flight finish (at most `stop_timeout`), leave the rest pending."""
        self._stopping = True
        self._wake_event.set()
        if self._loop_task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._loop_task
            self._loop_task = None
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=self.stop_timeout)
        left = dict(self._tasks)
        for task in left:
            task.cancel()
        if left:
            await asyncio.gather(*left, return_exceptions=True)
        if self._writes:
            await asyncio.gather(*self._writes, return_exceptions=True)
        await self._release_left(list(left.values()))

    def wake(self) -> None:
        """Rows were queued: look now rather than at the next poll."""
        self._wake_event.set()

    async def drain(self, timeout: float = 10) -> bool:  # noqa: ASYNC109 (contract: a deadline for polling)
        """True once no row is due or claimed (tests); False if that did not happen in `timeout`."""
        deadline = time.monotonic() + timeout
        while True:
            self.wake()
            if not self._tasks and not self._writes:
                async with self._store.read() as tx:
                    busy = await self._unfinished(tx, self._clock.timestamp())
                if busy == 0:
                    return True
            if time.monotonic() >= deadline:
                return False
            await asyncio.sleep(0.02)

    async def sweep(self) -> int:
        """Claims no one holds any more back to pending (also a scheduler job); ours in flight are renewed."""
        now = self._clock.timestamp()
        async with self._store.transaction() as tx:
            queue = self._queue(tx)
            for row in list(self._tasks.values()):
                await queue.extend_lease(row.id, now + self.lease_s)
            released = await self._take_back(queue, now)
        if released:
            log.warning(self.swept, released)
            self.wake()
        return released

    @property
    def in_flight(self) -> int:
        return len(self._tasks)

    # -- the claim loop -----------------------------------------------------------------------------------------
    async def _run(self) -> None:
        last_sweep = time.monotonic()
        while not self._stopping:
            # Cleared before claiming: a wake-up during the claim is not lost.
            self._wake_event.clear()
            claimed: Sequence[T] = []
            free = self.slots - len(self._tasks)
            try:
                await self._before_claim()
                if free > 0:
                    async with self._store.transaction() as tx:
                        claimed = await self._queue(tx).claim(
                            self.worker_id, free, self.lease_s, self._clock.timestamp()
                        )
                if time.monotonic() - last_sweep >= self._sweep_every():
                    last_sweep = time.monotonic()
                    await self.sweep()
            except Exception as exc:
                log.error(self.claim_failed, describe(exc))
            for row in claimed:
                task = asyncio.create_task(self._work(row), name=f"{self.task_prefix}-{row.id}")
                self._tasks[task] = row
            # Until a slot frees up (a finishing row sets the event), wake() is called, or the next poll.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self.poll_interval):
                    await self._wake_event.wait()

    async def _work(self, row: T) -> None:
        try:
            await self._handle(row)
        finally:
            self._tasks.pop(asyncio.current_task(), None)  # type: ignore[arg-type]
            self._wake_event.set()

    # -- outcomes -----------------------------------------------------------------------------------------------
    async def _back_off(self, row: T, error: str) -> None:
        """A failure that may pass: tried again after `backoff_base_s`, doubling up to `backoff_max_s`; given up
        after `max_attempts`."""
        attempts = row.attempts + 1
        if attempts >= self.max_attempts:
            log.warning("%s %s failed after %d attempts: %s", self.row_noun, row.id, attempts, error.split(":", 1)[0])
            await self._fail(row, error)
            return
        delay = min(self.backoff_max_s, self.backoff_base_s * 2 ** (attempts - 1))
        await self._retry_at(row.id, self._clock.timestamp() + delay, error)
        self.counters["retried"] += 1

    async def _wait_out(self, row_id: int, retry_after: int, reason: str, in_a_row: int) -> bool:
        """Telegram said wait `retry_after` seconds (a 429) for the `in_a_row`-th time: the row keeps its claim past
        the wait and the caller tries again (False), or, after MAX_429_IN_A_ROW, it is put back for then (True)."""
        self.counters["429"] += 1
        until = self._clock.timestamp() + retry_after
        if in_a_row >= MAX_429_IN_A_ROW:
            await self._retry_at(row_id, until, reason)
            return True
        await self._extend(row_id, until + self.lease_s)
        return False

    async def _extend(self, row_id: int, until: int) -> None:
        await self._write(lambda tx: self._queue(tx).extend_lease(row_id, until))

    async def _release_rows(self, tx: Tx, rows: Sequence[T]) -> None:
        queue = self._queue(tx)
        for row in rows:
            await queue.release(row.id)

    async def _write(self, fn: Callable[[Tx], Awaitable[object]]) -> None:
        """Run one outcome write in its own transaction, shielded: a stop() that cancels the row's task must not
        lose the record of what Telegram already did (a message sent would be sent again)."""

        async def run() -> None:
            async with self._store.transaction() as tx:
                await fn(tx)

        task = asyncio.create_task(run())
        self._writes.add(task)
        task.add_done_callback(self._writes.discard)
        await asyncio.shield(task)


__all__ = ["ClaimQueue", "ClaimWorker", "Claimed"]
