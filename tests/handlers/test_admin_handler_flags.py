"""Every admin handler that acts for a person carries the rights flag the rights middleware reads."""

from __future__ import annotations

import inspect

from handlers.admin import router
from handlers.admin.rights import RIGHTS


def test_every_admin_handler_given_an_actor_is_flagged() -> None:
    r = router()
    handlers = [*r.message.handlers, *r.callback_query.handlers]
    needing = [h for h in handlers if "actor" in inspect.signature(h.callback).parameters]
    assert needing
    unflagged = [h.callback.__name__ for h in needing if h.flags.get(RIGHTS) not in ("admin", "editor")]
    assert not unflagged


def test_only_the_invite_link_is_open_to_everyone() -> None:
    r = router()
    open_to_all = [h.callback.__name__ for h in [*r.message.handlers, *r.callback_query.handlers]
                   if RIGHTS not in h.flags]
    assert open_to_all == ["start_invite"]
