"""Announcement texts, their buttons and calendar files: what a follower's phone shows.

`compose` is pure (an announcement's kind and stored payload, its case, a language → `Outgoing`): the
payload is decoded into the type of its kind (`bot.events.kinds`) and every kind is matched, so mypy
proves none is left unrendered. The admin preview goes the same way and shows exactly what followers get. `make_renderer` wraps it for the sender: it loads the
announcement, drops reminders that no longer hold (moved, cancelled or past hearing), strips callback
buttons where nobody can press them for themselves (mirror channels, admins without a chat row) and
applies quiet hours. Text meets HTML here: every value from a source or a person is escaped (by
`i18n.t` or `escape`); admin updates arrive as already-safe HTML.
"""

from __future__ import annotations

import html
import logging
import re
import uuid
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any, assert_never
from urllib.parse import urlsplit

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.cases.directory import CaseDirectory
from bot.cases.grammar import name_forms
from bot.clock import Clock, SystemClock, zone
from bot.config import Settings
from bot.delivery.kit import Attend, attendance_for, going_button, kit_lines
from bot.delivery.model import Outgoing, Renderer, RenderError
from bot.errors import describe
from bot.events.court_time import ahead_until, in_quiet_hours, is_ahead, local_at
from bot.events.kinds import (
    AdminNotice,
    AnnouncementPayload,
    Birthday,
    CaseClosed,
    Correction,
    Digest,
    HearingCancelled,
    HearingChanged,
    HearingChangeKind,
    HearingNew,
    HearingPayload,
    HowItWent,
    Mention,
    Reminder,
    Statement,
    StatusChange,
    Update,
    decode,
    revision_of,
)
from bot.i18n import Raw, escape, has, t
from bot.letters.card import birthday_text, write_button
from bot.telegram.callbacks import AnnAct, AnnCb
from bot.telegram.links import case_link
from storage.api import Store
from storage.models import Announcement, Case, Chat, Hearing, OutboxRow

log = logging.getLogger(__name__)

TELEGRAM_LIMIT = 4096
# Messages about a hearing: they carry its attendance kit and, while it is ahead, the 🙋 button.
HEARING_KINDS = (HearingNew.KIND, HearingChanged.KIND, Reminder.KIND)
EXCERPT_LIMIT = 700  # a statement or news excerpt: a phone screen, then "read more"
# Sent with sound even in quiet hours: a reminder, or a change to a hearing within the next day.
URGENT_WITHIN_S = 24 * 3600


# --- dates ---------------------------------------------------------------------------------------


def zone_name(tz: str, lang: str) -> str:
    """The court zone as a city people know ("Алматы"), else the IANA city part."""
    key = "zone-" + re.sub(r"[^a-z0-9]+", "-", tz.lower()).strip("-")
    if has(lang, key):
        return t(lang, key)
    return tz.rsplit("/", 1)[-1].replace("_", " ")


def spell_date(local_date: str, local_time: str | None, tz: str, lang: str, form: str = "nom") -> str:
    """'вторник, 17 марта, 10:00 (Алматы)' / 'Tuesday, 17 March, 10:00 (Almaty)' / '17 наурыз, сейсенбі, …'.

    `form` is how the text around it needs the weekday: `nom` as it stands, `acc` after "на"
    ("перенесено на пятницу, …"), `in` with its own preposition ("пройдёт во вторник, …").
    """
    d = date.fromisoformat(local_date)
    weekday = f"weekday-{d.isoweekday()}" if form == "nom" else f"weekday-{form}-{d.isoweekday()}"
    args: dict[str, Any] = {"weekday": t(lang, weekday), "day": str(d.day), "month": t(lang, f"month-{d.month}")}
    if local_time is None:
        return t(lang, "when-date", **args)
    return t(lang, "when-datetime", time=local_time, zone=zone_name(tz, lang), **args)


def spell_past_date(local_date: str, lang: str) -> str:
    """A date gone by, with its year: '19 ноября 2025' / '19 November 2025' / '2025 жылғы 19 қараша'."""
    d = date.fromisoformat(local_date)
    return t(lang, "when-date-year", day=str(d.day), month=t(lang, f"month-{d.month}"), year=str(d.year))


# --- cutting -------------------------------------------------------------------------------------

_TOKEN = re.compile(r"<[^>]*>|&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[a-zA-Z]+);|[^<&]+|&")
_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)")
_SENTENCE_END = ".!?…"


def _u16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def visible_text(html_text: str) -> str:
    """What Telegram shows of an HTML text: tags gone, entities decoded."""
    return "".join(html.unescape(tok) for tok in _TOKEN.findall(html_text) if not tok.startswith("<"))


def visible_length(html_text: str) -> int:
    """Telegram's count of an HTML text: visible characters, in UTF-16 code units."""
    return _u16(visible_text(html_text))


def cut_at_sentence(
    html_text: str, limit: int = TELEGRAM_LIMIT, read_more_url: str | None = None, *, read_more_label: str = "→"
) -> str:
    """Cut Telegram HTML to at most `limit` visible characters, at a sentence end where one is near.

    Counts what is shown (after entity parsing), never cuts inside a tag or an entity, closes the tags
    left open, and ends with "…" (unless at a sentence end) and a "read more" link when a URL is given.
    """
    if visible_length(html_text) <= limit:
        return html_text
    link = f'<a href="{html.escape(read_more_url, quote=True)}">{escape(read_more_label)}</a>' if read_more_url else ""
    reserve = _u16(" …") + (_u16("\n" + read_more_label) if link else 0)
    budget = max(limit - reserve, 1)
    # One entry per visible character: (its UTF-16 end offset, the source index just after it).
    ends: list[tuple[int, int]] = []
    chars: list[str] = []
    count = 0
    for m in _TOKEN.finditer(html_text):
        tok = m.group(0)
        if tok.startswith("<"):
            continue
        if tok.startswith("&"):  # an entity is one character, and is never split
            ch = html.unescape(tok)
            count += _u16(ch)
            chars.append(ch)
            ends.append((count, m.end()))
        else:
            for i, ch in enumerate(tok):
                count += _u16(ch)
                chars.append(ch)
                ends.append((count, m.start() + i + 1))
    fits = 0
    while fits < len(ends) and ends[fits][0] <= budget:
        fits += 1
    keep, at_sentence = _cut_point(chars, fits)
    source_end = ends[keep - 1][1] if keep else 0
    head = html_text[:source_end].rstrip()
    # Tags after the last kept character are dropped with the rest; whatever is still open is closed here.
    closing = "".join(f"</{name}>" for name in reversed(_open_tags(head)))
    tail = "" if at_sentence else " …"
    return head + closing + tail + ("\n" + link if link else "")


def _cut_point(chars: list[str], fits: int) -> tuple[int, bool]:
    """How many visible characters to keep (of the first `fits`), and whether that ends a sentence."""
    floor = fits // 3  # a sentence end too early wastes the screen: cut at a word instead
    for i in range(fits, floor, -1):
        if chars[i - 1] in _SENTENCE_END and (i == len(chars) or chars[i].isspace()):
            return i, True
        if chars[i - 1] == "\n" and i > 1 and chars[i - 2] != "\n":
            return i - 1, True
    for i in range(fits, floor, -1):
        if i < len(chars) and chars[i].isspace():
            return i, False
    return fits, False


def _open_tags(fragment: str) -> list[str]:
    stack: list[str] = []
    for m in _TAG.finditer(fragment):
        closing, name = m.group(1), m.group(2).lower()
        if closing:
            if name in stack:
                while stack and stack.pop() != name:
                    pass
        else:
            stack.append(name)
    return stack


# --- composing -----------------------------------------------------------------------------------


def public_link(url: str | None) -> str | None:
    """Only http(s) links are shown: a subscriber never sees a file path or another scheme."""
    if not url:
        return None
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    return url if scheme in ("http", "https") else None


def _href(url: str) -> Raw:
    return Raw(html.escape(url, quote=True))


def _hearing_lines(
    p: HearingPayload, name: str, case: Case | None, lang: str, attend: Attend | None = None
) -> list[str]:
    tz = p.tz or (case.timezone if case else "Asia/Almaty")
    when = spell_date(p.date, p.time, tz, lang)
    # "перенесено на пятницу, …", "пройдёт во вторник, …": the weekday agrees with the words before it.
    when_moved = spell_date(p.date, p.time, tz, lang, form="in" if p.change == "corrected" else "acc")
    old = spell_date(p.old_date, p.old_time, tz, lang) if p.old_date else None
    lines: list[str]
    match p:
        case Reminder():
            key = f"ann-reminder-{p.offset}" if has(lang, f"ann-reminder-{p.offset}") else "ann-reminder"
            lines = [t(lang, key, name=name), t(lang, "ann-when", when=when)]
        case HearingCancelled():
            lines = [t(lang, "ann-hearing-cancelled", name=name), t(lang, "ann-when", when=when)]
        case HearingNew() | HearingChanged():
            lines = _change_lines(p.change, name, when, when_moved, old, lang)
        case _:
            assert_never(p)
    if p.time is None and not isinstance(p, HearingCancelled):
        lines.append(t(lang, "ann-time-unknown"))
    court = court_in(p.court, case, lang)
    if court:
        lines.append(t(lang, "ann-court", court=court))
    if attend is not None and not isinstance(p, HearingCancelled):
        lines += kit_lines(lang, case, attend, local_date=p.date, local_time=p.time, tz=tz,
                           reminder=isinstance(p, Reminder))
    link = public_link(p.link)
    if link:
        lines.append(t(lang, "ann-source", url=_href(link)))
    return lines


def _change_lines(
    change: HearingChangeKind, name: str, when: str, when_moved: str, old: str | None, lang: str
) -> list[str]:
    """The opening lines of a new or changed hearing: what happened to it, and when it is."""
    lines: list[str]
    match change:
        case "moved" | "postponed" | "corrected":
            key = "ann-hearing-corrected" if change == "corrected" else "ann-hearing-moved"
            lines = [t(lang, key, name=name, when=when_moved)]
            if old:
                lines.append(t(lang, "ann-was", when=old))
        case "time_set" | "time_changed":
            lines = [t(lang, f"ann-hearing-{change.replace('_', '-')}", name=name), t(lang, "ann-when", when=when)]
            if old and change == "time_changed":
                lines.append(t(lang, "ann-was", when=old))
        case "new" | "cancelled" | "reminder":
            lines = [t(lang, "ann-hearing-new", name=name), t(lang, "ann-when", when=when)]
        case _:
            assert_never(change)
    return lines


def court_in(court: str | None, case: Case | None, lang: str) -> str | None:
    """A hearing's court for the reader: the case's court in their language when the hearing is at it."""
    if case is None:
        return court
    if not court or court == case.court:
        return case.court_in(lang)
    return court


def _excerpt(text: str, link: str | None, lang: str, limit: int = EXCERPT_LIMIT) -> list[str]:
    """An escaped excerpt cut at a sentence, with "read more" when cut (or a source link when not)."""
    # Spaces inside a paragraph are evened out; paragraphs stay apart, which reads better on a phone.
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    body = escape("\n\n".join(p for p in paragraphs if p))
    cut = cut_at_sentence(body, limit, link, read_more_label=t(lang, "read-more"))
    lines = [cut] if cut else []
    if link and cut == body:
        lines.append(t(lang, "ann-source", url=_href(link)))
    return lines


def _text(p: AnnouncementPayload, case: Case | None, lang: str, attend: Attend | None = None) -> str:
    name = case.display_name(lang) if case else ""
    lines: list[str]
    match p:
        case HearingNew() | HearingChanged() | HearingCancelled() | Reminder():
            lines = _hearing_lines(p, name, case, lang, attend)
        case Statement():
            lines = [t(lang, "ann-statement", name=name)]
            if p.title:
                lines.append(f"<b>{escape(p.title)}</b>")
            lines += _excerpt(p.excerpt, public_link(p.link), lang)
        case Mention():
            lines = [t(lang, "ann-mention", name=name)]
            if p.title:
                lines.append(f"<b>{escape(p.title)}</b>")
            lines += _excerpt(p.excerpt, public_link(p.link), lang, limit=EXCERPT_LIMIT // 2)
        case Update():
            lines = [t(lang, "ann-update", name=name), "", p.text_html]
        case Correction():
            lines = [t(lang, "ann-correction", name=name), "", p.text_html]
        case StatusChange():
            lines = [t(lang, "ann-status", name=name, status=_status(lang, p.new_status),
                       old=_status(lang, p.old_status))]
            if p.cancelled:
                lines.append(t(lang, "ann-status-hearings-cancelled"))
                lines += [f"• {escape(spell_date(c.date, c.time, c.tz or 'Asia/Almaty', lang))}" for c in p.cancelled]
        case AdminNotice():
            lines = [_notice(lang, p)]
        case CaseClosed():
            lines = [t(lang, "ann-case-closed", name=name, days=p.days)]
        case Digest():  # one chat's news of a day, made of other announcements
            from bot.delivery.digest_text import digest_lines

            lines = digest_lines(p, lang)
        case Birthday():
            lines = birthday_text(lang, case, p.date, p.age, p.card) if case else []
        case HowItWent():
            lines = [t(lang, "ann-how-it-went", name=name, when=spell_past_date(p.date, lang)), "", p.text_html, "",
                     t(lang, "ann-how-it-went-why")]
        case _:
            assert_never(p)
    return cut_at_sentence("\n".join(lines).strip(), TELEGRAM_LIMIT)


def _status(lang: str, status: str | None) -> str:
    key = f"status-{status}"
    return t(lang, key) if has(lang, key) else str(status or "")


def _notice(lang: str, p: AdminNotice) -> str:
    try:
        return t(lang, p.key, **p.args)
    except KeyError:  # a notice of a newer version, or arguments missing: still say something true
        return escape(f"{p.key}: {p.args}")


def _keyboard(
    p: AnnouncementPayload, case: Case | None, lang: str, attend: Attend | None = None
) -> InlineKeyboardMarkup | None:
    if case is None:
        return None
    kb = InlineKeyboardBuilder()
    match p:
        case AdminNotice() | Digest():
            return None
        case CaseClosed() | HowItWent():  # only the card: to follow again, or to read on
            kb.button(text=t(lang, "btn-open-case"), callback_data=AnnCb(act=AnnAct.OPEN, slug=case.slug))
            return kb.as_markup()
        case HearingNew() | HearingChanged() | HearingCancelled() | Reminder():
            if attend is not None and attend.going is not None and not isinstance(p, HearingCancelled) and p.hearing:
                kb.add(going_button(lang, case.slug, p.hearing, attend.going))
            if not isinstance(p, HearingCancelled) and p.hearing:
                kb.button(text=t(lang, "btn-calendar"), callback_data=AnnCb(act=AnnAct.ICS, slug=case.slug, h=p.hearing))
            if isinstance(p, HearingNew | HearingChanged) and p.found and p.hearing:
                kb.button(text=t(lang, "btn-report"),
                          callback_data=AnnCb(act=AnnAct.REPORT, slug=case.slug, h=p.hearing))
            # A hearing's message offers to unfollow; any other offers to keep to hearings only.
            stop, act = "btn-stop-unfollow", AnnAct.STOP
        case Statement() | Mention() | Update() | Correction() | StatusChange():
            stop, act = "btn-stop-hearings-only", AnnAct.HEARINGS_ONLY
        case Birthday():
            if p.card:
                kb.add(write_button(lang, case))
            stop, act = "btn-stop-hearings-only", AnnAct.HEARINGS_ONLY
        case _:
            assert_never(p)
    kb.adjust(1)
    kb.row(
        _btn(t(lang, "btn-open-case"), AnnCb(act=AnnAct.OPEN, slug=case.slug)),
        _btn(t(lang, stop), AnnCb(act=act, slug=case.slug)),
    )
    return kb.as_markup()


def _btn(text: str, data: AnnCb) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data.pack())


def compose(
    kind: str, payload: Mapping[str, Any], case: Case | None, lang: str, attend: Attend | None = None
) -> Outgoing:
    """What a follower gets for an announcement stored with this kind and payload (`PayloadError` when the
    payload does not fit its kind): text (≤ 4096 visible characters) and buttons. `attend` adds a hearing's
    attendance kit and its 🙋 button."""
    return compose_payload(decode(kind, payload), case, lang, attend)


def compose_payload(
    payload: AnnouncementPayload, case: Case | None, lang: str, attend: Attend | None = None
) -> Outgoing:
    """`compose` of a payload already typed."""
    out = Outgoing(text=_text(payload, case, lang, attend), reply_markup=_keyboard(payload, case, lang, attend))
    if isinstance(payload, Digest) and payload.thread is not None:
        out = replace(out, message_thread_id=payload.thread)  # a forum's digest goes to its cases' topic
    return out


def public_keyboard(case: Case | None, lang: str, bot_username: str | None) -> InlineKeyboardMarkup | None:
    """For a channel or an admin's chat: no buttons that act on the chat, only a link to the case in the bot."""
    if case is None or not bot_username:
        return None
    kb = InlineKeyboardBuilder()
    kb.button(text=t(lang, "btn-open-case"), url=case_link(bot_username, case.slug))
    return kb.as_markup()


# --- the renderer for the sender -----------------------------------------------------------------


def is_urgent(ann: Announcement, now: int) -> bool:
    """Sent with sound during quiet hours: reminders, and changes to a hearing due within a day."""
    match decode(ann.kind, ann.payload):
        case Reminder():
            return True
        case HearingChanged() | HearingCancelled() as p:
            tz = p.tz or "Asia/Almaty"
            soonest = min(ahead_until(d, tm, tz) for d, tm in ((p.date, p.time), (p.old_date, p.old_time)) if d)
            return soonest - now <= URGENT_WITHIN_S
        case _:
            return False


def still_due(ann: Announcement, h: Hearing | None, now: int) -> bool:
    """A reminder holds only while its hearing is active, ahead and at the revision it was made for."""
    if h is None or not h.active or h.revision != revision_of(ann.payload):
        return False
    return is_ahead(h.local_date, h.local_time, h.tz, now)


def make_renderer(
    store: Store, cases: CaseDirectory, settings: Settings, *, clock: Clock | None = None,
    bot_username: str | Callable[[], str | None] | None = None,
) -> Renderer:
    """The sender's renderer: outbox row + chat → `Outgoing`, or None to cancel the row.

    `bot_username` (or a function giving it, known once the bot has called getMe) makes the "open
    case" link of mirror channels; `clock` decides quiet hours and whether a reminder still holds.
    """
    clock = clock or SystemClock()

    def username() -> str | None:
        return bot_username() if callable(bot_username) else bot_username

    announcements: OrderedDict[int, Announcement] = OrderedDict()  # immutable rows: a small LRU is safe

    async def load(announcement_id: int) -> Announcement | None:
        ann = announcements.get(announcement_id)
        if ann is not None:
            announcements.move_to_end(announcement_id)
            return ann
        async with store.read() as tx:
            ann = await tx.announcements.get(announcement_id)
        if ann is not None:
            announcements[announcement_id] = ann
            if len(announcements) > 256:
                announcements.popitem(last=False)
        return ann

    async def render(row: OutboxRow, chat: Chat | None) -> Outgoing | None:
        ann = await load(row.announcement_id)
        if ann is None:
            return None
        now = clock.timestamp()
        if ann.case_id is not None:
            await cases.refresh_if_changed()  # an instance that only sends still tells a case by its new name
        case = cases.by_id(ann.case_id) if ann.case_id is not None else None
        if ann.case_id is not None and case is None:
            async with store.read() as tx:
                case = await tx.cases.get_by_id(ann.case_id)
        attend: Attend | None = None
        h: Hearing | None = None
        if ann.kind in HEARING_KINDS and ann.hearing_id is not None:
            async with store.read() as tx:
                h = await tx.hearings.get(ann.hearing_id)
                attend = await attendance_for(tx, h, chat, now)
        if ann.kind == Reminder.KIND and not still_due(ann, h, now):
            return None
        lang = chat.language if chat is not None else settings.default_language
        try:
            out = compose(ann.kind, ann.payload, case, lang, attend)
            if chat is None or chat.type == "channel":
                out = replace(out, reply_markup=public_keyboard(case, lang, username()))
        except Exception as exc:  # the same for every chat: never worth a retry
            raise RenderError(describe(exc)) from exc
        tz = case.timezone if case is not None else settings.default_timezone
        quiet = in_quiet_hours(settings.quiet_hours, tz, clock.now()) and not is_urgent(ann, now)
        return replace(out, disable_notification=quiet)

    return render


# --- calendar files ------------------------------------------------------------------------------


def hearing_uid(install: str, hearing_id: int) -> str:
    """A UID unique to this install and this hearing, the same in every file that carries it."""
    return f"{uuid.uuid5(uuid.UUID(install), f'hearing:{hearing_id}')}@casewatch"


def _plain(text: str) -> str:
    """Calendar text is plain: the HTML escaping `t` applies is undone."""
    return html.unescape(text)


def _event(hearing: Hearing, case: Case, lang: str, now: datetime, install: str, link: str | None) -> Any:
    from icalendar import Alarm, Event

    ev = Event()
    ev.add("uid", hearing_uid(install, hearing.id))
    ev.add("dtstamp", now)
    ev.add("sequence", hearing.revision)  # +1 on every move or change of the hearing
    ev.add("summary", _plain(t(lang, "ics-summary", **name_forms(case, lang))))
    if hearing.local_time is not None:
        start = local_at(hearing.local_date, hearing.local_time, hearing.tz)
        ev.add("dtstart", start)
        ev.add("dtend", start + timedelta(hours=2))
        triggers = [timedelta(days=-1), timedelta(hours=-2)]
    else:
        day = date.fromisoformat(hearing.local_date)
        ev.add("dtstart", day)
        ev.add("dtend", day + timedelta(days=1))
        triggers = [timedelta(hours=-6)]  # 18:00 the evening before
    # The hearing's own court when it was reported with one, else the case's, in the reader's language.
    court = court_in(hearing.court, case, lang)
    address = case.address_in(lang)
    location = ", ".join(part for part in (court, address) if part)
    if location:
        ev.add("location", location)
    details = [_plain(t(lang, "ics-case", name=case.display_name(lang), status=_status(lang, case.status)))]
    if court:
        details.append(_plain(t(lang, "ics-court", court=court)))
    if address:
        details.append(_plain(t(lang, "ics-address", address=address)))
    if link:
        details.append(link)
        ev.add("url", link)
    ev.add("description", "\n".join(details))
    if hearing.status == "cancelled":
        ev.add("status", "CANCELLED")
    else:
        ev.add("status", "CONFIRMED")
    if hearing.active:
        for trigger in triggers:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", ev["summary"])
            alarm.add("trigger", trigger)
            ev.add_component(alarm)
    return ev


def calendar_for(
    case: Case, hearings: list[Hearing], *, install: str, lang: str = "ru", now: datetime | None = None,
    bot_username: str | None = None, refresh: timedelta | None = None,
) -> bytes:
    """One .ics calendar of these hearings: each in the court's zone (VTIMEZONE included), the court and its
    address as LOCATION, the case, court and link in DESCRIPTION, alarms the day before and 2 hours before
    (18:00 the evening before when there is no time) for hearings still to come.

    UIDs come from `install` (this install's random id) and the hearing id. A case with no hearings still
    gives a valid calendar: it carries the court's VTIMEZONE, so it is never without a component.
    `refresh` (a subscribed feed) tells calendar apps how often to fetch it again.
    """
    from icalendar import Calendar, Timezone, vDuration

    cal = Calendar()
    cal.add("prodid", "-//Case Watch//casewatch//EN")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", _plain(t(lang, "ics-calendar-name", **name_forms(case, lang))))
    if refresh is not None:
        cal.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", vDuration(refresh))  # an X- property is text unless told
    stamp = now or datetime.now(UTC)
    link = case_link(bot_username, case.slug) if bot_username else None
    for hearing in hearings:
        zone(hearing.tz)  # fail here on an unknown zone rather than write a file no calendar reads
        cal.add_component(_event(hearing, case, lang, stamp, install, link))
    if not hearings:
        zone(case.timezone)
        cal.add_component(Timezone.from_tzid(case.timezone))
    cal.add_missing_timezones()
    ical: bytes = cal.to_ical()
    return ical


def ics_for(
    hearing: Hearing, case: Case, *, install: str, lang: str = "ru", now: datetime | None = None,
    bot_username: str | None = None,
) -> bytes:
    """The .ics file of one hearing (the 📅 button)."""
    return calendar_for(case, [hearing], install=install, lang=lang, now=now, bot_username=bot_username)


def ics_filename(hearing: Hearing, case: Case) -> str:
    return f"hearing-{case.slug}-{hearing.local_date}.ics"
