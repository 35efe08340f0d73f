"""Telegram ids sealed at rest: the key, its checks at start, rotation, and databases made before it."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from bot.cli.main import main
from bot.clock import FakeClock
from bot.people import going
from storage import open_store
from storage.crypto import DataKeyError, Ids, MissingDataKey, NoIds, new_key
from storage.migrations import load
from storage.models import CaseInput
from storage.sqlite.store import PLACEHOLDERS

ALICE, BOB, STAFF = 5839201177, -1001938475620, 8203917465


def config(tmp_path: Path, url: str = "sqlite:///cw.db") -> Path:
    path = tmp_path / "casewatch.toml"
    path.write_text(f'database_url = "{url}"\n', encoding="utf-8")
    return path


async def fill(url: str, key: str) -> None:
    store = await open_store(url, ids=Ids(key))
    async with store.transaction() as tx:
        await tx.chats.ensure(ALICE, "private", "ru", 1)
        await tx.chats.ensure(BOB, "supergroup", "en", 1)
        await tx.cases.upsert(CaseInput(slug="c", name="C"),
                              origin="config", now=1, overwrite=False)
        case = await tx.cases.get("c")
        assert case is not None
        await tx.subscriptions.follow(ALICE, case.id, "all", 1)
        await tx.subscriptions.follow(BOB, case.id, "hearings", 1)
        await tx.editors.grant(case.id, STAFF, ALICE, 1)
        await tx.audit.record(at=1, actor_id=STAFF, role="editor", action="hearing.add", case_id=case.id)
        ann, _ = await tx.announcements.insert(kind="update", case_id=case.id, hearing_id=None, min_level="all",
                                               payload={}, dedupe_key="k", created_by=STAFF, now=1)
        await tx.outbox.enqueue(ann.id, [ALICE, BOB], priority=9, next_at=1)
    await store.close()


async def read_back(url: str, key: str) -> tuple[list[int], set[int], int | None]:
    store = await open_store(url, ids=Ids(key))
    try:
        async with store.read() as tx:
            case = await tx.cases.get("c")
            assert case is not None
            followers = await tx.subscriptions.followers(case.id, ["all", "hearings"])
            queued = await tx.announcements.queued_chats(1)
            editors = await tx.editors.list(case.id)
            audit = await tx.audit.recent()
        assert [(e.user_id, e.granted_by) for e in editors] == [(STAFF, ALICE)]
        return followers, queued, audit[0].actor_id
    finally:
        await store.close()


# Keys stay random (new_key): the tests need keys that differ, never particular ones.


def test_a_key_seals_each_time_differently_and_opens_what_it_sealed() -> None:
    ids = Ids(new_key())
    a, b = ids.seal(ALICE), ids.seal(ALICE)
    assert a != b and ids.open(a) == ids.open(b) == ALICE
    assert ids.tag(ALICE) == ids.tag(ALICE) != ids.tag(BOB)
    assert str(ALICE) not in a + ids.tag(ALICE)
    with pytest.raises(DataKeyError):
        Ids(new_key()).open(a)
    with pytest.raises(DataKeyError):
        Ids("c2hvcnQ=")  # 5 bytes
    with pytest.raises(MissingDataKey):
        NoIds().seal(ALICE)


def test_keys_new_prints_a_fresh_usable_key(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["keys", "new"]) == 0
    first = capsys.readouterr().out.strip()
    assert main(["keys", "new"]) == 0
    second = capsys.readouterr().out.strip()
    assert first != second
    ids = Ids(first)
    assert ids.open(ids.seal(BOB)) == BOB


def test_the_database_holds_ids_only_sealed_and_reads_them_back(tmp_path: Path) -> None:
    key = new_key()
    url = f"sqlite:///{tmp_path / 'cw.db'}"
    asyncio.run(fill(url, key))
    followers, queued, actor = asyncio.run(read_back(url, key))
    assert followers == sorted([ALICE, BOB]) and queued == {ALICE, BOB} and actor == STAFF
    raw = (tmp_path / "cw.db").read_bytes()
    for value in (ALICE, BOB, STAFF):
        assert str(value).encode() not in raw
        assert value.to_bytes(6 if abs(value) < 2**47 else 8, "big", signed=True) not in raw


def test_postgres_holds_ids_only_sealed_and_reads_them_back(pg_url: str) -> None:
    key = new_key()
    asyncio.run(fill(pg_url, key))
    followers, queued, actor = asyncio.run(read_back(pg_url, key))
    assert followers == sorted([ALICE, BOB]) and queued == {ALICE, BOB} and actor == STAFF

    async def every_value() -> str:
        store = await open_store(pg_url, ids=Ids(key))
        try:
            async with store.read() as tx:
                conn = tx.conn  # type: ignore[attr-defined]
                tables = await conn.fetchall("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
                rows = [await conn.fetchall(f"SELECT * FROM {t['tablename']}") for t in tables]
            return repr(rows)
        finally:
            await store.close()

    stored = asyncio.run(every_value())
    for value in (ALICE, BOB, STAFF):
        assert str(value) not in stored


def test_a_wrong_key_is_refused_at_start(store_url: str) -> None:
    url = store_url
    asyncio.run(fill(url, new_key()))
    with pytest.raises(DataKeyError, match="DATA_KEY"):
        asyncio.run(read_back(url, new_key()))


def test_run_without_a_key_on_a_database_with_ids_refuses_naming_data_key(
    tmp_path: Path, store_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cfg = config(tmp_path, store_url)
    asyncio.run(fill(store_url, new_key()))
    monkeypatch.delenv("DATA_KEY")
    monkeypatch.setenv("BOT_TOKEN", "123456:TEST")
    assert main(["--config", str(cfg), "run"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith("DATA_KEY is not set, and this database holds")


def test_run_without_a_key_on_a_new_database_says_how_to_make_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cfg = config(tmp_path)
    monkeypatch.delenv("DATA_KEY")
    monkeypatch.setenv("BOT_TOKEN", "123456:TEST")
    assert main(["--config", str(cfg), "run"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "casewatch keys new" in err and "DATA_KEY" in err
    assert not (tmp_path / "cw.db").exists()


def test_data_key_file_is_read_when_data_key_is_not_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = new_key()
    url = f"sqlite:///{tmp_path / 'cw.db'}"
    asyncio.run(fill(url, key))
    (tmp_path / "key").write_text(key + "\n", encoding="utf-8")
    monkeypatch.delenv("DATA_KEY")
    monkeypatch.setenv("DATA_KEY_FILE", str(tmp_path / "key"))
    from bot.config import load_settings

    settings = load_settings(config(tmp_path))
    assert settings.data_key_text() == key


def test_rotate_re_encrypts_everything_and_the_old_key_stops_working(
    tmp_path: Path, store_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = store_url
    cfg = config(tmp_path, url)
    old, new = new_key(), new_key()
    asyncio.run(fill(url, old))
    (tmp_path / "new.key").write_text(new, encoding="utf-8")
    assert main(["--config", str(cfg), "keys", "rotate", "--old", old, "--new", f"@{tmp_path / 'new.key'}"]) == 0
    assert "re-encrypted" in capsys.readouterr().out
    followers, queued, actor = asyncio.run(read_back(url, new))
    assert followers == sorted([ALICE, BOB]) and queued == {ALICE, BOB} and actor == STAFF
    with pytest.raises(DataKeyError):
        asyncio.run(read_back(url, old))
    # A wrong --old changes nothing.
    assert main(["--config", str(cfg), "keys", "rotate", "--old", old, "--new", new_key()]) == 2
    assert asyncio.run(read_back(url, new))[0] == sorted([ALICE, BOB])


async def mark_going(url: str, key: str, *chats: int) -> int:
    """Each chat presses "🙋 I'm going" on a hearing a week ahead; the hearing's id."""
    store = await open_store(url, ids=Ids(key))
    try:
        async with store.transaction() as tx:
            case = await tx.cases.get("c")
            assert case is not None
            hearing = await tx.hearings.insert(case_id=case.id, local_date="2026-03-17", local_time="10:00",
                                               tz="Asia/Almaty", court=None, status="scheduled", now=1)
        for chat in chats:
            assert (await going.toggle(store, FakeClock(), chat_id=chat, case=case, hearing_id=hearing.id)).outcome \
                == "going"
        return hearing.id
    finally:
        await store.close()


async def press_again(url: str, key: str, chat: int, hearing_id: int) -> going.Press:
    store = await open_store(url, ids=Ids(key))
    try:
        async with store.read() as tx:
            case = await tx.cases.get("c")
        assert case is not None
        return await going.toggle(store, FakeClock(), chat_id=chat, case=case, hearing_id=hearing_id)
    finally:
        await store.close()


def test_after_a_rotation_a_chats_second_press_on_i_am_going_undoes_its_mark(
    tmp_path: Path, store_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    cfg = config(tmp_path, store_url)
    old, new = new_key(), new_key()
    asyncio.run(fill(store_url, old))
    hearing_id = asyncio.run(mark_going(store_url, old, ALICE))
    assert main(["--config", str(cfg), "keys", "rotate", f"--old={old}", f"--new={new}"]) == 0
    assert "re-encrypted" in capsys.readouterr().out
    assert asyncio.run(press_again(store_url, new, ALICE, hearing_id)) == going.Press("not-going", 0)


def test_a_rotation_leaves_a_mark_no_known_chat_made_counted(
    tmp_path: Path, store_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    stranger = 7305518842  # pressed, then its row in `chats` went (a group that became a supergroup)
    cfg = config(tmp_path, store_url)
    old, new = new_key(), new_key()
    asyncio.run(fill(store_url, old))
    hearing_id = asyncio.run(mark_going(store_url, old, ALICE, BOB, stranger))
    assert main(["--config", str(cfg), "keys", "rotate", f"--old={old}", f"--new={new}"]) == 0
    capsys.readouterr()
    # BOB's mark moved to the new key, so pressing again undoes it; the stranger's stays counted beside ALICE's.
    assert asyncio.run(press_again(store_url, new, BOB, hearing_id)) == going.Press("not-going", 2)
    assert asyncio.run(press_again(store_url, new, stranger, hearing_id)) == going.Press("going", 3)


def test_new_keys_never_start_with_a_dash_so_they_paste_after_old(monkeypatch: pytest.MonkeyPatch) -> None:
    # 0xF8 encodes to "-" as the first base64 character; the first draw must be thrown away.
    draws = iter([b"\xf8" + bytes(31), b"\x01" + bytes(31)])
    monkeypatch.setattr("storage.crypto.secrets.token_bytes", lambda n: next(draws))
    key = new_key()
    assert not key.startswith("-") and Ids(key).open(Ids(key).seal(7)) == 7


def test_rotate_takes_a_key_starting_with_a_dash_written_as_old_equals(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Keys made before new_key() avoided a leading "-" still rotate with --old=KEY.
    import base64

    url = f"sqlite:///{tmp_path / 'cw.db'}"
    cfg = config(tmp_path, url)
    old = base64.urlsafe_b64encode(b"\xf8" + bytes(range(31))).decode()
    assert old.startswith("-")
    new = new_key()
    asyncio.run(fill(url, old))
    assert main(["--config", str(cfg), "keys", "rotate", f"--old={old}", f"--new={new}"]) == 0
    assert "re-encrypted" in capsys.readouterr().out
    assert asyncio.run(read_back(url, new))[0] == sorted([ALICE, BOB])


def make_plain_v6(path: Path) -> None:
    """A database as the version before encryption left it, with people in it."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)")
    for mig in load(PLACEHOLDERS)[:6]:
        for stmt in mig.statements:
            db.execute(stmt)
        db.execute("INSERT INTO schema_version VALUES (?, 1)", (mig.version,))
    db.execute("INSERT INTO cases (slug, name, timezone, status, origin, created_at, updated_at, mirror_chat_id) "
               "VALUES ('c', 'C', 'Asia/Almaty', 'trial', 'config', 1, 1, ?)", (BOB,))
    db.execute("INSERT INTO chats (id, type, language, created_at) VALUES (?, 'private', 'ru', 1)", (ALICE,))
    db.execute("INSERT INTO subscriptions VALUES (?, 1, 'all', 1)", (ALICE,))
    db.execute("INSERT INTO editors VALUES (1, ?, ?, 1)", (STAFF, ALICE))
    db.execute("INSERT INTO audit_log (at, actor_id, role, action, case_id, target, details_json) "
               "VALUES (1, ?, 'editor', 'editor.accept', 1, ?, ?)", (STAFF, str(STAFF), f'{{"invited_by": {ALICE}}}'))
    db.execute("INSERT INTO announcements (kind, case_id, min_level, payload_json, dedupe_key, created_by, created_at) "
               "VALUES ('update', 1, 'all', '{}', 'k', ?, 1)", (STAFF,))
    db.execute("INSERT INTO outbox (announcement_id, chat_id, priority, next_at) VALUES (1, ?, 9, 1)", (ALICE,))
    db.execute("INSERT INTO hearings (case_id, local_date, tz, status, created_at, updated_at) "
               "VALUES (1, '2026-03-17', 'Asia/Almaty', 'scheduled', 1, 1)")
    db.execute("INSERT INTO hearing_changes (hearing_id, revision, cause, ref, at) VALUES (1, 1, 'admin', ?, 1)",
               (f"admin:{STAFF}",))
    db.close()


def test_a_database_from_before_is_encrypted_at_the_first_start_with_the_key(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_plain_v6(path)
    url = f"sqlite:///{path}"
    # Without the key nothing changes: the migration stops and says so.
    with pytest.raises(MissingDataKey, match="DATA_KEY"):
        asyncio.run(open_store(url, ids=NoIds()))
    key = new_key()

    async def convert() -> tuple[list[int], list[tuple[int, int]], int | None, str | None, int | None]:
        store = await open_store(url, ids=Ids(key))
        try:
            async with store.read() as tx:
                followers = await tx.subscriptions.followers(1, ["all"])
                editors = [(e.user_id, e.granted_by) for e in await tx.editors.list()]
                audit = (await tx.audit.recent())[0]
                change = (await tx.hearings.changes(1))[0]
                case = await tx.cases.get("c")
                assert case is not None and case.mirror_chat_id == BOB
                assert await tx.announcements.queued_chats(1) == {ALICE}
                assert "invited_by" not in audit.details
                return followers, editors, audit.target_user, change.ref, audit.actor_id
        finally:
            await store.close()

    assert asyncio.run(convert()) == ([ALICE], [(STAFF, ALICE)], STAFF, f"admin:{STAFF}", STAFF)
    raw = path.read_bytes() + (Path(f"{path}-wal").read_bytes() if Path(f"{path}-wal").exists() else b"")
    for value in (ALICE, BOB, STAFF):
        assert str(value).encode() not in raw
        assert value.to_bytes(6 if abs(value) < 2**47 else 8, "big", signed=True) not in raw
