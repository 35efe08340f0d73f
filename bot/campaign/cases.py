"""Add a case, edit one field of it, change its status: drafts for the preview, and the change on Confirm."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.campaign.audit import audit
from bot.campaign.drafts import DraftContext, Preview, Queued, Told, make_draft, still_valid
from bot.campaign.roles import Actor
from bot.cases.directory import CaseDirectory, case_to_input, validate_field
from bot.clock import Clock
from bot.errors import UserError
from bot.events.posts import announce_status, hearings_ending_with, status_change
from bot.letters.fields import LETTER_FIELDS
from bot.letters.service import apply_letters_edit
from storage.api import Store
from storage.models import Case, CaseInput


@dataclass(frozen=True)
class CaseDraft:
    """A new case awaiting Confirm, as the card followers will see will show it."""

    token: str
    case: Case


@dataclass(frozen=True)
class CaseCreated:
    case: Case


@dataclass(frozen=True)
class CaseEdited:
    case: Case
    field: str


def case_state(cases: CaseDirectory, slug: str) -> str:
    case = cases.get(slug)
    return "absent" if case is None else f"{case.id}:{case.updated_at}:{case.status}"


def as_case(c: CaseInput) -> Case:
    """A look-alike of the stored case, so the preview is the card followers will see."""
    return Case(id=0, origin="admin", created_at=0, updated_at=0, **c.__dict__)


async def draft_newcase(store: Store, clock: Clock, actor: Actor, cases: CaseDirectory,
                        values: dict[str, Any]) -> CaseDraft:
    """The answers of the /newcase dialog, kept for Confirm."""
    actor.require_admin()
    draft_case = CaseInput(
        slug=values["slug"], name=values["name"], name_en=values["name_en"], name_kk=values["name_kk"],
        aliases=tuple(values["aliases"]), court=values["court"], timezone=values["timezone"],
        status=values["status"], description=values["description"], description_en=values["description_en"],
        description_kk=values["description_kk"], links=tuple(values["links"]),
    )
    payload = {k: (list(v) if isinstance(v, tuple) else v) for k, v in draft_case.__dict__.items()}
    token = await make_draft(store, clock, actor, "newcase", payload, case_state(cases, draft_case.slug))
    return CaseDraft(token, as_case(draft_case))


async def apply_newcase(ctx: DraftContext) -> CaseCreated:
    ctx.actor.require_admin()
    p = ctx.payload
    if not still_valid(ctx.draft, case_state(ctx.cases, p["slug"])):
        raise UserError("admin-draft-stale")
    case = CaseInput(**{**p, "aliases": tuple(p["aliases"]), "links": tuple(p["links"])})
    async with ctx.store.transaction() as tx:
        await tx.cases.upsert(case, origin="admin", now=ctx.clock.timestamp(), overwrite=False)
        stored = await tx.cases.get(case.slug)
        await audit(tx, ctx.clock, ctx.actor, "case.create", case_id=stored.id if stored else None, target=case.slug)
    await ctx.cases.load()
    return CaseCreated(ctx.cases.get(case.slug) or as_case(case))


async def draft_edit(store: Store, clock: Clock, actor: Actor, cases: CaseDirectory, case: Case, field: str,
                     value: object) -> str:
    """One field's new value, kept for Confirm."""
    actor.require_admin()
    payload = {"slug": case.slug, "field": field, "value": value}
    return await make_draft(store, clock, actor, "editcase", payload, case_state(cases, case.slug))


async def apply_edit(ctx: DraftContext) -> CaseEdited:
    ctx.actor.require_admin()
    p = ctx.payload
    case = ctx.case()
    if not still_valid(ctx.draft, case_state(ctx.cases, case.slug)):
        raise UserError("admin-draft-stale")
    if p["field"] in LETTER_FIELDS:  # the letters card has its own table
        return CaseEdited(await apply_letters_edit(ctx), p["field"])
    value = tuple(p["value"]) if isinstance(p["value"], list) else p["value"]
    async with ctx.store.transaction() as tx:
        await tx.cases.upsert(case_to_input(case, **{p["field"]: value}), origin=case.origin,
                              now=ctx.clock.timestamp(), overwrite=True)
        await audit(tx, ctx.clock, ctx.actor, "case.edit", case_id=case.id, target=p["field"])
    await ctx.cases.load()
    return CaseEdited(case, p["field"])


async def preview_status(store: Store, clock: Clock, actor: Actor, cases: CaseDirectory, case: Case,
                         typed: str) -> Preview:
    """/setstatus: the message followers get, with the hearings a final status cancels."""
    actor.require_admin()
    status = str(validate_field("status", typed))
    if status == case.status:
        raise UserError("admin-status-same", status=status)
    payload = {"slug": case.slug, "old_status": case.status, "new_status": status}
    token = await make_draft(store, clock, actor, "status", payload, case_state(cases, case.slug))
    async with store.read() as tx:
        ending = await hearings_ending_with(tx, clock, case, status)
    return Preview(token, Told(status_change(case.status, status, ending)))


async def apply_status(ctx: DraftContext) -> Queued:
    ctx.actor.require_admin()
    p = ctx.payload
    case = ctx.case()
    if not still_valid(ctx.draft, case_state(ctx.cases, case.slug)):
        raise UserError("admin-draft-stale")
    async with ctx.store.transaction() as tx:
        await tx.cases.set_status(case.id, p["new_status"], ctx.clock.timestamp())
        result = await announce_status(tx, ctx.clock, case=case, old_status=p["old_status"],
                                              new_status=p["new_status"], created_by=ctx.actor.user_id)
        await audit(tx, ctx.clock, ctx.actor, "case.status", case_id=case.id, target=p["new_status"])
    await ctx.cases.load()
    return Queued(result.queued)
