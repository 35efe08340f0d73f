"""A draft awaiting Confirm: what a preview showed, the state it was made against, and taking it once.

Confirm does exactly what the preview showed, once, by its maker, within 15 minutes; if what the preview
was made against has changed since (its state hash differs), nothing is done.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from typing import Any

from bot.campaign.roles import Actor
from bot.clock import Clock
from storage.api import Store
from storage.models import Draft

DRAFT_TTL_S = 15 * 60


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
