"""The digest screen's buttons: what the ones already in people's chats carry must keep its meaning."""

from __future__ import annotations

import pytest

from bot.events.digests import OFFERED_ZONES
from bot.telegram.callbacks import DigestAct, DigestCb

PACKED = [
    (DigestCb(act=DigestAct.OPEN), "dg1:open:0:"),
    (DigestCb(act=DigestAct.ON), "dg1:on:0:"),
    (DigestCb(act=DigestAct.OFF), "dg1:off:0:"),
    (DigestCb(act=DigestAct.HOUR, v=20), "dg1:hour:20:"),
    (DigestCb(act=DigestAct.ZONE, z="Asia/Almaty"), "dg1:zone:0:Asia/Almaty"),
    (DigestCb(act=DigestAct.BACK), "dg1:back:0:"),
]


@pytest.mark.parametrize(("data", "packed"), PACKED)
def test_digest_buttons_pack_as_they_always_did(data: DigestCb, packed: str) -> None:
    assert data.pack() == packed
    assert DigestCb.unpack(packed) == data


def test_every_offered_zone_fits_in_a_button() -> None:
    for tz in OFFERED_ZONES:
        assert len(DigestCb(act=DigestAct.ZONE, z=tz).pack().encode()) <= 64
