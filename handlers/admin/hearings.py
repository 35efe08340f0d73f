"""/hearing <case> <date> [time] [court], /movehearing <case> <date> [time], /cancelhearing <case>.

Each shows the exact message followers will get and sends only on Confirm.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from aiogram import Router
from aiogram.filters import CommandObject
from aiogram.types import Message

from bot.campaign.admin_input import TypedWhen, parse_when
from bot.campaign.audit import audit
from bot.campaign.drafts import make_draft, still_valid
from bot.campaign.roles import Actor
from bot.cases.directory import CaseDirectory
from bot.clock import Clock, zone
from bot.errors import UserError
from bot.events import changes as events
from bot.events.hearing_plan import hearing_payload
from bot.i18n import t
from handlers.admin.common import resolve_case, show_preview
from handlers.admin.drafts import DraftContext, executor
from handlers.admin.registry import admin_command
from storage.api import Store
from storage.models import Case, Hearing

MAX_COURT = 200


def court_today(clock: Clock, case: Case) -> dt.date:
    return clock.now().astimezone(zone(case.timezone)).date()


def _split(command: CommandObject, cases: CaseDirectory, actor: Actor, usage: str) -> tuple[Case, str]:
    args = (command.args or "").split(maxsplit=1)
    if len(args) < 1:
        raise UserError(usage)
    case = resolve_case(cases, args[0], actor)
    return case, args[1] if len(args) > 1 else ""


def _future(when: TypedWhen, clock: Clock, case: Case) -> None:
    if dt.date.fromisoformat(when.date) < court_today(clock, case):
        raise UserError("admin-date-past")


async def next_hearing(store: Store, clock: Clock, case: Case) -> Hearing:
    async with store.read() as tx:
        upcoming = await tx.hearings.upcoming(from_date=court_today(clock, case).isoformat(), case_ids=[case.id],
                                              limit=1)
    if not upcoming:
        raise UserError("admin-no-upcoming")
    return upcoming[0]


def _hearing_state(h: Hearing | None) -> str:
    return "none" if h is None else f"{h.id}:r{h.revision}:{h.status}"


async def _preview(message: Message, lang: str, kind: str, payload: dict[str, object], case: Case,
                   token: str) -> None:
    from bot.delivery.render import compose

    await show_preview(message, lang, token, compose(kind, payload, case, lang).text,
                       heading_key="admin-preview-followers")


async def cmd_hearing(message: Message, command: CommandObject, lang: str, actor: Actor, store: Store,
                      clock: Clock, cases: CaseDirectory) -> None:
    case, rest = _split(command, cases, actor, "admin-hearing-usage")
    if not rest:
        raise UserError("admin-hearing-usage")
    when = parse_when(rest, court_today(clock, case))
    _future(when, clock, case)
    court = when.rest[:MAX_COURT] or case.court
    draft = {"slug": case.slug, "date": when.date, "time": when.time, "court": court}
    async with store.read() as tx:
        same_day = await tx.hearings.on_date(case.id, when.date)
    token = await make_draft(store, clock, actor, "hearing", draft, _hearing_state(same_day[0] if same_day else None))
    # The preview renders a look-alike of the hearing-to-be through the same code as the real message.
    new = Hearing(id=0, case_id=case.id, local_date=when.date, local_time=when.time, tz=case.timezone, court=court,
                  status="scheduled", revision=1, created_at=0, updated_at=0)
    await _preview(message, lang, "hearing_new", hearing_payload(new, change="new"), case, token)


@executor("hearing")
async def run_hearing(ctx: DraftContext) -> str:
    p = ctx.payload
    case = ctx.case()
    if dt.date.fromisoformat(p["date"]) < court_today(ctx.clock, case):
        raise UserError("admin-date-past")
    async with ctx.store.transaction() as tx:
        same_day = await tx.hearings.on_date(case.id, p["date"])
        if not still_valid(ctx.draft, _hearing_state(same_day[0] if same_day else None)):
            raise UserError("admin-draft-stale")
        result = await events.add_hearing(tx, ctx.clock, ctx.settings, case=case, local_date=p["date"], local_time=p["time"],
                                          court=p["court"], cause="admin", ref=f"admin:{ctx.actor.user_id}",
                                          created_by=ctx.actor.user_id)
        await audit(tx, ctx.clock, ctx.actor, "hearing.add", case_id=case.id, target=str(result.hearing_id),
                    date=p["date"], time=p["time"])
    return t(ctx.lang, "admin-sent", count=result.queued)


async def cmd_movehearing(message: Message, command: CommandObject, lang: str, actor: Actor, store: Store,
                          clock: Clock, cases: CaseDirectory) -> None:
    case, rest = _split(command, cases, actor, "admin-movehearing-usage")
    if not rest:
        raise UserError("admin-movehearing-usage")
    when = parse_when(rest, court_today(clock, case))
    _future(when, clock, case)
    hearing = await next_hearing(store, clock, case)
    draft = {"slug": case.slug, "hearing": hearing.id, "date": when.date, "time": when.time}
    token = await make_draft(store, clock, actor, "move", draft, _hearing_state(hearing))
    moved = dataclasses.replace(hearing, local_date=when.date, local_time=when.time, revision=hearing.revision + 1,
                                status="postponed" if when.date != hearing.local_date else hearing.status)
    change = "moved" if when.date != hearing.local_date else ("time_set" if hearing.local_time is None else "time_changed")
    payload = hearing_payload(moved, change=change, old=hearing)
    await _preview(message, lang, "hearing_changed", payload, case, token)


@executor("move")
async def run_move(ctx: DraftContext) -> str:
    return await _change(ctx, "hearing.move")


async def cmd_cancelhearing(message: Message, command: CommandObject, lang: str, actor: Actor, store: Store,
                            clock: Clock, cases: CaseDirectory) -> None:
    case, _rest = _split(command, cases, actor, "admin-cancelhearing-usage")
    hearing = await next_hearing(store, clock, case)
    draft = {"slug": case.slug, "hearing": hearing.id}
    token = await make_draft(store, clock, actor, "cancel", draft, _hearing_state(hearing))
    cancelled = dataclasses.replace(hearing, status="cancelled", revision=hearing.revision + 1)
    payload = hearing_payload(cancelled, change="cancelled")
    await _preview(message, lang, "hearing_cancelled", payload, case, token)


@executor("cancel")
async def run_cancel(ctx: DraftContext) -> str:
    return await _change(ctx, "hearing.cancel")


async def _change(ctx: DraftContext, action: str) -> str:
    p = ctx.payload
    case = ctx.case()
    async with ctx.store.transaction() as tx:
        hearing = await tx.hearings.get(int(p["hearing"]))
        if hearing is None or hearing.case_id != case.id or not still_valid(ctx.draft, _hearing_state(hearing)):
            raise UserError("admin-draft-stale")
        if action == "hearing.move":
            result = await events.move_hearing(tx, ctx.clock, ctx.settings, hearing_id=hearing.id, new_date=p["date"],
                                               new_time=p["time"], cause="admin", created_by=ctx.actor.user_id)
        else:
            result = await events.cancel_hearing(tx, ctx.clock, ctx.settings, hearing_id=hearing.id,
                                                 created_by=ctx.actor.user_id)
        await audit(tx, ctx.clock, ctx.actor, action, case_id=case.id, target=str(hearing.id),
                    date=p.get("date"), time=p.get("time"))
    return t(ctx.lang, "admin-sent", count=result.queued)


def register(router: Router) -> None:
    admin_command(router, "hearing", cmd_hearing, scope="editor")
    admin_command(router, "movehearing", cmd_movehearing, scope="editor")
    admin_command(router, "cancelhearing", cmd_cancelhearing, scope="editor")
