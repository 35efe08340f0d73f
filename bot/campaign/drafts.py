"""A draft awaiting Confirm: what a preview showed, the state it was made against, and taking it once.

Confirm does exactly what the preview showed, once, by its maker, within 15 minutes; if what the preview
was made against has changed since (its state hash differs), nothing is done.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from bot.campaign.roles import Actor
from bot.cases.directory import CaseDirectory
from bot.clock import Clock
from bot.config import Settings
from bot.delivery.kit import Attend
from bot.errors import UserError
from bot.events.kinds import AnnouncementPayload
from storage.api import Store
from storage.models import Case, Draft

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


async def discard_draft(store: Store, clock: Clock, actor: Actor, token: str) -> None:
    """Cancel on a preview: the draft is gone, nothing else happens."""
    async with store.transaction() as tx:
        await tx.drafts.discard(token, actor.user_id, clock.timestamp())


async def take_draft(store: Store, clock: Clock, actor: Actor, token: str) -> Draft | None:
    """The actor's draft, used up; None when it is unknown, theirs no longer, used or expired."""
    async with store.transaction() as tx:
        return await tx.drafts.consume(token, actor.user_id, clock.timestamp())


@dataclass
class DraftContext:
    """What an executor gets: the draft, who confirms it, and the app's long-lived objects."""

    draft: Draft
    actor: Actor
    store: Store
    clock: Clock
    settings: Settings
    cases: CaseDirectory

    @property
    def payload(self) -> dict[str, Any]:
        return self.draft.payload

    def case(self) -> Case:
        """The draft's case, still there and still the actor's to edit."""
        case = self.cases.get(str(self.payload.get("slug")))
        if case is None:
            raise UserError("admin-draft-stale")
        self.actor.require_case(case)
        return case


@dataclass(frozen=True)
class Told:
    """An announcement as followers will get it (rendered with `compose_payload`, as the sender renders it),
    with a hearing's attendance kit when it has one."""

    payload: AnnouncementPayload
    attend: Attend | None = None


@dataclass(frozen=True)
class Preview:
    """A draft awaiting Confirm, and what followers are told on Confirm (None: they get no message)."""

    token: str
    told: Told | None


@dataclass(frozen=True)
class Queued:
    """A confirmed draft told followers: how many chats the message was queued for."""

    count: int


# An executor does what one kind of draft says; it raises UserError to refuse.
Executor = Callable[[DraftContext], Awaitable[object]]
