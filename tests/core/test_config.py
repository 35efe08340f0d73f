"""Settings: precedence, validation messages, case declarations."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import ConfigError, load_cases_file, load_settings, parse_duration

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "casewatch.toml"


def test_example_config_declares_the_four_seed_cases() -> None:
    s = load_settings(EXAMPLE)
    assert [c.slug for c in s.cases] == ["balashov", "ilyashev", "movlaev", "emelyanova"]
    assert all(c.timezone == "Asia/Almaty" for c in s.cases)


def test_environment_wins_over_toml(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEFAULT_LANGUAGE", "kk")
    monkeypatch.setenv("ADMIN_IDS", "11, 22")
    s = load_settings(EXAMPLE)
    assert s.default_language == "kk"
    assert s.admin_ids == [11, 22]


def test_toml_relative_database_path_resolves_against_the_file() -> None:
    s = load_settings(EXAMPLE)
    assert s.database_url == "sqlite:///" + str((EXAMPLE.parent / "../data/casewatch.db").resolve())


@pytest.mark.parametrize(
    ("env", "key"),
    [({"ADMIN_IDS": "alice"}, "ADMIN_IDS"), ({"REMINDERS": "5"}, "REMINDERS"),
     ({"DEFAULT_LANGUAGE": "de"}, "DEFAULT_LANGUAGE"), ({"POLL_INTERVAL": "soon"}, "POLL_INTERVAL"),
     ({"DATABASE_URL": "mysql://x"}, "DATABASE_URL"), ({"DEFAULT_TIMEZONE": "Mars/Olympus"}, "DEFAULT_TIMEZONE")],
    ids=["admin-ids", "reminders", "language", "duration", "database", "timezone"],
)
def test_invalid_setting_names_the_key(monkeypatch: pytest.MonkeyPatch, env: dict[str, str], key: str) -> None:
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    with pytest.raises(ConfigError) as err:
        load_settings(EXAMPLE)
    assert err.value.key == key


def test_bad_case_slug_is_reported(tmp_path: Path) -> None:
    f = tmp_path / "c.toml"
    f.write_text('[[cases]]\nslug = "Bad Slug"\nname = "X"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_cases_file(f)
    assert "slug" in str(err.value)


def test_source_pointing_at_unknown_case_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "c.toml"
    f.write_text('[[sources]]\nid = "a"\nkind = "rss"\nurl = "https://example.org/f"\ncase = "nobody"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_settings(f)
    assert "unknown case" in err.value.why


@pytest.mark.parametrize(("text", "seconds"), [("30s", 30), ("10m", 600), ("6h", 21600), ("1d", 86400), (45, 45)])
def test_durations(text: str | int, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.slow
def test_cli_prints_one_line_and_exits_2_on_a_bad_setting(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "ADMIN_IDS": "x", "CASEWATCH_CONFIG": str(EXAMPLE), "HOME": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-m", "bot", "cases", "list"], env=env, capture_output=True, text=True,
                          timeout=60, check=False)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == ["config error: ADMIN_IDS: expected comma-separated Telegram user ids, e.g. 123,456"]


@pytest.mark.slow
def test_run_without_token_points_at_botfather_and_the_demo(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "CASEWATCH_CONFIG": str(EXAMPLE), "HOME": str(tmp_path),
           "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"}
    proc = subprocess.run([sys.executable, "-m", "bot", "run"], env=env, capture_output=True, text=True,
                          timeout=60, check=False)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "@BotFather" in lines[0] and "casewatch demo" in lines[0]


def test_a_postgres_url_that_does_not_answer_is_one_line(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "CASEWATCH_CONFIG": str(EXAMPLE), "HOME": str(tmp_path),
           "DATABASE_URL": "postgresql://nobody:secret@127.0.0.1:1/test"}
    proc = subprocess.run([sys.executable, "-m", "bot", "cases", "list"], env=env, capture_output=True, text=True,
                          timeout=60, check=False)
    assert proc.returncode == 2
    [line] = proc.stderr.strip().splitlines()
    assert line.startswith("config error: DATABASE_URL: cannot connect to PostgreSQL (") and "secret" not in line
