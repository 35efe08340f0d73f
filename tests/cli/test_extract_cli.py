"""`casewatch extract`: the CLI contract, and the acceptance run on the seed articles."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bot.cli.extract import main

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "examples" / "casewatch.toml"


def _seeds() -> Path:
    return Path(os.environ.get("CASEWATCH_SEEDS") or ROOT.parent / "shared" / "seeds")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict], str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    rows = [json.loads(line) for line in out.splitlines() if line.strip()] if "--json" in argv else []
    return code, rows, err


def test_seed_articles_give_the_known_hearings_and_statements(capsys: pytest.CaptureFixture[str]) -> None:
    seeds = _seeds()
    files = sorted(seeds.glob("*")) if seeds.is_dir() else []
    if not files:
        pytest.skip(f"seed articles not found at {seeds} (set CASEWATCH_SEEDS)")
    code, rows, _ = _run(capsys, "--cases", str(CASES), "--json", *map(str, files))
    assert code == 0
    by_name = {Path(r["path"]).name[:3]: r for r in rows}
    assert [Path(r["path"]).name for r in rows] == [f.name for f in files]  # input order

    balashov = {(h["date"][5:], h["when"]) for h in by_name["000"]["hearings"] if h["case"] == "balashov"}
    assert {("11-01", "past"), ("11-12", "past")} <= balashov
    verdict = [h for h in by_name["004"]["hearings"] if h["case"] == "balashov"]
    assert [(h["date"][5:], h["when"]) for h in verdict] == [("11-19", "past")]
    for key in ("001", "003"):
        assert by_name[key]["statement"] is True
        assert by_name[key]["statement_cases"] == ["ilyashev"]
    assert by_name["002"]["statement"] is False  # recalls an old letter in passing
    assert by_name["000"]["statement"] is False


def test_json_line_has_the_contract_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(
        "Следующее заседание по делу Виктора Балашова назначено на 17 марта в 10:00.", encoding="utf-8"
    )
    code, rows, _ = _run(capsys, "--cases", str(CASES), "--published", "2026-03-10", "--json", str(doc))
    assert code == 0
    assert rows == [
        {
            "path": str(doc),
            "published": "2026-03-10",
            "cases": ["balashov"],
            "statement": False,
            "statement_cases": [],
            "hearings": [
                {
                    "case": "balashov",
                    "date": "2026-03-17",
                    "time": "10:00",
                    "when": "upcoming",
                    "postponed": False,
                    "confidence": rows[0]["hearings"][0]["confidence"],
                    "evidence": "Следующее заседание по делу Виктора Балашова назначено на 17 марта в 10:00.",
                    "auto": rows[0]["hearings"][0]["auto"],
                }
            ],
        }
    ]
    assert 0.85 <= rows[0]["hearings"][0]["confidence"] <= 1.0
    assert isinstance(rows[0]["hearings"][0]["auto"], bool)


@pytest.mark.parametrize(("threshold", "auto"), [("0.5", True), ("0.999", False)])
def test_auto_says_whether_the_bot_would_announce_at_the_configured_threshold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, threshold: str, auto: bool
) -> None:
    monkeypatch.setenv("REVIEW_THRESHOLD", threshold)
    doc = tmp_path / "a.txt"
    doc.write_text("Суд огласит приговор Виктору Балашову 17 марта 2026 года в 10:00.", encoding="utf-8")
    code, rows, _ = _run(capsys, "--cases", str(CASES), "--published", "2026-03-10", "--json", str(doc))
    assert code == 0
    assert [h["auto"] for h in rows[0]["hearings"]] == [auto]


PUBLISHED = [
    ("front matter date", "---\ntitle: t\ndate: 2025-11-02T10:00:00+06:00\n---\nтекст\n", "2025-11-02"),
    ("leading date line with spaces", "   date 2026-01-29 В изоляторе…\n", "2026-01-29"),
    (
        "html metadata",
        '<html><head><meta property="article:published_time" content="2024-05-06"></head><body><p>x</p></body></html>',
        "2024-05-06",
    ),
]


@pytest.mark.parametrize(("content", "expected"), [c[1:] for c in PUBLISHED], ids=[c[0] for c in PUBLISHED])
def test_publication_date_comes_from_the_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, expected: str
) -> None:
    doc = tmp_path / ("a.html" if content.startswith("<html") else "a.md")
    doc.write_text(content, encoding="utf-8")
    code, rows, _ = _run(capsys, "--cases", str(CASES), "--json", str(doc))
    assert code == 0
    assert rows[0]["published"] == expected


def test_publication_date_falls_back_to_mtime(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("Ничего.", encoding="utf-8")
    os.utime(doc, (1767225600, 1767225600))  # 2026-01-01 00:00 UTC
    _, rows, _ = _run(capsys, "--cases", str(CASES), "--json", str(doc))
    assert rows[0]["published"] == "2026-01-01"


def test_unreadable_file_exits_1_and_goes_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "ok.txt"
    good.write_text("Мовлаев остаётся в СИЗО.", encoding="utf-8")
    code, rows, err = _run(capsys, "--cases", str(CASES), "--json", str(tmp_path / "missing.txt"), str(good))
    assert code == 1
    assert [r["cases"] for r in rows] == [["movlaev"]]
    assert len(err.strip().splitlines()) == 1 and "missing.txt" in err


USAGE = [
    ("no paths", ["--cases", "x.toml"]),
    ("bad published", ["--published", "10.03.2026", "a.txt"]),
    ("unknown option", ["--bogus", "a.txt"]),
]


@pytest.mark.parametrize("argv", [c[1] for c in USAGE], ids=[c[0] for c in USAGE])
def test_usage_errors_exit_2_with_one_line(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, _, err = _run(capsys, *argv)
    assert code == 2
    assert len(err.strip().splitlines()) == 1


def test_missing_cases_file_is_a_config_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "--cases", str(tmp_path / "nope.toml"), "a.txt")
    assert code == 2
    assert err.startswith("config error: ")


def test_default_cases_come_from_the_config(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CASEWATCH_CONFIG", str(CASES))
    doc = tmp_path / "a.txt"
    doc.write_text("Юлия Емельянова написала письмо.", encoding="utf-8")
    code, rows, _ = _run(capsys, "--json", str(doc))
    assert code == 0
    assert rows[0]["cases"] == ["emelyanova"]


def test_summary_without_json_is_readable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("Заседание по делу Мовлаева отложили до 3 декабря.", encoding="utf-8")
    code = main(["--cases", str(CASES), "--published", "2025-11-20", str(doc)])
    out = capsys.readouterr().out
    assert code == 0
    assert "movlaev 2025-12-03 (upcoming, postponed) confidence" in out
