"""The poll tick: due sources → fetch under limits → items stored, health kept, admins told.

One APScheduler job calls `Poller.tick()` every few seconds; the state lives in the `sources` table
(`next_attempt_at`, failures, validators), so a restart or another lease holder carries on from the rows.
Each due source is claimed (its next attempt pushed past the fetch) before it is fetched, so no source is
fetched twice at once. Fetches run under FETCH_CONCURRENCY overall and FETCH_PER_HOST per host; on success
the next attempt is the source's interval with jitter, on failure an exponential back-off capped at
BACKOFF_MAX. After SOURCE_ALERT_AFTER failures in a row admins are told once, and once more on recovery.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import random
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Literal
from urllib.parse import urlsplit

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.clock import Clock, zone
from bot.config import Settings, SourceDecl
from bot.errors import describe
from bot.sources.check import options_from_decl, read_source
from bot.sources.fetch import Fetcher, is_local
from bot.sources.model import ParsedItem, newest_first
from bot.sources.telegram import normalise_channel_url
from storage.api import Store
from storage.models import Source, SourceInput

log = logging.getLogger(__name__)

MIN_INTERVAL_S = 60  # "at least 1m for non-loopback hosts"
UNCHANGED_BATCH = 100  # not-modified reads written together


@dataclass(frozen=True)
class SourceHealthEvent:
    """Told to admins: a source has failed SOURCE_ALERT_AFTER times in a row, or works again."""

    source_id: str
    kind: Literal["failing", "recovered"]
    failures: int
    last_error: str | None


Notify = Callable[[SourceHealthEvent], Awaitable[None]]


@dataclass
class PollResult:
    """What one source's poll did."""

    source_id: str
    kind: str
    url: str
    error: str | None = None
    http_status: int | None = None
    not_modified: bool = False
    new: list[ParsedItem] = field(default_factory=list)  # first seen now (baseline ones included)
    announce: list[ParsedItem] = field(default_factory=list)  # new and not baseline
    new_count: int = 0  # len(new), also when items are not kept
    announce_count: int = 0
    edited: int = 0
    unchanged: int = 0
    baselined: bool = False  # this was the source's first good read: its items were stored as seen
    failures: int = 0
    next_attempt_at: int = 0
    event: SourceHealthEvent | None = None
    elapsed_s: float = 0.0
    skipped: list[str] = field(default_factory=list)  # items left out of this read, and why

    @property
    def ok(self) -> bool:
        return self.error is None


def backoff_delay(failures: int, interval_s: int, backoff_max: int) -> int:
    """Seconds before the next attempt after `failures` failures in a row: the interval, doubled each time,
    capped at BACKOFF_MAX (or at the interval itself when that is longer)."""
    base = max(interval_s, 1)
    cap = max(backoff_max, interval_s)
    return int(min(cap, base * 2 ** min(max(failures - 1, 0), 40)))


def host_key(url: str) -> str:
    """What the per-host limit counts by; '' for local files (no limit but the global one)."""
    if is_local(url):
        return ""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def _is_loopback(host: str) -> bool:
    if host in ("", "localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


async def sync_config_sources(store: Store, decls: Sequence[SourceDecl], now: int) -> None:
    """Insert the TOML's sources the database lacks (`origin = config`).

    Rows already there are left alone (admins' edits win; a removed config source stays removed). A
    source naming a case the database lacks is inserted without it, with a warning.
    """
    async with store.transaction() as tx:
        for decl in decls:
            case_id = None
            if decl.case:
                case = await tx.cases.get(decl.case)
                if case is None:
                    log.warning("source %s: case %s is not in the database; stored without it", decl.id, decl.case)
                else:
                    case_id = case.id
            url = decl.url
            if decl.kind == "telegram":
                try:
                    url = normalise_channel_url(url)
                except ValueError:
                    pass  # stored as given: its reads will say what is wrong
            await tx.sources.insert(
                SourceInput(
                    id=decl.id, kind=decl.kind, url=url, case_id=case_id, interval_s=decl.interval,
                    options=options_from_decl(decl), origin="config",
                    state="active" if decl.enabled else "paused",
                ),
                now=now,
            )


class Poller:
    """Polls due sources. Tests call `tick()` with a FakeClock; the app calls `schedule()`."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        *,
        clock: Clock,
        fetcher: Fetcher | None = None,
        notify: Notify | None = None,
        rng: random.Random | None = None,
        batch: int | None = None,
    ) -> None:
        self.store = store
        self.settings = settings
        self.clock = clock
        self.notify = notify
        self._fetcher = fetcher if fetcher is not None else Fetcher(settings)
        self._own_fetcher = fetcher is None
        self._rng = rng or random.Random()
        self._global = asyncio.Semaphore(max(settings.fetch_concurrency, 1))
        # Reads waiting for the (single) writer hold their parsed items: bound how many may wait, so
        # memory stays flat however many sources one tick takes.
        self._unstored = asyncio.Semaphore(max(settings.fetch_concurrency, 1) * 2)
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._inflight: set[str] = set()
        self._unchanged: list[tuple[str, int, int]] = []  # (source id, now, next attempt) of 304s to write
        self._tz = zone(settings.default_timezone)
        # How many sources one tick takes at most; the rest wait for the next tick.
        self.batch = batch or max(200, settings.fetch_concurrency * 50)

    async def __aenter__(self) -> Poller:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        if self._own_fetcher:
            await self._fetcher.aclose()

    # --- scheduling ----------------------------------------------------------------------

    def schedule(self, scheduler: AsyncIOScheduler, every_s: float = 5) -> None:
        """One interval job that runs `tick()`; it only reads due work from the table."""
        scheduler.add_job(
            self._scheduled_tick,
            "interval",
            seconds=every_s,
            id="poll-tick",
            replace_existing=True,
            max_instances=1,
            coalesce=True,
            misfire_grace_time=None,
        )

    async def _scheduled_tick(self) -> None:
        try:
            # Nobody reads the items of a scheduled tick (the next stage reads the table): keep counts only.
            await self.tick(keep_items=False)
        except Exception as exc:  # the job must survive whatever one tick hits (e.g. the database busy)
            log.error("poll tick failed: %s", describe(exc))

    # --- the tick ------------------------------------------------------------------------

    async def tick(
        self, *, due_only: bool = True, limit: int | None = None, keep_items: bool = True
    ) -> list[PollResult]:
        """Claim the due active sources and poll them; `due_only=False` polls every active source now.

        `keep_items=False` leaves `PollResult.new` / `.announce` empty (counts still set): a first read of
        many sources does not then hold every parsed item until the tick ends.
        """
        now = self.clock.timestamp()
        # The claim: a crash mid-fetch leaves the source due again after this.
        until = now + int(self.settings.fetch_timeout * 3) + 60
        async with self.store.transaction() as tx:
            sources = await tx.sources.claim_due(now=now, until=until, limit=limit or self.batch, due_only=due_only)
        sources = [s for s in sources if s.id not in self._inflight]
        if not sources:
            return []
        try:
            return list(await asyncio.gather(*(self._poll_guarded(s, keep_items) for s in sources)))
        finally:
            await self._flush()

    async def poll_source(self, source_id: str) -> PollResult | None:
        """Poll one source now, whatever its next attempt says (admins' "check now")."""
        async with self.store.read() as tx:
            src = await tx.sources.get(source_id)
        if src is None or src.id in self._inflight:
            return None
        try:
            return await self._poll_guarded(src, True)
        finally:
            await self._flush()

    async def _flush(self) -> None:
        """Write the buffered not-modified reads: one transaction for many, since each is only times."""
        rows, self._unchanged = self._unchanged, []
        if rows:
            async with self.store.transaction() as tx:
                await tx.sources.record_unchanged(rows)

    async def _poll_guarded(self, source: Source, keep_items: bool) -> PollResult:
        self._inflight.add(source.id)
        try:
            return await self._poll(source, keep_items)
        except Exception as exc:  # one broken source never stops the others
            log.error("polling %s failed: %s", source.id, describe(exc))
            try:
                return await self._store(source, None, internal_error=f"internal error: {describe(exc)}")
            except Exception as again:
                log.error("recording the failure of %s failed: %s", source.id, describe(again))
                return PollResult(source.id, source.kind, source.url, error=f"internal error: {describe(exc)}")
        finally:
            self._inflight.discard(source.id)

    def _host_limit(self, host: str) -> asyncio.Semaphore | None:
        if not host:
            return None
        sem = self._hosts.get(host)
        if sem is None:
            sem = self._hosts[host] = asyncio.Semaphore(max(self.settings.fetch_per_host, 1))
        return sem

    async def _poll(self, source: Source, keep_items: bool) -> PollResult:
        started = time.monotonic()
        known = None
        if source.baselined_at is not None:
            async def known(ids: Sequence[str]) -> set[str]:
                async with self.store.read() as tx:
                    return await tx.items.known(source.id, ids)

        host_sem = self._host_limit(host_key(source.url))
        # The host slot first, then the others: a source waiting for a busy host holds no global slot.
        if host_sem is not None:
            await host_sem.acquire()
        try:
            async with self._unstored:
                try:
                    async with self._global:
                        read = await read_source(
                            self._fetcher, source.kind, source.url, source.options,
                            etag=source.etag, last_modified=source.last_modified, known=known, tz=self._tz,
                        )
                finally:
                    if host_sem is not None:
                        host_sem.release()
                        host_sem = None
                result = await self._store(source, read, keep_items=keep_items)
        finally:
            if host_sem is not None:
                host_sem.release()
        result.elapsed_s = time.monotonic() - started
        return result

    # --- recording -----------------------------------------------------------------------

    def interval_of(self, source: Source) -> int:
        interval = source.interval_s or self.settings.poll_interval
        if not _is_loopback(host_key(source.url)):
            interval = max(interval, MIN_INTERVAL_S)
        return max(int(interval), 1)

    def _jittered(self, seconds: float) -> int:
        j = max(0.0, min(self.settings.poll_jitter, 0.9))
        return max(1, round(seconds * self._rng.uniform(1 - j, 1 + j)))

    def _backfill(self, source: Source) -> int:
        value = source.options.get("backfill")
        return int(value) if value is not None else self.settings.source_backfill

    async def _store(
        self, source: Source, read: Any, *, internal_error: str | None = None, keep_items: bool = True
    ) -> PollResult:
        now = self.clock.timestamp()
        interval = self.interval_of(source)
        res = PollResult(source.id, source.kind, source.url)
        error = internal_error or (read.error if read is not None else "no result")
        if read is not None:
            res.http_status = read.status
            res.not_modified = read.not_modified
            res.skipped = list(getattr(read, "skipped", None) or [])
            if res.skipped:
                reasons = "; ".join(sorted(set(res.skipped)))
                log.warning("source %s: %d item(s) skipped: %s", source.id, len(res.skipped), reasons)
        event = None
        if (
            error is None and read.not_modified and source.consecutive_failures == 0 and not source.alerted
            and source.baselined_at is not None and read.etag == source.etag
            and read.last_modified in (None, source.last_modified)
        ):
            # Nothing changed but the times: written with others in one transaction (see _flush).
            res.next_attempt_at = now + self._jittered(interval)
            self._unchanged.append((source.id, now, res.next_attempt_at))
            if len(self._unchanged) >= UNCHANGED_BATCH:
                await self._flush()
            return res
        async with self.store.transaction() as tx:
            if error is not None:
                failures = source.consecutive_failures + 1
                cap = max(self.settings.backoff_max, interval)
                delay = min(cap, self._jittered(backoff_delay(failures, interval, self.settings.backoff_max)))
                retry_after = getattr(read, "retry_after", None)
                if retry_after:
                    delay = max(delay, min(int(retry_after), cap))
                res.next_attempt_at = now + delay
                await tx.sources.record_failure(
                    source.id, now=now, error=error[:500], failures=failures, next_attempt_at=res.next_attempt_at
                )
                if failures >= self.settings.source_alert_after and not source.alerted:
                    await tx.sources.set_alerted(source.id, True)
                    event = SourceHealthEvent(source.id, "failing", failures, error)
                res.error = error
                res.failures = failures
            else:
                first_read = source.baselined_at is None
                if not read.not_modified and read.items:
                    await self._store_items(
                        tx, source, read.items, now=now, first_read=first_read, res=res, keep=keep_items
                    )
                res.next_attempt_at = now + self._jittered(interval)
                # A 304 keeps the validators we sent when it names none.
                etag = read.etag if read.etag or not read.not_modified else source.etag
                last_modified = read.last_modified if read.last_modified or not read.not_modified else source.last_modified
                await tx.sources.record_success(
                    source.id, now=now, next_attempt_at=res.next_attempt_at, etag=etag,
                    last_modified=last_modified, baselined=first_read,
                )
                res.baselined = first_read
                if source.alerted:
                    event = SourceHealthEvent(source.id, "recovered", source.consecutive_failures, source.last_error)
        res.event = event
        if event is not None:
            log.warning("source %s %s after %d failures: %s", source.id, event.kind, event.failures, event.last_error)
            if self.notify is not None:
                try:
                    await self.notify(event)
                except Exception as exc:  # admins not told this time; the poll itself stands
                    log.error("notifying admins about %s failed: %s", source.id, describe(exc))
        return res

    async def _store_items(
        self,
        tx: Any,
        source: Source,
        items: list[ParsedItem],
        *,
        now: int,
        first_read: bool,
        res: PollResult,
        keep: bool,
    ) -> None:
        baseline: set[str] = set()
        if first_read:
            announced = self._backfill(source)
            ordered = newest_first(items)
            baseline = {i.stable_id for i in ordered[max(announced, 0) :]}
        inputs = [i.to_input() for i in items]
        outcomes = await tx.items.upsert_many(source.id, inputs, now=now, baseline=baseline)
        by_id = {i.stable_id: i for i in items}
        for up in outcomes:
            item = by_id[up.stable_id]
            if up.outcome == "new":
                res.new_count += 1
                if keep:
                    res.new.append(item)
                if not up.baseline:
                    res.announce_count += 1
                    if keep:
                        res.announce.append(item)
            elif up.outcome == "edited":
                res.edited += 1
            else:
                res.unchanged += 1
