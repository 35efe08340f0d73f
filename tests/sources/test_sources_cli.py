"""`sources list`, `sources check` and `poll --once [--dry-run]` output, and kind detection."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.cli.sources import poll_once, sources_check, sources_list
from bot.config import Settings
from bot.sources.check import check
from bot.sources.detect import DetectError, detect
from bot.sources.fetch import Fetcher
from tests.sources.conftest import FIXTURES, LocalServer, make_settings

CASES = [{"slug": "balashov", "name": "Виктор Балашов"}, {"slug": "movlaev", "name": "Мансур Мовлаев"}]


def _settings(tmp_path: Path, server: LocalServer, **kw: Any) -> Settings:
    sources = [
        {"id": "court", "kind": "rss", "url": server.url("/f/rss2.xml"), "case": "balashov"},
        {"id": "chan", "kind": "telegram", "url": server.url("/s/freekz_news"), "case": "movlaev"},
        {"id": "broken", "kind": "rss", "url": server.url("/status/500")},
        {"id": "later", "kind": "rss", "url": server.url("/f/atom.xml"), "enabled": False},
    ]
    return make_settings(database_url=f"sqlite:///{tmp_path / 'db' / 'casewatch.db'}", cases=CASES,
                         sources=sources, **kw)


def _json_lines(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


async def test_poll_once_dry_run_writes_nothing(tmp_path: Path, server: LocalServer, capsys: pytest.CaptureFixture[str]) -> None:
    settings = _settings(tmp_path, server)
    code = await poll_once(settings, dry_run=True, as_json=True)
    out, err = capsys.readouterr()
    assert code == 1 and err.strip() == "error: 1 of 3 sources failed"
    rows = {r["source"]: r for r in _json_lines(out)}
    assert set(rows) == {"court", "chan", "broken"}
    assert all(set(r) == {"source", "new", "items", "error"} for r in rows.values())
    assert rows["court"]["new"] == 3 and rows["court"]["error"] is None
    item = rows["court"]["items"][0]
    assert set(item) == {"id", "url", "title", "published", "excerpt"}
    assert item["published"].endswith("Z") and len(item["excerpt"]) <= 200
    assert rows["broken"] == {"source": "broken", "new": 0, "items": [], "error": "HTTP 500 Internal Server Error"}
    assert not (tmp_path / "db" / "casewatch.db").exists()


@pytest.mark.slow
async def test_poll_once_then_list(tmp_path: Path, server: LocalServer, capsys: pytest.CaptureFixture[str]) -> None:
    settings = _settings(tmp_path, server)
    assert await poll_once(settings, dry_run=False, as_json=False) == 1
    out, _ = capsys.readouterr()
    assert "court: 3 new (first read: stored as seen, not announced)" in out
    assert "broken: error: HTTP 500 Internal Server Error" in out

    assert await sources_list(settings, as_json=False) == 0
    out, _ = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0].split() == ["id", "kind", "state", "last_ok", "failures", "next_try", "last_error"]
    table = {ln.split()[0]: ln.split() for ln in lines[1:]}
    assert table["court"][1:3] == ["rss", "ok"] and table["court"][4] == "0"
    assert table["broken"][2] == "failing" and "HTTP 500 Internal Server Error" in out
    assert table["later"][2] == "paused"

    assert await sources_list(settings, as_json=True) == 0
    rows = {r["id"]: r for r in _json_lines(capsys.readouterr()[0])}
    keys = {"id", "kind", "url", "case", "state", "last_success_at", "last_error", "consecutive_failures",
            "next_attempt_at"}
    assert all(set(r) == keys for r in rows.values())
    assert rows["court"]["case"] == "balashov" and rows["court"]["state"] == "ok"
    assert rows["court"]["last_success_at"].endswith("Z")
    assert rows["broken"]["consecutive_failures"] == 1 and rows["later"]["next_attempt_at"] is None

    # A dry run against the stored state shows only what is new since, and changes nothing.
    server.set("/f/rss2.xml", (FIXTURES / "rss2.xml").read_text().replace("courts-kz-1039", "courts-kz-1050"))
    assert await poll_once(settings, dry_run=True, as_json=True) == 1
    rows = {r["source"]: r for r in _json_lines(capsys.readouterr()[0])}
    assert rows["court"]["new"] == 1 and rows["court"]["items"][0]["id"] == "courts-kz-1050"
    assert rows["chan"]["new"] == 0
    assert await poll_once(settings, dry_run=True, as_json=True) == 1
    rows = {r["source"]: r for r in _json_lines(capsys.readouterr()[0])}
    assert rows["court"]["new"] == 1  # the first dry run stored nothing


async def test_sources_list_of_new_sources(tmp_path: Path, server: LocalServer, capsys: pytest.CaptureFixture[str]) -> None:
    assert await sources_list(_settings(tmp_path, server), as_json=True) == 0
    rows = {r["id"]: r for r in _json_lines(capsys.readouterr()[0])}
    assert rows["court"]["state"] == "new" and rows["court"]["last_success_at"] is None


async def test_sources_check_outputs(tmp_path: Path, server: LocalServer, capsys: pytest.CaptureFixture[str]) -> None:
    settings = _settings(tmp_path, server)
    assert await sources_check(settings, server.url("/f/atom.xml"), kind=None, as_json=True) == 0
    [obj] = _json_lines(capsys.readouterr()[0])
    assert set(obj) == {"source", "kind", "http_status", "error", "items"}
    assert obj["kind"] == "rss" and obj["http_status"] == 200 and obj["error"] is None and obj["source"] is None
    assert [i["id"] for i in obj["items"]] == ["urn:uuid:movlaev-2026-03-09", "urn:uuid:emelyanova-2026-03-05"]

    assert await sources_check(settings, "chan", kind=None, as_json=True) == 0
    [obj] = _json_lines(capsys.readouterr()[0])
    assert obj["source"] == "chan" and obj["kind"] == "telegram"
    dates = [i["published"] for i in obj["items"]]
    assert dates == sorted(dates, reverse=True)  # newest first

    assert await sources_check(settings, "broken", kind=None, as_json=False) == 1
    _, err = capsys.readouterr()
    assert err.strip() == "error: HTTP 500 Internal Server Error" and len(err.strip().splitlines()) == 1

    assert await sources_check(settings, "nosuchsource", kind=None, as_json=True) == 2
    assert "unknown source" in capsys.readouterr()[1]
    assert await sources_check(settings, "court", kind="pdf", as_json=True) == 2
    capsys.readouterr()
    assert await sources_check(settings, server.url("/f/listing.html"), kind=None, as_json=True) == 1
    [obj] = _json_lines(capsys.readouterr()[0])
    assert "needs [sources.selectors]" in obj["error"] and obj["items"] == []
    assert not (tmp_path / "db").exists()  # check writes nothing


async def test_check_local_path_and_relative_file(server: LocalServer, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = make_settings()
    monkeypatch.chdir(FIXTURES)
    res = await check(settings, "feed.json")
    assert res.error is None and res.kind == "rss" and len(res.items) == 2
    refused = await check(settings, "feed.json", allow_local=False)
    assert refused.error == "refused: only http and https URLs can be added"


async def test_detect_kinds(server: LocalServer, tmp_path: Path) -> None:
    page = '<html><head><link rel="alternate" type="application/atom+xml" href="/f/atom.xml"></head><body>x</body></html>'
    server.set("/with-feed", page, content_type="text/html")
    md = tmp_path / "statement.md"
    md.write_text("---\ntitle: Заявление\n---\nТекст", encoding="utf-8")
    async with Fetcher(make_settings()) as f:
        assert (await detect(f, "https://t.me/freekz_news")).kind == "telegram"
        assert (await detect(f, "@freekz_news")).url == "https://t.me/s/freekz_news"
        for name in ("rss2.xml", "rss1.rdf", "atom.xml", "feed.json"):
            assert (await detect(f, server.url(f"/f/{name}"))).kind == "rss", name
        found = await detect(f, server.url("/with-feed"))
        assert found.kind == "rss" and found.url == server.url("/f/atom.xml")
        assert (await detect(f, server.url("/s/freekz_news"))).kind == "telegram"
        assert (await detect(f, md.as_uri())).kind == "markdown"
        assert (await detect(f, tmp_path.as_uri())).kind == "markdown"
        with pytest.raises(DetectError, match=r"needs \[sources\.selectors\]"):
            await detect(f, server.url("/f/listing.html"))
        with pytest.raises(DetectError, match="HTTP 404"):
            await detect(f, server.url("/nothing"))
