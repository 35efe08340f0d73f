"""Reading one document from disk: plain text, markdown with front matter, or HTML.

`parse_front_matter` is shared with the markdown source (bot/sources/markdown.py).
The publication date comes from the front matter's `date`, else the HTML page's metadata, else a
leading `date YYYY-MM-DD` line (it may start with spaces), else none (the caller falls back to the
file's mtime).
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

__all__ = ["Document", "parse_front_matter", "published_from", "read_document", "read_text"]

_FM_YAML = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)(?:\r?\n)?^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_FM_TOML = re.compile(r"\A\ufeff?\+\+\+[ \t]*\r?\n(.*?)(?:\r?\n)?^\+\+\+[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_DATE_LINE = re.compile(r"\A\ufeff?\s*date[:\s]\s*(\d{4}-\d{2}-\d{2})\b[ \t]*", re.I)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_HTML_START = re.compile(r"\A\ufeff?\s*(?:<!doctype\s+html|<html|<head|<body|<article|<div|<p[\s>])", re.I)


@dataclass(frozen=True)
class Document:
    """A document's text (front matter removed, HTML reduced to text), title and metadata."""

    path: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    front_matter: dict[str, Any] = field(default_factory=dict)
    kind: str = "text"  # text | markdown | html


def parse_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Split `---` YAML (or `+++` TOML) front matter from the body: (metadata, body).

    Text without front matter, or with front matter that does not parse as a mapping, comes back
    whole with `{}`: a stray `---` rule in a plain text must not eat its first paragraph.
    """
    for rx, loader in ((_FM_YAML, _load_yaml), (_FM_TOML, _load_toml)):
        m = rx.match(text)
        if m:
            meta = loader(m.group(1))
            if meta is not None:
                return meta, text[m.end() :]
    return {}, text


def _load_yaml(raw: str) -> dict[str, Any] | None:
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError:
        return None
    return data if isinstance(data, dict) else None


def _load_toml(raw: str) -> dict[str, Any] | None:
    try:
        return tomllib.loads(raw)
    except tomllib.TOMLDecodeError:
        return None


def published_from(value: Any) -> dt.date | None:
    """A date from a front matter or metadata value: a date, a datetime, or an ISO 8601 string."""
    if isinstance(value, dt.datetime):
        return value.date()  # the date as written, in its own offset: the publisher's local day
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        s = value.strip()
        try:
            return dt.datetime.fromisoformat(s.replace("Z", "+00:00")).date()
        except ValueError:
            m = _ISO_DATE.search(s)
            if m:
                try:
                    return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                except ValueError:
                    return None
    return None


def read_text(path: str | Path) -> str:
    """A file's text: UTF-8 (with or without BOM), else the most likely encoding (cp1251 is common)."""
    raw = Path(path).read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
        if best is not None:
            return str(best)
    except ImportError:  # pragma: no cover - charset-normalizer is a dependency
        pass
    return raw.decode("cp1251", errors="replace")


def read_document(path: str | Path) -> Document:
    """Read and parse one file; raises OSError when it cannot be read."""
    p = Path(path)
    text = read_text(p)
    return parse_document(text, str(path), html=p.suffix.lower() in (".html", ".htm") or None)


def parse_document(text: str, path: str = "", *, html: bool | None = None) -> Document:
    """Parse a document already read: detect HTML and front matter, find its date and title."""
    if html is None:
        html = bool(_HTML_START.match(text))
    if html:
        return _parse_html(text, path)
    meta, body = parse_front_matter(text)
    kind = "markdown" if meta else "text"
    published = published_from(meta.get("date")) if meta else None
    if published is None and meta:
        published = published_from(meta.get("publishDate") or meta.get("published"))
    m = _DATE_LINE.match(body)
    if m:
        line_date = published_from(m.group(1))
        if published is None:
            published = line_date
        if line_date is not None:
            body = body[m.end() :]
    title = meta.get("title") if meta else None
    return Document(
        path=path,
        text=body,
        title=str(title) if title is not None else None,
        published=published,
        front_matter=meta,
        kind=kind,
    )


_BLOCKS = "p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, td, th, dt, dd, figcaption, div"


def _parse_html(text: str, path: str) -> Document:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(text)
    title = None
    for sel, attr in (('meta[property="og:title"]', "content"), ("title", None), ("h1", None)):
        node = tree.css_first(sel)
        if node is not None:
            val = node.attributes.get(attr) if attr else node.text(strip=True)
            if val:
                title = val.strip()
                break
    published = None
    for sel, attr in (
        ('meta[property="article:published_time"]', "content"),
        ('meta[itemprop="datePublished"]', "content"),
        ('meta[name="date"]', "content"),
        ('meta[name="pubdate"]', "content"),
        ("time[datetime]", "datetime"),
    ):
        node = tree.css_first(sel)
        if node is not None:
            published = published_from(node.attributes.get(attr) or "")
            if published:
                break
    for node in tree.css("script, style, noscript, template, svg, nav, footer, header, form, aside"):
        node.decompose()
    root = tree.css_first("article") or tree.css_first("main") or tree.body
    body = _html_text(root) if root is not None else ""
    return Document(path=path, text=body, title=title, published=published, kind="html")


def _html_text(root: Any) -> str:
    """Text of an element, one paragraph a line (sentences must not run across blocks)."""
    # Put a newline after each block so the text keeps paragraph breaks; innermost blocks win.
    for node in root.css(_BLOCKS):
        node.insert_after("\n")
    for node in root.css("br"):
        node.replace_with("\n")
    raw = root.text(separator="", strip=False)
    lines = [re.sub(r"[ \t\u00a0]+", " ", ln).strip() for ln in raw.splitlines()]
    return "\n".join(ln for ln in lines if ln)
