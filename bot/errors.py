"""Errors a person can cause, shown to them in their language.

    Exception
    └── UserError(key, **args)      rendered with i18n.t(lang, key, **args) by the one error handler
        └── NotAllowed              a right is missing (group admins only, admin commands)
"""

from __future__ import annotations

from typing import Any


class UserError(Exception):
    def __init__(self, key: str, /, **args: Any) -> None:
        super().__init__(key)
        self.key = key
        self.args_ = args


class NotAllowed(UserError):
    pass
