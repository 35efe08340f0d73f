"""Who may run a campaign: admins are the user ids in ADMIN_IDS; editors are trusted with one case each.

Rights are looked up again on every call; nothing a client sends (button data included) is trusted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.config import Settings
from bot.errors import NotAllowed
from storage.api import Store
from storage.models import Case

Role = Literal["admin", "editor", "user"]


@dataclass(frozen=True)
class Actor:
    user_id: int
    is_admin: bool
    editor_of: frozenset[int]

    @property
    def role(self) -> Role:
        if self.is_admin:
            return "admin"
        return "editor" if self.editor_of else "user"

    def may_edit(self, case_id: int) -> bool:
        return self.is_admin or case_id in self.editor_of

    def require_case(self, case: Case) -> None:
        if not self.may_edit(case.id):
            raise NotAllowed("admin-not-your-case", slug=case.slug)

    def require_admin(self) -> None:
        if not self.is_admin:
            raise NotAllowed("admin-only")


async def actor_for(store: Store, settings: Settings, user_id: int) -> Actor:
    async with store.read() as tx:
        cases = await tx.editors.cases_of(user_id)
    return Actor(user_id=user_id, is_admin=user_id in settings.admin_ids, editor_of=frozenset(cases))
