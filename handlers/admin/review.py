"""/review: findings below the confidence threshold, one at a time: Announce, Edit date/time, Reject."""

from __future__ import annotations

import logging

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InaccessibleMessage, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.campaign.review import (
    CORRECTABLE_KINDS,
    Grounds,
    decide,
    next_finding,
    preview_correction,
    start_correction,
)
from bot.campaign.roles import Actor
from bot.cases.directory import CaseDirectory
from bot.clock import Clock
from bot.config import Settings
from bot.delivery.render import spell_date
from bot.errors import describe
from bot.i18n import t
from bot.telegram.callbacks import ReviewAct, ReviewCb
from bot.understand.tick import ReviewContext
from handlers.admin.common import show_followers_preview
from handlers.admin.registry import admin_answer, admin_button, admin_command
from storage.api import Store
from storage.models import Case, Finding

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
    choices: tuple[tuple[str, ReviewAct], ...]
    if finding.kind == "report":
        # A follower's "wrong date?": keep the hearing, or correct it (a move that tells everyone).
        lines = [t(lang, "admin-review-report", left=left, name=name, when=when)]
        choices = (("admin-btn-keep", ReviewAct.APPROVE), ("admin-btn-edit", ReviewAct.EDIT),
                   ("admin-btn-next", ReviewAct.NEXT))
    else:
        lines = [t(lang, "admin-review-item", left=left, name=name, when=when,
                   postponed=t(lang, "admin-review-postponed") if finding.postponed else "",
                   confidence=f"{finding.confidence:.2f}")]
        choices = (("admin-btn-approve", ReviewAct.APPROVE), ("admin-btn-edit", ReviewAct.EDIT),
                   ("admin-btn-reject", ReviewAct.REJECT), ("admin-btn-next", ReviewAct.NEXT))
        if finding.kind not in CORRECTABLE_KINDS:
            choices = tuple(c for c in choices if c[1] != ReviewAct.EDIT)
    lines.extend(_grounds_lines(lang, grounds))
    context = _context_lines(lang, grounds.context, case.timezone if case else DEFAULT_TZ)
    kb = InlineKeyboardBuilder()
    for key, act in choices:
        kb.button(text=t(lang, key), callback_data=ReviewCb(act=act, finding=finding.id))
    kb.adjust(1)
    return "\n".join(lines) + context, kb.as_markup()


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
        finding, total, grounds = await next_finding(store, after)
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


async def on_review(query: CallbackQuery, callback_data: ReviewCb, lang: str, actor: Actor, store: Store,
                    clock: Clock, settings: Settings, cases: CaseDirectory, state: FSMContext) -> None:
    actor.require_admin()
    msg = query.message
    if msg is None or isinstance(msg, InaccessibleMessage):
        await query.answer(t(lang, "button-expired"), show_alert=True)
        return
    act = callback_data.act
    if act == ReviewAct.NEXT:
        await query.answer()
        await _show(msg, lang, store, cases, after=callback_data.finding)
        return
    if act == ReviewAct.EDIT:
        await start_correction(store, actor, callback_data.finding)
        await state.set_state(AdminReviewEdit.when)
        await state.set_data({"finding": callback_data.finding})
        await query.answer()
        await msg.answer(t(lang, "admin-review-edit-ask"))
        return
    queued = await decide(store, clock, settings, actor, callback_data.finding, act)
    await msg.edit_reply_markup(reply_markup=None)
    await query.answer()
    await msg.answer(t(lang, "admin-review-approved", count=queued) if act == ReviewAct.APPROVE
                     else t(lang, "admin-review-rejected"))
    await _show(msg, lang, store, cases)


async def on_review_edit(message: Message, lang: str, actor: Actor, store: Store, clock: Clock,
                         cases: CaseDirectory, state: FSMContext) -> None:
    """The corrected date: shown as followers will get it, sent only on Confirm (like every admin action)."""
    actor.require_admin()
    data = await state.get_data()
    await state.clear()
    case, preview = await preview_correction(store, clock, actor, cases, int(data["finding"]), message.text or "")
    await show_followers_preview(message, lang, case, preview)


def register(router: Router) -> None:
    admin_command(router, "review", cmd_review)
    admin_button(router, on_review, ReviewCb)
    admin_answer(router, on_review_edit, AdminReviewEdit.when, F.text)

