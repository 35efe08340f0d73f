"""Button data of announcement messages.

Defined here, not in `handlers/`, because `render` (in `bot/`) builds the buttons and `bot/` never imports
`handlers/`; `handlers/callbacks.py` re-exports it beside the other button data. 64 bytes at most: the
slug has 32 characters at most and the hearing id is a number.
"""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class AnnCb(CallbackData, prefix="a1"):
    """A press on an announcement: `open` the case card, `ics` the hearing's calendar file, `stop` (unfollow:
    hearing messages reach both levels) or `hrg` (switch to hearings only: stops everything else)."""

    act: str
    slug: str
    h: int = 0
