"""The `e2e` and `slow` markers: registered, strictly checked, and `e2e` given by the test's folder."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import pytest

from tests.conftest import E2E, REPO, pytest_collection_modifyitems


def test_markers_are_registered_and_a_misspelt_one_is_an_error(pytestconfig: pytest.Config) -> None:
    registered = {line.split(":", 1)[0].strip() for line in pytestconfig.getini("markers")}
    assert {"e2e", "slow"} <= registered
    assert pytestconfig.option.strict_markers


@dataclass
class _Item:
    path: Path
    markers: list[str] = field(default_factory=list)

    def add_marker(self, marker: Any) -> None:
        self.markers.append(marker.name)

    def get_closest_marker(self, name: str) -> str | None:
        return name if name in self.markers else None


def test_tests_under_e2e_and_only_they_are_marked_e2e(pytestconfig: pytest.Config) -> None:
    inside, nested, outside = _Item(E2E / "test_x.py"), _Item(E2E / "sub" / "test_y.py"), _Item(
        REPO / "tests" / "core" / "test_e2e_named.py"
    )
    pytest_collection_modifyitems(pytestconfig, cast(list[pytest.Item], [inside, nested, outside]))
    assert inside.markers == nested.markers == ["e2e"] and outside.markers == []


def test_slow_tests_are_collected_first_and_the_rest_keep_their_order(pytestconfig: pytest.Config) -> None:
    # xdist deals the first quarter of the tests out one by one: slow ones first spread over the workers.
    quick_a, slow_a, quick_b, slow_b = (_Item(REPO / "tests" / "core" / f"test_{n}.py") for n in "abcd")
    slow_a.markers.append("slow")
    slow_b.markers.append("slow")
    items = [quick_a, slow_a, quick_b, slow_b]
    pytest_collection_modifyitems(pytestconfig, cast(list[pytest.Item], items))
    assert items == [slow_a, slow_b, quick_a, quick_b]
