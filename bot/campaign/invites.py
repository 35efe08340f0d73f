"""One-time invites that make a user the editor of one case."""

from __future__ import annotations

import hashlib
import secrets

from bot.campaign.audit import audit
from bot.campaign.roles import Actor
from bot.clock import Clock
from storage.api import Store
from storage.models import Case

INVITE_TTL_S = 24 * 3600


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
