"""Button data: one module, one prefix per class, and the packed strings of buttons already sent."""

from __future__ import annotations

import pytest
from aiogram.filters.callback_data import CallbackData

import handlers
from bot.telegram import callbacks
from bot.telegram.callbacks import (
    AnnAct,
    AnnCb,
    CaseAct,
    CaseCb,
    DraftCb,
    EditBoolCb,
    EditFieldCb,
    ForgetCb,
    LangCb,
    PageCb,
    ReviewAct,
    ReviewCb,
    SetAct,
    SetCb,
    SourceAct,
    SourceCb,
    StatusCb,
)


def _all_subclasses(cls: type) -> list[type]:
    found: list[type] = []
    stack: list[type] = list(cls.__subclasses__())
    while stack:
        sub = stack.pop()
        found.append(sub)
        stack.extend(sub.__subclasses__())
    return found


def test_every_button_class_of_the_bot_lives_in_one_module() -> None:
    handlers.get_routers()  # imports every handler module
    ours = [c for c in _all_subclasses(CallbackData) if c.__module__.split(".")[0] in ("bot", "handlers")]
    assert ours and all(c.__module__ == callbacks.__name__ for c in ours), [c.__module__ for c in ours]
    assert set(ours) == set(callbacks.button_classes())


def test_no_two_button_classes_share_a_prefix() -> None:
    prefixes = [cls.__prefix__ for cls in callbacks.button_classes()]
    assert len(prefixes) == len(set(prefixes)), sorted(prefixes)


# What buttons already in people's chats carry: these strings must keep meaning the same press.
PACKED = [
    (CaseCb(act=CaseAct.OPEN, slug="balashov"), "c1:open:balashov:card:0"),
    (CaseCb(act=CaseAct.ALL, slug="balashov", src="list", page=2), "c1:all:balashov:list:2"),
    (CaseCb(act=CaseAct.HEARINGS, slug="balashov", src="my"), "c1:hrg:balashov:my:0"),
    (CaseCb(act=CaseAct.OFF, slug="balashov", src="pick"), "c1:off:balashov:pick:0"),
    (PageCb(page=1), "p1:1"),
    (LangCb(lang="kk"), "l1:kk"),
    (ForgetCb(yes=True), "f1:1"),
    (AnnCb(act=AnnAct.OPEN, slug="balashov"), "a1:open:balashov:0"),
    (AnnCb(act=AnnAct.ICS, slug="balashov", h=7), "a1:ics:balashov:7"),
    (AnnCb(act=AnnAct.STOP, slug="balashov"), "a1:stop:balashov:0"),
    (AnnCb(act=AnnAct.HEARINGS_ONLY, slug="balashov"), "a1:hrg:balashov:0"),
    (AnnCb(act=AnnAct.REPORT, slug="balashov", h=7), "a1:err:balashov:7"),
    (AnnCb(act=AnnAct.GOING, slug="balashov", h=7), "a1:go:balashov:7"),
    (SetCb(act=SetAct.REMINDER, v=1440), "s1:rem:1440"),
    (SetCb(act=SetAct.NONE), "s1:none:0"),
    (SetCb(act=SetAct.NEWS), "s1:news:0"),
    (SetCb(act=SetAct.DEFAULT), "s1:def:0"),
    (DraftCb(token="tok", yes=False), "a1d:tok:0"),
    (ReviewCb(act=ReviewAct.APPROVE, finding=3), "a1r:approve:3"),
    (ReviewCb(act=ReviewAct.REJECT, finding=3), "a1r:reject:3"),
    (ReviewCb(act=ReviewAct.EDIT, finding=3), "a1r:edit:3"),
    (ReviewCb(act=ReviewAct.NEXT, finding=3), "a1r:next:3"),
    (StatusCb(status="released"), "a1s:released"),
    (EditFieldCb(slug="balashov", field="court"), "a1e:balashov:court"),
    (SourceCb(act=SourceAct.PAUSE, source="x"), "a1o:pause:x"),
    (SourceCb(act=SourceAct.RESUME, source="x"), "a1o:resume:x"),
    (SourceCb(act=SourceAct.REMOVE, source="x"), "a1o:remove:x"),
    (EditBoolCb(slug="balashov", field="public", yes=False), "a1b:balashov:public:0"),
]


@pytest.mark.parametrize(("data", "packed"), PACKED, ids=[p for _, p in PACKED])
def test_packed_strings_stay_as_sent(data: CallbackData, packed: str) -> None:
    assert data.pack() == packed
    assert type(data).unpack(packed) == data


def test_every_action_has_a_packed_example() -> None:
    acts = {(type(d), str(d.model_dump()["act"])) for d, _ in PACKED if "act" in type(d).model_fields}
    for cls, enum in ((CaseCb, CaseAct), (AnnCb, AnnAct), (SetCb, SetAct), (ReviewCb, ReviewAct), (SourceCb, SourceAct)):
        assert {(cls, str(member)) for member in enum} <= acts, cls.__name__


def test_an_unknown_action_is_not_a_button_of_that_kind() -> None:
    with pytest.raises(ValueError):
        CaseCb.unpack("c1:jump:balashov:card:0")
