"""The campaign tools: one router; every admin handler carries a `rights` flag that the rights
middleware checks once filters have chosen the handler."""

from __future__ import annotations

from aiogram import Router

from handlers.admin import (
    attendance,
    cancel,
    cases,
    drafts,
    editors,
    hearings,
    posts,
    reports,
    review,
    sources,
)
from handlers.admin.rights import RightsMiddleware, guard_buttons, guard_dialogs


def router() -> Router:
    r = Router(name="admin")
    rights = RightsMiddleware()
    r.message.middleware(rights)
    r.callback_query.middleware(rights)
    guard_dialogs(r)  # first: inside an admin dialog, every message is checked
    cancel.register(r)  # then /cancel ends a dialog at any step
    for module in (editors, cases, sources, hearings, posts, review, reports, attendance):
        module.register(r)
    drafts.register(r)
    guard_buttons(r)  # last: admin button data nobody took is refused all the same
    return r
