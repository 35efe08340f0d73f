"""The examples, fixtures and corpus are written in our own words: no run of the seed documents is copied."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
RUN = 9  # words


def _words(text: str) -> list[str]:
    return re.sub(r"\s+", " ", text).split(" ")


def test_no_nine_word_run_of_a_seed_is_in_the_project(seeds: Path) -> None:
    runs: set[str] = set()
    for seed in seeds.iterdir():
        words = _words(seed.read_text(encoding="utf-8"))
        runs.update(" ".join(words[i:i + RUN]) for i in range(len(words) - RUN + 1))
    copied = []
    for folder in ("examples", "tests/corpus", "tests/sources/fixtures"):
        for path in (REPO / folder).rglob("*"):
            if path.is_file():
                words = _words(path.read_text(encoding="utf-8", errors="replace"))
                hits = [" ".join(words[i:i + RUN]) for i in range(len(words) - RUN + 1)]
                copied += [f"{path.relative_to(REPO)}: {h}" for h in hits if h in runs and len(h) > 40]
    assert copied == []
