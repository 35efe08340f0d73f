"""The stand-in's flood limiter, on a fake clock."""

from __future__ import annotations

from bot.standin.limits import FloodLimiter


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def make(scale: float = 1.0) -> tuple[FloodLimiter, FakeClock]:
    clock = FakeClock()
    return FloodLimiter(scale, clock=clock), clock


def test_private_chat_bursts_three_then_429() -> None:
    limiter, clock = make()
    assert all(limiter.check(42, "private") for _ in range(3))
    verdict = limiter.check(42, "private")
    assert not verdict and verdict.retry_after >= 1 and verdict.scope == "chat"
    assert not verdict.during_retry_after
    # Other chats are not affected by one chat's limit.
    assert limiter.check(43, "private")
    clock.advance(verdict.retry_after)
    assert limiter.check(42, "private")


def test_private_chat_sustains_one_per_second() -> None:
    limiter, clock = make()
    for _ in range(3):
        assert limiter.check(42, "private")
    for _ in range(10):
        clock.advance(1.0)
        assert limiter.check(42, "private")


def test_group_allows_twenty_per_rolling_minute() -> None:
    limiter, clock = make()
    for _ in range(20):
        assert limiter.check(-100, "supergroup")
        clock.advance(1.0)  # 20 messages over 20 seconds
    verdict = limiter.check(-100, "supergroup")
    assert not verdict and verdict.retry_after == 40  # the first one leaves the window at t=60
    clock.advance(40)
    assert limiter.check(-100, "supergroup")
    assert not limiter.check(-100, "supergroup")  # the second left only at t=61


def test_channels_and_basic_groups_share_the_group_rule() -> None:
    for chat_type in ("group", "channel"):
        limiter, _ = make()
        assert sum(bool(limiter.check(-5, chat_type)) for _ in range(25)) == 20


def test_bot_wide_thirty_per_second() -> None:
    limiter, clock = make()
    allowed = [bool(limiter.check(chat_id, "private")) for chat_id in range(1, 41)]
    assert allowed == [True] * 30 + [False] * 10
    first_refused = limiter.check(100, "private")
    assert not first_refused and first_refused.scope == "bot"
    clock.advance(1.0)
    assert sum(bool(limiter.check(chat_id, "private")) for chat_id in range(200, 240)) == 30


def test_paid_broadcast_uses_its_own_bucket() -> None:
    limiter, _ = make()
    for chat_id in range(1, 31):
        assert limiter.check(chat_id, "private")
    assert not limiter.check(31, "private")
    # The bot-wide 30/s is exhausted (and closed for retry_after), paid broadcasts still flow.
    assert sum(bool(limiter.check(chat_id, "private", paid=True)) for chat_id in range(1000, 2100)) == 1000


def test_scale_multiplies_every_rate() -> None:
    limiter, clock = make(scale=10)
    assert sum(bool(limiter.check(42, "private")) for _ in range(40)) == 30  # burst 3 x 10
    limiter, clock = make(scale=10)
    assert sum(bool(limiter.check(-1, "group")) for _ in range(250)) == 200  # 20/min x 10
    limiter, clock = make(scale=10)
    assert sum(bool(limiter.check(c, "private")) for c in range(1, 400)) == 300  # 30/s x 10
    # Sustained: 10/s in one private chat.
    limiter, clock = make(scale=10)
    for _ in range(30):
        assert limiter.check(42, "private")
    for _ in range(20):
        clock.advance(0.1)
        assert limiter.check(42, "private")
    verdict = limiter.check(42, "private")
    assert not verdict and verdict.retry_after == 1  # whole seconds, at least 1, even at scale


def test_requests_during_retry_after_are_refused_and_flagged() -> None:
    limiter, clock = make()
    for _ in range(3):
        limiter.check(42, "private")
    first = limiter.check(42, "private")
    assert not first and not first.during_retry_after
    clock.advance(0.5)
    again = limiter.check(42, "private")
    assert not again and again.during_retry_after and again.retry_after == 1
    # Even once the bucket would have a token, the announced retry_after still holds.
    clock.advance(0.4)
    assert limiter.check(42, "private").during_retry_after
    clock.advance(0.1)  # exactly retry_after after the first refusal
    assert limiter.check(42, "private")


def test_bot_wide_retry_after_closes_every_chat() -> None:
    limiter, clock = make()
    for chat_id in range(1, 31):
        limiter.check(chat_id, "private")
    assert not limiter.check(31, "private")
    verdict = limiter.check(-100, "supergroup")  # a fresh chat, but the whole bot is waiting
    assert not verdict and verdict.during_retry_after and verdict.scope == "bot"
    clock.advance(1.0)
    assert limiter.check(-100, "supergroup")


def test_reset_forgets_everything() -> None:
    limiter, _ = make()
    for _ in range(4):
        limiter.check(42, "private")
    limiter.reset()
    assert limiter.check(42, "private")
