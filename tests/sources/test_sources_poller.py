"""The poll tick: baseline, new and edited items, dedupe, health, back-off, alerts, limits."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.clock import FakeClock
from bot.config import SourceDecl
from bot.sources.poller import Poller, SourceHealthEvent, backoff_delay, sync_config_sources
from storage.api import Store
from storage.models import CaseInput
from tests.sources.conftest import FIXTURES, AddSource, LocalServer, make_settings


def rss(*items: tuple[str, str, str]) -> str:
    """A feed of (guid, title, description) items."""
    body = "".join(
        f"<item><guid>{g}</guid><title>{t}</title><link>https://news.example.kz/{g}</link>"
        f"<description>{d}</description><pubDate>Mon, 09 Mar 2026 10:0{n}:00 +0500</pubDate></item>"
        for n, (g, t, d) in enumerate(items)
    )
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>{body}</channel></rss>'


class Events:
    def __init__(self) -> None:
        self.seen: list[SourceHealthEvent] = []

    async def __call__(self, event: SourceHealthEvent) -> None:
        self.seen.append(event)


async def _source(store: Store, source_id: str) -> Any:
    async with store.read() as tx:
        return await tx.sources.get(source_id)


async def test_baseline_then_new_item_is_announceable(
    server: LocalServer, store: Store, clock: FakeClock, add_source: AddSource
) -> None:
    url = server.set("/feed", rss(("a1", "Балашов: заседание", "x"), ("a2", "Ильяшев: жалоба", "y")))
    await add_source("news", "rss", url, interval_s=600)
    async with Poller(store, make_settings(), clock=clock) as poller:
        [first] = await poller.tick()
        assert first.ok and first.baselined and len(first.new) == 2 and first.announce == []
        async with store.read() as tx:
            assert await tx.items.pending_extraction() == []
            assert all(i.baseline for i in await tx.items.for_source("news"))
        assert await poller.tick() == []  # not due yet
        server.set("/feed", rss(("a3", "Мовлаев: экстрадиция", "z"), ("a1", "Балашов: заседание", "x"),
                                ("a2", "Ильяшев: жалоба", "y")))
        clock.advance(601)
        [second] = await poller.tick()
    assert not second.baselined and [i.stable_id for i in second.announce] == ["a3"]
    assert second.unchanged == 2
    async with store.read() as tx:
        pending = await tx.items.pending_extraction()
        assert [p.stable_id for p in pending] == ["a3"] and not pending[0].baseline
        await tx.items.get(pending[0].id)


async def test_backfill_announces_the_newest_n(
    server: LocalServer, store: Store, clock: FakeClock, add_source: AddSource
) -> None:
    url = server.set("/feed", rss(("a1", "one", "x"), ("a2", "two", "y"), ("a3", "three", "z")))
    await add_source("news", "rss", url, options={"backfill": 2})
    async with Poller(store, make_settings(), clock=clock) as poller:
        [r] = await poller.tick()
    # pubDates grow with position: a3 and a2 are the newest.
    assert sorted(i.stable_id for i in r.announce) == ["a2", "a3"]


async def test_edit_updates_hash_without_a_second_new(
    server: LocalServer, store: Store, clock: FakeClock, add_source: AddSource
) -> None:
    url = server.set("/feed", rss(("e1", "Заседание по делу Балашова", "Назначено на 12 ноября")))
    await add_source("news", "rss", url, interval_s=60)
    async with Poller(store, make_settings(), clock=clock) as poller:
        await poller.tick()
        async with store.transaction() as tx:
            [item] = await tx.items.for_source("news")
            await tx.items.mark_extracted(item.id, item.content_hash)
        server.set("/feed", rss(("e1", "Заседание по делу Балашова", "Перенесено на 19 ноября")))
        clock.advance(61)
        [r] = await poller.tick()
    assert r.new == [] and r.edited == 1
    async with store.read() as tx:
        [edited] = await tx.items.for_source("news")
        assert edited.id == item.id and edited.content_hash != item.content_hash
        assert edited.text == "Перенесено на 19 ноября" and edited.edited_at == clock.timestamp()
        assert edited.baseline  # still the baseline item it was: the next stage skips it


async def test_dedupe_by_tracking_stripped_urls(
    server: LocalServer, store: Store, clock: FakeClock, add_source: AddSource
) -> None:
    def feed(tag: str) -> str:
        return (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
            f"<item><title>Мовлаев</title><link>https://news.example.kz/m?id=7&amp;{tag}</link></item>"
            "</channel></rss>"
        )

    url = server.set("/feed", feed("utm_source=tg"))
    await add_source("news", "rss", url, interval_s=60)
    async with Poller(store, make_settings(), clock=clock) as poller:
        await poller.tick()
        server.set("/feed", feed("fbclid=abc&amp;utm_medium=social&amp;yclid=9"))
        clock.advance(61)
        [r] = await poller.tick()
    assert r.new == [] and r.unchanged == 1
    async with store.read() as tx:
        [item] = await tx.items.for_source("news")
    assert item.stable_id == "https://news.example.kz/m?id=7"


async def test_conditional_requests_between_polls(
    server: LocalServer, store: Store, clock: FakeClock, add_source: AddSource
) -> None:
    await add_source("court", "rss", server.url("/f/rss2.xml"), interval_s=60)
    async with Poller(store, make_settings(), clock=clock) as poller:
        await poller.tick()
        clock.advance(61)
        [r] = await poller.tick()
    assert r.ok and r.not_modified and r.http_status == 304 and r.new == []
    assert server.requests[-1]["if-none-match"]
    src = await _source(store, "court")
    assert src.etag and src.last_modified and src.consecutive_failures == 0


async def test_one_broken_source_does_not_stop_the_others(
    server: LocalServer, store: Store, clock: FakeClock, add_source: AddSource
) -> None:
    await add_source("good", "rss", server.url("/f/atom.xml"))
    await add_source("broken", "rss", server.url("/status/500"))
    await add_source("garbage", "rss", server.url("/f/malformed.xml"))
    await add_source("page", "telegram", server.url("/s/freekz_news"))
    async with Poller(store, make_settings(), clock=clock) as poller:
        results = {r.source_id: r for r in await poller.tick()}
    assert results["good"].ok and len(results["good"].new) == 2
    assert results["page"].ok and len(results["page"].new) == 4
    assert results["broken"].error == "HTTP 500 Internal Server Error"
    assert results["garbage"].error is not None and results["garbage"].error.startswith("malformed XML")
    broken = await _source(store, "broken")
    assert broken.last_error == "HTTP 500 Internal Server Error" and broken.consecutive_failures == 1
    assert broken.last_error_at == clock.timestamp() and broken.health.status == "failing"
    good = await _source(store, "good")
    assert good.last_success_at == clock.timestamp() and good.health.status == "ok"


async def test_backoff_grows_caps_and_recovery_resets_it(
    server: LocalServer, store: Store, clock: FakeClock, add_source: AddSource
) -> None:
    server.set("/feed", "oops", status=503)
    await add_source("flaky", "rss", server.url("/feed"), interval_s=600)
    events = Events()
    settings = make_settings(backoff_max=3600 * 6, source_alert_after=3)
    delays = []
    async with Poller(store, settings, clock=clock, notify=events) as poller:
        for _ in range(8):
            [r] = await poller.tick()
            assert r.error == "HTTP 503 Service Unavailable"
            delays.append(r.next_attempt_at - clock.timestamp())
            clock.advance(r.next_attempt_at - clock.timestamp())
        assert delays == [600, 1200, 2400, 4800, 9600, 19200, 21600, 21600]
        assert [e.kind for e in events.seen] == ["failing"]  # told once, at the third failure
        assert events.seen[0].failures == 3 and events.seen[0].last_error == "HTTP 503 Service Unavailable"
        assert (await _source(store, "flaky")).alerted
        server.set("/feed", rss(("r1", "Снова работает", "x")))
        [ok] = await poller.tick()
        assert ok.ok and ok.next_attempt_at - clock.timestamp() == 600
        clock.advance(600)
        await poller.tick()
    assert [e.kind for e in events.seen] == ["failing", "recovered"]
    assert events.seen[1].failures == 8
    src = await _source(store, "flaky")
    assert src.consecutive_failures == 0 and not src.alerted and src.health.status == "ok"


def test_backoff_delay_function() -> None:
    assert [backoff_delay(n, 300, 3600) for n in (1, 2, 3, 4, 5)] == [300, 600, 1200, 2400, 3600]
    assert backoff_delay(3, 86400, 3600) == 86400  # an interval longer than the cap stays


async def test_jitter_spreads_next_attempts(
    server: LocalServer, store: Store, clock: FakeClock, add_source: AddSource
) -> None:
    import random

    for n in range(10):
        await add_source(f"s{n}", "rss", server.url("/f/empty.xml"), interval_s=1000)
    async with Poller(store, make_settings(poll_jitter=0.1), clock=clock, rng=random.Random(7)) as poller:
        results = await poller.tick()
    delays = {r.next_attempt_at - clock.timestamp() for r in results}
    assert len(delays) > 3 and all(900 <= d <= 1100 for d in delays)


@pytest.mark.slow
async def test_timeout_and_body_limit_are_recorded(
    server: LocalServer, store: Store, clock: FakeClock, add_source: AddSource
) -> None:
    await add_source("slow", "rss", server.url("/slow/1.2"))
    async with Poller(store, make_settings(fetch_timeout=0.5), clock=clock) as poller:
        slow = {r.source_id: r for r in await poller.tick()}
    assert slow["slow"].error == "timeout after 0.5 s"
    # The body limits with a generous timeout, so a busy machine cannot turn them into timeouts.
    await add_source("huge", "rss", server.url("/big?mb=50"))
    await add_source("bomb", "rss", server.url("/bomb"))
    await add_source("ok", "rss", server.url("/f/rss2.xml"))
    settings = make_settings(fetch_timeout=30, fetch_max_bytes=1_000_000)
    async with Poller(store, settings, clock=clock) as poller:
        results = {r.source_id: r for r in await poller.tick()}
    assert "slow" not in results  # backing off after its timeout
    assert results["huge"].error == "body over 1000000 bytes, cut off"
    assert results["bomb"].error == "body over 1000000 bytes, cut off"
    assert results["ok"].ok and len(results["ok"].new) == 3


async def test_per_host_and_global_limits(
    server: LocalServer, store: Store, clock: FakeClock, add_source: AddSource
) -> None:
    server.expect_overlap(2)  # answers wait until two are in flight together
    for n in range(8):
        await add_source(f"s{n}", "rss", server.url("/f/empty.xml") + f"?n={n}")
    async with Poller(store, make_settings(fetch_per_host=2, fetch_concurrency=20), clock=clock) as poller:
        results = await poller.tick()
    assert len(results) == 8 and all(r.ok for r in results)
    assert server.peak == 2
    for n in range(8):
        await add_source(f"t{n}", "rss", server.url("/f/empty.xml") + f"?t={n}")
    server.expect_overlap(3)
    async with Poller(store, make_settings(fetch_per_host=10, fetch_concurrency=3), clock=clock) as poller:
        await poller.tick()
    assert server.peak == 3


async def test_a_source_is_never_fetched_twice_at_once(
    server: LocalServer, store: Store, clock: FakeClock, add_source: AddSource
) -> None:
    await add_source("slowish", "rss", server.url("/slow/0.3"))
    async with Poller(store, make_settings(), clock=clock) as poller:
        first, second = await asyncio.gather(poller.tick(), poller.tick())
    assert len(first) + len(second) == 1
    assert server.hits["/slow/0.3"] == 1


async def test_paused_and_removed_sources_are_not_polled(
    server: LocalServer, store: Store, clock: FakeClock, add_source: AddSource
) -> None:
    await add_source("paused", "rss", server.url("/f/rss2.xml"), state="paused")
    await add_source("gone", "rss", server.url("/f/atom.xml"), state="removed")
    async with Poller(store, make_settings(), clock=clock) as poller:
        assert await poller.tick() == []
        assert await poller.tick(due_only=False) == []
    assert server.hits == {}


async def test_notify_failure_does_not_break_the_poll(
    server: LocalServer, store: Store, clock: FakeClock, add_source: AddSource
) -> None:
    async def broken_notify(event: SourceHealthEvent) -> None:
        raise RuntimeError("telegram is down")

    await add_source("bad", "rss", server.url("/status/404"))
    async with Poller(store, make_settings(source_alert_after=1), clock=clock, notify=broken_notify) as poller:
        [r] = await poller.tick()
    assert r.error == "HTTP 404 Not Found" and r.event is not None and r.event.kind == "failing"


async def test_sync_config_sources_inserts_once_and_keeps_admin_edits(store: Store, clock: FakeClock) -> None:
    now = clock.timestamp()
    async with store.transaction() as tx:
        await tx.cases.upsert(CaseInput(slug="balashov", name="Виктор Балашов"), origin="config", now=now, overwrite=False)
    decls = [
        SourceDecl.model_validate({"id": "court", "kind": "rss", "url": (FIXTURES / "rss2.xml").as_uri(),
                                   "case": "balashov", "interval": "15m"}),
        SourceDecl(id="chan", kind="telegram", url="@freekz_news", enabled=False),
        SourceDecl.model_validate({"id": "page", "kind": "html", "url": "https://vestnik.example.kz/news",
                                   "selectors": {"item": "article.news", "link": "a.title"}, "follow_links": True,
                                   "backfill": 1}),
    ]
    await sync_config_sources(store, decls, now)
    async with store.transaction() as tx:
        court = await tx.sources.get("court")
        assert court is not None and court.case_id is not None and court.interval_s == 900 and court.origin == "config"
        chan = await tx.sources.get("chan")
        assert chan is not None and chan.url == "https://t.me/s/freekz_news" and chan.state == "paused"
        page = await tx.sources.get("page")
        assert page is not None and page.options == {
            "backfill": 1, "follow_links": True, "selectors": {"item": "article.news", "link": "a.title"}
        }
        assert await tx.sources.set_state("court", "removed", now=now)
    changed = [SourceDecl(id="court", kind="rss", url="https://elsewhere.example.kz/feed")]
    await sync_config_sources(store, changed, now + 10)
    async with store.read() as tx:
        court2 = await tx.sources.get("court")
    assert court2 is not None and court2.state == "removed" and court2.url == court.url


def test_schedule_adds_one_coalesced_job(store: Store, clock: FakeClock) -> None:
    poller = Poller(store, make_settings(), clock=clock)
    scheduler = AsyncIOScheduler()
    poller.schedule(scheduler, every_s=3)
    [job] = scheduler.get_jobs()
    assert job.max_instances == 1 and job.coalesce is True and job.misfire_grace_time is None
    assert job.trigger.interval.total_seconds() == 3


@pytest.mark.parametrize("kind", ["rss", "telegram"])
async def test_internal_errors_are_recorded_not_raised(
    kind: str, store: Store, clock: FakeClock, add_source: AddSource, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bot.sources.poller as poller_mod

    async def explode(*a: Any, **k: Any) -> Any:
        raise RuntimeError("bug")

    monkeypatch.setattr(poller_mod, "read_source", explode)
    await add_source("x", kind, "http://127.0.0.1:9/feed")
    async with Poller(store, make_settings(), clock=clock) as poller:
        [r] = await poller.tick()
    # The type and the place, not the message (a message may quote the page).
    assert r.error is not None and r.error.startswith("internal error: RuntimeError at ") and "bug" not in r.error
    assert (await _source(store, "x")).consecutive_failures == 1


async def test_scheduled_ticks_keep_counts_not_items(
    server: LocalServer, store: Store, clock: FakeClock, add_source: AddSource
) -> None:
    await add_source("court", "rss", server.url("/f/rss2.xml"), options={"backfill": 1})
    async with Poller(store, make_settings(), clock=clock) as poller:
        [r] = await poller.tick(keep_items=False)
        assert r.new == [] and r.announce == [] and r.new_count == 3 and r.announce_count == 1
        assert await poller.poll_source("nope") is None
        again = await poller.poll_source("court")
    assert again is not None and again.not_modified and again.new_count == 0


async def test_hostile_listing_cannot_make_the_poller_read_local_files(
    server: LocalServer, store: Store, clock: FakeClock, add_source: AddSource, tmp_path: Any,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Links and a <base href> naming file:// are the page's word: nothing local is read, the item is skipped."""
    (tmp_path / "secret.txt").write_text("SECRET-MARKER-ONE", encoding="utf-8")
    (tmp_path / "relative.html").write_text("<article>SECRET-MARKER-TWO</article>", encoding="utf-8")
    server.set("/relative.html", "<html><body><article>Статья с сайта.</article></body></html>",
               content_type="text/html; charset=utf-8")
    listing = (
        f'<html><head><base href="{tmp_path.as_uri()}/"></head><body>'
        '<article class="news"><a class="title" href="file:///etc/passwd">Первая</a></article>'
        f'<article class="news"><a class="title" href="{(tmp_path / "secret.txt").as_uri()}">Вторая</a></article>'
        '<article class="news"><a class="title" href="relative.html">Третья</a></article>'
        "</body></html>"
    )
    url = server.set("/news", listing, content_type="text/html; charset=utf-8")
    await add_source("page", "html", url, options={
        "follow_links": True, "selectors": {"item": "article.news", "link": "a.title"}})
    caplog.set_level("WARNING")
    async with Poller(store, make_settings(), clock=clock) as poller:
        [res] = await poller.tick()
    assert res.ok and len(res.skipped) == 2
    async with store.read() as tx:
        items = await tx.items.for_source("page")
    texts = " ".join(f"{i.title} {i.url} {i.text}" for i in items)
    assert "SECRET-MARKER" not in texts and "root:" not in texts
    # The relative link resolves against the page's own address, not the file:// base.
    assert [(i.title, i.url) for i in items] == [("Третья", server.url("/relative.html"))]
    assert "Статья с сайта." in items[0].text
    assert "page: 2 item(s) skipped" in caplog.text and "not an http(s) address (file)" in caplog.text


async def test_a_redirect_to_a_local_file_is_not_followed(server: LocalServer, tmp_path: Any) -> None:
    from bot.sources.fetch import Fetcher

    (tmp_path / "secret.txt").write_text("SECRET-MARKER", encoding="utf-8")
    async with Fetcher(make_settings()) as f:
        res = await f.fetch(server.url(f"/redirect?to={(tmp_path / 'secret.txt').as_uri()}"))
    assert res.error is not None and b"SECRET-MARKER" not in (res.content or b"")


async def test_feed_item_links_that_are_not_web_addresses_are_dropped() -> None:
    from bot.sources.rss import parse_feed

    feed = rss(("g1", "Балашов", "x")).replace("https://news.example.kz/g1", "file:///etc/passwd")
    [item] = parse_feed(feed.encode())
    assert item.url is None and item.stable_id == "g1"


async def test_a_parser_error_logs_and_stores_no_part_of_the_page(
    server: LocalServer, store: Store, clock: FakeClock, add_source: AddSource, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from bot.sources import rss as rss_kind

    marker = "MARKER-page-9c1e"

    def parse_feed(content: bytes, **kw: Any) -> Any:
        raise ValueError(f"unexpected {content[:200]!r}")

    monkeypatch.setattr(rss_kind, "parse_feed", parse_feed)
    url = server.set("/feed", rss(("g1", marker, marker)))
    await add_source("news", "rss", url)
    caplog.set_level("DEBUG")
    async with Poller(store, make_settings(), clock=clock) as poller:
        [res] = await poller.tick()
    assert res.error is not None and "ValueError at " in res.error
    assert marker not in caplog.text and marker not in res.error
