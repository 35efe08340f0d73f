"""aiogram routers, one module per feature. `get_routers()` builds fresh ones on every call:
aiogram attaches a router to one parent only, and tests and the demo build the app many times."""

from __future__ import annotations

from aiogram import Router

from handlers import (
    admin,
    announcements,
    cases,
    digest,
    errors,
    fallback,
    follow,
    forget,
    hearings,
    language,
    letters,
    membership,
    settings,
    start,
    topics,
)


def get_routers() -> list[Router]:
    # Order matters: the fallback for unknown commands goes last.
    return [
        errors.router(),
        # Before start: it takes `/start ed_<token>` invites, and its rights check sees every update.
        admin.router(),
        start.router(),
        cases.router(),
        follow.router(),
        language.router(),
        forget.router(),
        membership.router(),
        hearings.router(),
        settings.router(),
        digest.router(),
        topics.router(),
        announcements.router(),
        letters.router(),
        fallback.router(),
    ]
