"""An admin's preview of a hearing message shows the attendance kit its followers will read."""

from __future__ import annotations

from dataclasses import replace

from bot.campaign.drafts import Told
from bot.delivery.kit import Attend
from bot.events.kinds import HearingChanged, HearingNew, Reminder
from storage.api import Store
from storage.models import Case, Hearing


async def with_kit(store: Store, case: Case, hearing: Hearing | None, told: Told | None) -> Told | None:
    """`told` with the case's kit and `hearing`'s (None: a hearing not stored yet) when it is about a hearing."""
    if told is None or not isinstance(told.payload, HearingNew | HearingChanged | Reminder):
        return told
    async with store.read() as tx:
        case_kit = await tx.attendance.case_kit(case.id)
        hearing_kit = await tx.attendance.hearing_kit(hearing.id) if hearing is not None else None
    return replace(told, attend=Attend(case_kit=case_kit, hearing_kit=hearing_kit))
