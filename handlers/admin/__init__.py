"""The campaign tools: one router, with the rights middleware in front of every admin update."""

from __future__ import annotations

from aiogram import Router

from handlers.admin import cancel, cases, drafts, editors, hearings, posts, reports, review, sources
from handlers.admin.rights import RightsMiddleware


def router() -> Router:
    r = Router(name="admin")
    rights = RightsMiddleware()
    r.message.outer_middleware(rights)
    r.callback_query.outer_middleware(rights)
    cancel.register(r)  # first: /cancel ends a dialog at any step
    for module in (editors, cases, sources, hearings, posts, review, reports):
        module.register(r)
    drafts.register(r)
    return r
