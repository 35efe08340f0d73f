"""bench/extraction.py: its scoring, threshold choice, folds by outlet, error taxonomy and training hook."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from bot.config import CaseDecl
from tests.understand.extraction_bench import load_extraction_bench

bench = load_extraction_bench()
CASES = [
    CaseDecl.model_validate({"slug": "balashov", "name": "Виктор Балашов", "aliases": ["Балашов"]}),
    CaseDecl.model_validate({"slug": "movlaev", "name": "Мансур Мовлаев", "aliases": ["Мовлаев"]}),
]


def H(
    case: str, date: str, time: str | None = None, when: str = "past", postponed: bool = False
) -> dict[str, Any]:
    return {"case": case, "date": date, "time": time, "when": when, "postponed": postponed}


def P(
    case: str,
    date: str,
    time: str | None = None,
    when: str = "past",
    postponed: bool = False,
    confidence: float = 0.9,
    evidence: str = "",
) -> Any:
    return bench.PredHearing(case, date, time, when, postponed, confidence, evidence)


def item(hearings: list[dict[str, Any]], cases: Sequence[str] = ("balashov",), **kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "x-1",
        "lang": "ru",
        "published": "2026-03-10",
        "text": "",
        "source": None,
        "source_case": None,
        "cases": list(cases),
        "statement": False,
        "hearings": hearings,
    }
    base.update(kw)
    return base


def pred(hearings: list[Any], cases: Sequence[str] = ("balashov",), statement: bool = False) -> Any:
    return bench.Pred(cases=list(cases), statement=statement, hearings=hearings)


# --- scoring ---------------------------------------------------------------------------------------


def test_scoring_counts_the_exact_key_and_auto_hearings_at_the_threshold() -> None:
    items = [
        item([H("balashov", "2026-03-17", "10:00", "upcoming"), H("balashov", "2026-03-01")], id="a"),
        item([], cases=("movlaev",), statement=True, id="b", lang="kk"),
    ]
    preds = [
        pred(
            [
                P("balashov", "2026-03-17", "10:00", "upcoming", confidence=0.95),  # right, auto
                P("balashov", "2026-03-01", None, "upcoming", confidence=0.60),  # wrong when, for review
                P("balashov", "2026-03-05", confidence=0.97),  # wrong date, auto
            ]
        ),
        pred([], cases=("movlaev", "balashov"), statement=False),
    ]
    f = bench.score(items, preds, threshold=0.9)
    assert (f.gold, f.found, f.tp) == (2, 3, 1)
    assert f.all_precision == pytest.approx(1 / 3) and f.all_recall == pytest.approx(0.5)
    assert (f.auto, f.auto_tp, f.auto_wrong) == (2, 1, 1)
    assert f.auto_precision == pytest.approx(0.5) and f.auto_recall == pytest.approx(0.5)
    assert (f.case_tp, f.case_fp, f.case_fn) == (2, 1, 0)
    assert f.case_f1 == pytest.approx(0.8)
    assert (f.stmt_tp, f.stmt_fn) == (0, 1) and f.statement_f1 == 0.0
    # a wrong `when` on a gold day is not a wrong date: only the 03-05 one counts
    lower = bench.score(items, preds, threshold=0.5)
    assert (lower.auto, lower.auto_wrong) == (3, 1)


def test_figures_with_nothing_to_measure_are_not_applicable() -> None:
    f = bench.score([item([], cases=())], [pred([], cases=())]).figures()
    assert f["all_precision"] is None and f["auto_precision"] is None and f["statement_f1"] is None
    assert f["auto_wrong"] == 0


def test_threshold_is_the_lowest_grid_value_with_auto_precision_at_the_goal() -> None:
    items = [item([H("balashov", f"2026-03-{d:02d}") for d in range(1, 11)])]
    good = [P("balashov", f"2026-03-{d:02d}", confidence=0.80) for d in range(1, 11)]
    bad = P("balashov", "2026-03-20", confidence=0.72)
    assert bench.choose_threshold(items, [pred([*good, bad])]) == 0.73
    # nothing reaches the goal below a wrong one at 0.99: the highest grid value
    worst = P("balashov", "2026-03-21", confidence=0.995)
    assert bench.choose_threshold(items, [pred([*good, worst])]) == 0.99


@pytest.mark.slow
def test_cross_validated_predictions_carry_their_folds_threshold() -> None:
    items = [
        item(
            [H("balashov", "2026-03-17", "10:00", "upcoming")],
            id="one",
            text="Следующее заседание по делу Виктора Балашова назначено на 17 марта в 10:00.",
            source="https://www.one.kz/a",
        ),
        item([], cases=("movlaev",), id="two", text="Мовлаев остаётся в СИЗО.", source="https://two.kz/b"),
    ]
    cv = bench.cross_validate(CASES, items, k=2)
    assert cv.folds == {"one.kz": 0, "two.kz": 1} and cv.fold_items == [1, 1]
    assert [p.threshold for p in cv.preds] == cv.thresholds
    f = bench.score(items, cv.preds)
    assert (f.tp, f.found, f.case_fn) == (1, 1, 0)


# --- folds by outlet -------------------------------------------------------------------------------


def test_outlet_is_the_host_without_www_amp_or_m() -> None:
    assert bench.host_of("https://WWW.Vlast.kz/news/1") == "vlast.kz"
    assert bench.host_of("https://amp.kloop.kg/x") == "kloop.kg"
    assert bench.host_of("http://m.24.kg/y?z=1") == "24.kg"
    assert bench.host_of("https://ru.globalvoices.org/") == "ru.globalvoices.org"
    assert bench.host_of(None) == "?"


def test_folds_group_items_by_host_and_balance_them() -> None:
    hosts = ["a.kz"] * 4 + ["www.a.kz", "m.a.kz"] + ["b.kz"] * 3 + ["c.kz"] * 2 + ["d.kz"] * 2 + ["e.kz"]
    items = [{"source": f"https://{h}/{n}"} for n, h in enumerate(hosts)]
    folds = bench.assign_folds(items, k=3)
    assert set(folds) == {"a.kz", "b.kz", "c.kz", "d.kz", "e.kz"}  # www.a.kz and m.a.kz are a.kz
    assert folds == {"a.kz": 0, "b.kz": 1, "c.kz": 2, "d.kz": 2, "e.kz": 1}
    assert bench.assign_folds(list(reversed(items)), k=3) == folds  # order of items does not matter


# --- error taxonomy --------------------------------------------------------------------------------


def classes(it: dict[str, Any], pr: Any, other: Any = None) -> list[str]:
    misses = bench.classify_misses(it, pr) if other is None else bench.classify_misses(it, pr, other)
    return sorted(m.cls for m in misses)


def test_a_case_not_found_is_names_for_the_case_and_its_hearings() -> None:
    it = item([H("balashov", "2026-03-01")])
    assert classes(it, pred([], cases=())) == ["names", "names"]
    # a namesake taken for a tracked case: the extra case and its hearing
    assert classes(item([], cases=()), pred([P("movlaev", "2026-03-01")], cases=("movlaev",))) == [
        "names",
        "names",
    ]


def test_a_statement_missed_or_invented_is_statements() -> None:
    assert classes(item([], statement=True), pred([])) == ["statements"]
    assert classes(item([]), pred([], statement=True)) == ["statements"]


def test_one_wrong_field_counts_once() -> None:
    it = item([H("balashov", "2026-03-06", "10:00", "past")])
    assert classes(it, pred([P("balashov", "2026-03-06", "10:00", "upcoming")])) == ["tense"]
    assert classes(it, pred([P("balashov", "2026-03-06", None, "past")])) == ["time"]
    moved = item([H("balashov", "2026-03-20", None, "upcoming", True)])
    assert classes(moved, pred([P("balashov", "2026-03-20", None, "upcoming", False)])) == ["moves"]


def test_the_original_date_of_a_moved_session_is_moves() -> None:
    it = item([H("balashov", "2026-03-20", None, "upcoming", True)])
    got = pred(
        [P("balashov", "2026-03-20", None, "upcoming", True), P("balashov", "2026-02-13", None, "upcoming")]
    )
    assert classes(it, got) == ["moves"]
    # the new date missed and the old one given as a plain upcoming session: one moves miss
    assert classes(it, pred([P("balashov", "2026-03-13", None, "upcoming")])) == ["moves"]


def test_a_nearby_or_same_day_of_month_date_is_date_resolution() -> None:
    it = item([H("balashov", "2026-03-06")])
    assert classes(it, pred([P("balashov", "2026-03-13", None, "upcoming")])) == ["date resolution"]
    assert classes(it, pred([P("balashov", "2025-03-06")])) == ["date resolution"]
    # a hearing "today" missed altogether
    today = item([H("balashov", "2026-03-10")])
    assert classes(today, pred([])) == ["date resolution"]


def test_a_session_given_to_the_wrong_tracked_case_is_co_defendants() -> None:
    it = item([H("balashov", "2026-03-06")], cases=("balashov", "movlaev"))
    got = pred([P("movlaev", "2026-03-06")], cases=("balashov", "movlaev"))
    assert classes(it, got) == ["co-defendants"]


def test_an_extra_session_about_someone_else_is_co_defendants() -> None:
    it = item([H("balashov", "2026-03-06")])
    extra = P("balashov", "2026-02-02", evidence="Заседание по делу Петрова назначено на 2 февраля.")
    got = pred([P("balashov", "2026-03-06"), extra])
    assert classes(it, got, lambda evidence, case: "Петрова" in evidence) == ["co-defendants"]
    assert classes(it, got, lambda evidence, case: False) == ["other"]


def test_anything_else_is_other() -> None:
    it = item([H("balashov", "2026-05-20")])
    assert classes(it, pred([P("balashov", "2026-01-02")])) == ["other", "other"]


def test_people_in_evidence_are_found_unless_the_case_itself_is_named() -> None:
    other = bench.OtherPeople(bench.Understander(CASES), CASES)
    assert other("Заседание по делу Ивана Петрова назначено на 2 февраля.", "balashov")
    assert other("Мовлаев предстанет перед судом 2 февраля.", "balashov")
    assert not other("Балашов и Петров предстанут перед судом 2 февраля.", "balashov")
    assert not other("Суд назначен на 2 февраля.", "balashov")


def test_misses_list_their_evidence() -> None:
    it = item([H("balashov", "2026-03-06")])
    (m,) = bench.classify_misses(it, pred([P("balashov", "2026-03-06", "10:00", evidence="В 10:00 суд.")]))
    assert (m.cls, m.item, m.what) == ("time", "x-1", "wrong")
    assert "evidence: В 10:00 суд." in m.line()


# --- the hook for a trained component --------------------------------------------------------------


def test_hook_gives_a_plain_understander_without_a_calibration_module(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(bench, "_calibration_fit", lambda: None)
    assert type(bench.make_understander(CASES, [])) is bench.Understander


def test_hook_fits_on_the_training_items_and_passes_the_calibration(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    def fit(train: list[dict[str, Any]], cases: Sequence[CaseDecl]) -> str:
        seen["train"], seen["cases"] = train, cases
        return "fitted"

    class Fake:
        def __init__(self, cases: Sequence[CaseDecl], *, calibration: object = None) -> None:
            seen["calibration"] = calibration

    monkeypatch.setattr(bench, "_calibration_fit", lambda: fit)
    monkeypatch.setattr(bench, "Understander", Fake)
    train = [item([])]
    assert isinstance(bench.make_understander(CASES, train), Fake)
    assert seen == {"train": train, "cases": CASES, "calibration": "fitted"}


# --- the whole run ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_bench_runs_on_a_tiny_real_dev_and_ends_with_one_json_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "corpus").mkdir()
    data = {
        "cases": [
            {"slug": "balashov", "name": "Виктор Балашов", "aliases": ["Балашов"], "timezone": "Asia/Almaty"}
        ],
        "items": [
            {
                "id": f"t-{n}",
                "lang": lang,
                "published": "2026-03-10",
                "source": f"https://www.host{n}.kz/a",
                "text": "Следующее заседание по делу Виктора Балашова назначено на 17 марта в 10:00.",
                "expect": {
                    "cases": ["balashov"],
                    "statement": False,
                    "hearings": [H("balashov", "2026-03-17", "10:00", "upcoming")],
                },
            }
            for n, lang in enumerate(["ru", "kk", "en", "ru", "kk"])
        ],
    }
    (tmp_path / "corpus" / "real-dev.json").write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setenv("CASEWATCH_SHARED", str(tmp_path))
    monkeypatch.setenv("CASEWATCH_SEEDS", str(tmp_path / "no-seeds"))
    assert bench.main(["--no-speed"]) == 0
    out = capsys.readouterr().out.splitlines()
    result = json.loads(out[-1])
    for key in ("all_precision", "all_recall", "auto_precision", "auto_recall", "auto_wrong", "case_f1"):
        assert (
            f"realdev_cv_{key}" in result and f"realdev_cv_kk_{key}" in result and f"own_test_{key}" in result
        )
    assert result["realdev_cv_all_recall"] == 1.0 and result["realdev_cv_items"] == 5
    assert len(result["realdev_cv_fold_thresholds"]) == 5
    assert set(result["misses_by_class"]) == set(bench.CLASSES)
    assert 0.5 <= result["threshold"] <= 0.99
    assert any(line.startswith("REVIEW_THRESHOLD to ship:") for line in out)
    assert any("skipped: no seed articles" in line for line in out)


def test_bench_says_why_it_skips_an_absent_real_dev(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CASEWATCH_SHARED", str(tmp_path))
    monkeypatch.setenv("CASEWATCH_SEEDS", str(tmp_path / "no-seeds"))
    assert bench.main(["--no-speed", "--split", "test"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "skipped: real-dev not found" in json.loads(out[-1])["realdev_skipped"]
    assert any("skipped: real-dev not found" in line for line in out)
