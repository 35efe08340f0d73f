"""News items from named outlets, for tests of confirmation and conflicts between sources.

Each item is stored the way the poller stores one (a source row, then the item); what it "says" is
decided by a `FakeUnderstander` keyed on the item's title, so confidences are the test's to choose.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from bot.clock import Clock
from storage.api import Store
from storage.models import ItemInput, SourceInput
from tests.events.test_events_findings import FakeUnderstander, Found, Understood

__all__ = ["FakeUnderstander", "Found", "Understood", "publish"]


async def publish(store: Store, clock: Clock, url: str, title: str, text: str = "text") -> int:
    """Store one new item at `url` (its source is named after the host), as a poll would; returns its id."""
    host = urlsplit(url).hostname or "none"
    source_id = f"src-{host}"
    now = clock.timestamp()
    async with store.transaction() as tx:
        await tx.sources.insert(SourceInput(id=source_id, kind="rss", url=f"https://{host}/feed"), now=now)
        up = await tx.items.upsert(source_id, ItemInput(
            stable_id=url, url=url, title=title, published_at=now, text=text, content_hash=f"{title}|{text}",
        ), now=now, baseline=False)
    return up.item_id
