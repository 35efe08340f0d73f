"""/review: findings below the confidence threshold, one at a time: Announce, Edit date/time, Reject."""

from __future__ import annotations

import datetime as dt

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import (
    CallbackQuery,
    InaccessibleMessage,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)

from bot.admin_input import parse_when
from bot.cases import CaseDirectory
from bot.clock import Clock
from bot.config import Settings
from bot.errors import UserError
from bot.i18n import t
from bot.staff import Actor, audit
from handlers.admin.callbacks import ReviewCb
from handlers.admin.registry import admin_command
from storage.api import Finding, Store


class AdminReviewEdit(StatesGroup):
    when = State()


async def _next(store: Store, after: int = 0) -> tuple[Finding | None, int, str | None]:
    async with store.read() as tx:
        pending = [f for f in await tx.findings.pending(limit=200) if f.id > after]
        total = await tx.findings.count_pending()
        link = None
        if pending and pending[0].item_id is not None:
            item = await tx.items.get(pending[0].item_id)
            link = item.url if item else None
    return (pending[0] if pending else None), total, link


def _screen(lang: str, finding: Finding, left: int, link: str | None, cases: CaseDirectory
            ) -> tuple[str, InlineKeyboardMarkup]:
    case = cases.by_id(finding.case_id)
    name = case.display_name(lang) if case else "?"
    choices: tuple[tuple[str, str], ...]
    if finding.kind == "report":
        # A follower's "wrong date?": keep the hearing, or correct it (a move that tells everyone).
        text = t(lang, "admin-review-report", left=left, name=name, date=finding.local_date or "—",
                 time=finding.local_time or "")
        choices = (("admin-btn-keep", "approve"), ("admin-btn-edit", "edit"), ("admin-btn-next", "next"))
    else:
        text = t(lang, "admin-review-item", left=left, name=name, date=finding.local_date or "—",
                 time=finding.local_time or "",
                 postponed=t(lang, "admin-review-postponed") if finding.postponed else "",
                 confidence=f"{finding.confidence:.2f}", evidence=(finding.evidence or "")[:600], link=link or "")
        choices = (("admin-btn-approve", "approve"), ("admin-btn-edit", "edit"), ("admin-btn-reject", "reject"),
                   ("admin-btn-next", "next"))
    buttons = [[InlineKeyboardButton(text=t(lang, key), callback_data=ReviewCb(act=act, finding=finding.id).pack())]
               for key, act in choices]
    return text, InlineKeyboardMarkup(inline_keyboard=buttons)


async def _show(message: Message, lang: str, store: Store, cases: CaseDirectory, after: int = 0) -> None:
    finding, total, link = await _next(store, after)
    if finding is None:
        await message.answer(t(lang, "admin-review-none"))
        return
    text, markup = _screen(lang, finding, total, link, cases)
    await message.answer(text, reply_markup=markup)


async def cmd_review(message: Message, lang: str, actor: Actor, store: Store, cases: CaseDirectory) -> None:
    actor.require_admin()
    await _show(message, lang, store, cases)


async def _decide(store: Store, clock: Clock, settings: Settings, actor: Actor, finding_id: int, act: str,
                  date: str | None = None, time: str | None = None) -> int:
    from bot import events

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
                         settings: Settings, cases: CaseDirectory, state: FSMContext) -> None:
    actor.require_admin()
    data = await state.get_data()
    await state.clear()
    today = clock.now().date() - dt.timedelta(days=1)
    when = parse_when(message.text or "", today)
    queued = await _decide(store, clock, settings, actor, int(data["finding"]), "approve", when.date, when.time)
    await message.answer(t(lang, "admin-review-approved", count=queued))
    await _show(message, lang, store, cases)


def register(router: Router) -> None:
    admin_command(router, "review", cmd_review)
    router.callback_query.register(on_review, ReviewCb.filter())
    router.message.register(on_review_edit, AdminReviewEdit.when, F.text)

