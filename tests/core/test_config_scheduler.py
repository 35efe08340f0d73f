"""The scheduler lease's settings: defaults that hand it over within 10 s, and a renewal that must come in time."""

from __future__ import annotations

import pytest

from bot.config import ConfigError, load_settings


def test_defaults_hand_the_lease_over_within_ten_seconds() -> None:
    s = load_settings(None)
    # A holder that dies right after renewing: the lease runs out after the TTL, and the others try
    # every renewal interval.
    assert s.scheduler_lease_ttl + s.scheduler_renew < 10


def test_lease_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCHEDULER_LEASE_TTL", "30s")
    monkeypatch.setenv("SCHEDULER_RENEW", "5")
    s = load_settings(None)
    assert (s.scheduler_lease_ttl, s.scheduler_renew) == (30, 5.0)


@pytest.mark.parametrize(("ttl", "renew"), [(6, 4), (6, 0), (10, -1)])
def test_a_renewal_later_than_half_the_lease_is_refused(ttl: int, renew: float) -> None:
    with pytest.raises(ConfigError, match="SCHEDULER_RENEW"):
        load_settings(None, scheduler_lease_ttl=ttl, scheduler_renew=renew)
