"""The test run says why a test was skipped, so a missing ../shared is not mistaken for a pass."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_a_skipped_test_shows_its_reason_in_the_summary(tmp_path: Path) -> None:
    env = {**os.environ, "CASEWATCH_SEEDS": str(tmp_path / "no-seeds-here")}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "tests/project/test_no_seed_text_copied.py::test_no_nine_word_run_of_a_seed_is_in_the_project"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=50,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "SKIPPED" in run.stdout and "seed documents not found" in run.stdout, run.stdout
