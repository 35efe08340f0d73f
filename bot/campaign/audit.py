"""The audit log: one line for each thing an admin or an editor did, written in the same transaction."""

from __future__ import annotations

from typing import Any

from bot.campaign.roles import Actor
from bot.clock import Clock
from storage.api import Tx


async def audit(
    tx: Tx, clock: Clock, actor: Actor, action: str, *, case_id: int | None = None, target: str | None = None,
    target_user: int | None = None, **details: Any,
) -> None:
    """One audit line. A person it is about goes in `target_user` (stored sealed), never in `target`."""
    role = "admin" if actor.is_admin else "editor"
    await tx.audit.record(at=clock.timestamp(), actor_id=actor.user_id, role=role, action=action,
                          case_id=case_id, target=target, target_user=target_user, details=details)
