"""Set, move or cancel a case's hearing: the preview of what followers will get, then, on Confirm, the change.

The preview and the change both go through the plans of `bot.events.hearing_plan`, made against the
same hearing: the draft keeps the hearing's state, and Confirm refuses if it has changed since.
"""

from __future__ import annotations

import datetime as dt

from bot.campaign.admin_input import TypedWhen, parse_when
from bot.campaign.attendance_preview import with_kit
from bot.campaign.audit import audit
from bot.campaign.drafts import DraftContext, Preview, Queued, Told, make_draft, still_valid
from bot.campaign.roles import Actor
from bot.clock import Clock
from bot.errors import UserError
from bot.events.court_time import court_today
from bot.events.hearing_plan import HearingPlan, plan_cancel, plan_move, plan_set, told
from bot.events.hearings import add_hearing, cancel_hearing, move_hearing
from storage.api import Store
from storage.models import Case, Hearing

MAX_COURT = 200


def preview_of(plan: HearingPlan | None, now: int, actor: Actor, *, link: str | None = None) -> Told | None:
    """What followers get when `actor` confirms `plan`: the same payload the change will store."""
    if plan is None:
        return None
    payload = told(plan, now, link=link, created_by=actor.user_id)
    return None if payload is None else Told(payload)


def hearing_state(h: Hearing | None) -> str:
    return "none" if h is None else f"{h.id}:r{h.revision}:{h.status}"


def _today(clock: Clock, case: Case) -> str:
    return court_today(case.timezone, clock.now())


def _when(text: str, clock: Clock, case: Case) -> TypedWhen:
    """The typed date (a year left out means the next such day), which may not be gone in the court's zone."""
    today = _today(clock, case)
    when = parse_when(text, dt.date.fromisoformat(today))
    if when.date < today:
        raise UserError("admin-date-past")
    return when


async def next_hearing(store: Store, clock: Clock, case: Case) -> Hearing:
    """The case's next hearing from today on, the one /movehearing and /cancelhearing act on."""
    async with store.read() as tx:
        upcoming = await tx.hearings.upcoming(from_date=_today(clock, case), case_ids=[case.id], limit=1)
    if not upcoming:
        raise UserError("admin-no-upcoming")
    return upcoming[0]


async def preview_set(store: Store, clock: Clock, actor: Actor, case: Case, text: str) -> Preview:
    """/hearing: a hearing on the typed date (and time, and court): new, or merged into that day's one."""
    when = _when(text, clock, case)
    court = when.rest[:MAX_COURT] or case.court
    draft = {"slug": case.slug, "date": when.date, "time": when.time, "court": court}
    async with store.read() as tx:
        same_day = await tx.hearings.on_date(case.id, when.date)
    token = await make_draft(store, clock, actor, "hearing", draft, hearing_state(same_day[0] if same_day else None))
    plan = plan_set(case, same_day, when.date, when.time, court)
    return Preview(token, await with_kit(store, case, same_day[0] if same_day else None,
                                         preview_of(plan, clock.timestamp(), actor)))


async def apply_set(ctx: DraftContext) -> Queued:
    p = ctx.payload
    case = ctx.case()
    if p["date"] < _today(ctx.clock, case):
        raise UserError("admin-date-past")
    async with ctx.store.transaction() as tx:
        same_day = await tx.hearings.on_date(case.id, p["date"])
        if not still_valid(ctx.draft, hearing_state(same_day[0] if same_day else None)):
            raise UserError("admin-draft-stale")
        result = await add_hearing(tx, ctx.clock, case=case, local_date=p["date"],
                                          local_time=p["time"], court=p["court"], cause="admin",
                                          ref=f"admin:{ctx.actor.user_id}", created_by=ctx.actor.user_id)
        await audit(tx, ctx.clock, ctx.actor, "hearing.add", case_id=case.id, target=str(result.hearing_id),
                    date=p["date"], time=p["time"])
    return Queued(result.queued)


async def preview_move(store: Store, clock: Clock, actor: Actor, case: Case, text: str) -> Preview:
    """/movehearing: the next hearing to the typed date and time."""
    when = _when(text, clock, case)
    hearing = await next_hearing(store, clock, case)
    draft = {"slug": case.slug, "hearing": hearing.id, "date": when.date, "time": when.time}
    token = await make_draft(store, clock, actor, "move", draft, hearing_state(hearing))
    told = preview_of(plan_move(hearing, when.date, when.time), clock.timestamp(), actor)
    return Preview(token, await with_kit(store, case, hearing, told))


async def preview_cancel(store: Store, clock: Clock, actor: Actor, case: Case) -> Preview:
    """/cancelhearing: the next hearing cancelled."""
    hearing = await next_hearing(store, clock, case)
    draft = {"slug": case.slug, "hearing": hearing.id}
    token = await make_draft(store, clock, actor, "cancel", draft, hearing_state(hearing))
    return Preview(token, preview_of(plan_cancel(hearing), clock.timestamp(), actor))


async def apply_move(ctx: DraftContext) -> Queued:
    return await _change(ctx, "hearing.move")


async def apply_cancel(ctx: DraftContext) -> Queued:
    return await _change(ctx, "hearing.cancel")


async def _change(ctx: DraftContext, action: str) -> Queued:
    p = ctx.payload
    case = ctx.case()
    async with ctx.store.transaction() as tx:
        hearing = await tx.hearings.get(int(p["hearing"]))
        if hearing is None or hearing.case_id != case.id or not still_valid(ctx.draft, hearing_state(hearing)):
            raise UserError("admin-draft-stale")
        if action == "hearing.move":
            result = await move_hearing(tx, ctx.clock, hearing_id=hearing.id, new_date=p["date"],
                                               new_time=p["time"], cause="admin", created_by=ctx.actor.user_id)
        else:
            result = await cancel_hearing(tx, ctx.clock, hearing_id=hearing.id,
                                                 created_by=ctx.actor.user_id)
        await audit(tx, ctx.clock, ctx.actor, action, case_id=case.id, target=str(hearing.id),
                    date=p.get("date"), time=p.get("time"))
    return Queued(result.queued)
