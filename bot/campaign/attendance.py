"""The attendance kit as admins and editors set it (`/kit`), and the "🙋 N" counts `/stats` shows.

Hearing fields (courtroom, open to the public) belong to the case's next hearing, as /movehearing acts on
it; case fields (minutes to arrive early, what to bring besides an ID, in three languages) hold for every
hearing. Typed values are checked here; a bad one is a `UserError` in the admin's language.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta

from bot.campaign.audit import audit
from bot.campaign.hearings import next_hearing
from bot.campaign.roles import Actor
from bot.cases.directory import CaseDirectory
from bot.clock import Clock
from bot.errors import UserError
from bot.events.court_time import is_ahead
from storage.api import Store
from storage.models import Case, CaseKit, Hearing, HearingKit

MAX_ROOM = 60
MAX_BRING = 300
MAX_ARRIVE = 240
FIELDS = ("room", "public", "arrive", "bring")
CLEAR = "-"
_YES = {"yes", "y", "да", "д", "иә", "ия", "open", "открытое", "ашық", "+"}
_NO = {"no", "n", "нет", "н", "жоқ", "closed", "закрытое", "жабық"}
_UNKNOWN = {"unknown", "?", "неизвестно", "не знаю", "белгісіз", CLEAR}


@dataclass(frozen=True)
class Kit:
    """A case's kit as it stands, with its next hearing's (None when there is no upcoming hearing)."""

    case_kit: CaseKit
    hearing: Hearing | None
    hearing_kit: HearingKit | None


def parse_public(text: str) -> bool | None:
    """yes / no / unknown in ru, en or kk."""
    value = " ".join(text.lower().split())
    if value in _YES:
        return True
    if value in _NO:
        return False
    if value in _UNKNOWN:
        return None
    raise UserError("admin-kit-bad-public", value=text[:40])


def parse_minutes(text: str) -> int | None:
    value = text.strip()
    if value == CLEAR:
        return None
    if not value.isdigit() or int(value) > MAX_ARRIVE:
        raise UserError("admin-kit-bad-minutes", value=value[:40], max=MAX_ARRIVE)
    return int(value)


def _text(value: str, limit: int, field: str) -> str | None:
    value = " ".join(value.split())
    if value in ("", CLEAR):
        return None
    if len(value) > limit:
        raise UserError("admin-too-long", field=field, limit=limit)
    return value


async def _next(store: Store, clock: Clock, case: Case) -> Hearing | None:
    try:
        return await next_hearing(store, clock, case)
    except UserError:
        return None


async def kit_of(store: Store, clock: Clock, actor: Actor, case: Case) -> Kit:
    actor.require_case(case)
    hearing = await _next(store, clock, case)
    async with store.read() as tx:
        case_kit = await tx.attendance.case_kit(case.id)
        hearing_kit = await tx.attendance.hearing_kit(hearing.id) if hearing else None
    return Kit(case_kit, hearing, hearing_kit)


async def set_field(store: Store, clock: Clock, actor: Actor, case: Case, field: str, value: str) -> Kit:
    """`/kit <case> <field> <value>`: one field changed (an empty value or "-" clears it), audited."""
    actor.require_case(case)
    if field not in FIELDS:
        raise UserError("admin-kit-bad-field", field=field[:30])
    now = clock.timestamp()
    if field in ("room", "public"):
        hearing = await next_hearing(store, clock, case)
        async with store.transaction() as tx:
            kit = await tx.attendance.hearing_kit(hearing.id)
            kit = (replace(kit, courtroom=_text(value, MAX_ROOM, "room")) if field == "room"
                   else replace(kit, open_to_public=parse_public(value or CLEAR)))
            await tx.attendance.set_hearing_kit(kit, now)
            await audit(tx, clock, actor, "kit.hearing", case_id=case.id, target=str(hearing.id), field=field)
    else:
        async with store.transaction() as tx:
            ck = await tx.attendance.case_kit(case.id)
            if field == "arrive":
                ck = replace(ck, arrive_minutes=parse_minutes(value or CLEAR))
            else:
                lang, _, text = value.partition(" ")
                if lang not in ("ru", "en", "kk"):
                    lang, text = "ru", value
                bring = _text(text, MAX_BRING, "bring")
                ck = (replace(ck, bring=bring) if lang == "ru" else replace(ck, bring_en=bring) if lang == "en"
                      else replace(ck, bring_kk=bring))
            await tx.attendance.set_case_kit(ck, now)
            await audit(tx, clock, actor, "kit.case", case_id=case.id, field=field)
    return await kit_of(store, clock, actor, case)


async def going_by_case(store: Store, clock: Clock, cases: CaseDirectory) -> dict[int, list[tuple[Hearing, int]]]:
    """/stats: per case, its upcoming hearings that somebody said "🙋 I'm going" to, with how many."""
    now = clock.timestamp()
    async with store.read() as tx:
        hearings = [h for h in await tx.hearings.upcoming(from_date=_yesterday(clock), limit=500)
                    if is_ahead(h.local_date, h.local_time, h.tz, now) and cases.by_id(h.case_id) is not None]
        counts = await tx.attendance.going_counts([h.id for h in hearings])
    out: dict[int, list[tuple[Hearing, int]]] = {}
    for h in hearings:
        if counts.get(h.id):
            out.setdefault(h.case_id, []).append((h, counts[h.id]))
    return out


def _yesterday(clock: Clock) -> str:
    # Court dates lie within a day of the UTC date; whether each is still ahead is checked exactly.
    return (clock.now() - timedelta(days=1)).date().isoformat()
