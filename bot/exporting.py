"""A case's hearings and updates as files for a campaign's website: JSON and one .ics calendar."""

from __future__ import annotations

import json

from storage.api import Case, Hearing, Store


def calendar_for(case: Case, hearings: list[Hearing]) -> bytes:
    """One calendar with an event per hearing: the single-hearing files merged, so both read the same."""
    from icalendar import Calendar

    from bot.delivery.render import ics_for

    merged: Calendar | None = None
    for h in hearings:
        cal = Calendar.from_ical(ics_for(h, case))
        if merged is None:
            merged = cal
            continue
        for event in cal.walk("VEVENT"):
            merged.add_component(event)
    if merged is None:
        merged = Calendar()
        merged.add("prodid", "-//Case Watch//casewatch//EN")
        merged.add("version", "2.0")
    return bytes(merged.to_ical())


async def export_case(store: Store, case: Case) -> tuple[bytes, bytes]:
    async with store.read() as tx:
        hearings = await tx.hearings.for_case(case.id)
        announcements = await tx.announcements.for_case(case.id, limit=500)
    data = {
        "case": {"slug": case.slug, "name": case.name, "name_en": case.name_en, "name_kk": case.name_kk,
                 "status": case.status, "court": case.court, "timezone": case.timezone, "links": list(case.links)},
        "hearings": [
            {"id": h.id, "date": h.local_date, "time": h.local_time, "timezone": h.tz, "court": h.court,
             "status": h.status, "revision": h.revision}
            for h in hearings
        ],
        "updates": [
            {"id": a.id, "kind": a.kind, "created_at": a.created_at,
             **{k: v for k, v in a.payload.items() if k in ("title", "excerpt", "link", "text_html")}}
            for a in announcements if a.kind in ("update", "statement", "status")
        ],
    }
    as_json = json.dumps(data, ensure_ascii=False, indent=2).encode()
    return as_json, calendar_for(case, [h for h in hearings if h.status != "cancelled"])
