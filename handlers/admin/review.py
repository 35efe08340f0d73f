"""/review: findings below the confidence threshold, one at a time: Announce, Edit date/time, Reject."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from dataclasses import dataclass

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import (
    CallbackQuery,
    InaccessibleMessage,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)

from bot.campaign.admin_input import parse_when
from bot.campaign.audit import audit
from bot.campaign.drafts import make_draft, still_valid
from bot.campaign.roles import Actor
from bot.cases.directory import CaseDirectory
from bot.clock import Clock
from bot.config import Settings
from bot.delivery.render import compose, spell_date
from bot.errors import UserError, describe
from bot.events import changes as events
from bot.events.hearing_plan import hearing_payload
from bot.i18n import t
from bot.understand.tick import ReviewContext, review_context
from handlers.admin.callbacks import ReviewCb
from handlers.admin.common import show_preview
from handlers.admin.drafts import DraftContext, executor
from handlers.admin.registry import admin_command
from storage.api import Store, Tx
from storage.models import Case, Finding, Hearing

DEFAULT_TZ = "Asia/Almaty"  # only for a finding whose case is gone

log = logging.getLogger(__name__)
# A link is shown as text for the reviewer to copy; a longer one is cut (the message stays within Telegram's limit).
REVIEW_LINK_CHARS = 500


def _short_link(link: str | None) -> str:
    if not link:
        return ""
    return link if len(link) <= REVIEW_LINK_CHARS else link[: REVIEW_LINK_CHARS - 1] + "…"


class AdminReviewEdit(StatesGroup):
    when = State()


@dataclass(frozen=True)
class Grounds:
    """What an admin checks a finding against: where it was read, and the sentence it was read from."""

    links: tuple[str, ...] = ()
    evidence: str | None = None
    context: ReviewContext | None = None  # agreement between outlets, or the other date of a conflict


async def _next(store: Store, after: int = 0) -> tuple[Finding | None, int, Grounds]:
    async with store.read() as tx:
        pending = [f for f in await tx.findings.pending(limit=200) if f.id > after]
        total = await tx.findings.count_pending()
        if not pending:
            return None, total, Grounds()
        grounds = await _grounds(tx, pending[0])
        return pending[0], total, dataclasses.replace(grounds, context=await review_context(tx, pending[0]))


async def _grounds(tx: Tx, finding: Finding) -> Grounds:
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


def _context_lines(lang: str, context: ReviewContext | None, tz: str) -> str:
    """Agreement between outlets, and the other date when two sources disagree (shown after the finding)."""
    if context is None:
        return ""
    lines = []
    if context.sources >= 2:
        lines.append(t(lang, "admin-review-confirmed", count=context.sources))
    known = context.conflict
    if known is not None:
        key = "admin-review-conflict" if known.link else "admin-review-conflict-admin"
        lines.append(t(lang, key, date=spell_date(known.date, known.time, tz, lang), time="",
                       evidence=(known.evidence or "—")[:600],
                       link=known.link or ""))
    return "".join("\n\n" + line for line in lines)


def _when(lang: str, finding: Finding, case: Case | None) -> str:
    """The date as every other message gives it: weekday, day, month, time and the court's zone."""
    if not finding.local_date:
        return "—"
    return spell_date(finding.local_date, finding.local_time, case.timezone if case else DEFAULT_TZ, lang)


def _screen(lang: str, finding: Finding, left: int, grounds: Grounds, cases: CaseDirectory
            ) -> tuple[str, InlineKeyboardMarkup]:
    case = cases.by_id(finding.case_id)
    name = case.display_name(lang) if case else "?"
    when = _when(lang, finding, case)
    choices: tuple[tuple[str, str], ...]
    if finding.kind == "report":
        # A follower's "wrong date?": keep the hearing, or correct it (a move that tells everyone).
        lines = [t(lang, "admin-review-report", left=left, name=name, when=when)]
        choices = (("admin-btn-keep", "approve"), ("admin-btn-edit", "edit"), ("admin-btn-next", "next"))
    else:
        lines = [t(lang, "admin-review-item", left=left, name=name, when=when,
                   postponed=t(lang, "admin-review-postponed") if finding.postponed else "",
                   confidence=f"{finding.confidence:.2f}")]
        choices = (("admin-btn-approve", "approve"), ("admin-btn-edit", "edit"), ("admin-btn-reject", "reject"),
                   ("admin-btn-next", "next"))
    lines.extend(_grounds_lines(lang, grounds))
    context = _context_lines(lang, grounds.context, case.timezone if case else DEFAULT_TZ)
    buttons = [[InlineKeyboardButton(text=t(lang, key), callback_data=ReviewCb(act=act, finding=finding.id).pack())]
               for key, act in choices]
    return "\n".join(lines) + context, InlineKeyboardMarkup(inline_keyboard=buttons)


def _grounds_lines(lang: str, grounds: Grounds) -> list[str]:
    lines = []
    if grounds.evidence:
        lines.append(t(lang, "admin-review-evidence", evidence=grounds.evidence[:600]))
    lines.extend(t(lang, "admin-review-source", link=_short_link(link)) for link in grounds.links[:3])
    if not lines:
        lines.append(t(lang, "admin-review-no-grounds"))
    return lines


async def _show(message: Message, lang: str, store: Store, cases: CaseDirectory, after: int = 0) -> None:
    """The next pending finding after `after`; one that cannot be shown is logged and passed over, so it never
    blocks the ones behind it."""
    while True:
        finding, total, grounds = await _next(store, after)
        if finding is None:
            await message.answer(t(lang, "admin-review-none"))
            return
        try:
            text, markup = _screen(lang, finding, total, grounds, cases)
            await message.answer(text, reply_markup=markup)
            return
        except (TelegramBadRequest, KeyError, ValueError) as exc:
            log.error("finding %s cannot be shown for review, passed over: %s", finding.id, describe(exc))
            after = finding.id


async def cmd_review(message: Message, lang: str, actor: Actor, store: Store, cases: CaseDirectory) -> None:
    actor.require_admin()
    await _show(message, lang, store, cases)


async def _decide(store: Store, clock: Clock, settings: Settings, actor: Actor, finding_id: int, act: str,
                  date: str | None = None, time: str | None = None) -> int:
    async with store.transaction() as tx:
        finding = await tx.findings.get(finding_id)
        if finding is None or finding.state != "pending":
            raise UserError("admin-review-gone")
        if act == "reject":
            await tx.findings.set_state(finding_id, "rejected", reviewed_by=actor.user_id,
                                        reviewed_at=clock.timestamp())
            await audit(tx, clock, actor, "review.reject", case_id=finding.case_id, target=str(finding_id))
            return 0
        result = await events.apply_finding(tx, clock, settings, finding_id=finding_id, reviewer=actor.user_id,
                                            date=date, time=time)
        await audit(tx, clock, actor, "review.approve", case_id=finding.case_id, target=str(finding_id),
                    edited=date is not None)
        return result.queued


async def on_review(query: CallbackQuery, callback_data: ReviewCb, lang: str, actor: Actor, store: Store,
                    clock: Clock, settings: Settings, cases: CaseDirectory, state: FSMContext) -> None:
    actor.require_admin()
    msg = query.message
    if msg is None or isinstance(msg, InaccessibleMessage):
        await query.answer(t(lang, "button-expired"), show_alert=True)
        return
    act = callback_data.act
    if act == "next":
        await query.answer()
        await _show(msg, lang, store, cases, after=callback_data.finding)
        return
    if act == "edit":
        await state.set_state(AdminReviewEdit.when)
        await state.set_data({"finding": callback_data.finding})
        await query.answer()
        await msg.answer(t(lang, "admin-review-edit-ask"))
        return
    if act not in ("approve", "reject"):
        await query.answer(t(lang, "button-expired"), show_alert=True)
        return
    queued = await _decide(store, clock, settings, actor, callback_data.finding, act)
    await msg.edit_reply_markup(reply_markup=None)
    await query.answer()
    await msg.answer(t(lang, "admin-review-approved", count=queued) if act == "approve"
                     else t(lang, "admin-review-rejected"))
    await _show(msg, lang, store, cases)


async def on_review_edit(message: Message, lang: str, actor: Actor, store: Store, clock: Clock,
                         cases: CaseDirectory, state: FSMContext) -> None:
    """The corrected date: shown as followers will get it, sent only on Confirm (like every admin action)."""
    actor.require_admin()
    data = await state.get_data()
    await state.clear()
    finding_id = int(data["finding"])
    async with store.read() as tx:
        finding = await tx.findings.get(finding_id)
        if finding is None or finding.state != "pending":
            raise UserError("admin-review-gone")
        hearing = await tx.hearings.get(finding.hearing_id) if finding.hearing_id is not None else None
        grounds = await _grounds(tx, finding)
    case = cases.by_id(finding.case_id)
    if case is None:
        raise UserError("admin-review-gone")
    today = clock.now().date() - dt.timedelta(days=1)
    when = parse_when(message.text or "", today)
    payload = {"finding": finding_id, "date": when.date, "time": when.time}
    token = await make_draft(store, clock, actor, "review", payload, _review_state(finding, hearing))
    if finding.kind == "report" and hearing is not None:
        corrected = dataclasses.replace(hearing, local_date=when.date, local_time=when.time,
                                        revision=hearing.revision + 1,
                                        status=hearing.status if hearing.active else "scheduled")
        kind, shown = "hearing_changed", hearing_payload(corrected, change="corrected", old=hearing)
    else:
        new = Hearing(id=0, case_id=case.id, local_date=when.date, local_time=when.time, tz=case.timezone,
                      court=case.court, status="scheduled", revision=1, created_at=0, updated_at=0)
        link = grounds.links[0] if grounds.links else None
        kind, shown = "hearing_new", hearing_payload(new, change="new", link=link)
    await show_preview(message, lang, token, compose(kind, shown, case, lang).text,
                       heading_key="admin-preview-followers")


def _review_state(finding: Finding | None, hearing: Hearing | None) -> str:
    """What a review preview was made against: the finding still pending, the hearing at its revision."""
    if finding is None:
        return "gone"
    base = f"{finding.id}:{finding.state}"
    return base if hearing is None else f"{base}:{hearing.id}:r{hearing.revision}:{hearing.status}"


@executor("review")
async def run_review(ctx: DraftContext) -> str:
    ctx.actor.require_admin()
    p = ctx.payload
    finding_id = int(p["finding"])
    async with ctx.store.read() as tx:
        finding = await tx.findings.get(finding_id)
        hearing = await tx.hearings.get(finding.hearing_id) if finding and finding.hearing_id is not None else None
    if finding is None or finding.state != "pending":
        raise UserError("admin-review-gone")
    if not still_valid(ctx.draft, _review_state(finding, hearing)):
        raise UserError("admin-draft-stale")
    queued = await _decide(ctx.store, ctx.clock, ctx.settings, ctx.actor, finding_id, "approve", p["date"], p["time"])
    async with ctx.store.read() as tx:
        left = await tx.findings.count_pending()
    done = t(ctx.lang, "admin-review-approved", count=queued)
    return done + ("\n" + t(ctx.lang, "admin-review-more", left=left) if left else "")


def register(router: Router) -> None:
    admin_command(router, "review", cmd_review)
    router.callback_query.register(on_review, ReviewCb.filter())
    router.message.register(on_review_edit, AdminReviewEdit.when, F.text)

