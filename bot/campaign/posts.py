"""An update for a case's followers, written by an admin or an editor: its preview, then the post on Confirm."""

from __future__ import annotations

from bot.campaign.audit import audit
from bot.campaign.drafts import DraftContext, Preview, Queued, Told, make_draft
from bot.campaign.roles import Actor
from bot.clock import Clock
from bot.errors import UserError
from bot.events.kinds import Update
from bot.events.posts import post_update
from storage.api import Store
from storage.models import Case

MAX_POST = 3000


async def draft_post(store: Store, clock: Clock, actor: Actor, case: Case, body_html: str, typed: str) -> Preview:
    """`body_html` is the post already made safe; `typed` is what was typed, whose length is limited."""
    actor.require_case(case)
    if not body_html:
        raise UserError("admin-post-empty")
    if len(typed) > MAX_POST:
        raise UserError("admin-too-long", field="text", limit=MAX_POST)
    payload = {"text_html": body_html}
    token = await make_draft(store, clock, actor, "post", {"slug": case.slug, **payload}, str(case.id))
    return Preview(token, Told(Update(text_html=body_html)))


async def apply_post(ctx: DraftContext) -> Queued:
    case = ctx.case()
    async with ctx.store.transaction() as tx:
        result = await post_update(tx, ctx.clock, case=case, text_html=ctx.payload["text_html"],
                                          created_by=ctx.actor.user_id)
        await audit(tx, ctx.clock, ctx.actor, "update.post", case_id=case.id,
                    target=str(result.announcement_id), length=len(ctx.payload["text_html"]))
    return Queued(result.queued)
