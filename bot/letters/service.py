"""Reading and changing a case's letters card: what `/case`, `/write`, "✉️ Write" and `/editcase` call."""

from __future__ import annotations

from dataclasses import dataclass

from bot.campaign.audit import audit
from bot.campaign.drafts import DraftContext
from bot.errors import UserError
from bot.letters.fields import LETTER_FIELDS
from storage.api import Store
from storage.models import Case, Letters


async def letters_of(store: Store, case: Case) -> Letters | None:
    async with store.read() as tx:
        return await tx.letters.get(case.id)


@dataclass(frozen=True)
class Addressees:
    """What `/write` alone offers a chat: whether it follows any case, and those of them with a card."""

    follows_any: bool
    with_card: list[Case]


async def followed_with_card(store: Store, chat_id: int, cases_by_id: dict[int, Case]) -> Addressees:
    """The cases the chat follows that have a letters card, in the order it followed them.

    A case that is not public is offered to its followers too: `/my` and its card's ✉️ button reach it already.
    """
    async with store.read() as tx:
        subs = await tx.subscriptions.for_chat(chat_id)
        followed = [cases_by_id[s.case_id] for s in subs if s.case_id in cases_by_id]
        with_card = []
        for case in followed:
            letters = await tx.letters.get(case.id)
            if letters is not None and letters.has_card:
                with_card.append(case)
    return Addressees(follows_any=bool(followed), with_card=with_card)


async def field_value(store: Store, case: Case, field: str) -> object:
    """A case field's current value as /editcase shows it: the letters fields come from their own table."""
    if field not in LETTER_FIELDS:
        return getattr(case, field)
    letters = await letters_of(store, case)
    return None if letters is None else getattr(letters, LETTER_FIELDS[field])


async def apply_letters_edit(ctx: DraftContext) -> Case:
    """Confirm of an /editcase draft for a letters field: the card stored with the new value."""
    ctx.actor.require_admin()
    p = ctx.payload
    case = ctx.case()
    field = str(p["field"])
    value = p["value"]
    if field not in LETTER_FIELDS or not (value is None or isinstance(value, str)):
        raise UserError("admin-draft-stale")
    async with ctx.store.transaction() as tx:
        current = await tx.letters.get(case.id) or Letters(case_id=case.id)
        await tx.letters.put(current.with_value(LETTER_FIELDS[field], value), ctx.clock.timestamp())
        await audit(tx, ctx.clock, ctx.actor, "case.edit", case_id=case.id, target=field)
    return case
