"""The Dockerfile, the README's first commands and CI agree with what the package really provides."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from tests.processes import PROCESS_TEST_TIMEOUT_S

REPO = Path(__file__).resolve().parents[2]


def _pyproject() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def test_dockerfile_runs_the_console_script_and_copies_what_exists() -> None:
    docker = (REPO / "Dockerfile").read_text(encoding="utf-8")
    cmd = re.search(r'^CMD \["([^"]+)", "([^"]+)"\]', docker, re.M)
    assert cmd is not None
    assert cmd.group(1) in _pyproject()["project"]["scripts"]
    assert cmd.group(2) == "run"
    for src in re.findall(r"^COPY (\S+)", docker, re.M):
        assert (REPO / src).exists(), f"Dockerfile copies {src}, which is missing"
    config = re.search(r"cp (\S+) /config/casewatch.toml", docker)
    assert config is not None and (REPO / config.group(1)).is_file()
    assert "USER casewatch" in docker and 'VOLUME ["/data"]' in docker
    assert "pip install ." in docker


def test_readme_opens_with_the_demo_and_the_test_command() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)```", readme, re.S)
    assert block is not None and readme.index(block.group(0)) < 40
    first, second = [ln for ln in block.group(1).splitlines() if ln.strip()][:2]
    assert first.endswith("casewatch demo")
    test_command = second.split("&&")[-1].strip()
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci, "CI must run the README's test command"


@pytest.mark.slow
def test_unknown_cli_command_is_a_usage_error() -> None:
    proc = subprocess.run([sys.executable, "-m", "bot", "nonsense"], capture_output=True, text=True, timeout=60,
                          check=False)
    assert proc.returncode == 2


@pytest.mark.slow
@pytest.mark.timeout(PROCESS_TEST_TIMEOUT_S)  # the build's own deadline (120 s) must be the one that counts
def test_wheel_carries_examples_and_locales(tmp_path: Path) -> None:
    pytest.importorskip("hatchling", reason="hatchling builds the wheel")
    subprocess.run([sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)], cwd=REPO,
                   check=True, capture_output=True, timeout=120)
    wheel = next(tmp_path.glob("*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "bot/_examples/casewatch.toml" in names
    assert {f"bot/locales/{lang}/core.ftl" for lang in ("ru", "en", "kk")} <= names
    assert any(n.startswith("storage/migrations/0001_") for n in names)
    assert shlex.split("casewatch demo")[0] in _pyproject()["project"]["scripts"]
