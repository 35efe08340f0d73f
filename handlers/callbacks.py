"""Button data, versioned so old buttons can be told apart from new ones. 64 bytes at most."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class CaseCb(CallbackData, prefix="c1"):
    """A press on a case: open its card, follow at a level, or stop following.

    `src` says which screen to redraw in place: `card`, `list` (with `page`), `my`, or `pick`.
    """

    act: str  # open | all | hrg | off
    slug: str
    src: str = "card"
    page: int = 0


class PageCb(CallbackData, prefix="p1"):
    page: int


class LangCb(CallbackData, prefix="l1"):
    lang: str


class ForgetCb(CallbackData, prefix="f1"):
    yes: bool


# --- announcements and settings (#5) ---
# AnnCb is defined beside the renderer that builds it (bot/ never imports handlers/); re-exported here.
from bot.telegram.callbacks import AnnCb as AnnCb  # noqa: E402


class SetCb(CallbackData, prefix="s1"):
    """/settings: `rem` toggles reminder offset `v` (minutes), `none` turns reminders off, `news` toggles
    news mentions, `def` goes back to the default offsets."""

    act: str
    v: int = 0

