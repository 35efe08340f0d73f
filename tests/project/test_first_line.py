"""`casewatch demo` and `casewatch run` say something before loading aiogram, which takes seconds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # each test starts a Python process that imports aiogram

REPO = Path(__file__).resolve().parents[2]


def _output_before_aiogram(args: list[str], tmp_path: Path) -> list[str]:
    """The program's own lines printed before Python imported aiogram (`-X importtime` marks each import)."""
    env = {**os.environ, "BOT_TOKEN": "123:TEST", "TELEGRAM_API_URL": "http://127.0.0.1:9",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'cw.db'}", "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-X", "importtime", "-m", "bot", *args], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    said: list[str] = []
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("import time:"):
                if line.rstrip().endswith("| aiogram"):
                    break
                continue
            said.append(line.strip())
    finally:
        proc.kill()
        proc.wait(timeout=30)
        if proc.stdout is not None:
            proc.stdout.close()
    return said


@pytest.mark.timeout(120)
def test_the_demo_prints_its_first_line_before_loading_aiogram(tmp_path: Path) -> None:
    said = _output_before_aiogram(["demo"], tmp_path)
    assert any(line.startswith("Case Watch demo: starting") for line in said), said


@pytest.mark.timeout(120)
def test_run_logs_a_first_line_before_loading_aiogram(tmp_path: Path) -> None:
    said = _output_before_aiogram(["run"], tmp_path)
    assert any("starting" in line for line in said), said
