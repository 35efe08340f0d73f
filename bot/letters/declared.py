"""The letters cards the configuration declares, stored when cases are imported."""

from __future__ import annotations

from bot.config import CaseDecl
from storage.api import Tx
from storage.models import LETTER_COLUMNS, Letters


def declared(case_id: int, decl: CaseDecl) -> Letters | None:
    """A `[[cases]]` entry's letters card and birthday, or None when it declares neither."""
    values: dict[str, str | None] = dict.fromkeys(LETTER_COLUMNS)
    if decl.letters is not None:
        values.update(decl.letters.model_dump())
    values["birthday"] = decl.birthday
    if not any(values.values()):
        return None
    return Letters(case_id=case_id, **values)


async def import_declared(tx: Tx, decl: CaseDecl, *, now: int, overwrite: bool) -> None:
    """Store the card a `[[cases]]` entry declares: only on a new card, or with `overwrite` (as the case itself).
    An entry that declares none leaves a card admins entered alone."""
    case = await tx.cases.get(decl.slug)
    if case is None:
        return
    letters = declared(case.id, decl)
    if letters is None:
        return
    if overwrite or await tx.letters.get(case.id) is None:
        await tx.letters.put(letters, now)
