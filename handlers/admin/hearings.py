"""/hearing <case> <date> [time] [court], /movehearing <case> <date> [time], /cancelhearing <case>.

Each shows the exact message followers will get and sends only on Confirm.
"""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import CommandObject
from aiogram.types import Message

from bot.campaign import hearings
from bot.campaign.roles import Actor
from bot.cases.directory import CaseDirectory
from bot.clock import Clock
from bot.errors import UserError
from handlers.admin.common import resolve_case, show_followers_preview
from handlers.admin.registry import admin_command
from storage.api import Store
from storage.models import Case


def _split(command: CommandObject, cases: CaseDirectory, actor: Actor, usage: str) -> tuple[Case, str]:
    args = (command.args or "").split(maxsplit=1)
    if len(args) < 1:
        raise UserError(usage)
    case = resolve_case(cases, args[0], actor)
    return case, args[1] if len(args) > 1 else ""


async def cmd_hearing(message: Message, command: CommandObject, lang: str, actor: Actor, store: Store,
                      clock: Clock, cases: CaseDirectory) -> None:
    case, rest = _split(command, cases, actor, "admin-hearing-usage")
    if not rest:
        raise UserError("admin-hearing-usage")
    await show_followers_preview(message, lang, case, await hearings.preview_set(store, clock, actor, case, rest))


async def cmd_movehearing(message: Message, command: CommandObject, lang: str, actor: Actor, store: Store,
                          clock: Clock, cases: CaseDirectory) -> None:
    case, rest = _split(command, cases, actor, "admin-movehearing-usage")
    if not rest:
        raise UserError("admin-movehearing-usage")
    await show_followers_preview(message, lang, case, await hearings.preview_move(store, clock, actor, case, rest))


async def cmd_cancelhearing(message: Message, command: CommandObject, lang: str, actor: Actor, store: Store,
                            clock: Clock, cases: CaseDirectory) -> None:
    case, _rest = _split(command, cases, actor, "admin-cancelhearing-usage")
    await show_followers_preview(message, lang, case, await hearings.preview_cancel(store, clock, actor, case))


def register(router: Router) -> None:
    admin_command(router, "hearing", cmd_hearing, scope="editor")
    admin_command(router, "movehearing", cmd_movehearing, scope="editor")
    admin_command(router, "cancelhearing", cmd_cancelhearing, scope="editor")
