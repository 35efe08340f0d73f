"""Every test's `random` is seeded from its name (tests/conftest.py), so a chat id or token it draws repeats."""

from __future__ import annotations

import random

import pytest


def test_a_tests_random_draws_are_the_same_on_every_run(request: pytest.FixtureRequest) -> None:
    drawn = [random.randint(10**5, 10**9) for _ in range(3)]
    random.seed(request.node.nodeid)
    assert [random.randint(10**5, 10**9) for _ in range(3)] == drawn
    assert len(set(drawn)) == 3  # draws within one test still differ, so its tokens stay unique on its stand-in
