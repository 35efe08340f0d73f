"""/kit <case> [field value]: the attendance kit; /howitwent <case>: a short post to those who said 🙋."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import Message

from bot.campaign import attendance
from bot.campaign.how_it_went import draft as draft_how_it_went
from bot.campaign.how_it_went import target as how_it_went_target
from bot.campaign.roles import Actor
from bot.cases.directory import CaseDirectory
from bot.cases.grammar import name_forms
from bot.clock import Clock
from bot.delivery.kit import Attend, kit_lines
from bot.delivery.render import spell_date, spell_past_date
from bot.errors import UserError
from bot.i18n import t
from handlers.admin.common import resolve_case, show_followers_preview
from handlers.admin.posts import safe_post_html
from handlers.admin.registry import admin_answer, admin_command
from storage.api import Store
from storage.models import Case


class AdminHowItWent(StatesGroup):
    text = State()


def kit_text(lang: str, case: Case, kit: attendance.Kit) -> str:
    h = kit.hearing
    attend = Attend(case_kit=kit.case_kit, hearing_kit=kit.hearing_kit)
    if h is None:
        head = t(lang, "admin-kit-no-next")
        lines = kit_lines(lang, case, attend, local_date="2000-01-01", local_time=None, tz=case.timezone,
                          reminder=False)
    else:
        head = t(lang, "admin-kit-next", when=spell_date(h.local_date, h.local_time, h.tz, lang))
        lines = kit_lines(lang, case, attend, local_date=h.local_date, local_time=h.local_time, tz=h.tz,
                          reminder=False)
    return t(lang, "admin-kit-shown", **name_forms(case, lang), lines=head) + "\n" + "\n".join(lines)


async def cmd_kit(message: Message, command: CommandObject, lang: str, actor: Actor, store: Store, clock: Clock,
                  cases: CaseDirectory) -> None:
    args = (command.args or "").split(maxsplit=2)
    if not args:
        raise UserError("admin-kit-usage")
    case = resolve_case(cases, args[0], actor)
    if len(args) == 1:
        kit = await attendance.kit_of(store, clock, actor, case)
        await message.answer(kit_text(lang, case, kit) + "\n\n" + t(lang, "admin-kit-usage"))
        return
    kit = await attendance.set_field(store, clock, actor, case, args[1].lower(), args[2] if len(args) > 2 else "")
    await message.answer(kit_text(lang, case, kit))


async def cmd_howitwent(message: Message, command: CommandObject, lang: str, actor: Actor, state: FSMContext,
                        store: Store, clock: Clock, cases: CaseDirectory) -> None:
    case = resolve_case(cases, (command.args or "").strip(), actor)
    found = await how_it_went_target(store, clock, actor, case)
    names = name_forms(case, lang)
    if found.hearing is None:
        await message.answer(t(lang, "admin-howitwent-none", **names))
        return
    when = spell_past_date(found.hearing.local_date, lang)
    if found.state != "ok":
        await message.answer(t(lang, f"admin-howitwent-{found.state}", when=when, **names))
        return
    await state.set_state(AdminHowItWent.text)
    await state.set_data({"slug": case.slug, "hearing": found.hearing.id})
    await message.answer(t(lang, "admin-howitwent-ask", when=when, count=found.count, **names))


async def on_howitwent_text(message: Message, lang: str, actor: Actor, state: FSMContext, store: Store,
                            clock: Clock, cases: CaseDirectory) -> None:
    data = await state.get_data()
    await state.clear()
    case = cases.get(str(data.get("slug")))
    if case is None:
        raise UserError("admin-unknown-case", query=str(data.get("slug")))
    preview = await draft_how_it_went(store, clock, actor, case, int(data.get("hearing") or 0),
                                      safe_post_html(message), message.text or message.caption or "")
    await show_followers_preview(message, lang, case, preview)


def register(router: Router) -> None:
    admin_command(router, "kit", cmd_kit, scope="editor")
    admin_command(router, "howitwent", cmd_howitwent, scope="editor")
    admin_answer(router, on_howitwent_text, AdminHowItWent.text, F.text | F.caption)
