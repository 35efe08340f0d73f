"""Small pieces every admin command uses: finding the named case, previews with Confirm/Cancel."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.campaign.drafts import Preview
from bot.campaign.roles import Actor
from bot.cases.directory import CaseDirectory
from bot.errors import UserError
from bot.i18n import t
from bot.telegram.callbacks import DraftCb
from storage.models import Case

MAX_TEXT = 3500


def split_args(text: str | None) -> list[str]:
    return (text or "").split()


def resolve_case(cases: CaseDirectory, query: str, actor: Actor) -> Case:
    """The one case a slug or name names, that this actor may edit."""
    if not query:
        raise UserError("admin-need-case")
    found = cases.search(query, include_private=True)
    if not found:
        raise UserError("admin-unknown-case", query=query[:60])
    if len(found) > 1:
        raise UserError("admin-ambiguous-case", slugs=", ".join(c.slug for c in found))
    actor.require_case(found[0])
    return found[0]


def confirm_keyboard(lang: str, token: str) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(text=t(lang, "admin-btn-confirm"), callback_data=DraftCb(token=token, yes=True))
    kb.button(text=t(lang, "admin-btn-cancel"), callback_data=DraftCb(token=token, yes=False))
    kb.adjust(2)
    return kb.as_markup()


async def show_preview(message: Message, lang: str, token: str, body_html: str, *, heading_key: str) -> None:
    """The exact message followers will get, below a heading, with Confirm and Cancel."""
    await message.answer(t(lang, heading_key))
    await message.answer(body_html, reply_markup=confirm_keyboard(lang, token))


async def show_followers_preview(message: Message, lang: str, case: Case, preview: Preview) -> None:
    """What followers will get on Confirm, rendered as they will read it; or that they will get nothing."""
    from bot.delivery.render import compose_payload

    told = preview.told
    if told is None:
        await message.answer(t(lang, "admin-preview-silent"), reply_markup=confirm_keyboard(lang, preview.token))
        return
    await show_preview(message, lang, preview.token, compose_payload(told.payload, case, lang, told.attend).text,
                       heading_key="admin-preview-followers")
