"""Admin commands, buttons and dialog answers, registered through one place so tests can enumerate them
and every one carries the `rights` flag that the rights middleware reads.

`scope` says who may call: `admin` (ADMIN_IDS only) or `editor` (admins, and editors of the case the
command names; the handler checks the case).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aiogram import Router
from aiogram.dispatcher.event.handler import CallbackType
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from magic_filter import MagicFilter

from bot.telegram.callbacks import AdminCallback, Scope, button_classes
from handlers.admin.rights import rights


@dataclass(frozen=True)
class AdminCommand:
    name: str
    scope: Scope


ADMIN_COMMANDS: dict[str, AdminCommand] = {}


def admin_command(router: Router, name: str, handler: CallbackType, *filters: Any, scope: Scope = "admin") -> None:
    ADMIN_COMMANDS[name] = AdminCommand(name, scope)
    router.message.register(handler, Command(name), *filters, flags=rights(scope))


def admin_button(router: Router, handler: CallbackType, data: type[AdminCallback],
                 rule: MagicFilter | None = None) -> None:
    """A press on admin button data (optionally narrowed by `rule`), checked at the data's own scope."""
    assert issubclass(data, CallbackData)
    router.callback_query.register(handler, data.filter(rule), flags=rights(data.scope))


def admin_answer(router: Router, handler: CallbackType, *filters: Any) -> None:
    """A message inside an admin dialog (its state among `filters`): editors and admins only."""
    router.message.register(handler, *filters, flags=rights("editor"))


def admin_callback_classes() -> list[type]:
    """Every admin button's data class."""
    return [cls for cls in button_classes() if issubclass(cls, AdminCallback)]
