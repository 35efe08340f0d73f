"""Confirm on a preview: the draft is used up, and what its kind says is done (or refused)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.campaign import hearings, how_it_went, posts, review, sources
from bot.campaign.cases import apply_edit, apply_newcase, apply_status
from bot.campaign.drafts import DraftContext, Executor, take_draft
from bot.campaign.roles import Actor
from bot.cases.directory import CaseDirectory
from bot.clock import Clock
from bot.config import Settings
from storage.api import Store

# Draft kind → what Confirm does. Each returns a plain result for the handler to tell, or raises UserError.
EXECUTORS: dict[str, Executor] = {
    "hearing": hearings.apply_set,
    "move": hearings.apply_move,
    "cancel": hearings.apply_cancel,
    "newcase": apply_newcase,
    "editcase": apply_edit,
    "status": apply_status,
    "post": posts.apply_post,
    "source": sources.apply_source,
    "review": review.apply_review,
    "howitwent": how_it_went.apply,
}


@dataclass(frozen=True)
class Confirmed:
    kind: str
    result: object


async def confirm_draft(store: Store, clock: Clock, settings: Settings, cases: CaseDirectory, actor: Actor,
                        token: str) -> Confirmed | None:
    """Do what the actor's draft says, once. None when the draft is gone (used, expired, someone else's)."""
    draft = await take_draft(store, clock, actor, token)
    if draft is None or draft.kind not in EXECUTORS:
        return None
    ctx = DraftContext(draft=draft, actor=actor, store=store, clock=clock, settings=settings, cases=cases)
    return Confirmed(draft.kind, await EXECUTORS[draft.kind](ctx))
