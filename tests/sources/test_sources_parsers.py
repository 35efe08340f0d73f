"""Each kind parses right: rss (2.0, 1.0/RDF, Atom, JSON Feed), html, telegram, markdown."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.clock import zone
from bot.sources.check import read_source
from bot.sources.fetch import Fetcher
from bot.sources.html import parse_listing
from bot.sources.markdown import parse_document
from bot.sources.model import ParseError, canonical_url, stable_id_for
from bot.sources.rss import parse_feed
from bot.sources.telegram import normalise_channel_url, parse_channel
from tests.sources.conftest import FIXTURES, REPO, LocalServer, make_settings

ALMATY = zone("Asia/Almaty")
LISTING = {"item": "article.news", "link": "a.title", "date": "time", "body": "div.lead"}


def _feed(name: str) -> list:
    return parse_feed((FIXTURES / name).read_bytes())


def test_rss2() -> None:
    items = _feed("rss2.xml")
    assert [i.stable_id for i in items] == [
        "courts-kz-1041",
        "https://courts.example.kz/news/balashov-prosecutor",  # a permalink GUID is its canonical URL
        "courts-kz-1039",
    ]
    first = items[0]
    assert first.title == "Суд над Виктором Балашовым: следующее заседание 12 ноября"
    assert first.url == "https://courts.example.kz/news/balashov-12-nov"  # utm_* stripped
    assert first.published == datetime(2024, 11, 1, 10, 20, tzinfo=UTC)
    assert "Следующее заседание назначено на 12 ноября в 11:00." in first.text
    assert "<p>" not in first.text
    assert first.links == ("https://courts.example.kz/cases/balashov",)  # fbclid stripped
    assert "СИЗО Алматы в ожидании решения об экстрадиции в Россию.\nАдвокаты" in items[2].text  # <br/> → newline


def test_rss1_rdf() -> None:
    items = _feed("rss1.rdf")
    assert [i.title for i in items] == ["Последнее слово Альнура Ильяшева", "Ильяшев обратился в Генеральную прокуратуру"]
    assert items[0].stable_id == "https://rights.example.org/2020/06/ilyashev-last-word"
    assert items[0].published == datetime(2020, 6, 22, 7, 1, tzinfo=UTC)


def test_atom() -> None:
    items = _feed("atom.xml")
    assert items[0].stable_id == "urn:uuid:movlaev-2026-03-09"
    assert items[0].url == "https://extradition.example.org/movlaev/2026-03-09"
    assert items[0].published == datetime(2026, 3, 9, 8, 0, tzinfo=UTC)  # published, not updated
    assert "17 марта в 10:00" in items[0].text
    assert items[1].published == datetime(2026, 3, 5, 9, 30, tzinfo=UTC)  # only updated: taken
    assert "бывшей сотрудницы штаба Навального" in items[1].text


def test_json_feed() -> None:
    items = _feed("feed.json")
    assert [i.stable_id for i in items] == ["obs-2024-11-19", "obs-2024-11-12"]
    assert items[0].title == "Приговор Балашову: 4 года 8 месяцев"
    assert items[1].text == "Защита Балашова представила новые документы."


def test_empty_feed_has_no_items() -> None:
    assert _feed("empty.xml") == []


def test_items_without_dates_or_guids() -> None:
    items = _feed("nodates.xml")
    assert len(items) == 2
    assert items[0].stable_id == "https://notes.example.kz/ilyashev/complaint"
    assert items[0].published is None
    assert items[1].url is None and items[1].stable_id.startswith("sha256:")
    # The same content gives the same id on the next read: no duplicate.
    assert _feed("nodates.xml")[1].stable_id == items[1].stable_id


def test_malformed_xml_is_a_clear_error() -> None:
    with pytest.raises(ParseError, match="malformed XML"):
        _feed("malformed.xml")
    with pytest.raises(ParseError, match="not a feed"):
        parse_feed(b"<html><body>just a page</body></html>")
    with pytest.raises(ParseError, match="empty"):
        parse_feed(b"   ")


def test_html_listing_with_selectors() -> None:
    html = (FIXTURES / "listing.html").read_text(encoding="utf-8")
    items = parse_listing(html, base_url="https://vestnik.example.kz/news/", selectors=LISTING, tz=ALMATY)
    assert [i.url for i in items] == [
        "https://vestnik.example.kz/news/balashov-verdict",
        "https://vestnik.example.kz/news/balashov-12-nov",
        "https://other.example.kz/ilyashev",
    ]
    assert items[0].title == "Балашову вынесли приговор"
    assert items[0].published == datetime(2024, 11, 19, 12, 0, tzinfo=UTC)  # datetime attribute
    assert items[1].published == datetime(2024, 11, 12, 6, 0, tzinfo=UTC)  # text, read in court time
    assert items[1].text == "Суд выслушал свидетелей защиты.\nСледующее заседание — 19 ноября."
    assert items[2].published is None


def test_html_listing_selector_matching_nothing() -> None:
    with pytest.raises(ParseError, match="matched nothing"):
        parse_listing("<html><body><p>x</p></body></html>", base_url="http://x/", selectors={"item": ".news"}, tz=UTC)


async def test_cp1251_page_without_charset(server: LocalServer) -> None:
    options = {"selectors": {"item": "div.item", "date": "span.date", "body": "p"}}
    async with Fetcher(make_settings()) as f:
        read = await read_source(f, "html", server.url("/raw/cp1251.html"), options, tz=ALMATY)
    assert read.error is None
    assert read.items[0].title == "Альнур Ильяшев осуждён за «распространение заведомо ложной информации»"
    assert read.items[0].published == datetime(2020, 6, 22, 7, 1, tzinfo=UTC)
    assert "Ёмкость камеры" in read.items[1].text


async def test_html_follow_links_reads_article_pages(server: LocalServer) -> None:
    listing = (FIXTURES / "listing.html").read_text(encoding="utf-8")
    listing = listing.replace("/news/balashov-verdict?utm_source=main&amp;ref_src=x", "/f/article-verdict.html")
    listing = listing.replace("/news/balashov-12-nov", "/f/article-12-nov.html")
    listing = listing.replace("https://other.example.kz/ilyashev", "/status/404")
    server.set("/news", listing, content_type="text/html; charset=utf-8")
    options = {"follow_links": True, "selectors": {**LISTING, "body": "div.article-body"}}
    async with Fetcher(make_settings()) as f:
        read = await read_source(f, "html", server.url("/news"), options, tz=ALMATY)
        assert read.error is None
        verdict = read.items[0]
        assert verdict.text.startswith("19 ноября Медеуский районный суд Алматы")
        assert "Меню сайта" not in verdict.text
        assert "Следующее заседание назначено на 19 ноября в 10:00." in read.items[1].text
        # The failed article keeps its listing text on a first read (it is baselined anyway).
        assert read.items[2].text.endswith("Активист произнёс последнее слово в суде.")

        async def known(ids: object) -> set[str]:
            return {verdict.stable_id}

        later = await read_source(f, "html", server.url("/news"), options, tz=ALMATY, known=known)
    # Stored items are not fetched again; the one whose page failed waits for the next read.
    assert [i.stable_id for i in later.items] == [read.items[1].stable_id]
    assert later.etag is None


async def test_telegram_channel(server: LocalServer) -> None:
    async with Fetcher(make_settings()) as f:
        read = await read_source(f, "telegram", server.url("/s/freekz_news"))
    assert read.error is None
    by_id = {i.stable_id: i for i in read.items}
    # 104 is a photo without a caption: nothing to read.
    assert list(by_id) == ["freekz_news/101", "freekz_news/102", "freekz_news/103", "freekz_news/105"]
    first = by_id["freekz_news/101"]
    assert first.url == "https://t.me/freekz_news/101"
    assert first.published == datetime(2026, 3, 9, 9, 15, tzinfo=UTC)
    assert "Следующее заседание назначено на 17 марта в 10:00." in first.text
    assert first.links == ("https://courts.example.kz/movlaev",)
    fwd = by_id["freekz_news/102"]
    assert fwd.forwarded_from == "Даник Ильяшев" and "https://t.me/daniksm/14" in fwd.links
    assert by_id["freekz_news/103"].text == "Юлия Емельянова в зале суда. Защита просит не выдавать её России."
    reply = by_id["freekz_news/105"]
    assert reply.text.startswith("Адвокаты Мовлаева") and "по-прежнему в СИЗО" not in reply.text  # quote left out
    assert "https://rights.example.org/extradition" in reply.links


async def test_telegram_goes_back_through_older_pages(server: LocalServer) -> None:
    async def nothing_known(ids: object) -> set[str]:
        return set()

    async with Fetcher(make_settings()) as f:
        read = await read_source(f, "telegram", server.url("/s/freekz_news"), known=nothing_known)
    ids = [i.stable_id for i in read.items]
    assert ids[:2] == ["freekz_news/99", "freekz_news/100"] and "freekz_news/105" in ids
    assert server.requests[1]["path"] == "/s/freekz_news"  # then ?before=101
    assert server.hits["/s/freekz_news"] >= 2


def test_channel_addresses_normalised() -> None:
    assert normalise_channel_url("@freekz_news") == "https://t.me/s/freekz_news"
    assert normalise_channel_url("t.me/freekz_news") == "https://t.me/s/freekz_news"
    assert normalise_channel_url("https://t.me/freekz_news/123") == "https://t.me/s/freekz_news"
    assert normalise_channel_url("https://t.me/s/freekz_news") == "https://t.me/s/freekz_news"
    assert normalise_channel_url("http://127.0.0.1:8000/s/x_chan") == "http://127.0.0.1:8000/s/x_chan"


def test_not_a_channel_page() -> None:
    with pytest.raises(ParseError, match="not a Telegram channel page"):
        parse_channel("<html><body><p>hello</p></body></html>", base_url="http://x/")


def test_markdown_document() -> None:
    doc = "---\ntitle: \"Заявление защиты Балашова\"\ndate: 2024-11-12T10:00:00+05:00\nsourcelink: \"https://t.me/daniksm/20?utm_source=x\"\n---\n\nТекст заявления.\n"
    item = parse_document(doc, doc_id="a.md", url="file:///a.md", tz=ALMATY)
    assert item.stable_id == "https://t.me/daniksm/20"
    assert item.title == "Заявление защиты Балашова"
    assert item.published == datetime(2024, 11, 12, 5, 0, tzinfo=UTC)
    assert item.text == "Текст заявления."
    plain = parse_document("Генеральная прокуратура\n\nот Гражданина Ильяшева", doc_id="b.txt", url=None, tz=ALMATY)
    assert plain.stable_id == "b.txt" and plain.title == "Генеральная прокуратура" and plain.published is None


def _seeds() -> Path:
    path = Path(os.environ.get("CASEWATCH_SEEDS") or REPO.parent / "shared" / "seeds")
    if not path.is_dir() or not any(path.iterdir()):
        pytest.skip(f"seed documents not found at {path} (set CASEWATCH_SEEDS to their folder)")
    return path


async def test_markdown_seeds_folder_source() -> None:
    folder = _seeds()
    async with Fetcher(make_settings()) as f:
        read = await read_source(f, "markdown", folder.as_uri(), tz=ALMATY)
        assert read.error is None and read.etag
        names = sorted(p.name for p in folder.iterdir() if p.suffix in (".md", ".txt"))
        assert len(read.items) == len(names)
        with_fm = [i for i in read.items if i.stable_id == "https://t.me/daniksm/14"]
        assert with_fm, "seed 001 names its sourcelink"
        item = with_fm[0]
        assert item.title == "Альнур Ильяшев (Распространение заведомо ложной информации)"
        assert item.published == datetime(2020, 6, 22, 7, 1, tzinfo=UTC)
        assert item.text.startswith("Я позволю себе встать.")
        again = await read_source(f, "markdown", folder.as_uri(), etag=read.etag, tz=ALMATY)
    assert again.not_modified and again.items == []


async def test_examples_folder_reads(server: LocalServer) -> None:
    folder = REPO / "examples" / "sources" / "statements"
    if not folder.is_dir():
        pytest.skip("examples/sources/statements not written yet")
    async with Fetcher(make_settings()) as f:
        read = await read_source(f, "markdown", folder.as_uri(), tz=ALMATY)
    assert read.error is None and read.items and all(i.title for i in read.items)


def test_canonical_urls_strip_tracking() -> None:
    a = canonical_url("HTTPS://Courts.Example.kz:443/news/1?utm_source=tg&id=5&fbclid=x&gclid=y&yclid=z#top")
    assert a == "https://courts.example.kz/news/1?id=5"
    assert stable_id_for(guid=None, link="https://courts.example.kz/news/1?id=5&utm_medium=m", title=None, text="") == a
    assert canonical_url("https://x.kz") == "https://x.kz/"


def test_channel_address_mangled_into_a_path_by_the_config() -> None:
    # config.py turns any TOML value with a slash into a file:// path, `t.me/name` included.
    assert normalise_channel_url("file:///etc/casewatch/t.me/freekz_news") == "https://t.me/s/freekz_news"
    assert normalise_channel_url("file:///srv/examples/sources/channel.html") == "file:///srv/examples/sources/channel.html"
