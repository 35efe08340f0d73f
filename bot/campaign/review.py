"""/review: the next finding waiting for an admin and what to check it against; approve, reject or correct it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from bot.campaign.admin_input import parse_when
from bot.campaign.attendance_preview import with_kit
from bot.campaign.audit import audit
from bot.campaign.drafts import DraftContext, Preview, make_draft, still_valid
from bot.campaign.hearings import preview_of
from bot.campaign.roles import Actor
from bot.cases.directory import CaseDirectory
from bot.clock import Clock
from bot.config import Settings
from bot.errors import UserError
from bot.events.hearing_plan import AddPlan, plan_move
from bot.events.hearings import plan_add
from bot.events.review import apply_finding, approved_hearing
from bot.understand.tick import ReviewContext, review_context
from storage.api import ReadTx, Store
from storage.models import Case, Finding, Hearing

# A statement or a mention carries no date of its own: there is nothing to correct, only to approve or reject.
CORRECTABLE_KINDS = frozenset({"hearing", "report"})


def _check_correctable(finding: Finding | None) -> Finding:
    if finding is None or finding.state != "pending":
        raise UserError("admin-review-gone")
    if finding.kind not in CORRECTABLE_KINDS:
        raise UserError("admin-review-no-date")
    return finding


async def start_correction(store: Store, actor: Actor, finding_id: int) -> None:
    """Before asking for a corrected date: refused for a finding already reviewed or one with no date."""
    actor.require_admin()
    async with store.read() as tx:
        _check_correctable(await tx.findings.get(finding_id))


@dataclass(frozen=True)
class Grounds:
    """What an admin checks a finding against: where it was read, and the sentence it was read from."""

    links: tuple[str, ...] = ()
    evidence: str | None = None
    context: ReviewContext | None = None  # agreement between outlets, or the other date of a conflict


@dataclass(frozen=True)
class Approved:
    """A finding approved on Confirm: rows queued, and how many findings still wait."""

    queued: int
    left: int


async def next_finding(store: Store, after: int = 0) -> tuple[Finding | None, int, Grounds]:
    """The first pending finding after `after`, how many are pending, and its grounds."""
    async with store.read() as tx:
        pending = [f for f in await tx.findings.pending(limit=200) if f.id > after]
        total = await tx.findings.count_pending()
        if not pending:
            return None, total, Grounds()
        grounds = await _grounds(tx, pending[0])
        return pending[0], total, dataclasses.replace(grounds, context=await review_context(tx, pending[0]))


async def _grounds(tx: ReadTx, finding: Finding) -> Grounds:
    links: list[str] = []
    evidence = finding.evidence
    if finding.item_id is not None:
        item = await tx.items.get(finding.item_id)
        if item is not None and item.url:
            links.append(item.url)
    if finding.kind == "report" and finding.hearing_id is not None:
        # A follower doubts a hearing: show what it was announced from.
        links.extend(u for u in await tx.hearings.sources(finding.hearing_id) if u not in links)
        evidence = evidence or await tx.findings.evidence_for_hearing(finding.hearing_id)
    return Grounds(tuple(links), evidence)


async def decide(store: Store, clock: Clock, settings: Settings, actor: Actor, finding_id: int, act: str,
                 date: str | None = None, time: str | None = None) -> int:
    """Approve (as found, or with the date and time given) or reject a finding; rows queued."""
    actor.require_admin()
    async with store.transaction() as tx:
        finding = await tx.findings.get(finding_id)
        if finding is None or finding.state != "pending":
            raise UserError("admin-review-gone")
        if act == "reject":
            await tx.findings.set_state(finding_id, "rejected", reviewed_by=actor.user_id,
                                        reviewed_at=clock.timestamp())
            await audit(tx, clock, actor, "review.reject", case_id=finding.case_id, target=str(finding_id))
            return 0
        result = await apply_finding(tx, clock, finding_id=finding_id, reviewer=actor.user_id,
                                            date=date, time=time)
        await audit(tx, clock, actor, "review.approve", case_id=finding.case_id, target=str(finding_id),
                    edited=date is not None)
        return result.queued


def review_state(finding: Finding | None, hearing: Hearing | None, outcome: str | None = None) -> str:
    """What a review preview was made against: the finding still pending, the hearing it acts on at its
    revision, and (a finding's correction) what its plan does."""
    if finding is None:
        return "gone"
    base = f"{finding.id}:{finding.state}" + (f":{outcome}" if outcome is not None else "")
    return base if hearing is None else f"{base}:{hearing.id}:r{hearing.revision}:{hearing.status}"


async def _made_against(tx: ReadTx, clock: Clock, actor: Actor, case: Case, finding: Finding, date: str,
                        time: str | None) -> tuple[str, Hearing | None, AddPlan | None]:
    """A correction's state, the stored hearing it acts on, and (a finding's, not a report's) the plan of its
    approval: the very plan `apply_finding` carries out while nothing changes in between."""
    if finding.kind == "report":
        hearing = await tx.hearings.get(finding.hearing_id) if finding.hearing_id is not None else None
        return review_state(finding, hearing), hearing, None
    plan = await plan_add(tx, clock, case, approved_hearing(finding, actor.user_id, date, time, corrected=True))
    return review_state(finding, plan.target, plan.outcome), plan.target, plan


async def preview_correction(store: Store, clock: Clock, actor: Actor, cases: CaseDirectory, finding_id: int,
                             text: str) -> tuple[Case, Preview]:
    """The finding approved with the date and time the admin typed: its case and what followers will get."""
    actor.require_admin()
    async with store.read() as tx:
        finding = _check_correctable(await tx.findings.get(finding_id))
        grounds = await _grounds(tx, finding)
    case = cases.by_id(finding.case_id)
    if case is None:
        raise UserError("admin-review-gone")
    today = clock.now().date() - dt.timedelta(days=1)
    when = parse_when(text, today)
    async with store.read() as tx:
        state, hearing, plan = await _made_against(tx, clock, actor, case, finding, when.date, when.time)
    payload = {"finding": finding_id, "date": when.date, "time": when.time}
    token = await make_draft(store, clock, actor, "review", payload, state)
    now = clock.timestamp()
    if plan is not None:
        # A finding: new, merged into that day's hearing, a postponement, or nothing, as the approval decides.
        link = grounds.links[0] if grounds.links else None
        told = preview_of(plan.change, now, actor, link=plan.link(link))
    elif hearing is not None:
        # A follower's doubt, checked: the hearing moves, and followers are told it is a correction.
        told = preview_of(plan_move(hearing, when.date, when.time, correction=True), now, actor)
    else:
        told = None
    return case, Preview(token, await with_kit(store, case, hearing, told))


async def apply_review(ctx: DraftContext) -> Approved:
    ctx.actor.require_admin()
    p = ctx.payload
    finding_id = int(p["finding"])
    async with ctx.store.read() as tx:
        finding = await tx.findings.get(finding_id)
        case = ctx.cases.by_id(finding.case_id) if finding is not None else None
        if finding is None or finding.state != "pending" or case is None:
            raise UserError("admin-review-gone")
        state, _, _ = await _made_against(tx, ctx.clock, ctx.actor, case, finding, p["date"], p["time"])
    if not still_valid(ctx.draft, state):
        raise UserError("admin-draft-stale")
    queued = await decide(ctx.store, ctx.clock, ctx.settings, ctx.actor, finding_id, "approve", p["date"], p["time"])
    async with ctx.store.read() as tx:
        left = await tx.findings.count_pending()
    return Approved(queued, left)
