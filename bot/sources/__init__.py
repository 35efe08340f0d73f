"""Sources: fetch, parse, deduplicate and keep healthy.

`Poller` (poller.py) is the poll tick; `check()` (check.py) reads a source once and writes nothing;
`Fetcher` (fetch.py) is the one guarded HTTP client; parsers per kind live in rss.py, html.py,
telegram.py and markdown.py; `detect()` tells a URL's kind.
"""

from bot.sources.check import CheckResult, SourceRead, check, item_json, read_source, source_id_for
from bot.sources.detect import DetectError, detect
from bot.sources.fetch import Fetcher, FetchResult, make_client, make_policy
from bot.sources.model import ParsedItem, ParseError, canonical_url
from bot.sources.poller import Poller, PollResult, SourceHealthEvent, sync_config_sources

__all__ = [
    "CheckResult",
    "DetectError",
    "FetchResult",
    "Fetcher",
    "ParseError",
    "ParsedItem",
    "PollResult",
    "Poller",
    "SourceHealthEvent",
    "SourceRead",
    "canonical_url",
    "check",
    "detect",
    "item_json",
    "make_client",
    "make_policy",
    "read_source",
    "source_id_for",
    "sync_config_sources",
]
