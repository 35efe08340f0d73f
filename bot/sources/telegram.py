"""Public Telegram channels through their web preview, `https://t.me/s/<channel>`.

Each post is a `div.tgme_widget_message[data-post]`; its id is `data-post` (`channel/123`), its text the
`.tgme_widget_message_text` that is not a reply's quote (a photo's caption is one too), its time the
`time[datetime]` of the date link. Older posts: `?before=<id>`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlencode, urljoin, urlsplit, urlunsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from bot.sources.model import (
    ParsedItem,
    ParseError,
    first_line,
    links_in,
    node_text,
    parse_date,
    strip_tracking,
)

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{3,64}$")
TELEGRAM_HOSTS = ("t.me", "telegram.me", "www.t.me", "telegram.dog")
_FILE_CHANNEL = re.compile(r"/(?:www\.)?(?:t\.me|telegram\.me)/(?:s/)?([A-Za-z][A-Za-z0-9_]{3,64})/?$")


def is_telegram_url(url: str) -> bool:
    u = url.strip()
    if u.startswith("@"):
        return bool(_NAME.match(u[1:]))
    if "://" not in u:
        u = "https://" + u
    try:
        host = (urlsplit(u).hostname or "").lower()
    except ValueError:
        return False
    return host in TELEGRAM_HOSTS


def normalise_channel_url(url: str) -> str:
    """`@name`, `t.me/name`, `https://t.me/name` → `https://t.me/s/name`; any other host is used as given."""
    u = url.strip()
    if u.startswith("@") and _NAME.match(u[1:]):
        return f"https://t.me/s/{u[1:]}"
    if u.startswith("file:"):
        # `url = "t.me/name"` in the TOML: config.py resolves any value with a slash as a path.
        m = _FILE_CHANNEL.search(u)
        if m:
            return f"https://t.me/s/{m.group(1)}"
        return u
    if "://" not in u and u.split("/", 1)[0].lower() in TELEGRAM_HOSTS:
        u = "https://" + u
    parts = urlsplit(u)
    if (parts.hostname or "").lower() not in TELEGRAM_HOSTS:
        return u
    segs = [s for s in parts.path.split("/") if s]
    if segs and segs[0] == "s":
        segs = segs[1:]
    if not segs or not _NAME.match(segs[0]):
        raise ValueError(f"not a channel address: {url}")
    return f"https://t.me/s/{segs[0]}"


def page_url(channel_url: str, before: int | None) -> str:
    """The channel page, or the page of posts older than `before`."""
    if before is None:
        return channel_url
    parts = urlsplit(channel_url)
    query = [q for q in parts.query.split("&") if q and not q.startswith("before=")]
    query.append(urlencode({"before": before}))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "&".join(query), ""))


@dataclass(frozen=True)
class ChannelPage:
    items: list[ParsedItem]  # in page order: oldest first, as Telegram shows them
    oldest_id: int | None  # the smallest post number: `?before=` this for older posts


def post_number(stable_id: str) -> int | None:
    tail = stable_id.rsplit("/", 1)[-1]
    return int(tail) if tail.isdigit() else None


def parse_channel(html: str, *, base_url: str) -> ChannelPage:
    """The posts of one channel page; raises ParseError when the page is not a channel preview."""
    tree = LexborHTMLParser(html)
    posts = tree.css("div.tgme_widget_message[data-post]")
    if not posts:
        if tree.css_first(".tgme_channel_info, .tgme_page_extra, .tgme_widget_message_wrap") is not None or (
            "tgme_" in html
        ):
            return ChannelPage([], None)  # a channel with no posts (yet)
        raise ParseError("not a Telegram channel page (no div.tgme_widget_message[data-post])")
    items: list[ParsedItem] = []
    numbers: list[int] = []
    for post in posts:
        item = _post(post, base_url)
        n = post_number(post.attributes.get("data-post") or "")
        if n is not None:
            numbers.append(n)
        if item is not None:
            items.append(item)
    return ChannelPage(items, min(numbers) if numbers else None)


def _is_quote(node: LexborNode) -> bool:
    """A reply's quoted text, inside `.tgme_widget_message_reply`, is not the post's own."""
    parent = node.parent
    while parent is not None and parent.tag not in ("html", "body"):
        cls = parent.attributes.get("class") or ""
        if "tgme_widget_message_reply" in cls or "tgme_widget_message " in f"{cls} ":
            return "tgme_widget_message_reply" in cls
        parent = parent.parent
    return False


def _post(post: LexborNode, base_url: str) -> ParsedItem | None:
    post_id = (post.attributes.get("data-post") or "").strip()
    if not post_id or "service_message" in (post.attributes.get("class") or ""):
        return None
    text_node = None
    for candidate in post.css(".tgme_widget_message_text"):
        if not _is_quote(candidate) and "js-message_reply_text" not in (candidate.attributes.get("class") or ""):
            text_node = candidate
            break
    text = node_text(text_node) if text_node is not None else ""
    links = list(links_in(text_node, base_url))
    preview = post.css_first("a.tgme_widget_message_link_preview[href]")
    if preview is not None:
        href = urljoin(base_url, preview.attributes.get("href") or "")
        if href.startswith(("http://", "https://")):
            links.append(strip_tracking(href))
    forwarded = post.css_first(".tgme_widget_message_forwarded_from_name")
    forwarded_from = None
    if forwarded is not None:
        forwarded_from = " ".join(forwarded.text(deep=True).split()) or None
        fwd_href = forwarded.attributes.get("href")
        if fwd_href:
            links.append(strip_tracking(urljoin(base_url, fwd_href)))
    if not text.strip():
        return None  # a photo or sticker without a caption: nothing to read
    when = post.css_first("a.tgme_widget_message_date time[datetime]") or post.css_first("time[datetime]")
    published = parse_date(when.attributes.get("datetime")) if when is not None else None
    date_link = post.css_first("a.tgme_widget_message_date[href]")
    url = date_link.attributes.get("href") if date_link is not None else None
    url = urljoin(base_url, url) if url else f"https://t.me/{post_id}"
    return ParsedItem(
        stable_id=post_id,
        url=url,
        title=first_line(text),
        published=published,
        text=text,
        links=tuple(dict.fromkeys(links)),
        forwarded_from=forwarded_from,
    )
