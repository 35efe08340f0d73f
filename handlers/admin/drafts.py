"""Confirm and Cancel on a preview: the draft is consumed once, checked against what changed, then done."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.types import CallbackQuery, InaccessibleMessage

from bot.campaign.cases import CaseCreated, CaseEdited
from bot.campaign.confirm import confirm_draft
from bot.campaign.drafts import Queued, discard_draft
from bot.campaign.review import Approved
from bot.campaign.roles import Actor
from bot.campaign.sources import SourceAdded
from bot.cases.directory import CaseDirectory
from bot.cases.grammar import name_forms
from bot.clock import Clock
from bot.config import Settings
from bot.delivery.sender import Sender
from bot.i18n import t
from bot.telegram.callbacks import DraftCb
from bot.telegram.links import bot_username, case_link
from handlers.admin.cases import field_label
from handlers.admin.registry import admin_button
from storage.api import Store


def done_text(lang: str, result: object, username: str | None) -> str:
    """What the admin reads once Confirm has done its work: the text shown in place of the preview."""
    match result:
        case Queued(count=count):
            return t(lang, "admin-sent", count=count)
        case CaseCreated(case=case):
            # Without the bot's username (getMe failed) the start parameter is the most there is to show.
            link = case_link(username, case.slug) if username else f"?start=c_{case.slug}"
            return t(lang, "admin-newcase-done", **name_forms(case, lang), link=link)
        case CaseEdited(case=case, field=field):
            return t(lang, "admin-editcase-done", field=field_label(lang, field), name=case.display_name(lang))
        case SourceAdded(source_id=source_id):
            return t(lang, "admin-source-added", source=source_id)
        case Approved(queued=queued, left=left):
            done = t(lang, "admin-review-approved", count=queued)
            return done + ("\n" + t(lang, "admin-review-more", left=left) if left else "")
    raise TypeError(f"no text for {type(result).__name__}")


async def on_draft(query: CallbackQuery, callback_data: DraftCb, lang: str, actor: Actor, store: Store,
                   clock: Clock, settings: Settings, cases: CaseDirectory, bot: Bot,
                   sender: Sender | None = None) -> None:
    msg = query.message
    if not callback_data.yes:
        await discard_draft(store, clock, actor, callback_data.token)
        if msg is not None and not isinstance(msg, InaccessibleMessage):
            await msg.edit_reply_markup(reply_markup=None)
            await msg.answer(t(lang, "admin-cancelled"))
        await query.answer()
        return
    confirmed = await confirm_draft(store, clock, settings, cases, actor, callback_data.token)
    if confirmed is None:
        await query.answer(t(lang, "admin-draft-expired"), show_alert=True)
        return
    result = done_text(lang, confirmed.result, await bot_username(bot))
    if sender is not None:
        sender.wake()  # rows were queued: send now rather than at the sender's next look
    if msg is not None and not isinstance(msg, InaccessibleMessage):
        await msg.edit_reply_markup(reply_markup=None)
        await msg.answer(result)
    await query.answer()


def register(router: Router) -> None:
    admin_button(router, on_draft, DraftCb)
