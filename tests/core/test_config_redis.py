"""REDIS_URL: empty by default, redis:// or rediss://, and a bad one is the usual one-line config error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "casewatch.toml"


def test_redis_url_is_empty_by_default_and_an_empty_value_is_none(monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_settings(EXAMPLE).redis_url is None
    monkeypatch.setenv("REDIS_URL", "  ")
    assert load_settings(EXAMPLE).redis_url is None


@pytest.mark.parametrize("url", ["redis://127.0.0.1:6379/0", "rediss://user:pw@cache.example:6380/2"])
def test_redis_and_rediss_urls_are_taken(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    monkeypatch.setenv("REDIS_URL", url)
    assert load_settings(EXAMPLE).redis_url == url


def test_toml_key_works_and_the_environment_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "c.toml"
    f.write_text('redis_url = "redis://10.0.0.5:6379/1"\n', encoding="utf-8")
    assert load_settings(f).redis_url == "redis://10.0.0.5:6379/1"
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/3")
    assert load_settings(f).redis_url == "redis://127.0.0.1:6379/3"


@pytest.mark.parametrize("url", ["http://127.0.0.1:6379", "127.0.0.1:6379", "unix:///tmp/redis.sock"])
def test_other_schemes_are_refused(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    monkeypatch.setenv("REDIS_URL", url)
    with pytest.raises(ConfigError) as err:
        load_settings(EXAMPLE)
    assert err.value.key == "REDIS_URL"


def test_cli_exits_2_with_one_line_that_does_not_repeat_the_password(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "CASEWATCH_CONFIG": str(EXAMPLE), "HOME": str(tmp_path),
           "REDIS_URL": "http://admin:s3cret@cache:6379"}
    proc = subprocess.run([sys.executable, "-m", "bot", "cases", "list"], env=env, capture_output=True, text=True,
                          timeout=60, check=False)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert lines == ["config error: REDIS_URL: expected redis://host:port/db, or rediss://… for TLS"]
    assert "s3cret" not in proc.stderr + proc.stdout
