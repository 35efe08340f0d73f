"""Two transactions changing one case's hearings at once on PostgreSQL: the second waits for the first, then
acts on what the first left: a revision numbers on, a second report of a new day merges into the hearing the
first made (SQLite runs one write transaction at a time, so only PostgreSQL is asked)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

import asyncpg
import pytest_asyncio

from bot.cases.directory import import_cases
from bot.clock import FakeClock
from bot.config import load_settings
from bot.events.hearings import add_hearing, move_hearing
from bot.events.result import EventResult
from storage import open_store
from storage.api import Store, Tx
from storage.models import Case, HearingChange
from tests import pg
from tests.events.world import EXAMPLES, START

ADMIN = 9001


@dataclass
class Shared:
    """One PostgreSQL database, the example cases in it, and a hearing of Balashov on 17 March at 10:00."""

    url: str
    store: Store
    clock: FakeClock
    case: Case
    hearing_id: int

    async def history(self) -> list[HearingChange]:
        async with self.store.read() as tx:
            return await tx.hearings.changes(self.hearing_id)

    async def told(self, revision: int) -> dict[str, object]:
        """The payload followers were given for one revision of the hearing."""
        async with self.store.read() as tx:
            ann = await tx.announcements.by_key(f"h:{self.hearing_id}:r{revision}")
        assert ann is not None, f"no announcement of revision {revision}"
        return dict(ann.payload)


@pytest_asyncio.fixture
async def shared(pg_module_url: str) -> AsyncIterator[Shared]:
    await pg.empty(pg_module_url)
    settings = load_settings(EXAMPLES / "casewatch.toml", database_url=pg_module_url, bot_token="123456:TEST",
                             admin_ids=[ADMIN])
    store = await open_store(pg_module_url)
    clock = FakeClock(START)
    try:
        await import_cases(store, settings.cases, now=clock.timestamp(), overwrite=False)
        async with store.transaction() as tx:
            case = await tx.cases.get("balashov")
            assert case is not None
            first = await add_hearing(tx, clock, case=case, local_date="2026-03-17", local_time="10:00",
                                      cause="admin", created_by=ADMIN)
        assert first.hearing_id is not None
        yield Shared(pg_module_url, store, clock, case, first.hearing_id)
    finally:
        await store.close()


async def _one_after_the_other(shared: Shared, first: Callable[[Tx], Awaitable[EventResult]],
                               second: Callable[[Tx], Awaitable[EventResult]]) -> None:
    """`first` revises in an open transaction; `second` starts in another and must wait until `first` commits."""

    async def run_second() -> EventResult:
        async with shared.store.transaction() as tx:
            return await second(tx)

    async with shared.store.transaction() as tx:
        await first(tx)
        row = await tx.conn.fetchone("SELECT pg_backend_pid() AS pid")  # type: ignore[attr-defined]
        assert row is not None
        waiting = asyncio.create_task(run_second())
        await _until_blocked_by(shared.url, int(row["pid"]), waiting)
        assert not waiting.done(), "the second transaction did not wait for the first"
    await waiting  # raises if the second transaction failed


async def _until_blocked_by(url: str, pid: int, task: asyncio.Task[EventResult]) -> None:
    """Returns once some session waits for a lock that session `pid` holds (or `task` has ended)."""
    con = await asyncpg.connect(url, timeout=5)
    try:
        while not task.done():
            # The server is asked again and again: nothing here can be told when the other session starts waiting.
            if await con.fetchval("SELECT count(*) FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))", pid):
                return
            await asyncio.sleep(0.01)
    finally:
        await con.close()


async def test_two_moves_of_one_hearing_at_once_both_land_as_consecutive_revisions(shared: Shared) -> None:
    await _one_after_the_other(
        shared,
        lambda tx: move_hearing(tx, shared.clock, hearing_id=shared.hearing_id, new_date="2026-03-24",
                                new_time="11:00", created_by=ADMIN),
        lambda tx: move_hearing(tx, shared.clock, hearing_id=shared.hearing_id, new_date="2026-03-25",
                                new_time="12:00", created_by=ADMIN),
    )
    history = await shared.history()
    assert [c.revision for c in history] == [1, 2, 3]
    assert [(c.old_date, c.new_date) for c in history[1:]] == [("2026-03-17", "2026-03-24"),
                                                               ("2026-03-24", "2026-03-25")]
    told = await shared.told(3)
    assert (told["old_date"], told["date"]) == ("2026-03-24", "2026-03-25")  # moved from where the first left it


async def test_two_admins_setting_a_time_at_once_both_land_and_the_second_replaces_the_first(shared: Shared) -> None:
    def set_time(time: str) -> Callable[[Tx], Awaitable[EventResult]]:
        return lambda tx: add_hearing(tx, shared.clock, case=shared.case, local_date="2026-03-17", local_time=time,
                                      cause="admin", created_by=ADMIN)

    await _one_after_the_other(shared, set_time("12:00"), set_time("14:00"))
    history = await shared.history()
    assert [c.revision for c in history] == [1, 2, 3]
    assert [(c.old_time, c.new_time) for c in history[1:]] == [("10:00", "12:00"), ("12:00", "14:00")]
    told = await shared.told(3)
    assert (told["change"], told["old_time"], told["time"]) == ("time_changed", "12:00", "14:00")
    async with shared.store.read() as tx:
        assert len(await tx.hearings.on_date(shared.case.id, "2026-03-17")) == 1


async def test_two_reports_of_one_new_day_at_once_make_one_hearing(shared: Shared) -> None:
    def found(url: str) -> Callable[[Tx], Awaitable[EventResult]]:
        return lambda tx: add_hearing(tx, shared.clock, case=shared.case, local_date="2026-04-07", local_time="10:00",
                                      source_url=url)

    await _one_after_the_other(shared, found("https://a.example/1"), found("https://b.example/2"))
    async with shared.store.read() as tx:
        that_day = await tx.hearings.on_date(shared.case.id, "2026-04-07")
        assert len(that_day) == 1  # the second report merged into the hearing the first made
        assert sorted(await tx.hearings.sources(that_day[0].id)) == ["https://a.example/1", "https://b.example/2"]
