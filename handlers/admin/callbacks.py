"""Admin button data. Each class is an `AdminCallback`, so the rights middleware checks every press."""

from __future__ import annotations

from typing import ClassVar

from aiogram.filters.callback_data import CallbackData

from handlers.admin.registry import AdminCallback, Scope


class DraftCb(AdminCallback, CallbackData, prefix="a1d"):
    """Confirm or cancel a preview; the draft itself says what and for whom."""

    scope: ClassVar[Scope] = "editor"
    token: str
    yes: bool


class ReviewCb(AdminCallback, CallbackData, prefix="a1r"):
    """approve | reject | edit | next on one finding."""

    act: str
    finding: int


class StatusCb(AdminCallback, CallbackData, prefix="a1s"):
    """/newcase: the status chosen from buttons."""

    status: str


class EditFieldCb(AdminCallback, CallbackData, prefix="a1e"):
    """/editcase: which field to change."""

    slug: str
    field: str


class SourceCb(AdminCallback, CallbackData, prefix="a1o"):
    """pause | resume | remove a source from the /sources list."""

    act: str
    source: str


class EditBoolCb(AdminCallback, CallbackData, prefix="a1b"):
    """/editcase: the yes or no chosen for a yes/no field."""

    slug: str
    field: str
    yes: bool
