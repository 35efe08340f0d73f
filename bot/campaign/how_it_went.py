""""How it went": after a hearing, a short post from an admin or the case's editor to the chats that said
"🙋 I'm going" to it. No list of them exists: the recipients are found on Confirm by checking each follower's
keyed hash against the hearing's marks, which last until the end of the day after the hearing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.campaign.audit import audit
from bot.campaign.drafts import DraftContext, Preview, Queued, Told, make_draft
from bot.campaign.roles import Actor
from bot.clock import Clock
from bot.errors import UserError
from bot.events.announce import announce, digest
from bot.events.court_time import is_ahead
from bot.events.kinds import HowItWent
from bot.people.going import marks_kept_until
from storage.api import ReadTx, Store
from storage.models import LEVELS, Case, Hearing

MAX_POST = 1500
TargetState = Literal["ok", "pruned", "nobody"]


@dataclass(frozen=True)
class Target:
    """The case's last hearing that has begun (None: none has), and whether its marks can still be used."""

    hearing: Hearing | None
    state: TargetState = "nobody"
    count: int = 0


async def _going(tx: ReadTx, case: Case, hearing_id: int) -> list[int]:
    followers = await tx.announcements.followers(case.id, LEVELS)
    return await tx.attendance.going_of([f.chat_id for f in followers], hearing_id)


async def target(store: Store, clock: Clock, actor: Actor, case: Case) -> Target:
    actor.require_case(case)
    now = clock.timestamp()
    async with store.read() as tx:
        begun = [h for h in await tx.hearings.for_case(case.id)
                 if h.status != "cancelled" and not is_ahead(h.local_date, h.local_time, h.tz, now)]
        if not begun:
            return Target(None)
        last = begun[-1]  # for_case is ordered by date and time
        if marks_kept_until(last) <= now:
            return Target(last, "pruned")
        count = len(await _going(tx, case, last.id))
    return Target(last, "ok" if count else "nobody", count)


async def draft(store: Store, clock: Clock, actor: Actor, case: Case, hearing_id: int, body_html: str,
                typed: str) -> Preview:
    """The post's preview; `body_html` is already safe, `typed` what was typed (its length is limited)."""
    actor.require_case(case)
    if not body_html:
        raise UserError("admin-post-empty")
    if len(typed) > MAX_POST:
        raise UserError("admin-too-long", field="text", limit=MAX_POST)
    async with store.read() as tx:
        hearing = await tx.hearings.get(hearing_id)
    if hearing is None or hearing.case_id != case.id:
        raise UserError("admin-draft-stale")
    payload = {"slug": case.slug, "hearing": hearing.id, "date": hearing.local_date, "text_html": body_html}
    token = await make_draft(store, clock, actor, "howitwent", payload, str(hearing.id))
    return Preview(token, Told(HowItWent(text_html=body_html, date=hearing.local_date)))


async def apply(ctx: DraftContext) -> Queued:
    """On Confirm: to the followers whose mark is still there, through the outbox like every announcement."""
    case = ctx.case()
    p = ctx.payload
    hearing_id = int(p["hearing"])
    async with ctx.store.transaction() as tx:
        hearing = await tx.hearings.get(hearing_id)
        if hearing is None or marks_kept_until(hearing) <= ctx.clock.timestamp():
            raise UserError("admin-howitwent-late")
        chats = await _going(tx, case, hearing_id)
        if not chats:
            raise UserError("admin-howitwent-late")
        result = await announce(
            tx, ctx.clock, payload=HowItWent(text_html=p["text_html"], date=p["date"]), case=case,
            hearing_id=hearing_id, chat_ids=chats, created_by=ctx.actor.user_id,
            dedupe_key=f"w:{hearing_id}:{ctx.clock.timestamp()}:{digest(p['text_html'])}",
        )
        await audit(tx, ctx.clock, ctx.actor, "hearing.how_it_went", case_id=case.id, target=str(hearing_id),
                    length=len(p["text_html"]))
    return Queued(result.queued)
