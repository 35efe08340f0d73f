"""Where Telegram ids live, sealed: the conversion of a database made before they were, and key rotation.

Every column that holds a person's or a chat's Telegram id is listed here once; /forget, `keys rotate`,
the conversion and the privacy statement's test all read these lists.
"""

from __future__ import annotations

import json
from typing import Any

from storage.conn import Conn
from storage.crypto import TOMBSTONE, DataKeyError, Ids, IdsLike, MissingDataKey, NoIds
from storage.repos.attendance import going_mark

# (table, prefix): `<prefix>_hash` (keyed hash, for lookups) and `<prefix>_enc` (the sealed id).
PAIRS: list[tuple[str, str]] = [
    ("chats", "chat"), ("outbox", "chat"), ("editors", "user"), ("editors", "granted_by"),
    ("invites", "created_by"), ("invites", "used_by"), ("audit_log", "actor"), ("audit_log", "target_user"),
    ("announcements", "created_by"), ("findings", "reviewed_by"), ("sources", "created_by"),
    ("hearing_changes", "by"),
]
# Sealed only: read back, never looked up.
SEALED_ONLY: list[tuple[str, str]] = [("cases", "mirror_chat_enc")]
# Keyed hash only: looked up, never read back. Subscriptions and digest settings follow chats (ON UPDATE CASCADE); drafts
# (15 minutes) and unfinished dialogs cannot be re-keyed and are dropped by a rotation. "I'm going" marks (a keyed
# hash of chat and hearing) are re-keyed for every chat in `chats`; see `_rekey_going_marks`.
HASHED_ONLY: list[tuple[str, str]] = [
    ("subscriptions", "chat_hash"), ("drafts", "admin_hash"), ("dialogs", "key_hash"), ("dialogs", "chat_hash"),
    ("digest_settings", "chat_hash"),
]

_PLAIN_TABLES = [
    "plain_subscriptions", "plain_outbox", "plain_editors", "plain_invites", "plain_drafts", "plain_audit_log",
    "plain_dialogs", "plain_chats",
]
_PLAIN_COLUMNS = [
    ("cases", "mirror_chat_id"), ("sources", "created_by"), ("findings", "reviewed_by"),
    ("announcements", "created_by"),
]

# Case-sensitive on every backend (LIKE is not on SQLite).
_ADMIN_REF = "substr(ref, 1, 6) = 'admin:'"

NO_KEY_FOR_PLAIN = (
    "DATA_KEY is not set, and this database holds Telegram ids in plain text from an older version: "
    "start once with DATA_KEY (make one with `casewatch keys new`) and they are encrypted"
)


async def _holds_plain_ids(c: Conn) -> bool:
    for table in _PLAIN_TABLES:
        if await c.fetchone(f"SELECT 1 FROM {table} LIMIT 1"):
            return True
    for table, column in _PLAIN_COLUMNS:
        if await c.fetchone(f"SELECT 1 FROM {table} WHERE {column} IS NOT NULL LIMIT 1"):
            return True
    return await c.fetchone(f"SELECT 1 AS x FROM hearing_changes WHERE {_ADMIN_REF} LIMIT 1") is not None


async def convert_plaintext(c: Conn, ids: IdsLike) -> None:
    """Right after the encrypted-ids migration, in its transaction: seal what the old tables held, drop them."""
    if await _holds_plain_ids(c):
        if isinstance(ids, NoIds):
            raise MissingDataKey(NO_KEY_FOR_PLAIN)
        await _copy_sealed(c, ids)
    for table in _PLAIN_TABLES:
        await c.execute(f"DROP TABLE {table}")
    for table, column in _PLAIN_COLUMNS:
        await c.execute(f"ALTER TABLE {table} DROP COLUMN {column}")


async def _copy_sealed(c: Conn, ids: Ids) -> None:
    def pair(value: Any) -> tuple[str | None, str | None]:
        return (None, None) if value is None else (ids.tag(int(value)), ids.seal(int(value)))

    for r in await c.fetchall("SELECT * FROM plain_chats"):
        await c.execute(
            "INSERT INTO chats (chat_hash, chat_enc, type, language, language_chosen, active, reminder_offsets, "
            "news_mentions, created_at, deactivated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*pair(r["id"]), r["type"], r["language"], r["language_chosen"], r["active"], r["reminder_offsets"],
             r["news_mentions"], r["created_at"], r["deactivated_at"]),
        )
    for r in await c.fetchall("SELECT * FROM plain_subscriptions"):
        await c.execute(
            "INSERT INTO subscriptions (chat_hash, case_id, level, created_at) VALUES (?, ?, ?, ?)",
            (ids.tag(int(r["chat_id"])), r["case_id"], r["level"], r["created_at"]),
        )
    for r in await c.fetchall("SELECT * FROM plain_outbox"):
        await c.execute(
            "INSERT INTO outbox (id, announcement_id, chat_hash, chat_enc, state, priority, attempts, next_at, "
            "claimed_by, lease_until, tg_message_id, last_error, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (r["id"], r["announcement_id"], *pair(r["chat_id"]), r["state"], r["priority"], r["attempts"],
             r["next_at"], r["claimed_by"], r["lease_until"], r["tg_message_id"], r["last_error"], r["sent_at"]),
        )
    for r in await c.fetchall("SELECT * FROM plain_editors"):
        await c.execute(
            "INSERT INTO editors (case_id, user_hash, user_enc, granted_by_hash, granted_by_enc, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (r["case_id"], *pair(r["user_id"]), *pair(r["granted_by"]), r["created_at"]),
        )
    for r in await c.fetchall("SELECT * FROM plain_invites"):
        await c.execute(
            "INSERT INTO invites (token_hash, case_id, created_by_hash, created_by_enc, expires_at, used_at, "
            "used_by_hash, used_by_enc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (r["token_hash"], r["case_id"], *pair(r["created_by"]), r["expires_at"], r["used_at"],
             *pair(r["used_by"])),
        )
    for r in await c.fetchall("SELECT * FROM plain_drafts"):
        await c.execute(
            "INSERT INTO drafts (token, admin_hash, kind, payload_json, payload_hash, expires_at, used_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (r["token"], ids.tag(int(r["admin_id"])), r["kind"], r["payload_json"], r["payload_hash"],
             r["expires_at"], r["used_at"]),
        )
    for r in await c.fetchall("SELECT * FROM plain_audit_log"):
        target: str | None = r["target"]
        user: int | None = None
        if str(r["action"]).startswith("editor.") and target is not None and target.lstrip("-").isdigit():
            user = int(target)
            target = None
        details = json.loads(r["details_json"] or "{}")
        details.pop("invited_by", None)
        await c.execute(
            "INSERT INTO audit_log (id, at, actor_hash, actor_enc, role, action, case_id, target, target_user_hash, "
            "target_user_enc, details_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (r["id"], r["at"], *pair(r["actor_id"]), r["role"], r["action"], r["case_id"], target, *pair(user),
             json.dumps(details, ensure_ascii=False)),
        )
    for r in await c.fetchall("SELECT * FROM plain_dialogs"):
        await c.execute(
            "INSERT INTO dialogs (key_hash, chat_hash, state, data_json, updated_at) VALUES (?, ?, ?, ?, ?)",
            (ids.tag_text(r["key"]), ids.tag(int(r["chat_id"])), r["state"], r["data_json"], r["updated_at"]),
        )
    for r in await c.fetchall("SELECT id, mirror_chat_id FROM cases WHERE mirror_chat_id IS NOT NULL"):
        await c.execute("UPDATE cases SET mirror_chat_enc = ? WHERE id = ?", (ids.seal(int(r["mirror_chat_id"])), r["id"]))
    for table, column in (("sources", "created_by"), ("findings", "reviewed_by"), ("announcements", "created_by")):
        for r in await c.fetchall(f"SELECT id, {column} AS v FROM {table} WHERE {column} IS NOT NULL"):
            await c.execute(
                f"UPDATE {table} SET {column}_hash = ?, {column}_enc = ? WHERE id = ?", (*pair(r["v"]), r["id"])
            )
    rowid = c.dialect.rowid
    for r in await c.fetchall(f"SELECT {rowid} AS rid, ref FROM hearing_changes WHERE {_ADMIN_REF}"):
        who = str(r["ref"])[6:]
        if who.lstrip("-").isdigit():
            await c.execute(
                f"UPDATE hearing_changes SET ref = 'admin', by_hash = ?, by_enc = ? WHERE {rowid} = ?",
                (*pair(int(who)), r["rid"]),
            )


async def verify_key(c: Conn, ids: Ids) -> None:
    """Record this key's check value on first use; refuse a different key afterwards."""
    # Two processes may start on a new database at once: the first key recorded holds, the other is checked.
    await c.execute(
        "INSERT INTO data_key_check (id, check_value) VALUES (1, ?) ON CONFLICT (id) DO NOTHING", (ids.check_value(),)
    )
    row = await c.fetchone("SELECT check_value FROM data_key_check WHERE id = 1")
    if row is None or row["check_value"] != ids.check_value():
        raise DataKeyError("DATA_KEY is not the key this database was encrypted with")


async def holds_ids(c: Conn) -> bool:
    """Whether the database was ever used with a key, or holds any row that names someone."""
    if await c.fetchone(c.dialect.table_exists, ("data_key_check",)):
        if await c.fetchone("SELECT 1 FROM data_key_check LIMIT 1"):
            return True
    for table in ("chats", "outbox", "editors", "audit_log"):
        if await c.fetchone(c.dialect.table_exists, (table,)):
            if await c.fetchone(f"SELECT 1 FROM {table} LIMIT 1"):
                return True
    return False


async def _rekey_going_marks(c: Conn, old: Ids, new: Ids) -> int:
    """Each mark a known chat made, rewritten under `new`; run while `chats` still holds ids sealed under `old`.

    A mark holds no id to open, so every chat's old mark is recomputed for each hearing that has marks and the
    matches are rewritten. A mark no chat matches (its chat is gone) keeps its old value: still counted.
    """
    held: dict[int, set[str]] = {}
    for r in await c.fetchall("SELECT mark, hearing_id FROM going_marks"):
        held.setdefault(int(r["hearing_id"]), set()).add(str(r["mark"]))
    if not held:
        return 0
    rows = await c.fetchall("SELECT chat_enc FROM chats WHERE chat_enc IS NOT NULL AND chat_enc != ?", (TOMBSTONE,))
    chats = [old.open(r["chat_enc"]) for r in rows]
    moved = 0
    for hearing_id, marks in held.items():
        left = len(marks)
        for chat in chats:
            mark = going_mark(old, chat, hearing_id)
            if mark not in marks:
                continue
            await c.execute("UPDATE going_marks SET mark = ? WHERE mark = ?", (going_mark(new, chat, hearing_id), mark))
            moved += 1
            left -= 1
            if not left:
                break
    return moved


async def rotate(c: Conn, old: Ids, new: Ids) -> dict[str, int]:
    """Re-seal and re-hash every id under `new`, in the caller's transaction. Counts rows per table."""
    row = await c.fetchone("SELECT check_value FROM data_key_check WHERE id = 1")
    if row is not None and row["check_value"] != old.check_value():
        raise DataKeyError("--old is not the key this database was encrypted with")
    counts: dict[str, int] = {"going_marks": await _rekey_going_marks(c, old, new)}
    rowid = c.dialect.rowid
    for table, prefix in PAIRS:
        rows = await c.fetchall(
            f"SELECT {rowid} AS rid, {prefix}_enc AS enc FROM {table} WHERE {prefix}_enc IS NOT NULL "
            f"AND {prefix}_enc != ?",
            (TOMBSTONE,),
        )
        for r in rows:
            value = old.open(r["enc"])
            await c.execute(
                f"UPDATE {table} SET {prefix}_hash = ?, {prefix}_enc = ? WHERE {rowid} = ?",
                (new.tag(value), new.seal(value), r["rid"]),
            )
        counts[table] = counts.get(table, 0) + len(rows)
    for table, column in SEALED_ONLY:
        rows = await c.fetchall(f"SELECT {rowid} AS rid, {column} AS enc FROM {table} WHERE {column} IS NOT NULL")
        for r in rows:
            await c.execute(f"UPDATE {table} SET {column} = ? WHERE {rowid} = ?", (new.seal(old.open(r["enc"])), r["rid"]))
        counts[table] = counts.get(table, 0) + len(rows)
    counts["drafts"] = await c.execute("DELETE FROM drafts")
    counts["dialogs"] = await c.execute("DELETE FROM dialogs")
    await c.execute(
        "INSERT INTO data_key_check (id, check_value) VALUES (1, ?) "
        "ON CONFLICT (id) DO UPDATE SET check_value = excluded.check_value",
        (new.check_value(),),
    )
    return counts
