"""RSS 0.9x/1.0/2.0, Atom and JSON Feed, through fastfeedparser.

fastfeedparser fetches by itself when given a str that starts with http, past our guard and limits:
it only ever gets the bytes our fetcher read.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

import fastfeedparser

from bot.sources.charsets import declared_charset, decode_text
from bot.sources.model import (
    ParsedItem,
    ParseError,
    first_line,
    html_text_links,
    html_to_text,
    is_web_url,
    parse_date,
    stable_id_for,
    strip_tracking,
    to_utc,
)

_XML_DECL = re.compile(rb"^\s*<\?xml[^>]*\?>", re.S)


def feed_bytes(content: bytes, content_type: str | None = None) -> bytes:
    """Bytes fastfeedparser reads right: a feed whose charset only the header (or detection) knows is
    re-encoded as UTF-8 with a matching XML declaration."""
    stripped = content.lstrip()
    if stripped[:1] in (b"{", b"["):
        return content  # JSON Feed: UTF-8 by definition
    if content.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return content
    head = content[:512]
    if re.match(rb"^\s*<\?xml[^>]*encoding\s*=", head, re.I):
        return content  # the document says; lxml honours it
    declared = declared_charset(b"", content_type)
    if declared in (None, "utf-8"):
        try:
            content.decode("utf-8")
            return content
        except UnicodeDecodeError:
            pass
    text = decode_text(content, content_type=content_type)
    body = _XML_DECL.sub(b"", text.encode("utf-8"), count=1)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body.lstrip()


def _well_formed(content: bytes) -> str | None:
    """None when the XML is well formed, else lxml's complaint."""
    from lxml import etree

    try:
        etree.fromstring(content, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))
    except etree.XMLSyntaxError as exc:
        return str(exc).splitlines()[0] if str(exc) else "malformed XML"
    except ValueError:
        return None
    return None


def parse_feed(content: bytes, *, base_url: str | None = None, content_type: str | None = None) -> list[ParsedItem]:
    """Every entry of the feed, in the feed's order; raises ParseError when it is no feed at all.

    A malformed feed still gives the entries lxml's recovery finds, as long as they have a link or GUID;
    with none, the error names what was wrong.
    """
    if not content.strip():
        raise ParseError("empty document")
    data = feed_bytes(content, content_type)
    try:
        parsed = fastfeedparser.parse(data)
    except ValueError as exc:
        problem = None if data.lstrip()[:1] in (b"{", b"[") else _well_formed(data)
        msg = str(exc) or "not a feed"
        raise ParseError(f"not a feed: {msg}" + (f" ({problem})" if problem and problem not in msg else "")) from exc
    except Exception as exc:  # lxml and friends raise their own types on hostile input
        raise ParseError(f"not a feed: {type(exc).__name__}: {exc}") from exc
    entries: list[Any] = list(parsed.get("entries") or [])
    feed_link = (parsed.get("feed") or {}).get("link") or base_url
    items = [it for it in (_entry(e, feed_link) for e in entries) if it is not None]
    is_json = data.lstrip()[:1] in (b"{", b"[")
    if not is_json:
        problem = _well_formed(data)
        if problem is not None:
            # Recovered from broken XML: keep only entries that clearly are items.
            items = [it for it in items if _has_identity(it)]
            if not items:
                raise ParseError(f"malformed XML: {problem}")
    return items


def _has_identity(item: ParsedItem) -> bool:
    return bool(item.url) or not item.stable_id.startswith("sha256:")


def _entry(e: Any, base: str | None) -> ParsedItem | None:
    link = _link(e, base)
    title_html = e.get("title") or ""
    title = html_to_text(title_html) if title_html else None
    body_html = _body(e)
    text, links = html_text_links(body_html, link or base) if body_html else ("", ())
    guid = e.get("id")
    # fastfeedparser fills a missing GUID with the link: the same thing as no GUID for us.
    if guid and link and guid.strip() == link.strip():
        guid = None
    published = _date(e.get("published")) or _date(e.get("updated"))
    if not (title or text or link or guid):
        return None
    return ParsedItem(
        stable_id=stable_id_for(guid=guid, link=link, title=title, text=text),
        url=strip_tracking(link) if link else None,
        title=title or first_line(text),
        published=published,
        text=text,
        links=links,
    )


def _link(e: Any, base: str | None) -> str | None:
    link = e.get("link")
    if not link:
        for candidate in e.get("links") or []:
            href = candidate.get("href") if isinstance(candidate, dict) else None
            if href and (candidate.get("rel") in (None, "alternate")):
                link = href
                break
    if not link:
        return None
    link = str(link).strip()
    if not (link.startswith(("http://", "https://")) or not base):
        link = urljoin(base, link)
    # The feed's word: only an http(s) address is kept (the renderer shows no other, nothing fetches it).
    return link if is_web_url(link) else None


def _body(e: Any) -> str:
    best = ""
    for c in e.get("content") or []:
        value = c.get("value") if isinstance(c, dict) else None
        if value and len(value) > len(best):
            best = value
    return best or (e.get("description") or e.get("summary") or "")


def _date(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return to_utc(value)
    if isinstance(value, str):
        return parse_date(value)
    return None
