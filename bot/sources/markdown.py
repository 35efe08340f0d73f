"""Markdown (or plain text) documents with YAML front matter: `title`, `date`, `sourcelink`.

A source is one document (a file or a URL) or a folder of `*.md` / `*.txt`, read in name order. The body
is the item's text; its id is `sourcelink` (canonical), else the path (inside the folder) or the URL.
Documents without front matter are read too: the title is their first line, the date unknown.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from pathlib import Path
from typing import Any

from bot.sources.charsets import decode_text
from bot.sources.fetch import Fetcher, FetchResult, folder_tag, local_path
from bot.sources.model import (
    ParsedItem,
    ParseError,
    canonical_url,
    first_line,
    parse_date,
    strip_tracking,
    to_utc,
)
from bot.understand.docs import parse_front_matter

SUFFIXES = (".md", ".markdown", ".txt")
# A folder source reads at most this many documents in one go.
MAX_FILES = 2000


def has_front_matter(text: str) -> bool:
    first = text.lstrip("\ufeff \t\r\n").split("\n", 1)[0].strip()
    return first in ("---", "+++")


def _as_datetime(value: Any, tz: tzinfo) -> datetime | None:
    if isinstance(value, datetime):
        return to_utc(value, tz)
    if isinstance(value, date):
        return to_utc(datetime.combine(value, time(0, 0)), tz)
    if isinstance(value, str):
        return parse_date(value, default_tz=tz)
    return None


def parse_document(text: str, *, doc_id: str, url: str | None, tz: tzinfo) -> ParsedItem:
    """One document as one item."""
    meta, body = parse_front_matter(text.lstrip("\ufeff"))
    body = body.strip()
    title = meta.get("title")
    title = " ".join(str(title).split()) if title else first_line(body)
    link = meta.get("sourcelink") or meta.get("source") or meta.get("url")
    link = str(link).strip() if link else None
    published = _as_datetime(meta.get("date"), tz)
    return ParsedItem(
        stable_id=canonical_url(link) if link else doc_id,
        url=strip_tracking(link) if link else url,
        title=title,
        published=published,
        text=body,
        links=(strip_tracking(link),) if link else (),
    )


@dataclass
class MarkdownRead:
    result: FetchResult  # status, validators and error of the whole read
    items: list[ParsedItem]


def _scan(folder: Path) -> list[tuple[str, os.stat_result]]:
    out = []
    for p in sorted(folder.rglob("*")):
        if p.suffix.lower() in SUFFIXES and p.is_file() and not any(s.startswith(".") for s in p.relative_to(folder).parts):
            out.append((p.relative_to(folder).as_posix(), p.stat()))
    return out[:MAX_FILES]


async def read_markdown(fetcher: Fetcher, url: str, *, etag: str | None, last_modified: str | None, tz: tzinfo) -> MarkdownRead:
    """Read a document or a folder of them; a folder that did not change since `etag` is not modified."""
    if url.startswith("file:") or "://" not in url:
        path = local_path(url)
        if await asyncio.to_thread(path.is_dir):
            return await _read_folder(fetcher, url, path, etag=etag, tz=tz)
    res = await fetcher.fetch(url, etag=etag, last_modified=last_modified, accept="text/markdown,text/plain,*/*")
    if res.error is not None or res.not_modified:
        return MarkdownRead(res, [])
    text = decode_text(res.content, content_type=res.content_type)
    if not text.strip():
        raise ParseError("empty document")
    return MarkdownRead(res, [parse_document(text, doc_id=res.url, url=res.final_url, tz=tz)])


async def _read_folder(fetcher: Fetcher, url: str, folder: Path, *, etag: str | None, tz: tzinfo) -> MarkdownRead:
    entries = await asyncio.to_thread(_scan, folder)
    tag = folder_tag(entries)
    summary = FetchResult(url, url, etag=tag)
    if etag is not None and etag == tag:
        summary.not_modified = True
        return MarkdownRead(summary, [])
    items: list[ParsedItem] = []
    for name, _ in entries:
        file_url = (folder / name).resolve().as_uri()
        res = await fetcher.fetch(file_url)
        if res.error is not None:
            summary.error = f"{name}: {res.error}"
            return MarkdownRead(summary, [])
        text = decode_text(res.content, content_type=res.content_type)
        if not text.strip():
            continue
        items.append(parse_document(text, doc_id=name, url=file_url, tz=tz))
    return MarkdownRead(summary, items)
