"""The fetcher: conditional requests, limits, misbehaving servers, decoding, the address guard."""

from __future__ import annotations

import resource
from pathlib import Path

from bot.sources.charsets import decode_text
from bot.sources.fetch import Fetcher, make_policy, private_networks
from tests.sources.conftest import FIXTURES, LocalServer, make_settings


async def test_etag_round_trip_ends_in_304(server: LocalServer) -> None:
    async with Fetcher(make_settings()) as f:
        first = await f.fetch(server.url("/etag-only/rss2.xml"))
        assert first.ok and first.status == 200 and first.etag
        assert b"<rss" in first.content
        again = await f.fetch(server.url("/etag-only/rss2.xml"), etag=first.etag)
    assert again.ok and again.status == 304 and again.not_modified
    assert again.content == b"" and again.etag == first.etag
    assert server.requests[-1]["if-none-match"] == first.etag


async def test_last_modified_round_trip_ends_in_304(server: LocalServer) -> None:
    async with Fetcher(make_settings()) as f:
        first = await f.fetch(server.url("/lm-only/atom.xml"))
        assert first.ok and first.last_modified and first.etag is None
        again = await f.fetch(server.url("/lm-only/atom.xml"), last_modified=first.last_modified)
    assert again.status == 304 and again.not_modified
    assert server.requests[-1]["if-modified-since"] == first.last_modified


async def test_200_with_the_same_etag_is_unchanged(server: LocalServer) -> None:
    async with Fetcher(make_settings()) as f:
        first = await f.fetch(server.url("/same-etag/rss2.xml"))
        again = await f.fetch(server.url("/same-etag/rss2.xml"), etag=first.etag)
    assert again.status == 200 and again.not_modified and again.ok


async def test_user_agent_names_the_bot(server: LocalServer) -> None:
    settings = make_settings()
    async with Fetcher(settings) as f:
        await f.fetch(server.url("/f/rss2.xml"))
    ua = server.requests[-1]["user-agent"]
    assert ua == settings.user_agent and ua.startswith("CaseWatch/") and "+http" in ua
    assert "gzip" in server.requests[-1]["accept-encoding"]


async def test_http_500_is_an_error_value(server: LocalServer) -> None:
    async with Fetcher(make_settings()) as f:
        res = await f.fetch(server.url("/status/500"))
    assert res.status == 500 and res.error == "HTTP 500 Internal Server Error"


async def test_timeout(server: LocalServer) -> None:
    async with Fetcher(make_settings(fetch_timeout=0.3)) as f:
        # No answer comes until the test is over: a result at all shows the fetcher gave up by itself.
        res = await f.fetch(server.url("/hang"))
    assert res.error == "timeout after 0.3 s"
    assert server.hits["/hang"] == 1


async def test_redirect_loop(server: LocalServer) -> None:
    async with Fetcher(make_settings()) as f:
        res = await f.fetch(server.url("/loop/0"))
    assert res.error == "too many redirects (5)"


async def test_redirect_followed(server: LocalServer) -> None:
    async with Fetcher(make_settings()) as f:
        res = await f.fetch(server.url(f"/redirect?to={server.url('/f/rss2.xml')}"))
    assert res.ok and res.final_url.endswith("/f/rss2.xml")


async def test_50_mb_body_is_cut_at_the_limit(server: LocalServer) -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    async with Fetcher(make_settings()) as f:
        res = await f.fetch(server.url("/big?mb=50"))
    assert res.error == "body over 5000000 bytes, cut off"
    assert len(res.content) <= 5_000_000
    # Streamed: the process never held anything like 50 MB for it.
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 40_000


async def test_gzip_bomb_is_cut_after_decoding(server: LocalServer) -> None:
    assert len(server.bomb()) < 200_000
    async with Fetcher(make_settings(fetch_max_bytes=1_000_000)) as f:
        res = await f.fetch(server.url("/bomb"))
    assert res.error == "body over 1000000 bytes, cut off"
    assert len(res.content) <= 1_000_000


async def test_gzip_body_is_decoded(server: LocalServer) -> None:
    import gzip

    body = (FIXTURES / "atom.xml").read_bytes()
    server.set("/gz", gzip.compress(body), headers={"Content-Encoding": "gzip"})
    async with Fetcher(make_settings()) as f:
        res = await f.fetch(server.url("/gz"))
    assert res.ok and res.content == body


async def test_brotli_body_is_decoded(server: LocalServer) -> None:
    import brotli

    body = (FIXTURES / "rss2.xml").read_bytes()
    server.set("/br", brotli.compress(body), headers={"Content-Encoding": "br"})
    async with Fetcher(make_settings()) as f:
        res = await f.fetch(server.url("/br"))
    assert res.ok and res.content == body


async def test_connection_refused_is_an_error_value() -> None:
    async with Fetcher(make_settings()) as f:
        res = await f.fetch("http://127.0.0.1:9/feed")
    assert res.error is not None and res.error.startswith("cannot connect to 127.0.0.1")


async def test_local_files_under_the_same_limit(tmp_path: Path) -> None:
    p = tmp_path / "feed.xml"
    p.write_bytes(b"<rss>" + b"x" * 2000 + b"</rss>")
    async with Fetcher(make_settings(fetch_max_bytes=1000)) as f:
        res = await f.fetch(p.as_uri())
        assert res.error == "body over 1000 bytes, cut off"
        ok = await f.fetch((FIXTURES / "empty.xml").as_uri())
        assert ok.ok and ok.etag and b"<rss" in ok.content
        same = await f.fetch((FIXTURES / "empty.xml").as_uri(), etag=ok.etag)
        assert same.not_modified
        missing = await f.fetch((tmp_path / "nope.xml").as_uri())
    assert missing.error is not None and missing.error.startswith("file not found")


def test_cp1251_without_a_declared_charset() -> None:
    raw = (FIXTURES / "cp1251.html").read_bytes()
    text = decode_text(raw, content_type="text/html")
    assert "Альнур Ильяшев осуждён" in text and "Ёмкость камеры" in text


def test_koi8r_and_bom_and_declared_charsets() -> None:
    phrase = "Суд над Виктором Балашовым отложен. Следующее заседание назначено на двенадцатое ноября."
    assert decode_text((phrase * 3).encode("koi8_r")) == phrase * 3
    assert decode_text(b"\xef\xbb\xbf" + phrase.encode()) == phrase
    assert decode_text(phrase.encode("cp1251"), content_type="text/html; charset=windows-1251") == phrase
    meta = b'<html><head><meta charset="windows-1251"></head><body>' + phrase.encode("cp1251") + b"</body></html>"
    assert phrase in decode_text(meta)
    # A header that lies (says UTF-8, sends windows-1251) does not win.
    assert phrase in decode_text(phrase.encode("cp1251"), content_type="text/html; charset=utf-8")


# --- the address guard --------------------------------------------------------------------------


async def test_guard_refuses_loopback_without_allow_private(server: LocalServer) -> None:
    async with Fetcher(make_settings(allow_private_urls=False)) as f:
        res = await f.fetch(server.url("/f/rss2.xml"))
    assert res.error == "refused: 127.0.0.1 is a private address (set ALLOW_PRIVATE_URLS to allow)"
    assert server.hits["/f/rss2.xml"] == 0


async def test_guard_refuses_private_literal_on_a_public_port() -> None:
    async with Fetcher(make_settings(allow_private_urls=False)) as f:
        res = await f.fetch("http://10.0.0.7/feed.xml")
        port = await f.fetch("https://example.kz:8081/feed.xml")
    assert res.error == "refused: 10.0.0.7 is a private address (set ALLOW_PRIVATE_URLS to allow)"
    assert port.error is not None and port.error.startswith("refused: port 8081 is not allowed")


async def test_guard_refuses_a_redirect_to_metadata_even_with_allow_private(server: LocalServer) -> None:
    target = "http://169.254.169.254/latest/meta-data/"
    async with Fetcher(make_settings(allow_private_urls=True)) as f:
        res = await f.fetch(server.url(f"/redirect?to={target}"))
    assert res.error == "refused: 169.254.169.254 is a cloud metadata address (never fetched)"
    assert server.hits["/redirect"] == 1


def test_allow_private_policy_keeps_metadata_out() -> None:
    import ipaddress

    nets = private_networks()
    assert any(ipaddress.ip_address("127.0.0.5") in n for n in nets)
    assert any(ipaddress.ip_address("169.254.1.1") in n for n in nets)
    assert not any(ipaddress.ip_address("169.254.169.254") in n for n in nets if n.version == 4)
    assert 8080 in make_policy(make_settings(allow_private_urls=False)).allowed_ports
    assert 41234 in make_policy(make_settings(allow_private_urls=True)).allowed_ports
