"""`casewatch db copy`: SQLite → PostgreSQL → SQLite loses nothing; a non-empty destination is refused."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path
from typing import Any

import pytest

from bot.cli.main import main
from storage import open_store
from storage.api import Store
from storage.copy import TABLES, TableCount, report
from storage.crypto import Ids, new_key
from storage.models import (
    CaseInput,
    CaseKit,
    Draft,
    FindingInput,
    HearingChange,
    HearingKit,
    ItemInput,
    Letters,
    SourceInput,
)
from storage.repos.send_budget import BucketLimits

ALICE, BOB, STAFF = 5839201177, -1001938475620, 8203917465


async def fill(store: Store) -> None:
    """A row in every table, written as the app writes them."""
    async with store.transaction() as tx:
        await tx.cases.upsert(CaseInput(slug="c", name="C", aliases=("Си",), public=False, mirror_chat_id=BOB),
                              origin="config", now=1, overwrite=False)
        case = await tx.cases.get("c")
        assert case is not None
        await tx.chats.ensure(ALICE, "private", "ru", 1)
        await tx.chats.ensure(BOB, "supergroup", "en", 1)
        await tx.chats.set_active(BOB, False, 2)
        await tx.subscriptions.follow(ALICE, case.id, "all", 1)
        await tx.subscriptions.follow(BOB, case.id, "hearings", 1)
        await tx.topics.bind(BOB, case.id, 5)
        await tx.letters.put(Letters(case_id=case.id, address="а/я 1", birthday="03-14"), now=1)
        await tx.digests.choose(ALICE, 20, "Asia/Almaty", 1)
        await tx.sources.insert(SourceInput(id="s", kind="rss", url="https://x.kz/feed", case_id=case.id,
                                            origin="admin", created_by=STAFF), now=1)
        [item] = await tx.items.upsert_many("s", [ItemInput("a", "https://x.kz/a", "T", 1, "text", "h")], now=1)
        await tx.leases.acquire("scheduler", "me", now=1, ttl_s=15)
        hearing = await tx.hearings.insert(case_id=case.id, local_date="2026-03-17", local_time="10:00",
                                           tz="Asia/Almaty", court="Court", status="scheduled", now=1)
        await tx.attendance.set_hearing_kit(HearingKit(hearing.id, courtroom="12", open_to_public=True), now=1)
        await tx.attendance.set_case_kit(CaseKit(case.id, arrive_minutes=30, bring="паспорт"), now=1)
        await tx.attendance.toggle_going(ALICE, hearing.id)
        await tx.hearings.add_change(HearingChange(hearing.id, 1, None, "2026-03-17", None, "10:00", None,
                                                   "scheduled", "admin", f"admin:{STAFF}", 1))
        await tx.hearings.add_source(hearing.id, "https://x.kz/a")
        finding = await tx.findings.insert(FindingInput(case_id=case.id, kind="hearing", confidence=0.75,
                                                        state="pending", item_id=item.item_id, postponed=True,
                                                        local_date="2026-03-17", evidence="Суд 17 марта"), now=1)
        await tx.findings.set_state(finding.id, "approved", hearing_id=hearing.id, reviewed_by=STAFF, reviewed_at=2)
        ann, _ = await tx.announcements.insert(kind="hearing_new", case_id=case.id, hearing_id=hearing.id,
                                               min_level="hearings", payload={"title": "Суд"}, dedupe_key="h:1:r1",
                                               created_by=STAFF, now=1)
        await tx.outbox.enqueue(ann.id, [ALICE, BOB], priority=9, next_at=1)
        await tx.edits.queue(ann.id, hearing_id=hearing.id, revision=2, now=1,
                             payload={"change": "cancelled", "date": "2026-03-17", "time": "10:00",
                                      "tz": "Asia/Almaty", "new_message": False})
        await tx.editors.grant(case.id, ALICE, STAFF, 1)
        await tx.invites.create("token-hash", case.id, STAFF, 100)
        await tx.drafts.create(Draft("tok", STAFF, "post", {"text": "Привет"}, "ph", 100))
        await tx.audit.record(at=1, actor_id=STAFF, role="admin", action="editor.invite", case_id=case.id,
                              target_user=ALICE, details={"n": 1})
        await tx.dialogs.set_state("bot:1:1", ALICE, "AdminNewCase:step", 1)
        await tx.reports.mark("mark", hearing.id, 100)
        await tx.reports.count("count", 3, 100)
        await tx.install.put_once("install_id", "abc")
        budget = BucketLimits(30.0, 5.0, 0.0, 0.9, 3.0, 20, 62.0)
        await tx.send_budget.take("bot", "p", "a1", budget)
        await tx.send_budget.take("bot", "g", "b2", budget)
        await tx.send_budget.refused("a1", 5.0, 1.0)


async def contents(url: str, key: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, sorted (SQLite's 0 and 1 read as booleans read back the same)."""
    store = await open_store(url, ids=Ids(key))
    try:
        async with store.read() as tx:
            conn = tx.conn  # type: ignore[attr-defined]
            out = {}
            for table in TABLES:
                rows = await conn.fetchall(f"SELECT * FROM {table}")
                out[table] = sorted((tuple(sorted(r.items())) for r in rows), key=repr)
            return out
    finally:
        await store.close()


async def app_view(url: str, key: str) -> tuple[Any, ...]:
    """What the app reads back, ids opened with the key."""
    store = await open_store(url, ids=Ids(key))
    try:
        async with store.read() as tx:
            case = await tx.cases.get("c")
            assert case is not None
            return (
                case.mirror_chat_id, case.aliases, await tx.subscriptions.for_case(case.id),
                await tx.announcements.queued_chats(1), [(e.user_id, e.granted_by) for e in await tx.editors.list()],
                (await tx.audit.recent())[0].target_user, (await tx.findings.get(1)),
                await tx.hearings.changes(1), await tx.install.get("install_id"),
            )
    finally:
        await store.close()


def copy(src: str, dst: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["db", "copy", src, dst])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_sqlite_to_postgres_to_sqlite_loses_nothing(
    tmp_path: Path, pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    key = new_key()
    first, last = f"sqlite:///{tmp_path / 'first.db'}", f"sqlite:///{tmp_path / 'last.db'}"

    async def make() -> None:
        store = await open_store(first, ids=Ids(key))
        await fill(store)
        await store.close()

    asyncio.run(make())
    before = asyncio.run(contents(first, key))
    assert all(before[t] for t in TABLES), [t for t in TABLES if not before[t]]
    code, out, err = copy(first, pg_url, capsys)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[: len(TABLES)] == [f"{t}\t{len(before[t])}" for t in TABLES]
    assert lines[-1].startswith(f"copied {sum(len(v) for v in before.values())} rows in {len(TABLES)} tables")
    assert asyncio.run(app_view(pg_url, key)) == asyncio.run(app_view(first, key))

    async def new_rows_get_new_ids() -> None:
        # The identity sequences were moved past the copied ids.
        store = await open_store(pg_url, ids=Ids(key))
        async with store.transaction() as tx:
            await tx.cases.upsert(CaseInput(slug="d", name="D"), origin="admin", now=3, overwrite=False)
            case = await tx.cases.get("d")
            assert case is not None and case.id == 2
            await tx.audit.record(at=3, actor_id=STAFF, role="admin", action="case.add")
        await store.close()

    code, out, err = copy(pg_url, last, capsys)
    assert (code, err) == (0, "")
    asyncio.run(new_rows_get_new_ids())
    assert asyncio.run(contents(last, key)) == before
    assert asyncio.run(app_view(last, key)) == asyncio.run(app_view(first, key))


def test_a_destination_with_rows_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    key = new_key()
    src, dst = f"sqlite:///{tmp_path / 'src.db'}", f"sqlite:///{tmp_path / 'dst.db'}"

    async def make(url: str) -> None:
        store = await open_store(url, ids=Ids(key))
        await fill(store)
        await store.close()

    asyncio.run(make(src))
    asyncio.run(make(dst))
    before = asyncio.run(contents(dst, key))
    code, out, err = copy(src, dst, capsys)
    assert code == 2 and out == "" and len(err.splitlines()) == 1 and "holds rows already" in err
    assert asyncio.run(contents(dst, key)) == before


def test_a_destination_started_with_another_key_is_refused(
    tmp_path: Path, pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    src = f"sqlite:///{tmp_path / 'src.db'}"

    async def make(url: str, key: str, rows: bool) -> None:
        store = await open_store(url, ids=Ids(key))
        if rows:
            await fill(store)
        await store.close()

    asyncio.run(make(src, new_key(), True))
    asyncio.run(make(pg_url, new_key(), False))  # migrated, and its key recorded: no rows otherwise
    code, out, err = copy(src, pg_url, capsys)
    assert code == 2 and out == "" and len(err.splitlines()) == 1 and "another DATA_KEY" in err


def test_a_destination_started_with_the_same_key_takes_the_copy(
    tmp_path: Path, pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    key = new_key()
    src = f"sqlite:///{tmp_path / 'src.db'}"

    async def make(url: str, rows: bool) -> None:
        store = await open_store(url, ids=Ids(key))
        if rows:
            await fill(store)
        await store.close()

    asyncio.run(make(src, True))
    asyncio.run(make(pg_url, False))  # e.g. `casewatch db migrate` run against it first
    code, out, err = copy(src, pg_url, capsys)
    assert (code, err) == (0, "") and out.splitlines()[0] == "data_key_check\t1"
    assert asyncio.run(app_view(pg_url, key)) == asyncio.run(app_view(src, key))


def test_a_missing_source_is_refused_and_not_made(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = copy(f"sqlite:///{tmp_path / 'typo.db'}", f"sqlite:///{tmp_path / 'dst.db'}", capsys)
    assert code == 2 and "does not exist" in err and len(err.splitlines()) == 1
    assert not (tmp_path / "typo.db").exists() and not (tmp_path / "dst.db").exists()


def test_the_copy_knows_every_table(tmp_path: Path) -> None:
    async def tables() -> set[str]:
        store = await open_store(f"sqlite:///{tmp_path / 'cw.db'}")
        try:
            async with store.read() as tx:
                conn = tx.conn  # type: ignore[attr-defined]
                return {r["name"] for r in await conn.fetchall(conn.dialect.tables)}
        finally:
            await store.close()

    assert asyncio.run(tables()) - {"schema_version"} == set(TABLES)


def test_differing_counts_fail_the_copy() -> None:
    out, err = io.StringIO(), io.StringIO()
    counts = [TableCount("cases", 2, 2), TableCount("items", 5, 4)]
    assert report(counts, out=out, err=err) == 1
    assert out.getvalue().splitlines() == ["cases\t2", "items\t4\t(the source has 5)"]
    assert err.getvalue().splitlines() == ["copy incomplete: the counts differ in items"]
