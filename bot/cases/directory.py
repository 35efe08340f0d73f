"""The case directory: every case with its name index, kept in memory and reread when the stored version moves.

Several instances may share one database: each compares the case list's version (one row) before an update
or a tick and rereads the cases only when another instance, or this one, changed them."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Iterable

from bot.clock import zone
from bot.config import SLUG_RE, STATUSES, CaseDecl
from bot.errors import UserError
from bot.letters.declared import import_declared
from bot.letters.fields import LETTER_FIELDS, validate_letters_field
from bot.understand.names import NameIndex
from storage.api import Store
from storage.models import Case, CaseInput, UpsertResult

log = logging.getLogger(__name__)

MAX_QUERY = 200


# A chat id written as text (`mirror_chat = "-100123"`); ASCII digits only, as Telegram writes ids.
_CHAT_ID_RE = re.compile(r"-?[0-9]+")


def mirror_chat_of(value: str | int | None) -> tuple[int | None, str | None]:
    """A configured `mirror_chat` → (chat id, username): an id (a number, or a number written as text)
    is used as it is; anything else is a `@username` that the bot resolves to an id when it starts."""
    if isinstance(value, int):
        return value, None
    text = (value or "").strip()
    if _CHAT_ID_RE.fullmatch(text):
        return int(text), None
    return None, text or None


def decl_to_input(decl: CaseDecl) -> CaseInput:
    """A `[[cases]]` entry as the store takes it (every command imports cases through this)."""
    mirror_id, mirror = mirror_chat_of(decl.mirror_chat)
    return CaseInput(
        slug=decl.slug, name=decl.name, name_en=decl.name_en, name_kk=decl.name_kk, gender=decl.gender,
        timezone=decl.timezone, status=decl.status, court=decl.court, description=decl.description,
        description_en=decl.description_en, description_kk=decl.description_kk, links=tuple(decl.links),
        aliases=tuple(decl.aliases), public=decl.public, mirror_chat_id=mirror_id, mirror_chat=mirror,
        name_gen=decl.name_gen, name_ins=decl.name_ins, court_en=decl.court_en, court_kk=decl.court_kk,
        address=decl.address, address_en=decl.address_en, address_kk=decl.address_kk,
    )


async def import_cases(
    store: Store, decls: Iterable[CaseDecl], *, now: int, overwrite: bool, origin: str = "config"
) -> dict[UpsertResult, int]:
    """Insert (and with `overwrite`, update) cases in one transaction; count what happened."""
    counts: dict[UpsertResult, int] = {"inserted": 0, "updated": 0, "unchanged": 0}
    async with store.transaction() as tx:
        for decl in decls:
            counts[await tx.cases.upsert(decl_to_input(decl), origin=origin, now=now, overwrite=overwrite)] += 1
            await import_declared(tx, decl, now=now, overwrite=overwrite)
    return counts


class CaseDirectory:
    """Cases by slug, and the name matcher built from them."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._cases: dict[str, Case] = {}
        self._by_id: dict[int, Case] = {}
        self._index_public = NameIndex([])
        self._index_all = NameIndex([])
        self._version: int | None = None  # the stored version the cases in hand were read at
        self._loading = asyncio.Lock()  # loads apply one at a time, so an older read never replaces a newer one

    async def load(self) -> None:
        """Read every case, and the version they are at, from one snapshot."""
        async with self._loading:
            await self._load()

    async def refresh_if_changed(self) -> bool:
        """Reread the cases if the stored version moved since the last load; True when it did.

        Unchanged, this costs one row read: every update and tick that uses cases calls it first."""
        async with self._store.read() as tx:
            version = await tx.cases.version()
        if version == self._version:
            return False
        async with self._loading:
            if version == self._version:  # another caller reread them meanwhile
                return False
            await self._load()
        return True

    async def _load(self) -> None:
        async with self._store.read() as tx:  # one snapshot: the version is exactly that of these cases
            version = await tx.cases.version()
            cases = await tx.cases.list(public_only=False)
        self._cases = {c.slug: c for c in cases}
        self._by_id = {c.id: c for c in cases}
        self._index_all = NameIndex(cases)
        self._index_public = NameIndex([c for c in cases if c.public])
        self._version = version
        log.info("loaded %d cases", len(cases))

    def get(self, slug: str) -> Case | None:
        return self._cases.get(slug)

    def by_id(self, case_id: int) -> Case | None:
        return self._by_id.get(case_id)

    def by_id_map(self) -> dict[int, Case]:
        return self._by_id

    def all(self) -> list[Case]:
        return list(self._cases.values())

    def public(self) -> list[Case]:
        return [c for c in self._cases.values() if c.public]

    def search(self, query: str, *, include_private: bool = False) -> list[Case]:
        """Cases a typed name refers to, best first (the slug itself counts too)."""
        query = query.strip()[:MAX_QUERY]
        if not query:
            return []
        exact = self._cases.get(query.lower())
        if exact and (include_private or exact.public):
            return [exact]
        index = self._index_all if include_private else self._index_public
        return [self._cases[s] for s in index.lookup(query) if s in self._cases]

    @property
    def index(self) -> NameIndex:
        return self._index_all


# --- admin edits ---
EDITABLE_FIELDS = (
    "name", "name_gen", "name_ins", "name_en", "name_kk", "aliases", "court", "court_en", "court_kk", "address",
    "address_en", "address_kk", "timezone", "description", "description_en", "description_kk", "links", "public",
    *LETTER_FIELDS,
)
# Fields answered yes or no: /editcase offers buttons for them.
YES_NO_FIELDS = ("public",)
_LIMITS = {"name": 100, "name_gen": 100, "name_ins": 100, "name_en": 100, "name_kk": 100, "court": 200,
           "court_en": 200, "court_kk": 200, "address": 300, "address_en": 300, "address_kk": 300,
           "description": 2000, "description_en": 2000, "description_kk": 2000}


def validate_field(field: str, raw: str) -> object:
    """An admin's typed value → the stored value; UserError with a clear reason otherwise."""
    if field in LETTER_FIELDS:
        return validate_letters_field(field, raw)
    value = raw.strip()
    empty = value in ("", "-")
    if field == "slug":
        if not SLUG_RE.match(value):
            raise UserError("admin-bad-slug")
        return value
    if field == "name":
        if empty:
            raise UserError("admin-bad-value", field=field)
    if field in _LIMITS:
        if len(value) > _LIMITS[field]:
            raise UserError("admin-too-long", field=field, limit=_LIMITS[field])
        return None if empty and field != "name" else value
    if field == "aliases":
        items = [] if empty else [a.strip() for a in value.split(",") if a.strip()]
        if len(items) > 30 or any(len(a) > 80 for a in items):
            raise UserError("admin-too-long", field=field, limit=80)
        return items
    if field == "links":
        items = [] if empty else value.split()
        if any(not re.match(r"^https?://[^\s<>\"]+$", link) for link in items) or len(items) > 10:
            raise UserError("admin-bad-links")
        return items
    if field == "timezone":
        name = "Asia/Almaty" if empty else value
        try:
            zone(name)
        except Exception as exc:
            raise UserError("admin-bad-timezone", value=value[:60]) from exc
        return name
    if field == "public":
        if value.lower() in ("yes", "да", "иә", "true", "1", "+"):
            return True
        if value.lower() in ("no", "нет", "жоқ", "false", "0"):
            return False
        raise UserError("admin-bad-value", field=field)
    if field == "status":
        if value not in STATUSES:
            raise UserError("admin-bad-status", statuses=", ".join(STATUSES))
        return value
    raise UserError("admin-bad-value", field=field)


def case_to_input(case: Case, **changes: object) -> CaseInput:
    values = {f: getattr(case, f) for f in CaseInput.__dataclass_fields__}
    values.update(changes)
    for key in ("aliases", "links"):
        values[key] = tuple(values[key])
    return CaseInput(**values)
