"""Confirm and Cancel on a preview: the draft is consumed once, checked against what changed, then done."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiogram import Bot, Router
from aiogram.types import CallbackQuery, InaccessibleMessage

from bot.campaign.roles import Actor
from bot.cases.directory import CaseDirectory
from bot.clock import Clock
from bot.config import Settings
from bot.delivery.sender import Sender
from bot.errors import UserError
from bot.i18n import t
from bot.telegram.links import bot_username
from handlers.admin.callbacks import DraftCb
from storage.api import Store
from storage.models import Case, Draft


@dataclass
class DraftContext:
    """What an executor gets: the draft, who confirms it, and the app's long-lived objects."""

    draft: Draft
    actor: Actor
    lang: str
    store: Store
    clock: Clock
    settings: Settings
    cases: CaseDirectory
    bot_username: str | None = None  # for links to the bot

    @property
    def payload(self) -> dict[str, Any]:
        return self.draft.payload

    def case(self) -> Case:
        """The draft's case, still there and still the actor's to edit."""
        case = self.cases.get(str(self.payload.get("slug")))
        if case is None:
            raise UserError("admin-draft-stale")
        self.actor.require_case(case)
        return case


# kind → executor; returns the text to show in place of the preview. Raises UserError to refuse.
Executor = Callable[[DraftContext], Awaitable[str]]
EXECUTORS: dict[str, Executor] = {}


def executor(kind: str) -> Callable[[Executor], Executor]:
    def register(fn: Executor) -> Executor:
        EXECUTORS[kind] = fn
        return fn

    return register


async def on_draft(query: CallbackQuery, callback_data: DraftCb, lang: str, actor: Actor, store: Store,
                   clock: Clock, settings: Settings, cases: CaseDirectory, bot: Bot,
                   sender: Sender | None = None) -> None:
    msg = query.message
    now = clock.timestamp()
    if not callback_data.yes:
        async with store.transaction() as tx:
            await tx.drafts.discard(callback_data.token, actor.user_id, now)
        if msg is not None and not isinstance(msg, InaccessibleMessage):
            await msg.edit_reply_markup(reply_markup=None)
            await msg.answer(t(lang, "admin-cancelled"))
        await query.answer()
        return
    async with store.transaction() as tx:
        draft = await tx.drafts.consume(callback_data.token, actor.user_id, now)
    if draft is None or draft.kind not in EXECUTORS:
        await query.answer(t(lang, "admin-draft-expired"), show_alert=True)
        return
    ctx = DraftContext(draft=draft, actor=actor, lang=lang, store=store, clock=clock, settings=settings, cases=cases,
                       bot_username=await bot_username(bot))
    result = await EXECUTORS[draft.kind](ctx)
    if sender is not None:
        sender.wake()  # rows were queued: send now rather than at the sender's next look
    if msg is not None and not isinstance(msg, InaccessibleMessage):
        await msg.edit_reply_markup(reply_markup=None)
        await msg.answer(result)
    await query.answer()


def register(router: Router) -> None:
    router.callback_query.register(on_draft, DraftCb.filter())
