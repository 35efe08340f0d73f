"""How much of a value taken from outside (a page, a feed, an extractor) is stored.

A hostile or broken source can send a title of a megabyte or a link of ten thousand characters; what is
kept is bounded here, in one place, whichever backend stores it. A link is kept whole or not at all (a cut
link points somewhere else); text is cut, with "…" to show it was.
"""

from __future__ import annotations

MAX_LINK = 2048  # a longer address is dropped: browsers and sitemaps stop near here too
MAX_TITLE = 500
MAX_ITEM_TEXT = 100_000  # what extraction reads of one item
MAX_EVIDENCE = 4000  # a finding's sentence (or a statement's excerpt, which is kept whole up to here)
MAX_STABLE_ID = 2048


def cap_text(value: str | None, limit: int) -> str | None:
    """`value` cut to at most `limit` characters ("…" last when cut); None stays None."""
    if value is None or len(value) <= limit:
        return value
    return value[: limit - 1] + "…"


def cap_link(url: str | None) -> str | None:
    """The link when it is at most MAX_LINK characters long, else None."""
    if url is None or len(url) <= MAX_LINK:
        return url
    return None
