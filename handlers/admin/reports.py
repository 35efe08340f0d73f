"""/stats (counts only, never who) and /export <case> (hearings and updates as JSON and .ics)."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import CommandObject
from aiogram.types import BufferedInputFile, Message

from bot.campaign.attendance import going_by_case
from bot.campaign.exporting import export_for
from bot.campaign.roles import Actor
from bot.cases.directory import CaseDirectory
from bot.cases.grammar import name_forms
from bot.clock import Clock, zone
from bot.config import Settings
from bot.delivery.render import spell_date, zone_name
from bot.i18n import t
from handlers.admin.common import resolve_case
from handlers.admin.registry import admin_command
from storage.api import Store


async def cmd_stats(message: Message, lang: str, actor: Actor, store: Store, clock: Clock,
                    cases: CaseDirectory, settings: Settings) -> None:
    actor.require_admin()
    # "Today" is the campaign's day (its default zone), not UTC's, and the text names it.
    tz = settings.default_timezone
    now = clock.now().astimezone(zone(tz))
    day_start = int(now.replace(hour=0, minute=0, second=0, microsecond=0).timestamp())
    async with store.read() as tx:
        counts = await tx.subscriptions.counts()
        outbox = await tx.outbox.counts(since=day_start)
        sources = [s for s in await tx.sources.list() if s.state != "removed"]
        review = await tx.findings.count_pending()
    going = await going_by_case(store, clock, cases)
    per_case: dict[int, dict[str, int]] = {}
    for c in counts:
        per_case.setdefault(c.case_id, {"all": 0, "hearings": 0})[c.level] = c.count
    lines = []
    for case in cases.all():
        n = per_case.get(case.id, {"all": 0, "hearings": 0})
        lines.append(t(lang, "admin-stats-line", slug=case.slug, all=n["all"], hearings=n["hearings"]))
        lines += [t(lang, "admin-stats-going", when=spell_date(h.local_date, h.local_time, h.tz, lang), count=count)
                  for h, count in going.get(case.id, [])]
    failing = sum(1 for s in sources if s.consecutive_failures > 0 and s.state == "active")
    await message.answer(t(lang, "admin-stats", followers="\n".join(lines) or "—", sent=outbox.get("sent", 0),
                           day=spell_date(now.date().isoformat(), None, tz, lang), zone=zone_name(tz, lang),
                           failed=outbox.get("failed", 0), pending=outbox.get("pending", 0) + outbox.get("sending", 0),
                           failing=failing, sources=len(sources), review=review))


async def cmd_export(message: Message, command: CommandObject, lang: str, actor: Actor, store: Store,
                     clock: Clock, cases: CaseDirectory, bot: Bot) -> None:
    case = resolve_case(cases, (command.args or "").strip(), actor)
    as_json, as_ics = await export_for(store, clock, actor, case, bot_username=(await bot.me()).username)
    await message.answer_document(BufferedInputFile(as_json, filename=f"{case.slug}.json"),
                                  caption=t(lang, "admin-export-done", **name_forms(case, lang)))
    await message.answer_document(BufferedInputFile(as_ics, filename=f"{case.slug}.ics"))


def register(router: Router) -> None:
    admin_command(router, "stats", cmd_stats)
    admin_command(router, "export", cmd_export, scope="editor")
