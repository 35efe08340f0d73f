"""/newcase (a short dialog), /editcase <case>, /setstatus <case> <status>."""

from __future__ import annotations

from typing import Any

from aiogram import F, Router
from aiogram.filters import CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InaccessibleMessage, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.campaign import cases as case_service
from bot.campaign.roles import Actor
from bot.cases.directory import EDITABLE_FIELDS, YES_NO_FIELDS, CaseDirectory, validate_field
from bot.cases.grammar import name_forms
from bot.clock import Clock
from bot.config import STATUSES
from bot.errors import UserError
from bot.i18n import t
from bot.letters.service import field_value
from bot.telegram.callbacks import EditBoolCb, EditFieldCb, StatusCb
from handlers import ui
from handlers.admin.common import resolve_case, show_followers_preview, show_preview, split_args
from handlers.admin.registry import admin_answer, admin_button, admin_command
from storage.api import Store
from storage.models import Case

# The dialog asks these in order; "-" skips an optional one.
NEWCASE_STEPS = ("slug", "name", "name_en", "name_kk", "aliases", "court", "timezone", "status", "description",
                 "description_en", "description_kk", "links")


class AdminNewCase(StatesGroup):
    step = State()


class AdminEditCase(StatesGroup):
    value = State()


async def cmd_newcase(message: Message, lang: str, actor: Actor, state: FSMContext) -> None:
    actor.require_admin()
    await state.set_state(AdminNewCase.step)
    await state.set_data({"i": 0, "values": {}})
    await message.answer(t(lang, "admin-newcase-intro"))
    await _ask(message, lang, NEWCASE_STEPS[0])


def _status_keyboard(lang: str) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for s in STATUSES:
        kb.button(text=t(lang, f"status-{s}"), callback_data=StatusCb(status=s))
    kb.adjust(1)
    return kb.as_markup()


async def _ask(message: Message, lang: str, step: str) -> None:
    place = {"n": NEWCASE_STEPS.index(step) + 1, "total": len(NEWCASE_STEPS)}
    if step == "status":
        await message.answer(t(lang, "admin-ask-status", **place), reply_markup=_status_keyboard(lang))
    else:
        await message.answer(t(lang, f"admin-ask-{step}", **place))


async def _advance(message: Message, lang: str, actor: Actor, state: FSMContext, store: Store, clock: Clock,
                   cases: CaseDirectory, value: Any) -> None:
    data = await state.get_data()
    i, values = int(data["i"]), dict(data["values"])
    values[NEWCASE_STEPS[i]] = value
    i += 1
    if i < len(NEWCASE_STEPS):
        await state.set_data({"i": i, "values": values})
        await _ask(message, lang, NEWCASE_STEPS[i])
        return
    await state.clear()
    draft = await case_service.draft_newcase(store, clock, actor, cases, values)
    preview = ui.card_text(lang, draft.case, None)
    await show_preview(message, lang, draft.token, preview, heading_key="admin-preview-newcase")


async def on_newcase_text(message: Message, lang: str, actor: Actor, state: FSMContext, store: Store, clock: Clock,
                          cases: CaseDirectory) -> None:
    data = await state.get_data()
    step = NEWCASE_STEPS[int(data.get("i", 0))]
    if step == "status":
        await _ask(message, lang, step)
        return
    raw = message.text or ""
    try:
        value = validate_field(step, raw)
    except UserError as err:
        err = _labelled(lang, err)
        await message.answer(t(lang, err.key, **err.args_))
        await _ask(message, lang, step)
        return
    if step == "slug" and cases.get(str(value)) is not None:
        await message.answer(t(lang, "admin-slug-taken", slug=str(value)))
        return
    await _advance(message, lang, actor, state, store, clock, cases, value)


async def on_newcase_status(query: CallbackQuery, callback_data: StatusCb, lang: str, actor: Actor,
                            state: FSMContext, store: Store, clock: Clock, cases: CaseDirectory) -> None:
    data = await state.get_data()
    msg = query.message
    if (await state.get_state()) != AdminNewCase.step.state or NEWCASE_STEPS[int(data.get("i", 0))] != "status" \
            or msg is None or isinstance(msg, InaccessibleMessage) or callback_data.status not in STATUSES:
        await query.answer(t(lang, "button-expired"), show_alert=True)
        return
    await query.answer()
    await msg.edit_reply_markup(reply_markup=None)
    await _advance(msg, lang, actor, state, store, clock, cases, callback_data.status)


def field_label(lang: str, field: str) -> str:
    """A case field as the admin reads it ("Суд", "Court"), never the column name."""
    return t(lang, f"field-{field}")


def shown_value(lang: str, value: object) -> str:
    if isinstance(value, bool):
        return t(lang, "admin-yes" if value else "admin-no")
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or t(lang, "admin-value-empty")
    return t(lang, "admin-value-empty") if value in (None, "") else str(value)


def _labelled(lang: str, err: UserError) -> UserError:
    """The same refusal, naming the field (or the status) as the admin knows it."""
    if "field" in err.args_ and str(err.args_["field"]) in EDITABLE_FIELDS:
        return UserError(err.key, **{**err.args_, "field": field_label(lang, str(err.args_["field"]))})
    if err.key == "admin-status-same":
        return UserError(err.key, **{**err.args_, "status": t(lang, f"status-{err.args_['status']}")})
    return err


async def cmd_editcase(message: Message, command: CommandObject, lang: str, actor: Actor,
                       cases: CaseDirectory) -> None:
    actor.require_admin()
    case = resolve_case(cases, (command.args or "").strip(), actor)
    kb = InlineKeyboardBuilder()
    for f in EDITABLE_FIELDS:
        kb.button(text=field_label(lang, f), callback_data=EditFieldCb(slug=case.slug, field=f))
    kb.adjust(2)
    await message.answer(t(lang, "admin-editcase-choose", **name_forms(case, lang)), reply_markup=kb.as_markup())


async def on_edit_field(query: CallbackQuery, callback_data: EditFieldCb, lang: str, actor: Actor,
                        state: FSMContext, store: Store, cases: CaseDirectory) -> None:
    actor.require_admin()
    case = cases.get(callback_data.slug)
    if case is None or callback_data.field not in EDITABLE_FIELDS or query.message is None:
        await query.answer(t(lang, "button-expired"), show_alert=True)
        return
    field = callback_data.field
    current = shown_value(lang, await field_value(store, case, field))
    await query.answer()
    if field in YES_NO_FIELDS:
        kb = InlineKeyboardBuilder()
        kb.button(text=t(lang, "admin-btn-yes"), callback_data=EditBoolCb(slug=case.slug, field=field, yes=True))
        kb.button(text=t(lang, "admin-btn-no"), callback_data=EditBoolCb(slug=case.slug, field=field, yes=False))
        await query.message.answer(t(lang, "admin-editcase-ask-yesno", field=field_label(lang, field), current=current),
                                   reply_markup=kb.as_markup())
        return
    await state.set_state(AdminEditCase.value)
    await state.set_data({"slug": case.slug, "field": field})
    await query.message.answer(t(lang, "admin-editcase-ask", field=field_label(lang, field), current=current[:1500]))


async def _preview_edit(message: Message, lang: str, actor: Actor, store: Store, clock: Clock, cases: CaseDirectory,
                        case: Case, field: str, value: object) -> None:
    token = await case_service.draft_edit(store, clock, actor, cases, case, field, value)
    await show_preview(message, lang, token, t(lang, "admin-editcase-preview", field=field_label(lang, field),
                                               value=shown_value(lang, value)[:3000], name=case.display_name(lang)),
                       heading_key="admin-preview-edit")


async def on_edit_value(message: Message, lang: str, actor: Actor, state: FSMContext, store: Store, clock: Clock,
                        cases: CaseDirectory) -> None:
    data = await state.get_data()
    await state.clear()
    case = cases.get(str(data.get("slug")))
    field = str(data.get("field"))
    if case is None:
        raise UserError("admin-unknown-case", query=str(data.get("slug")))
    try:
        value = validate_field(field, message.text or "")
    except UserError as err:
        raise _labelled(lang, err) from err
    await _preview_edit(message, lang, actor, store, clock, cases, case, field, value)


async def on_edit_bool(query: CallbackQuery, callback_data: EditBoolCb, lang: str, actor: Actor, store: Store,
                       clock: Clock, cases: CaseDirectory) -> None:
    actor.require_admin()
    case = cases.get(callback_data.slug)
    msg = query.message
    if case is None or callback_data.field not in YES_NO_FIELDS or msg is None or isinstance(msg, InaccessibleMessage):
        await query.answer(t(lang, "button-expired"), show_alert=True)
        return
    await query.answer()
    await msg.edit_reply_markup(reply_markup=None)
    await _preview_edit(msg, lang, actor, store, clock, cases, case, callback_data.field, callback_data.yes)


async def cmd_setstatus(message: Message, command: CommandObject, lang: str, actor: Actor, store: Store,
                        clock: Clock, cases: CaseDirectory) -> None:
    actor.require_admin()
    args = split_args(command.args)
    if len(args) != 2:
        raise UserError("admin-setstatus-usage", statuses=", ".join(STATUSES))
    case = resolve_case(cases, args[0], actor)
    try:
        preview = await case_service.preview_status(store, clock, actor, cases, case, args[1])
    except UserError as err:
        raise _labelled(lang, err) from err
    await show_followers_preview(message, lang, case, preview)


def register(router: Router) -> None:
    admin_command(router, "newcase", cmd_newcase)
    admin_command(router, "editcase", cmd_editcase)
    admin_command(router, "setstatus", cmd_setstatus)
    admin_answer(router, on_newcase_text, AdminNewCase.step, F.text)
    admin_button(router, on_newcase_status, StatusCb)
    admin_button(router, on_edit_field, EditFieldCb)
    admin_answer(router, on_edit_value, AdminEditCase.value, F.text)
    admin_button(router, on_edit_bool, EditBoolCb)

