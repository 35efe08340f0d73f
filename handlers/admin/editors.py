"""Case editors: /editor makes a one-time invite link, /start ed_<token> accepts it, /editors, /revoke."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.types import Message

from bot.campaign.editors import revoke_editor
from bot.campaign.invites import accept_invite, create_invite
from bot.campaign.roles import Actor
from bot.cases.directory import CaseDirectory
from bot.cases.grammar import name_forms
from bot.clock import Clock
from bot.config import Settings
from bot.errors import UserError
from bot.i18n import t
from bot.telegram.command_menus import set_staff_menu
from bot.telegram.links import start_link
from handlers.admin.common import resolve_case, split_args
from handlers.admin.registry import ADMIN_COMMANDS, admin_command
from storage.api import Store


async def cmd_editor(message: Message, command: CommandObject, lang: str, actor: Actor, store: Store,
                     clock: Clock, cases: CaseDirectory, bot: Bot) -> None:
    case = resolve_case(cases, (command.args or "").strip(), actor)
    token = await create_invite(store, clock, actor, case)
    me = await bot.me()
    link = start_link(me.username or "", f"ed_{token}")
    await message.answer(t(lang, "admin-invite", **name_forms(case, lang), link=link))


async def start_invite(message: Message, command: CommandObject, lang: str, store: Store, clock: Clock,
                       cases: CaseDirectory, settings: Settings, bot: Bot) -> None:
    """Opening an invite link makes the user an editor of that case (once, within 24 h)."""
    token = (command.args or "")[3:]
    user = message.from_user
    if message.chat.type != "private" or user is None:
        await message.answer(t(lang, "admin-private-only"))
        return
    case_id = await accept_invite(store, clock, token, user.id) if token else None
    case = cases.by_id(case_id) if case_id is not None else None
    if case is None:
        await message.answer(t(lang, "admin-invite-invalid"))
        return
    await message.answer(t(lang, "admin-invite-accepted", **name_forms(case, lang), slug=case.slug))
    editor_commands = [c.name for c in ADMIN_COMMANDS.values() if c.scope == "editor"]
    await set_staff_menu(bot, message.chat.id, editor_commands, settings.default_language)


async def cmd_editors(message: Message, command: CommandObject, lang: str, actor: Actor, store: Store,
                      cases: CaseDirectory) -> None:
    actor.require_admin()
    query = (command.args or "").strip()
    case = resolve_case(cases, query, actor) if query else None
    async with store.read() as tx:
        editors = await tx.editors.list(case.id if case else None)
    if not editors:
        await message.answer(t(lang, "admin-editors-none"))
        return
    lines = [t(lang, "admin-editors-title")]
    for e in editors:
        c = cases.by_id(e.case_id)
        lines.append(t(lang, "admin-editors-line", slug=c.slug if c else "?", user=str(e.user_id)))
    await message.answer("\n".join(lines))


async def cmd_revoke(message: Message, command: CommandObject, lang: str, actor: Actor, store: Store,
                     clock: Clock, cases: CaseDirectory) -> None:
    actor.require_admin()
    args = split_args(command.args)
    if len(args) != 2 or not args[1].lstrip("-").isdigit():
        raise UserError("admin-revoke-usage")
    case = resolve_case(cases, args[0], actor)
    user_id = int(args[1])
    done = await revoke_editor(store, clock, actor, case, user_id)
    await message.answer(t(lang, "admin-revoked" if done else "admin-not-editor", user=str(user_id), slug=case.slug))


def register(router: Router) -> None:
    router.message.register(start_invite, CommandStart(deep_link=True), F.text.regexp(r"^/start(@\w+)?\s+ed_"))
    admin_command(router, "editor", cmd_editor)
    admin_command(router, "editors", cmd_editors)
    admin_command(router, "revoke", cmd_revoke)
