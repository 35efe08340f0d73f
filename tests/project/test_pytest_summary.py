"""The test run says why a test was skipped, so a missing ../shared is not mistaken for a pass."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.processes import PROCESS_TEST_TIMEOUT_S, START_S

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.timeout(PROCESS_TEST_TIMEOUT_S)  # a whole pytest run in processes of its own, on a busy machine
def test_a_skipped_test_shows_its_reason_in_the_summary(tmp_path: Path) -> None:
    env = {**os.environ, "CASEWATCH_SEEDS": str(tmp_path / "no-seeds-here")}
    # One xdist worker, not the four of addopts: the report still comes through xdist, for a fifth of the
    # interpreters that a busy machine would have to start.
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-n", "1", "-p", "no:cacheprovider",
         "tests/project/test_no_seed_text_copied.py::test_no_nine_word_run_of_a_seed_is_in_the_project"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=START_S,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "SKIPPED" in run.stdout and "seed documents not found" in run.stdout, run.stdout
