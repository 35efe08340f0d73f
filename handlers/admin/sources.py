"""/addsource <url> [case], /sources, /pausesource, /resumesource, /removesource."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from aiogram import Router
from aiogram.filters import CommandObject
from aiogram.types import CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.campaign.roles import Actor
from bot.campaign.sources import Known, Refused, offer_source, set_source_state
from bot.cases.directory import CaseDirectory
from bot.cases.grammar import name_forms
from bot.clock import Clock
from bot.config import Settings
from bot.errors import UserError
from bot.i18n import Raw, escape, t
from bot.telegram.callbacks import SourceAct, SourceCb
from handlers.admin.common import resolve_case, show_preview, split_args
from handlers.admin.registry import admin_button, admin_command
from storage.api import Store
from storage.models import Case, Source

MAX_URL = 2000
MAX_LINKS = 10
# Links may be typed one per line, or with spaces or commas between them. A comma inside an address
# (https://example.org/a,b) stays; a comma before a space, the end or the next address separates.
_SEPARATOR = re.compile(r"\s+|[,;]+(?=\s|$|https?://)")
_DOMAIN = re.compile(r"^[\w-]+(\.[\w-]+)*\.[a-zA-Z]{2,}\.?$")


def split_links(text: str | None) -> tuple[list[str], str]:
    """What /addsource was given: the links (each once, in order) and the rest, which names the case."""
    links: list[str] = []
    rest: list[str] = []
    for token in _SEPARATOR.split(text or ""):
        token = token.strip().strip(",;")
        if not token:
            continue
        if "/" in token or _DOMAIN.match(token):
            if token not in links:
                links.append(token)
        else:
            rest.append(token)
    return links, " ".join(rest)


async def cmd_addsource(message: Message, command: CommandObject, lang: str, actor: Actor, store: Store,
                        clock: Clock, cases: CaseDirectory, settings: Settings) -> None:
    actor.require_admin()
    links, rest = split_links(command.args)
    if not links:
        raise UserError("admin-addsource-usage")
    if len(links) > MAX_LINKS:
        raise UserError("admin-addsource-too-many", limit=MAX_LINKS)
    case = resolve_case(cases, rest, actor) if rest else None
    readable = []
    for url in links:
        if len(url) > MAX_URL or not url.lower().startswith(("http://", "https://")):
            await message.answer(t(lang, "admin-addsource-not-http", url=url[:200]))
        else:
            readable.append(url)
    if readable:
        await message.answer(t(lang, "admin-addsource-checking"))
    for url in readable:
        await _offer_source(message, lang, actor, store, clock, settings, url, case)


async def _offer_source(message: Message, lang: str, actor: Actor, store: Store, clock: Clock, settings: Settings,
                        url: str, case: Case | None) -> None:
    """Check one link: a preview with Confirm, or why it cannot be added, in the admin's language."""
    offer = await offer_source(store, clock, settings, actor, url, case)
    if isinstance(offer, Refused):
        await message.answer(t(lang, "admin-addsource-failed", url=url[:200],
                               reason=Raw(t(lang, f"admin-addsource-why-{offer.reason}", status=offer.status or 0))))
        return
    if isinstance(offer, Known):
        await message.answer(t(lang, "admin-source-exists", source=offer.source_id))
        return
    result = offer.found
    lines = [t(lang, "admin-addsource-found", kind=result.kind, url=result.url, count=len(result.items))]
    for item in result.items[:5]:
        when = item.published.astimezone(UTC).strftime("%Y-%m-%d") if item.published else "—"
        lines.append(f"• {escape(when)} — {escape((item.title or item.excerpt(80))[:120])}")
    if case is not None:
        lines.append(t(lang, "admin-addsource-case", **name_forms(case, lang)))
    await show_preview(message, lang, offer.token, "\n".join(lines), heading_key="admin-preview-source")


def _when(ts: int | None) -> str:
    return "—" if ts is None else datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%d %H:%M UTC")


def source_line(lang: str, src: Source) -> str:
    health = src.health
    status = health.status
    if status == "failing":
        return t(lang, "admin-source-failing", source=src.id, kind=src.kind, since=_when(src.last_error_at),
                 failures=src.consecutive_failures, error=(src.last_error or "")[:200])
    return t(lang, f"admin-source-{status}", source=src.id, kind=src.kind, last=_when(src.last_success_at))


async def cmd_sources(message: Message, lang: str, actor: Actor, store: Store) -> None:
    actor.require_admin()
    async with store.read() as tx:
        sources = [s for s in await tx.sources.list() if s.state != "removed"]
    if not sources:
        await message.answer(t(lang, "admin-sources-none"))
        return
    lines = [t(lang, "admin-sources-title")] + [source_line(lang, s) for s in sources]
    kb = InlineKeyboardBuilder()
    for s in sources[:30]:
        act = SourceAct.RESUME if s.state == "paused" else SourceAct.PAUSE
        kb.button(text=f"{'▶' if act == SourceAct.RESUME else '⏸'} {s.id}", callback_data=SourceCb(act=act, source=s.id))
        kb.button(text="🗑", callback_data=SourceCb(act=SourceAct.REMOVE, source=s.id))
    kb.adjust(2)
    await message.answer("\n".join(lines)[:4000], reply_markup=kb.as_markup())


def _state_command(act: str) -> Callable[..., Awaitable[None]]:
    async def handler(message: Message, command: CommandObject, lang: str, actor: Actor, store: Store,
                      clock: Clock) -> None:
        args = split_args(command.args)
        if len(args) != 1:
            raise UserError("admin-source-usage", command=f"{act}source")
        await set_source_state(store, clock, actor, args[0], act)
        await message.answer(t(lang, f"admin-source-did-{act}", source=args[0]))

    handler.__name__ = f"cmd_{act}source"
    return handler


async def on_source_button(query: CallbackQuery, callback_data: SourceCb, lang: str, actor: Actor, store: Store,
                           clock: Clock) -> None:
    await set_source_state(store, clock, actor, callback_data.source, callback_data.act)
    await query.answer(t(lang, f"admin-source-did-{callback_data.act}", source=callback_data.source), show_alert=True)


def register(router: Router) -> None:
    admin_command(router, "addsource", cmd_addsource)
    admin_command(router, "sources", cmd_sources)
    for act in ("pause", "resume", "remove"):
        admin_command(router, f"{act}source", _state_command(act))
    admin_button(router, on_source_button, SourceCb)
