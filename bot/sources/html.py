"""HTML listing pages read with the CSS selectors of the source's `[sources.selectors]`.

`item` picks one element per item; `link` the href inside it (or the item itself when it is an `<a>`);
`title` its title (default: the link's text); `date` its date (attribute `datetime`, else `content`, else
the text); `body` its text (on the article page with `follow_links`, else inside the item).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import datetime, tzinfo
from typing import Any
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser, LexborNode

from bot.sources.fetch import Fetcher
from bot.sources.model import (
    ParsedItem,
    ParseError,
    first_line,
    is_web_url,
    links_in,
    node_text,
    parse_date,
    refused_link,
    stable_id_for,
    strip_tracking,
)

# With follow_links, at most this many article pages are fetched in one read; the rest wait for the next.
MAX_FOLLOW = 20

Known = Callable[[Sequence[str]], Awaitable[set[str]]]


def _css(node: LexborNode | LexborHTMLParser, selector: str, *, first: bool = False) -> Any:
    try:
        return node.css_first(selector) if first else node.css(selector)
    except Exception as exc:  # selectolax raises its own error types on a bad selector
        raise ParseError(f"bad CSS selector {selector!r}: {exc}") from exc


def _date_of(node: LexborNode | None, date_format: str | None, tz: tzinfo) -> datetime | None:
    if node is None:
        return None
    attrs = node.attributes
    for value in (attrs.get("datetime"), attrs.get("content"), node.text(deep=True)):
        when = parse_date(value, date_format=date_format, default_tz=tz)
        if when is not None:
            return when
    return None


def parse_listing(
    html: str,
    *,
    base_url: str,
    selectors: Mapping[str, Any],
    date_format: str | None = None,
    tz: tzinfo,
) -> list[ParsedItem]:
    """The items of a listing page, in page order. Raises ParseError when `item` matches nothing."""
    item_sel = selectors.get("item")
    if not item_sel:
        raise ParseError("an html source needs selectors.item")
    tree = LexborHTMLParser(html)
    base_el = tree.css_first("base[href]")
    base = urljoin(base_url, base_el.attributes.get("href") or "") if base_el is not None else base_url
    if base != base_url and not is_web_url(base):
        base = base_url  # a <base href> naming a file or another scheme is the page's word, not ours
    nodes = _css(tree, item_sel)
    if not nodes:
        raise ParseError(f"selector {item_sel!r} matched nothing on the page")
    out: list[ParsedItem] = []
    for node in nodes:
        link_el = None
        if selectors.get("link"):
            link_el = _css(node, selectors["link"], first=True)
        if link_el is None and node.tag == "a":
            link_el = node
        if link_el is None:
            link_el = node.css_first("a[href]")
        href = (link_el.attributes.get("href") or "").strip() if link_el is not None else ""
        link = strip_tracking(urljoin(base, href)) if href else None
        title_el = _css(node, selectors["title"], first=True) if selectors.get("title") else link_el
        title = " ".join(title_el.text(deep=True).split()) if title_el is not None else None
        date_el = _css(node, selectors["date"], first=True) if selectors.get("date") else None
        published = _date_of(date_el, date_format, tz)
        body_el = _css(node, selectors["body"], first=True) if selectors.get("body") else None
        text = node_text(body_el if body_el is not None else node)
        if not (link or title or text):
            continue
        out.append(
            ParsedItem(
                stable_id=stable_id_for(guid=None, link=link, title=title, text=text),
                url=link,
                title=title or first_line(text),
                published=published,
                text=text,
                links=links_in(body_el if body_el is not None else node, base),
            )
        )
    return out


def parse_article(
    html: str, *, base_url: str, body_selector: str | None, date_format: str | None, tz: tzinfo
) -> tuple[str, datetime | None, tuple[str, ...]]:
    """An article page's text (the `body` selector, else `<article>`, `<main>` or `<body>`), its date, links."""
    tree = LexborHTMLParser(html)
    node = None
    if body_selector:
        node = _css(tree, body_selector, first=True)
    if node is None:
        node = tree.css_first("article") or tree.css_first("main") or tree.body
    text = node_text(node) if node is not None else ""
    when = None
    meta = tree.css_first('meta[property="article:published_time"], meta[itemprop="datePublished"]')
    if meta is not None:
        when = parse_date(meta.attributes.get("content"), default_tz=tz)
    if when is None:
        when = _date_of(tree.css_first("time[datetime]"), date_format, tz)
    return text, when, links_in(node, base_url)


async def read_listing(
    fetcher: Fetcher,
    html: str,
    *,
    base_url: str,
    options: Mapping[str, Any],
    tz: tzinfo,
    known: Known | None = None,
    max_follow: int = MAX_FOLLOW,
    skipped: list[str] | None = None,
) -> tuple[list[ParsedItem], bool]:
    """Parse the listing; with `follow_links`, fetch the pages of items not stored yet for their text.

    Returns the items and whether the read is complete. `known` None means the source's first read:
    beyond `max_follow` articles the rest keep their listing text (they are baselined anyway). Later
    reads leave out items already stored (their listing text would look like an edit of the article
    text stored before) and items beyond `max_follow` or whose page failed: those come on the next read,
    so the read is incomplete (the caller then keeps no validators). When every page fails, the first
    error is raised as the source's error.

    Only http(s) links that pass the address guard are followed: an item whose link names a local file
    or another scheme is left out altogether, and why is added to `skipped`.
    """
    selectors = options.get("selectors") or {}
    date_format = options.get("date_format")
    items = parse_listing(html, base_url=base_url, selectors=selectors, date_format=date_format, tz=tz)
    if not options.get("follow_links"):
        return items, True
    refused = [i for i in items if i.url and not is_web_url(i.url)]
    if refused:
        if skipped is not None:
            skipped.extend(refused_link(i.url or "") for i in refused)
        items = [i for i in items if not (i.url and not is_web_url(i.url))]
    seen = await known([i.stable_id for i in items]) if known is not None else set()
    unknown = [i for i in items if i.stable_id not in seen]
    todo = [i for i in unknown if i.url][:max_follow]
    fetched: dict[str, ParsedItem] = {}
    errors: list[str] = []
    for item in todo:
        assert item.url is not None
        res = await fetcher.fetch(item.url, accept="text/html,application/xhtml+xml", allow_local=False)
        if res.error is not None:
            errors.append(f"{item.url}: {res.error}")
            continue
        text, when, links = parse_article(
            res.text, base_url=res.final_url, body_selector=selectors.get("body"), date_format=date_format, tz=tz
        )
        fetched[item.stable_id] = ParsedItem(
            stable_id=item.stable_id,
            url=item.url,
            title=item.title or first_line(text),
            published=item.published or when,
            text=text or item.text,
            links=links or item.links,
        )
    if todo and not fetched and errors:
        raise ParseError(f"article pages failed: {errors[0]}")
    if known is None:
        return [fetched.get(i.stable_id, i) for i in items], True
    out = [fetched[i.stable_id] for i in unknown if i.stable_id in fetched]
    return out, len(out) == len(unknown)
