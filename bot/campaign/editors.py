"""Editors of a case: taking the right away (it is given through an invite, see `invites`)."""

from __future__ import annotations

from bot.campaign.audit import audit
from bot.campaign.roles import Actor
from bot.clock import Clock
from storage.api import Store
from storage.models import Case


async def revoke_editor(store: Store, clock: Clock, actor: Actor, case: Case, user_id: int) -> bool:
    """False when the user was not an editor of the case."""
    actor.require_admin()
    async with store.transaction() as tx:
        done = await tx.editors.revoke(case.id, user_id)
        if done:
            await audit(tx, clock, actor, "editor.revoke", case_id=case.id, target_user=user_id)
    return done
