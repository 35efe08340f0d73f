"""What a source or an extractor gives is stored bounded: a huge title, text, link or evidence costs nothing."""

from __future__ import annotations

import pytest

from storage.api import Store
from storage.limits import MAX_EVIDENCE, MAX_ITEM_TEXT, MAX_LINK, MAX_TITLE
from storage.models import CaseInput, FindingInput, ItemInput, SourceInput


@pytest.fixture
def store(any_store: Store) -> Store:
    """Every test here runs on SQLite and on PostgreSQL."""
    return any_store


async def test_oversized_item_and_finding_fields_are_capped(store: Store) -> None:
    long_link = "https://example.org/" + "a" * MAX_LINK
    async with store.transaction() as tx:
        await tx.cases.upsert(CaseInput(slug="x", name="X"), origin="config", now=1, overwrite=False)
        case = await tx.cases.get("x")
        assert case is not None
        await tx.sources.insert(SourceInput(id="s", kind="rss", url="https://example.org/feed"), now=1)
        up = await tx.items.upsert("s", ItemInput(stable_id="1", url=long_link, title="T" * 10_000, published_at=1,
                                                  text="w " * MAX_ITEM_TEXT, content_hash="h"), now=1, baseline=False)
        finding = await tx.findings.insert(FindingInput(case_id=case.id, kind="statement", confidence=1.0,
                                                        state="auto", item_id=up.item_id, evidence="e" * 50_000),
                                           now=1)
        item = await tx.items.get(up.item_id)
    assert item is not None
    assert item.url is None  # a cut link would point elsewhere: dropped whole
    assert item.title is not None and len(item.title) == MAX_TITLE and item.title.endswith("…")
    assert len(item.text) == MAX_ITEM_TEXT
    assert finding.evidence is not None and len(finding.evidence) == MAX_EVIDENCE
