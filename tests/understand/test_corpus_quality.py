"""The labelled corpus is well-formed, and extraction on it does not regress."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from bot.config import load_cases_file
from bot.understand.pipeline import Understander
from tests.understand.extraction_bench import load_extraction_bench

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return load_extraction_bench()


@pytest.fixture(scope="module")
def items(bench: ModuleType) -> list[dict]:
    return bench.load_corpus()


def test_corpus_is_large_enough_and_mixed(items: list[dict]) -> None:
    assert len(items) >= 150
    langs = Counter(i["lang"] for i in items)
    assert (
        langs["ru"] / len(items) >= 0.5
        and langs["en"] / len(items) >= 0.2
        and langs["kk"] / len(items) >= 0.12
    )
    splits = Counter(i["split"] for i in items)
    assert set(splits) == {"dev", "test"} and min(splits.values()) >= 60


def test_corpus_items_are_well_formed(items: list[dict]) -> None:
    slugs = {c.slug for c in load_cases_file(CORPUS / "cases.toml")}
    ids = [i["id"] for i in items]
    assert len(ids) == len(set(ids))
    for i in items:
        assert set(i) == {
            "id",
            "lang",
            "split",
            "published",
            "text",
            "source_case",
            "cases",
            "statement",
            "hearings",
        }
        dt.date.fromisoformat(i["published"])
        assert set(i["cases"]) <= slugs and (i["source_case"] is None or i["source_case"] in slugs)
        assert isinstance(i["statement"], bool)
        for h in i["hearings"]:
            assert h["case"] in i["cases"], i["id"]
            dt.date.fromisoformat(h["date"])
            assert h["time"] is None or re.fullmatch(r"[0-2]\d:[0-5]\d", h["time"])
            assert h["when"] in ("past", "upcoming") and isinstance(h["postponed"], bool)
            # `when` follows the rule in README.md
            day, pub = dt.date.fromisoformat(h["date"]), dt.date.fromisoformat(i["published"])
            if day != pub:
                assert h["when"] == ("past" if day < pub else "upcoming"), i["id"]


@pytest.mark.parametrize("split", ["dev", "test"])
def test_extraction_quality_does_not_regress(bench: ModuleType, items: list[dict], split: str) -> None:
    u = Understander(load_cases_file(CORPUS / "cases.toml"))
    s = bench.evaluate(u, [i for i in items if i["split"] == split])
    # floors a little under the measured figures (see the bench): a drop means a rule broke
    assert s["hearing"].precision >= 0.93
    assert s["hearing"].recall >= 0.88
    assert s["case"].f1 >= 0.97
    assert s["statement"].f1 >= 0.9
