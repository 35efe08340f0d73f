"""What every parser returns, and the helpers they share: canonical URLs, hashes, dates, HTML to text."""

from __future__ import annotations

import hashlib
import html as _html
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from storage.models import ItemInput

KINDS = ("rss", "html", "telegram", "markdown")


class ParseError(Exception):
    """A source's content could not be read as its kind: recorded as the source's error."""


@dataclass(frozen=True, slots=True)
class ParsedItem:
    """One item of a source, as read: the poller stores it, `sources check` prints it."""

    stable_id: str  # GUID, post id, canonical URL or a content hash: what deduplicates
    url: str | None
    title: str | None
    published: datetime | None  # aware, UTC
    text: str  # plain text
    links: tuple[str, ...] = ()  # absolute links found in the text
    forwarded_from: str | None = None  # telegram: the channel or chat a post was forwarded from

    @property
    def content_hash(self) -> str:
        """Changes when the title or text does: an edit."""
        return content_hash(self.title, self.text)

    def excerpt(self, limit: int = 200) -> str:
        """The start of the text, at most `limit` characters, on one line."""
        one = " ".join(self.text.split())
        if len(one) <= limit:
            return one
        cut = one[: limit - 1]
        space = cut.rfind(" ")
        if space > limit // 2:
            cut = cut[:space]
        return cut.rstrip(" ,.;:") + "…"

    def to_input(self) -> ItemInput:
        return ItemInput(
            stable_id=self.stable_id,
            url=self.url,
            title=self.title,
            published_at=None if self.published is None else int(self.published.timestamp()),
            text=self.text,
            content_hash=self.content_hash,
        )


def newest_first(items: list[ParsedItem]) -> list[ParsedItem]:
    """Items with a date newest first, then the undated ones in the order the source gave them."""
    dated = sorted((i for i in items if i.published is not None), key=lambda i: i.published, reverse=True)  # type: ignore[arg-type,return-value]
    return dated + [i for i in items if i.published is None]


# --- identity -------------------------------------------------------------------------------

# Query parameters that say where a click came from, not what was asked for.
_TRACKING_EXACT = frozenset(
    {
        "fbclid", "gclid", "dclid", "gclsrc", "yclid", "ysclid", "msclkid", "mc_cid", "mc_eid", "igshid",
        "_openstat", "ref_src", "ref_url", "spm", "wt.mc_id", "_hsenc", "_hsmi",
        "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "rb_clickid", "s_cid", "twclid", "ttclid", "utm",
    }
)
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "__hs", "_ga", "_gl")


def is_tracking_param(name: str) -> bool:
    low = name.lower()
    return low in _TRACKING_EXACT or low.startswith(_TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """The URL without tracking parameters, fragment, default port or case differences in scheme and host.

    Only for identity (deduplication); the item keeps the link the source gave for display, minus
    the same tracking parameters.
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return url.strip()
    host = (parts.hostname or "").lower()
    port = parts.port if parts.port and (scheme, parts.port) not in (("http", 80), ("https", 443)) else None
    netloc = host if port is None else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking_param(k)]
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, urlencode(query, doseq=True), ""))


def is_web_url(url: str | None) -> bool:
    """An absolute http(s) URL with a host: the only kind of address taken from fetched content.

    Local files and folders are read only for sources the operator declares in the config file; a
    link, a `<base href>` or a feed's item link is content, and may be hostile.
    """
    if not url:
        return False
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def refused_link(url: str) -> str:
    """Why a link from fetched content was not followed; names the scheme only (the rest is the page's)."""
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    scheme = scheme if scheme.isascii() and scheme.isalnum() and len(scheme) <= 12 else "?"
    return f"a link in the page is not an http(s) address ({scheme or 'a path'}); the item is skipped"


def strip_tracking(url: str) -> str:
    """The link as given, less tracking parameters (the fragment stays: it may point into the page).

    Works on the string, so the parameters that stay keep their original encoding.
    """
    u = url.strip()
    q = u.find("?")
    if q < 0 or not u[:8].lower().startswith(("http://", "https://")):
        return u
    h = u.find("#", q)
    query, fragment = (u[q + 1 : h], u[h:]) if h >= 0 else (u[q + 1 :], "")
    parts = [p for p in query.split("&") if p]
    kept = [p for p in parts if not is_tracking_param(p.split("=", 1)[0])]
    if len(kept) == len(parts):
        return u
    return u[:q] + ("?" + "&".join(kept) if kept else "") + fragment


def stable_id_for(*, guid: str | None, link: str | None, title: str | None, text: str) -> str:
    """GUID if any (canonical when it is a URL), else the canonical link, else a hash of the content."""
    if guid and guid.strip():
        g = guid.strip()
        return canonical_url(g) if g.lower().startswith(("http://", "https://")) else g
    if link and link.strip():
        return canonical_url(link)
    return "sha256:" + content_hash(title, text)[:32]


def normalise_text(text: str) -> str:
    """NFC; each line's whitespace collapsed to single spaces; at most one blank line in a row; stripped."""
    text = unicodedata.normalize("NFC", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    out: list[str] = []
    if "\u2028" in text or "\u2029" in text:
        text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    for ln in text.split("\n"):
        ln = " ".join(ln.split())
        if not ln and (not out or not out[-1]):
            continue
        out.append(ln)
    return "\n".join(out).strip()


def content_hash(title: str | None, text: str) -> str:
    """sha256 of the title and text with whitespace collapsed: a re-wrapped line is no edit."""
    basis = " ".join((title or "").split()) + "\n\x00\n" + " ".join(text.split())
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()


# --- dates ----------------------------------------------------------------------------------


def to_utc(dt: datetime, default_tz: object = UTC) -> datetime:
    """Aware UTC; a naive time is read in `default_tz` (a tzinfo)."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=default_tz)  # type: ignore[arg-type]
    return dt.astimezone(UTC)


def parse_date(value: str | None, *, date_format: str | None = None, default_tz: object = UTC) -> datetime | None:
    """ISO 8601, RFC 2822, or `date_format` (strptime) → aware UTC; None when none of them fits."""
    if not value:
        return None
    s = " ".join(value.split())
    if not s:
        return None
    if date_format:
        try:
            return to_utc(datetime.strptime(s, date_format), default_tz)
        except ValueError:
            pass
    iso = s[:-1] + "+00:00" if s.endswith(("Z", "z")) else s
    try:
        return to_utc(datetime.fromisoformat(iso), default_tz)
    except ValueError:
        pass
    try:
        return to_utc(parsedate_to_datetime(s), default_tz)
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in ("%d.%m.%Y %H:%M", "%d.%m.%Y, %H:%M", "%d.%m.%Y", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M", "%d/%m/%Y"):
        try:
            return to_utc(datetime.strptime(s, fmt), default_tz)
        except ValueError:
            continue
    return None


# --- HTML -----------------------------------------------------------------------------------

_BLOCKS = "p,div,li,ul,ol,h1,h2,h3,h4,h5,h6,blockquote,tr,table,section,article,header,footer,pre,figure,figcaption,dt,dd"


def node_text(node: LexborNode) -> str:
    """The visible text of an element, with line breaks where `<br>` and block elements put them."""
    return html_to_text(node.html or "")


# `<br>` and block elements break lines: a U+2029 next to each (text the parser keeps, unlike the
# source's own line breaks, which a browser shows as spaces).
_BR = re.compile(r"<br\s*/?>", re.I)
_BLOCK_TAGS = re.compile(r"</?(?:" + _BLOCKS.replace(",", "|") + r")\b[^>]*>", re.I)
_BLOCK_RUN = re.compile("[ ]*\u2029[ \u2029]*")
_WS = re.compile(r"\s+")
_HIDDEN = "script,style,noscript,template"


def _parse_fragment(html: str) -> LexborNode | None:
    if "\n" in html or "\t" in html or "\r" in html:
        html = _WS.sub(" ", html)
    html = _BR.sub("\u2028", html)
    html = _BLOCK_TAGS.sub("\u2029\\g<0>\u2029", html)
    tree = LexborHTMLParser(html)
    root = tree.body or tree.root
    if root is not None:
        low = html.lower()
        if any(f"<{tag}" in low for tag in _HIDDEN.split(",")):
            for bad in root.css(_HIDDEN):
                bad.decompose()
    return root


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment: scripts and styles dropped, `<br>` and blocks become line breaks."""
    if "<" not in html:
        return normalise_text(_html.unescape(html)) if "&" in html else normalise_text(html)
    root = _parse_fragment(html)
    return "" if root is None else _text_of(root)


def _text_of(root: LexborNode) -> str:
    # A run of block boundaries is one line break; each <br> is one (U+2028, kept by normalise_text).
    text = root.text(deep=True)
    return normalise_text(_BLOCK_RUN.sub("\n", text) if "\u2029" in text else text)


def html_text_links(html: str, base_url: str | None) -> tuple[str, tuple[str, ...]]:
    """`html_to_text` and `links_in` from one parse."""
    if "<" not in html:
        return html_to_text(html), ()
    root = _parse_fragment(html)
    if root is None:
        return "", ()
    links = links_in(root, base_url) if "<a" in html.lower() else ()
    return _text_of(root), links


def links_in(node: LexborNode | None, base_url: str | None) -> tuple[str, ...]:
    """Absolute http(s) links of `<a href>` inside the node, tracking parameters stripped, in order."""
    if node is None:
        return ()
    out: list[str] = []
    for a in node.css("a[href]"):
        href = (a.attributes.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        absolute = href if href.startswith(("http://", "https://")) or not base_url else urljoin(base_url, href)
        if absolute.lower().startswith(("http://", "https://")):
            out.append(strip_tracking(absolute))
    return tuple(dict.fromkeys(out))


def first_line(text: str, limit: int = 120) -> str | None:
    """The first non-empty line, cut at a word below `limit` characters: a title for untitled items."""
    for ln in text.split("\n"):
        ln = ln.strip()
        if ln:
            if len(ln) <= limit:
                return ln
            cut = ln[: limit - 1]
            space = cut.rfind(" ")
            return (cut[:space] if space > limit // 2 else cut).rstrip(" ,.;:") + "…"
    return None
