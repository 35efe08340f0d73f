"""Editors, invites, drafts and the audit log. People are stored as keyed hash and sealed id."""

from __future__ import annotations

import json
from typing import Any

from storage.conn import Conn
from storage.crypto import IdsLike
from storage.models import AuditEntry, Draft, Editor


class EditorReader:
    """Who edits which case."""

    def __init__(self, conn: Conn, ids: IdsLike) -> None:
        self._c = conn
        self._ids = ids

    async def cases_of(self, user_id: int) -> set[int]:
        rows = await self._c.fetchall("SELECT case_id FROM editors WHERE user_hash = ?", (self._ids.tag(user_id),))
        return {int(r["case_id"]) for r in rows}

    async def list(self, case_id: int | None = None) -> list[Editor]:
        if case_id is None:
            rows = await self._c.fetchall("SELECT * FROM editors ORDER BY case_id, created_at")
        else:
            rows = await self._c.fetchall("SELECT * FROM editors WHERE case_id = ? ORDER BY created_at", (case_id,))
        return [Editor(int(r["case_id"]), self._ids.open(r["user_enc"]), self._ids.open(r["granted_by_enc"]),
                       int(r["created_at"])) for r in rows]


class EditorRepo(EditorReader):
    """Editor rights granted, revoked and forgotten."""

    async def grant(self, case_id: int, user_id: int, granted_by: int, now: int) -> bool:
        n = await self._c.execute(
            "INSERT INTO editors (case_id, user_hash, user_enc, granted_by_hash, granted_by_enc, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (case_id, user_hash) DO NOTHING",
            (case_id, self._ids.tag(user_id), self._ids.seal(user_id), self._ids.tag(granted_by),
             self._ids.seal(granted_by), now),
        )
        return n > 0

    async def revoke(self, case_id: int, user_id: int) -> bool:
        return await self._c.execute(
            "DELETE FROM editors WHERE case_id = ? AND user_hash = ?", (case_id, self._ids.tag(user_id))
        ) > 0

    async def forget_user(self, user_id: int) -> None:
        await self._c.execute("DELETE FROM editors WHERE user_hash = ?", (self._ids.tag(user_id),))


class InviteRepo:
    def __init__(self, conn: Conn, ids: IdsLike) -> None:
        self._c = conn
        self._ids = ids

    async def create(self, token_hash: str, case_id: int, created_by: int, expires_at: int) -> None:
        await self._c.execute(
            "INSERT INTO invites (token_hash, case_id, created_by_hash, created_by_enc, expires_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (token_hash, case_id, self._ids.tag(created_by), self._ids.seal(created_by), expires_at),
        )

    async def use(self, token_hash: str, user_id: int, now: int) -> tuple[int, int] | None:
        """Consume an unexpired, unused invite: (case_id, created_by), or None."""
        row = await self._c.fetchone(
            "UPDATE invites SET used_at = ?, used_by_hash = ?, used_by_enc = ? "
            "WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING case_id, created_by_enc",
            (now, self._ids.tag(user_id), self._ids.seal(user_id), token_hash, now),
        )
        return None if row is None else (int(row["case_id"]), self._ids.open(row["created_by_enc"]))

    async def forget_user(self, user_id: int) -> None:
        await self._c.execute(
            "UPDATE invites SET used_by_hash = NULL, used_by_enc = NULL WHERE used_by_hash = ?",
            (self._ids.tag(user_id),),
        )

    async def prune(self, before: int) -> int:
        """Invites that expired before `before` (used or not) are deleted."""
        return await self._c.execute("DELETE FROM invites WHERE expires_at < ?", (before,))


class DraftRepo:
    def __init__(self, conn: Conn, ids: IdsLike) -> None:
        self._c = conn
        self._ids = ids

    async def create(self, draft: Draft) -> None:
        await self._c.execute(
            "INSERT INTO drafts (token, admin_hash, kind, payload_json, payload_hash, expires_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (draft.token, self._ids.tag(draft.admin_id), draft.kind, json.dumps(draft.payload, ensure_ascii=False),
             draft.payload_hash, draft.expires_at),
        )

    async def consume(self, token: str, admin_id: int, now: int) -> Draft | None:
        """Take the draft once: only its maker, only before it expires."""
        row = await self._c.fetchone(
            "UPDATE drafts SET used_at = ? WHERE token = ? AND admin_hash = ? AND used_at IS NULL AND expires_at > ? "
            "RETURNING token, kind, payload_json, payload_hash, expires_at",
            (now, token, self._ids.tag(admin_id), now),
        )
        if row is None:
            return None
        return Draft(row["token"], admin_id, row["kind"], json.loads(row["payload_json"]),
                     row["payload_hash"], int(row["expires_at"]))

    async def discard(self, token: str, admin_id: int, now: int) -> bool:
        return await self._c.execute(
            "UPDATE drafts SET used_at = ? WHERE token = ? AND admin_hash = ? AND used_at IS NULL",
            (now, token, self._ids.tag(admin_id)),
        ) > 0

    async def prune(self, before: int) -> int:
        return await self._c.execute("DELETE FROM drafts WHERE expires_at < ?", (before,))

    async def forget_user(self, admin_id: int) -> None:
        await self._c.execute("DELETE FROM drafts WHERE admin_hash = ?", (self._ids.tag(admin_id),))


class AuditReader:
    """The audit log, newest first."""

    def __init__(self, conn: Conn, ids: IdsLike) -> None:
        self._c = conn
        self._ids = ids

    async def recent(self, limit: int = 50) -> list[AuditEntry]:
        rows = await self._c.fetchall("SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", (limit,))
        return [AuditEntry(int(r["id"]), int(r["at"]), self._ids.open(r["actor_enc"]), r["role"], r["action"],
                           r["case_id"], r["target"], json.loads(r["details_json"]),
                           self._ids.open_opt(r["target_user_enc"])) for r in rows]


class AuditRepo(AuditReader):
    """What staff did, recorded."""

    async def record(self, *, at: int, actor_id: int, role: str, action: str, case_id: int | None = None,
                     target: str | None = None, target_user: int | None = None,
                     details: dict[str, Any] | None = None) -> None:
        await self._c.execute(
            "INSERT INTO audit_log (at, actor_hash, actor_enc, role, action, case_id, target, target_user_hash, "
            "target_user_enc, details_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (at, self._ids.tag(actor_id), self._ids.seal(actor_id), role, action, case_id, target,
             self._ids.tag_opt(target_user), self._ids.seal_opt(target_user),
             json.dumps(details or {}, ensure_ascii=False)),
        )
