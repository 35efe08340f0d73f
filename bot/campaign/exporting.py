"""A case's hearings and updates as files for a campaign's website: JSON and one .ics calendar."""

from __future__ import annotations

import json

from bot.campaign.audit import audit
from bot.campaign.roles import Actor
from bot.clock import Clock
from bot.events.kinds import Statement, Update, decode
from bot.runtime.install import install_id
from storage.api import Store
from storage.models import Announcement, Case


async def export_case(store: Store, case: Case, *, bot_username: str | None = None) -> tuple[bytes, bytes]:
    """The case's hearings (past ones too) and updates as JSON, and its hearings as one calendar."""
    from bot.delivery.render import calendar_for

    install = await install_id(store)
    async with store.read() as tx:
        hearings = await tx.hearings.for_case(case.id)
        announcements = await tx.announcements.for_case(case.id, limit=500)
    data = {
        "case": {"slug": case.slug, "name": case.name, "name_en": case.name_en, "name_kk": case.name_kk,
                 "status": case.status, "court": case.court, "court_en": case.court_en, "court_kk": case.court_kk,
                 "address": case.address, "address_en": case.address_en, "address_kk": case.address_kk,
                 "timezone": case.timezone, "links": list(case.links)},
        "hearings": [
            {"id": h.id, "date": h.local_date, "time": h.local_time, "timezone": h.tz, "court": h.court,
             "status": h.status, "revision": h.revision}
            for h in hearings
        ],
        "updates": [
            {"id": a.id, "kind": a.kind, "created_at": a.created_at, **_texts(a)}
            for a in announcements if a.kind in ("update", "statement", "status")
        ],
    }
    as_json = json.dumps(data, ensure_ascii=False, indent=2).encode()
    kept = [h for h in hearings if h.status != "cancelled"]
    return as_json, calendar_for(case, kept, install=install, bot_username=bot_username)


def _texts(a: Announcement) -> dict[str, str | None]:
    """What an update or statement says, as stored; a status message has no text of its own."""
    match decode(a.kind, a.payload):
        case Statement() as p:
            return {"title": p.title, "excerpt": p.excerpt, "link": p.link}
        case Update() as p:
            return {"text_html": p.text_html}
        case _:
            return {}
async def export_for(store: Store, clock: Clock, actor: Actor, case: Case, *, bot_username: str | None = None
                     ) -> tuple[bytes, bytes]:
    """/export: the case's files for someone who may edit it; the audit log notes who took them."""
    actor.require_case(case)
    files = await export_case(store, case, bot_username=bot_username)
    async with store.transaction() as tx:
        await audit(tx, clock, actor, "case.export", case_id=case.id)
    return files
