"""/forget by someone who acted as admin or editor: the records stay, the person does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.people.following import forget
from storage.api import Store
from storage.crypto import FORGOTTEN_ID, TOMBSTONE
from storage.models import CaseInput, FindingInput, HearingChange, SourceInput

STAFF, OTHER = 8203917465, 6120947385


@pytest.fixture
def store(any_store: Store) -> Store:
    """Every test here runs on SQLite and on PostgreSQL."""
    return any_store


async def record_everything(store: Store) -> int:
    async with store.transaction() as tx:
        await tx.cases.upsert(CaseInput(slug="c", name="C"), origin="config", now=1, overwrite=False)
        case = await tx.cases.get("c")
        assert case is not None
        await tx.chats.ensure(STAFF, "private", "ru", 1)
        await tx.subscriptions.follow(STAFF, case.id, "all", 1)
        await tx.audit.record(at=1, actor_id=STAFF, role="admin", action="editor.revoke", case_id=case.id,
                              target_user=OTHER)
        await tx.audit.record(at=2, actor_id=OTHER, role="admin", action="editor.revoke", case_id=case.id,
                              target_user=STAFF)
        await tx.announcements.insert(kind="update", case_id=case.id, hearing_id=None, min_level="all", payload={},
                                      dedupe_key="u", created_by=STAFF, now=1)
        f = await tx.findings.insert(FindingInput(case_id=case.id, kind="hearing", confidence=0.5, state="pending"),
                                     now=1)
        await tx.findings.set_state(f.id, "rejected", reviewed_by=STAFF, reviewed_at=2)
        await tx.sources.insert(SourceInput(id="s", kind="rss", url="https://example.org/rss", origin="admin",
                                            created_by=STAFF), now=1)
        await tx.editors.grant(case.id, OTHER, STAFF, 1)
        await tx.invites.create("t", case.id, STAFF, 100)
        h = await tx.hearings.insert(case_id=case.id, local_date="2026-03-17", local_time=None, tz="Asia/Almaty",
                                     court=None, status="scheduled", now=1)
        await tx.hearings.add_change(HearingChange(h.id, 1, None, "2026-03-17", None, None, None, "scheduled",
                                                   "admin", f"admin:{STAFF}", 1))
        return h.id


async def test_forget_keeps_the_audit_trail_with_a_tombstone_for_the_person(store: Store) -> None:
    hearing_id = await record_everything(store)
    async with store.read() as tx:
        assert set(await tx.chats.exists_anywhere(STAFF)) == {
            "subscriptions", "chats", "audit_log", "announcements", "findings", "sources", "editors", "invites",
            "hearing_changes",
        }
    await forget(store, STAFF)
    async with store.read() as tx:
        assert await tx.chats.exists_anywhere(STAFF) == []
        entries = sorted(await tx.audit.recent(), key=lambda e: e.at)
        assert [(e.actor_id, e.target_user) for e in entries] == [(FORGOTTEN_ID, OTHER), (OTHER, FORGOTTEN_ID)]
        ann = await tx.announcements.by_key("u")
        assert ann is not None and ann.created_by == FORGOTTEN_ID
        source = await tx.sources.get("s")
        assert source is not None and source.created_by == FORGOTTEN_ID
        editors = await tx.editors.list()
        assert [(e.user_id, e.granted_by) for e in editors] == [(OTHER, FORGOTTEN_ID)]  # the editor stays one
        change = (await tx.hearings.changes(hearing_id))[0]
        assert change.ref == f"admin:{FORGOTTEN_ID}"
        assert (await tx.findings.pending()) == []
        rows = await tx.conn.fetchall("SELECT reviewed_by_enc FROM findings")  # type: ignore[attr-defined]
        assert [r["reviewed_by_enc"] for r in rows] == [TOMBSTONE]
    # The WAL was checkpointed and emptied: it holds no copy of the rows that named them.
    if store.backend == "sqlite":
        assert wal_size(Path(f"{store.path}-wal")) == 0  # type: ignore[attr-defined]


def wal_size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0
