"""Every button's data, in one place so each prefix is seen to be unique. 64 bytes at most.

Buttons already sent carry these packed strings (`c1:hrg:balashov:my:0`): a prefix, a field or an enum
value must never change meaning; a new shape gets a new prefix. Here, not in `handlers/`, because
`render` (in `bot/`) builds the announcement buttons and `bot/` never imports `handlers/`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar, Literal

from aiogram.filters.callback_data import CallbackData

# Who may press an admin button: `admin` (ADMIN_IDS only) or `editor` (admins, and editors of a case).
Scope = Literal["admin", "editor"]


# --- what every reader presses ---


class CaseAct(StrEnum):
    OPEN = "open"
    ALL = "all"  # follow everything
    HEARINGS = "hrg"  # follow hearings only
    OFF = "off"  # stop following


class CaseCb(CallbackData, prefix="c1"):
    """A press on a case: open its card, follow at a level, or stop following.

    `src` says which screen to redraw in place: `card`, `list` (with `page`), `my`, or `pick`.
    """

    act: CaseAct
    slug: str
    src: str = "card"
    page: int = 0


class PageCb(CallbackData, prefix="p1"):
    page: int


class LangCb(CallbackData, prefix="l1"):
    lang: str


class ForgetCb(CallbackData, prefix="f1"):
    yes: bool


class AnnAct(StrEnum):
    OPEN = "open"  # the case card
    ICS = "ics"  # the hearing's calendar file
    STOP = "stop"  # unfollow: hearing messages reach both levels
    HEARINGS_ONLY = "hrg"  # switch to hearings only: stops everything else
    REPORT = "err"  # "the date looks wrong"
    GOING = "go"  # "I'm going": toggles the chat's intention to attend the hearing


class AnnCb(CallbackData, prefix="a1"):
    """A press on an announcement. The slug has 32 characters at most and the hearing id is a number."""

    act: AnnAct
    slug: str
    h: int = 0


class WriteCb(CallbackData, prefix="w1"):
    """"✉️ Write": the letters card of a case, on its card and on a birthday reminder."""

    slug: str


class SetAct(StrEnum):
    REMINDER = "rem"  # toggle the reminder offset `v` (minutes)
    NONE = "none"  # no reminders
    NEWS = "news"  # toggle news mentions
    DEFAULT = "def"  # back to the default offsets


class SetCb(CallbackData, prefix="s1"):
    """/settings."""

    act: SetAct
    v: int = 0


class DigestAct(StrEnum):
    OPEN = "open"  # the digest screen, from /settings
    ON = "on"  # news once a day
    OFF = "off"  # news at once (what is held goes out now)
    HOUR = "hour"  # the digest's hour `v` (0..23)
    ZONE = "zone"  # the chat's zone `z` (one of the offered IANA names)
    BACK = "back"  # back to /settings


class DigestCb(CallbackData, prefix="dg1"):
    """/settings → daily digest."""

    act: DigestAct
    v: int = 0
    z: str = ""


# --- campaign staff only: the rights check refuses everyone else ---


class AdminCallback:
    """Marker for button data that only admins or editors may press; subclasses name their scope."""

    scope: ClassVar[Scope] = "admin"


class DraftCb(AdminCallback, CallbackData, prefix="a1d"):
    """Confirm or cancel a preview; the draft itself says what and for whom."""

    scope: ClassVar[Scope] = "editor"
    token: str
    yes: bool


class ReviewAct(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    EDIT = "edit"
    NEXT = "next"


class ReviewCb(AdminCallback, CallbackData, prefix="a1r"):
    """One decision on one finding."""

    act: ReviewAct
    finding: int


class StatusCb(AdminCallback, CallbackData, prefix="a1s"):
    """/newcase: the status chosen from buttons."""

    status: str


class EditFieldCb(AdminCallback, CallbackData, prefix="a1e"):
    """/editcase: which field to change."""

    slug: str
    field: str


class SourceAct(StrEnum):
    PAUSE = "pause"
    RESUME = "resume"
    REMOVE = "remove"


class SourceCb(AdminCallback, CallbackData, prefix="a1o"):
    """A source's button in the /sources list."""

    act: SourceAct
    source: str


class EditBoolCb(AdminCallback, CallbackData, prefix="a1b"):
    """/editcase: the yes or no chosen for a yes/no field."""

    slug: str
    field: str
    yes: bool


def button_classes() -> list[type[CallbackData]]:
    """Every button data class of the bot, in the order defined here."""
    return [cls for cls in CallbackData.__subclasses__() if cls.__module__ == __name__]
