"""Add a source (checked first, added on Confirm), and pause, resume or remove one."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.campaign.audit import audit
from bot.campaign.drafts import DraftContext, make_draft, still_valid
from bot.campaign.roles import Actor
from bot.clock import Clock
from bot.config import Settings
from bot.errors import UserError
from bot.sources.check import CheckResult, check, refusal_reason, source_id_for
from storage.api import Store
from storage.models import Case, Source, SourceInput, SourceState

log = logging.getLogger(__name__)

# What each act leaves a source in.
STATES: dict[str, SourceState] = {"pause": "paused", "resume": "active", "remove": "removed"}


@dataclass(frozen=True)
class Refused:
    """The link cannot be read: why, as a reason people can act on, and the HTTP status if there was one."""

    reason: str
    status: int | None


@dataclass(frozen=True)
class Known:
    source_id: str


@dataclass(frozen=True)
class Offer:
    """A readable link awaiting Confirm, with what was found there."""

    token: str
    found: CheckResult


@dataclass(frozen=True)
class SourceAdded:
    source_id: str


async def offer_source(store: Store, clock: Clock, settings: Settings, actor: Actor, url: str,
                       case: Case | None) -> Refused | Known | Offer:
    """Check one link: a draft to add it, or why it cannot be added."""
    actor.require_admin()
    result = await check(settings, url, allow_local=False, store=store)
    if result.error or result.kind is None:
        error = result.error or "cannot tell what kind of source this is"
        log.info("/addsource refused a link: %s", error[:300])
        reason, status = refusal_reason(error)
        return Refused(reason, status)
    source_id = source_id_for(result.url)
    async with store.read() as tx:
        if await tx.sources.get(source_id) is not None:
            return Known(source_id)
    payload = {"id": source_id, "kind": result.kind, "url": result.url, "case_id": case.id if case else None}
    token = await make_draft(store, clock, actor, "source", payload, "absent")
    return Offer(token, result)


async def apply_source(ctx: DraftContext) -> SourceAdded:
    ctx.actor.require_admin()
    p = ctx.payload
    async with ctx.store.transaction() as tx:
        if await tx.sources.get(p["id"]) is not None or not still_valid(ctx.draft, "absent"):
            raise UserError("admin-source-exists", source=p["id"])
        await tx.sources.insert(SourceInput(id=p["id"], kind=p["kind"], url=p["url"], case_id=p["case_id"],
                                            origin="admin", created_by=ctx.actor.user_id), now=ctx.clock.timestamp())
        await audit(tx, ctx.clock, ctx.actor, "source.add", case_id=p["case_id"], target=p["id"], kind=p["kind"])
    return SourceAdded(p["id"])


async def set_source_state(store: Store, clock: Clock, actor: Actor, source_id: str, act: str) -> Source:
    """Pause, resume (polled again at once) or remove a source."""
    actor.require_admin()
    async with store.transaction() as tx:
        src = await tx.sources.get(source_id)
        if src is None or src.state == "removed":
            raise UserError("admin-unknown-source", source=source_id[:60])
        await tx.sources.set_state(source_id, STATES[act], now=clock.timestamp())
        if act == "resume":
            await tx.sources.set_next_attempt(source_id, clock.timestamp())
        await audit(tx, clock, actor, f"source.{act}", case_id=src.case_id, target=source_id)
    return src
