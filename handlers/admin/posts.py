"""/post <case>: the next message becomes an update for the case's followers, after a preview."""

from __future__ import annotations

import re

from aiogram import F, Router
from aiogram.filters import CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import Message

from bot.campaign.posts import draft_post
from bot.campaign.roles import Actor
from bot.cases.directory import CaseDirectory
from bot.cases.grammar import name_forms
from bot.clock import Clock
from bot.errors import UserError
from bot.i18n import t
from handlers.admin.common import resolve_case, show_followers_preview
from handlers.admin.registry import admin_answer, admin_command
from storage.api import Store

# aiogram's html_text escapes the text and rebuilds tags from Telegram's entities; links other than
# http(s) (tg://user?id=… would name a person) are reduced to their text.
_NON_WEB_LINK = re.compile(r'<a href="(?!https?://)[^"]*">(.*?)</a>', re.S)


class AdminPost(StatesGroup):
    text = State()


def safe_post_html(message: Message) -> str:
    html = message.html_text if (message.text or message.caption) else ""
    return _NON_WEB_LINK.sub(r"\1", html).strip()


async def cmd_post(message: Message, command: CommandObject, lang: str, actor: Actor, state: FSMContext,
                   cases: CaseDirectory) -> None:
    case = resolve_case(cases, (command.args or "").strip(), actor)
    await state.set_state(AdminPost.text)
    await state.set_data({"slug": case.slug})
    await message.answer(t(lang, "admin-post-ask", **name_forms(case, lang)))


async def on_post_text(message: Message, lang: str, actor: Actor, state: FSMContext, store: Store, clock: Clock,
                       cases: CaseDirectory) -> None:
    data = await state.get_data()
    await state.clear()
    case = cases.get(str(data.get("slug")))
    if case is None:
        raise UserError("admin-unknown-case", query=str(data.get("slug")))
    preview = await draft_post(store, clock, actor, case, safe_post_html(message), message.text or message.caption or "")
    await show_followers_preview(message, lang, case, preview)


def register(router: Router) -> None:
    admin_command(router, "post", cmd_post, scope="editor")
    admin_answer(router, on_post_text, AdminPost.text, F.text | F.caption)
