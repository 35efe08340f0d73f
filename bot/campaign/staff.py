"""Who may run a campaign, and the records their actions leave: roles, invites, drafts, the audit log.

Admins are the user ids in ADMIN_IDS. Editors are trusted with one case each, through a one-time invite.
Rights are looked up again on every call; nothing a client sends (button data included) is trusted.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from typing import Any, Literal

from bot.clock import Clock
from bot.config import Settings
from bot.errors import NotAllowed
from storage.api import Store, Tx
from storage.models import Case, Draft

Role = Literal["admin", "editor", "user"]
INVITE_TTL_S = 24 * 3600
DRAFT_TTL_S = 15 * 60


@dataclass(frozen=True)
class Actor:
    user_id: int
    is_admin: bool
    editor_of: frozenset[int]

    @property
    def role(self) -> Role:
        if self.is_admin:
            return "admin"
        return "editor" if self.editor_of else "user"

    def may_edit(self, case_id: int) -> bool:
        return self.is_admin or case_id in self.editor_of

    def require_case(self, case: Case) -> None:
        if not self.may_edit(case.id):
            raise NotAllowed("admin-not-your-case", slug=case.slug)

    def require_admin(self) -> None:
        if not self.is_admin:
            raise NotAllowed("admin-only")


async def actor_for(store: Store, settings: Settings, user_id: int) -> Actor:
    async with store.read() as tx:
        cases = await tx.editors.cases_of(user_id)
    return Actor(user_id=user_id, is_admin=user_id in settings.admin_ids, editor_of=frozenset(cases))


async def audit(
    tx: Tx, clock: Clock, actor: Actor, action: str, *, case_id: int | None = None, target: str | None = None,
    target_user: int | None = None, **details: Any,
) -> None:
    """One audit line. A person it is about goes in `target_user` (stored sealed), never in `target`."""
    role = "admin" if actor.is_admin else "editor"
    await tx.audit.record(at=clock.timestamp(), actor_id=actor.user_id, role=role, action=action,
                          case_id=case_id, target=target, target_user=target_user, details=details)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def create_invite(store: Store, clock: Clock, actor: Actor, case: Case) -> str:
    """A one-time token for `t.me/<bot>?start=ed_<token>`; only its hash is stored."""
    actor.require_admin()
    token = secrets.token_urlsafe(18)
    async with store.transaction() as tx:
        await tx.invites.create(_hash(token), case.id, actor.user_id, clock.timestamp() + INVITE_TTL_S)
        await audit(tx, clock, actor, "editor.invite", case_id=case.id)
    return token


async def accept_invite(store: Store, clock: Clock, token: str, user_id: int) -> int | None:
    """Use an invite: the case id the user now edits, or None (unknown, used or expired)."""
    now = clock.timestamp()
    async with store.transaction() as tx:
        used = await tx.invites.use(_hash(token), user_id, now)
        if used is None:
            return None
        case_id, admin_id = used
        await tx.editors.grant(case_id, user_id, admin_id, now)
        # Who invited them is on the editors row (sealed); the audit line names only the one who accepted.
        await tx.audit.record(at=now, actor_id=user_id, role="editor", action="editor.accept", case_id=case_id)
    return case_id


def payload_hash(kind: str, payload: dict[str, Any], state: str) -> str:
    blob = json.dumps([kind, payload, state], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()


async def make_draft(store: Store, clock: Clock, actor: Actor, kind: str, payload: dict[str, Any], state: str) -> str:
    """Keep what a preview showed, so Confirm does exactly that (once, by its maker, within 15 minutes)."""
    token = secrets.token_urlsafe(12)
    draft = Draft(token=token, admin_id=actor.user_id, kind=kind, payload=payload,
                  payload_hash=payload_hash(kind, payload, state), expires_at=clock.timestamp() + DRAFT_TTL_S)
    async with store.transaction() as tx:
        await tx.drafts.create(draft)
    return token


def still_valid(draft: Draft, state: str) -> bool:
    """False when what the preview was made against has changed since."""
    return draft.payload_hash == payload_hash(draft.kind, draft.payload, state)
