"""Editors, invites, drafts and the audit log (#6)."""

from __future__ import annotations

import json
from typing import Any

from storage.api import AuditEntry, Draft, Editor
from storage.conn import Conn


class EditorRepo:
    def __init__(self, conn: Conn) -> None:
        self._c = conn

    async def grant(self, case_id: int, user_id: int, granted_by: int, now: int) -> bool:
        n = await self._c.execute(
            "INSERT INTO editors (case_id, user_id, granted_by, created_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (case_id, user_id) DO NOTHING",
            (case_id, user_id, granted_by, now),
        )
        return n > 0

    async def revoke(self, case_id: int, user_id: int) -> bool:
        return await self._c.execute("DELETE FROM editors WHERE case_id = ? AND user_id = ?", (case_id, user_id)) > 0

    async def cases_of(self, user_id: int) -> set[int]:
        rows = await self._c.fetchall("SELECT case_id FROM editors WHERE user_id = ?", (user_id,))
        return {int(r["case_id"]) for r in rows}

    async def list(self, case_id: int | None = None) -> list[Editor]:
        if case_id is None:
            rows = await self._c.fetchall("SELECT * FROM editors ORDER BY case_id, created_at")
        else:
            rows = await self._c.fetchall("SELECT * FROM editors WHERE case_id = ? ORDER BY created_at", (case_id,))
        return [Editor(int(r["case_id"]), int(r["user_id"]), int(r["granted_by"]), int(r["created_at"])) for r in rows]

    async def forget_user(self, user_id: int) -> None:
        await self._c.execute("DELETE FROM editors WHERE user_id = ?", (user_id,))


class InviteRepo:
    def __init__(self, conn: Conn) -> None:
        self._c = conn

    async def create(self, token_hash: str, case_id: int, created_by: int, expires_at: int) -> None:
        await self._c.execute(
            "INSERT INTO invites (token_hash, case_id, created_by, expires_at) VALUES (?, ?, ?, ?)",
            (token_hash, case_id, created_by, expires_at),
        )

    async def use(self, token_hash: str, user_id: int, now: int) -> tuple[int, int] | None:
        """Consume an unexpired, unused invite: (case_id, created_by), or None."""
        row = await self._c.fetchone(
            "UPDATE invites SET used_at = ?, used_by = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? "
            "RETURNING case_id, created_by",
            (now, user_id, token_hash, now),
        )
        return None if row is None else (int(row["case_id"]), int(row["created_by"]))

    async def forget_user(self, user_id: int) -> None:
        await self._c.execute("UPDATE invites SET used_by = NULL WHERE used_by = ?", (user_id,))


class DraftRepo:
    def __init__(self, conn: Conn) -> None:
        self._c = conn

    async def create(self, draft: Draft) -> None:
        await self._c.execute(
            "INSERT INTO drafts (token, admin_id, kind, payload_json, payload_hash, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
            (draft.token, draft.admin_id, draft.kind, json.dumps(draft.payload, ensure_ascii=False),
             draft.payload_hash, draft.expires_at),
        )

    async def consume(self, token: str, admin_id: int, now: int) -> Draft | None:
        """Take the draft once: only its maker, only before it expires."""
        row = await self._c.fetchone(
            "UPDATE drafts SET used_at = ? WHERE token = ? AND admin_id = ? AND used_at IS NULL AND expires_at > ? "
            "RETURNING token, admin_id, kind, payload_json, payload_hash, expires_at",
            (now, token, admin_id, now),
        )
        if row is None:
            return None
        return Draft(row["token"], int(row["admin_id"]), row["kind"], json.loads(row["payload_json"]),
                     row["payload_hash"], int(row["expires_at"]))

    async def discard(self, token: str, admin_id: int, now: int) -> bool:
        return await self._c.execute(
            "UPDATE drafts SET used_at = ? WHERE token = ? AND admin_id = ? AND used_at IS NULL", (now, token, admin_id)
        ) > 0

    async def prune(self, before: int) -> int:
        return await self._c.execute("DELETE FROM drafts WHERE expires_at < ?", (before,))

    async def forget_user(self, admin_id: int) -> None:
        await self._c.execute("DELETE FROM drafts WHERE admin_id = ?", (admin_id,))


class AuditRepo:
    def __init__(self, conn: Conn) -> None:
        self._c = conn

    async def record(self, *, at: int, actor_id: int, role: str, action: str, case_id: int | None = None,
                     target: str | None = None, details: dict[str, Any] | None = None) -> None:
        await self._c.execute(
            "INSERT INTO audit_log (at, actor_id, role, action, case_id, target, details_json) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (at, actor_id, role, action, case_id, target, json.dumps(details or {}, ensure_ascii=False)),
        )

    async def recent(self, limit: int = 50) -> list[AuditEntry]:
        rows = await self._c.fetchall("SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", (limit,))
        return [AuditEntry(int(r["id"]), int(r["at"]), int(r["actor_id"]), r["role"], r["action"], r["case_id"],
                           r["target"], json.loads(r["details_json"])) for r in rows]
