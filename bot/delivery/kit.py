"""The attendance kit of a hearing message: where to go, whether the public may enter, what to bring, when
to arrive, a prompt to plan the trip (reminders), and the "🙋 I'm going" button in the chat's state.

`Attend` is what the sender knows at send time besides the announcement: the kits as admins set them now
(a courtroom set after the hearing was announced still reaches the reminders) and whether this chat said
it is going. Without one (admin previews, tests of the bare text) a message has no kit and no button.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.events.court_time import is_ahead, local_at
from bot.i18n import t
from bot.telegram.callbacks import AnnAct, AnnCb
from storage.api import ReadTx
from storage.models import Case, CaseKit, Chat, Hearing, HearingKit

# The chat types that may press a button for themselves (a channel's readers cannot).
PRESSING_CHATS = ("private", "group", "supergroup")


@dataclass(frozen=True)
class Attend:
    """The kit for one hearing, and `going`: None when the message carries no 🙋 button (the hearing has
    passed or was cancelled, or nobody can press it), else whether this chat said it is going."""

    case_kit: CaseKit | None = None
    hearing_kit: HearingKit | None = None
    going: bool | None = None


def arrive_by(local_date: str, local_time: str | None, tz: str, minutes: int | None) -> str | None:
    """`HH:MM` on the court's clock when one should be there, when both the time and the advice are known."""
    if local_time is None or minutes is None:
        return None
    return (local_at(local_date, local_time, tz) - timedelta(minutes=minutes)).strftime("%H:%M")


def kit_lines(
    lang: str, case: Case | None, attend: Attend, *, local_date: str, local_time: str | None, tz: str,
    reminder: bool,
) -> list[str]:
    """The kit's lines in the reader's language; a line whose value is unknown is left out."""
    lines: list[str] = []
    address = case.address_in(lang) if case is not None else None
    if address:
        lines.append(t(lang, "kit-address", address=address))
    hk = attend.hearing_kit
    if hk is not None and hk.courtroom:
        lines.append(t(lang, "kit-courtroom", room=hk.courtroom))
    if hk is not None and hk.open_to_public is not None:
        lines.append(t(lang, "kit-public-yes" if hk.open_to_public else "kit-public-no"))
    ck = attend.case_kit
    more = ck.bring_in(lang) if ck is not None else None
    lines.append(t(lang, "kit-bring-more", more=more) if more else t(lang, "kit-bring"))
    minutes = ck.arrive_minutes if ck is not None else None
    by = arrive_by(local_date, local_time, tz, minutes)
    if by is not None:
        lines.append(t(lang, "kit-arrive-at", time=by, minutes=minutes or 0))
    elif minutes:
        lines.append(t(lang, "kit-arrive", minutes=minutes))
    if reminder:
        lines.append(t(lang, "kit-plan-by", time=by) if by else t(lang, "kit-plan"))
    return lines


def going_button(lang: str, slug: str, hearing_id: int, going: bool) -> InlineKeyboardButton:
    """🙋 to say one is going, ✅ (pressed again: undo) once one has."""
    data = AnnCb(act=AnnAct.GOING, slug=slug, h=hearing_id)
    return InlineKeyboardButton(text=t(lang, "btn-going-yes" if going else "btn-going"), callback_data=data.pack())


async def attendance_for(tx: ReadTx, hearing: Hearing | None, chat: Chat | None, now: int) -> Attend | None:
    """What a hearing message to `chat` adds, read in one snapshot; None when the hearing is gone."""
    if hearing is None:
        return None
    upcoming = hearing.active and is_ahead(hearing.local_date, hearing.local_time, hearing.tz, now)
    going: bool | None = None
    if upcoming and chat is not None and chat.type in PRESSING_CHATS:
        going = await tx.attendance.is_going(chat.id, hearing.id)
    return Attend(case_kit=await tx.attendance.case_kit(hearing.case_id),
                  hearing_kit=await tx.attendance.hearing_kit(hearing.id), going=going)


def restate_going(
    markup: InlineKeyboardMarkup | None, lang: str, data: str, going: bool
) -> InlineKeyboardMarkup | None:
    """The message's keyboard with its 🙋 button (`data`) showing the chat's new state; None if it has none."""
    if markup is None:
        return None
    found = False
    rows: list[list[InlineKeyboardButton]] = []
    for row in markup.inline_keyboard:
        new_row = []
        for button in row:
            if button.callback_data == data:
                found = True
                button = button.model_copy(update={"text": t(lang, "btn-going-yes" if going else "btn-going")})
            new_row.append(button)
        rows.append(new_row)
    return InlineKeyboardMarkup(inline_keyboard=rows) if found else None
