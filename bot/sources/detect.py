"""Which kind a URL is (`sources check URL` without `--kind`, and /addsource).

t.me → telegram; RSS/Atom/RDF/JSON Feed → rss; a document opening with `---` front matter → markdown;
an HTML page → the feed its `<link rel="alternate">` names, if any (or telegram, when it is a channel
preview served elsewhere); otherwise refused: an html source needs selectors in the config.
"""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser

from bot.sources.charsets import decode_text
from bot.sources.fetch import Fetcher, FetchResult, is_local, local_path
from bot.sources.markdown import has_front_matter
from bot.sources.telegram import is_telegram_url, normalise_channel_url

FEED_TYPES = (
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json",
    "application/json", "application/xml", "text/xml",
)
_XML_ROOT = re.compile(rb"<(?:[A-Za-z0-9_]+:)?(rss|feed|RDF)[\s>]", re.I)
NEEDS_SELECTORS = (
    "this is an HTML page without a feed: an html source needs [sources.selectors] in the config "
    "(item, link, title, date, body)"
)


class DetectError(Exception):
    """The kind could not be told, or the URL could not be read: one line for the user."""


@dataclass
class Detected:
    kind: str
    url: str  # may differ from the one given: a normalised channel address, a discovered feed
    result: FetchResult | None  # the fetch of `url`, when one was made (reuse it instead of fetching again)


def sniff(content: bytes, content_type: str | None = None) -> str | None:
    """rss | markdown | html | None, from the first bytes."""
    head = content[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"{", b"[")):
        try:
            data = json.loads(decode_text(content))
        except ValueError:
            return None
        if isinstance(data, dict) and "jsonfeed.org" in str(data.get("version", "")):
            return "rss"
        return None
    text_head = decode_text(content[:4096], content_type=content_type)
    if has_front_matter(text_head):
        return "markdown"
    if head.startswith(b"<"):
        # Skip the XML declaration, comments and doctypes before the root element.
        body = re.sub(rb"^(\s*(<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>))*", b"", head, flags=re.S | re.I)
        if _XML_ROOT.match(body.lstrip()):
            return "rss"
        if re.match(rb"\s*<(html|head|body|meta|title|div|!doctype)", head, re.I) or b"<html" in head.lower():
            return "html"
    ctype = (content_type or "").lower()
    if any(t in ctype for t in ("rss", "atom", "rdf")):
        return "rss"
    if "markdown" in ctype:
        return "markdown"
    return None


def feed_link(html: str, base_url: str) -> str | None:
    """The first `<link rel="alternate">` naming a feed, made absolute."""
    tree = LexborHTMLParser(html)
    for link in tree.css("link[rel][href]"):
        rel = (link.attributes.get("rel") or "").lower().split()
        ltype = (link.attributes.get("type") or "").lower()
        if "alternate" in rel and any(t in ltype for t in ("rss", "atom", "rdf", "feed+json")):
            return urljoin(base_url, link.attributes.get("href") or "")
    return None


async def detect(fetcher: Fetcher, url: str, *, allow_local: bool = True) -> Detected:
    """Tell the kind of `url`, fetching it (and a discovered feed) as needed."""
    if is_telegram_url(url):
        return Detected("telegram", normalise_channel_url(url), None)
    if is_local(url) and allow_local and await asyncio.to_thread(local_path(url).is_dir):
        return Detected("markdown", url, None)
    res = await fetcher.fetch(url, allow_local=allow_local)
    if res.error is not None:
        raise DetectError(res.error)
    kind = sniff(res.content, res.content_type)
    if kind in ("rss", "markdown"):
        return Detected(kind, url, res)
    if kind == "html":
        html = res.text
        if "tgme_widget_message" in html:
            return Detected("telegram", url, res)
        feed = feed_link(html, res.final_url)
        if feed:
            # The page names the feed: content, so only an http(s) address, through the address guard.
            feed_res = await fetcher.fetch(feed, allow_local=False)
            if feed_res.error is not None:
                raise DetectError(f"the page names a feed at {feed}, but: {feed_res.error}")
            if sniff(feed_res.content, feed_res.content_type) != "rss":
                raise DetectError(f"the page names a feed at {feed}, but it is not one")
            return Detected("rss", feed, feed_res)
        raise DetectError(NEEDS_SELECTORS)
    raise DetectError("cannot tell what kind of source this is (not a feed, channel, page or markdown)")
