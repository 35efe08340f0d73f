"""What campaign admins type: a hearing's date, time and court, in Russian, English or Kazakh."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bot.errors import UserError
from bot.understand.dates import find_dates, find_times
from bot.understand.text import fold

_GLUE = re.compile(r"^[\s,;.—–-]*(?:в|во|at|on|сағат|сагат)?[\s,;.—–-]*", re.I)


@dataclass(frozen=True)
class TypedWhen:
    date: str  # YYYY-MM-DD, court-local
    time: str | None  # HH:MM
    rest: str  # what follows: the court, if given


def parse_when(text: str, today: dt.date) -> TypedWhen:
    """`17 марта 10:00 Медеуский суд`, `2026-03-17`, `March 17 at 11 a.m.`, `12 наурыз сағат 10:00`, `завтра 15:00`.

    The date must open the text; a year left out means the next such day from `today` on.
    """
    text = " ".join(text.split())
    if not text:
        raise UserError("admin-bad-date", value="")
    mentions = [m for m in find_dates(text) if m.start <= 1]
    if not mentions:
        raise UserError("admin-bad-date", value=text[:40])
    first = mentions[0]
    day = first.resolve(today, "future")
    if day is None:
        raise UserError("admin-bad-date", value=text[first.start:first.end][:40])
    end = first.end
    time = first.time
    folded = fold(text)
    for start, stop, hhmm in find_times(folded):
        if start >= first.end and _GLUE.sub("", text[first.end:start]) == "":
            time, end = hhmm, stop
            break
    rest = _GLUE.sub("", text[end:]).strip()
    return TypedWhen(day.isoformat(), time, rest)
