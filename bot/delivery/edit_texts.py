"""What an edited message says: a first line telling what became of the hearing, then the message as it was sent.

`compose_edit` is pure, like `render.compose`, whose text it keeps. The first line is in the reader's
language and the court's zone; the buttons that act on the hearing (calendar, "wrong date?", and any other a
hearing message carries) go, the case card stays. A message whose hearing is again as it tells it
("restored": moved and moved back) gets its own text and buttons back. `make_edit_renderer` wraps it for the
editor: it loads the announcement and case and picks the chat's language and keyboard.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.cases.directory import CaseDirectory
from bot.clock import Clock
from bot.config import Settings
from bot.delivery.kit import Attend, attendance_for
from bot.delivery.model import Outgoing, RenderError
from bot.delivery.render import (
    HEARING_KINDS,
    TELEGRAM_LIMIT,
    compose,
    cut_at_sentence,
    public_keyboard,
    spell_date,
)
from bot.errors import describe
from bot.events.corrections import EditNote
from bot.i18n import t
from bot.telegram.callbacks import AnnAct, AnnCb
from storage.api import Store
from storage.models import Case, Chat, MessageEdit

# None: nothing to edit after all (its announcement is gone); RenderError: it cannot be made (permanent).
# Chat None: a chat with no row (admins).
EditRenderer = Callable[[MessageEdit, Chat | None], Awaitable[Outgoing | None]]

# How each change names the hearing's date: the weekday's form the words before it need.
_FORMS = {"moved": "acc", "corrected": "in", "time_set": "nom"}


def note_line(note: EditNote, lang: str) -> str:
    """The first line: "⚠️ Moved to Friday, 14 March, 10:00 (Almaty) — see the new message", "❌ Cancelled"."""
    if note.change == "cancelled":
        return t(lang, "edit-cancelled")
    form = _FORMS.get(note.change, "nom")
    when = spell_date(note.date, note.time, note.tz, lang, form=form)
    line = t(lang, f"edit-{note.change.replace('_', '-')}", when=when)
    if note.new_message:
        line += " — " + t(lang, "edit-see-new")
    return line


def card_keyboard(case: Case | None, lang: str) -> InlineKeyboardMarkup | None:
    """Only the case card: the buttons that acted on the hearing as it was no longer make sense."""
    if case is None:
        return None
    kb = InlineKeyboardBuilder()
    kb.button(text=t(lang, "btn-open-case"), callback_data=AnnCb(act=AnnAct.OPEN, slug=case.slug))
    return kb.as_markup()


def compose_edit(
    kind: str, payload: dict[str, Any], case: Case | None, lang: str, note: EditNote, *,
    public: bool = False, bot_username: str | None = None, attend: Attend | None = None,
) -> Outgoing:
    """The message of announcement (`kind`, `payload`) as an edit makes it.

    `public`: a channel or a chat with no row (admins), which get a link to the case instead of buttons.
    `attend`: the hearing's attendance kit, as the sender added it, so the old text stays as it was sent.
    """
    original = compose(kind, payload, case, lang, attend)
    if public:
        original = Outgoing(text=original.text, reply_markup=public_keyboard(case, lang, bot_username))
    if note.change == "restored":
        return original
    text = cut_at_sentence(note_line(note, lang) + "\n\n" + original.text, TELEGRAM_LIMIT)
    markup = original.reply_markup if public else card_keyboard(case, lang)
    return Outgoing(text=text, reply_markup=markup)


def make_edit_renderer(
    store: Store, cases: CaseDirectory, settings: Settings, clock: Clock, *,
    bot_username: str | Callable[[], str | None] | None = None,
) -> EditRenderer:
    """The editor's renderer: a claimed edit + its chat → the message as it is to become."""

    def username() -> str | None:
        return bot_username() if callable(bot_username) else bot_username

    async def render(edit: MessageEdit, chat: Chat | None) -> Outgoing | None:
        await cases.refresh_if_changed()  # the case as it is now, whichever instance changed it
        async with store.read() as tx:
            ann = await tx.announcements.get(edit.announcement_id)
            if ann is None:
                return None
            case = cases.by_id(ann.case_id) if ann.case_id is not None else None
            if ann.case_id is not None and case is None:
                case = await tx.cases.get_by_id(ann.case_id)
            attend: Attend | None = None
            if ann.kind in HEARING_KINDS and ann.hearing_id is not None:
                hearing = await tx.hearings.get(ann.hearing_id)
                attend = await attendance_for(tx, hearing, chat, clock.timestamp())
        lang = chat.language if chat is not None else settings.default_language
        public = chat is None or chat.type == "channel"
        try:
            return compose_edit(ann.kind, ann.payload, case, lang, EditNote.from_payload(edit.payload),
                                public=public, bot_username=username(), attend=attend)
        except Exception as exc:  # the same every time: never worth a retry
            raise RenderError(describe(exc)) from exc

    return render
