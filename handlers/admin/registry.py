"""Admin commands and buttons, registered through one place so tests can enumerate them.

`scope` says who may call: `admin` (ADMIN_IDS only) or `editor` (admins, and editors of the case the
command names; the handler checks the case).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from aiogram import Router
from aiogram.filters import Command

Scope = Literal["admin", "editor"]


@dataclass(frozen=True)
class AdminCommand:
    name: str
    scope: Scope


ADMIN_COMMANDS: dict[str, AdminCommand] = {}


def admin_command(router: Router, name: str, handler: Callable[..., Any], *filters: Any, scope: Scope = "admin") -> None:
    ADMIN_COMMANDS[name] = AdminCommand(name, scope)
    router.message.register(handler, Command(name), *filters)


class AdminCallback:
    """Marker for button data that only admins or editors may press; subclasses name their scope."""

    scope: ClassVar[Scope] = "admin"


def admin_callback_classes() -> list[type]:
    found: list[type] = []
    stack = list(AdminCallback.__subclasses__())
    while stack:
        cls = stack.pop()
        found.append(cls)
        stack.extend(cls.__subclasses__())
    return found


def admin_callback_scopes() -> dict[str, Scope]:
    """Callback prefix → scope, for every admin button."""
    return {cls.__prefix__: cls.scope for cls in admin_callback_classes()}  # type: ignore[attr-defined]
