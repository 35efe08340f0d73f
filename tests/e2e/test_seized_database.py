"""A seized database: after a realistic day of the bot, the file, its WAL and SHM, and a backup name no one.

The Telegram ids used are long and distinctive, so that finding one in the bytes cannot be chance; each is
looked for as decimal text and as an 8-byte integer in both byte orders (how SQLite or a dump might hold it).
"""

from __future__ import annotations

import sqlite3
import struct
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.runtime.app import App
from bot.standin.client import StandinClient
from storage.crypto import FORGOTTEN_ID
from tests.e2e.people import Person, last_with_buttons, texts

ADMIN = 5839201177
SUPPORTER = 6120947385
RELATIVE = 6948203715
LEAVER = 7102938475
EDITOR = 8203917465
GROUP = -1001938475620
GROUP_ADMIN = 7392015548
IDS = (ADMIN, SUPPORTER, RELATIVE, LEAVER, EDITOR, GROUP, GROUP_ADMIN)
START = datetime(2026, 3, 10, 4, 0, tzinfo=UTC)
# Each test starts the real bot against the stand-in (a second or more).
pytestmark = [pytest.mark.slow, pytest.mark.example_bot(at=START, admins=[ADMIN])]


def needles(value: int) -> list[bytes]:
    """Decimal text, 8-byte little- and big-endian, and the 4- or 6-byte big-endian form SQLite records use."""
    out = [str(value).encode(), struct.pack("<q", value), struct.pack(">q", value)]
    for size in (4, 6):
        try:
            out.append(value.to_bytes(size, "big", signed=True))
        except OverflowError:
            continue
    return out


def found_in(blob: bytes) -> list[int]:
    return [v for v in IDS if any(n in blob for n in needles(v))]


def text_dump(path: Path) -> str:
    """Every row of every table, as text (what `sqlite3 .dump` or a curious reader would see)."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        lines = []
        for table in tables:
            for row in db.execute(f'SELECT * FROM "{table}"'):
                lines.append(f"{table}: {row!r}")
        return "\n".join(lines)
    finally:
        db.close()


def test_the_scan_finds_ids_stored_in_plain(tmp_path: Path) -> None:
    """The scan itself: a database holding the ids as integers and as text is caught, file and dump."""
    path = tmp_path / "plain.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE chats (id INTEGER, note TEXT)")
    db.executemany("INSERT INTO chats VALUES (?, ?)", [(v, None) for v in IDS[:4]] + [(None, str(v)) for v in IDS[4:]])
    db.commit()
    db.close()
    assert found_in(path.read_bytes()) == list(IDS)
    assert found_in(text_dump(path).encode()) == list(IDS)


async def a_day_of_the_bot(app: App, tg: StandinClient) -> None:
    admin = Person(tg, chat_id=ADMIN)
    supporter, relative, leaver = Person(tg, chat_id=SUPPORTER), Person(tg, chat_id=RELATIVE), Person(tg, chat_id=LEAVER)
    await supporter.says("/follow Балашов")
    await relative.follows_hearings_only("balashov")
    await leaver.says("/follow Балашов")
    await tg.add_chat(GROUP, "supergroup", title="Support group", admins=[GROUP_ADMIN], creator=GROUP_ADMIN)
    group = Person(tg, chat_id=GROUP, user_id=GROUP_ADMIN, chat_type="supergroup")
    await group.says("/follow Балашов")

    # The admin posts a hearing; every follower is told.
    preview = await admin.says("/hearing balashov 17 марта 10:00 Медеуский районный суд")
    await admin.presses(last_with_buttons(preview), "Подтвердить")
    assert await app.drain(15)
    assert texts(await supporter.replies()) and texts(await group.replies())

    # An editor is invited, accepts, posts a hearing of their own, then leaves with /forget.
    out = texts(await admin.says("/editor balashov"))
    token = next(w for w in out[0].split() if "?start=ed_" in w).split("start=", 1)[1]
    editor = Person(tg, chat_id=EDITOR)
    assert "редактор" in texts(await editor.says(f"/start {token}"))[0]
    preview = await editor.says("/hearing balashov 24 марта 11:00")
    await editor.presses(last_with_buttons(preview), "Подтвердить")
    assert await app.drain(15)
    await admin.says("/editors")
    # A dialog is left half-way (its state is stored), a status change goes out.
    await admin.says("/post balashov")
    await admin.presses(last_with_buttons(await admin.says("/setstatus balashov appeal")), "Подтвердить")
    assert await app.drain(15)

    for person in (editor, leaver):
        out_forget = await person.says("/forget")
        await person.presses(last_with_buttons(out_forget), "Да")


async def test_a_seized_database_names_no_telegram_id(app: App, tg: StandinClient, tmp_path: Path) -> None:
    await a_day_of_the_bot(app, tg)
    async with app.store.read() as tx:
        followers = await tx.subscriptions.followers((await tx.cases.get("balashov")).id, ["all", "hearings"])  # type: ignore[union-attr]
        assert set(followers) == {SUPPORTER, RELATIVE, GROUP}  # the bot itself still knows them
        assert await tx.chats.exists_anywhere(EDITOR) == [] and await tx.chats.exists_anywhere(LEAVER) == []
        entries = await tx.audit.recent(100)
    assert {e.action for e in entries} >= {"hearing.add", "editor.invite", "editor.accept", "case.status"}
    assert any(e.action == "editor.accept" and e.actor_id == FORGOTTEN_ID for e in entries)

    path = app.settings.sqlite_path
    assert path is not None
    backup = tmp_path / "backup.db"
    await app.store.backup(backup)  # type: ignore[attr-defined]
    # Read while the bot is still running: the WAL and SHM exist now and vanish at a clean close.
    files = {p.name: p.read_bytes() for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), backup) if p.exists()}
    assert f"{path.name}-wal" in files and f"{path.name}-shm" in files
    dump = text_dump(path)
    assert "chats:" in dump and "audit_log:" in dump  # the dump is not empty
    for name, blob in files.items():
        assert found_in(blob) == [], f"{name} names {found_in(blob)}"
    assert found_in(dump.encode()) == [], f"the table dump names {found_in(dump.encode())}"


async def test_privacy_tells_what_is_kept_and_what_a_copy_shows(tg: StandinClient) -> None:
    ru = texts(await Person(tg, chat_id=SUPPORTER).says("/privacy"))[0]
    en = texts(await Person(tg, chat_id=RELATIVE, language="en").says("/privacy"))[0]
    assert "30 дней после отправки" in ru and "зашифрованы" in ru and "«забыт»" in ru
    assert "30 days after sending" in en and "seized" in en and "90 days" in en
