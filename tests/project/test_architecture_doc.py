"""docs/architecture.md stays true to the code: every file and folder it names exists."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "architecture.md"
ROOTS = ("bot/", "handlers/", "storage/", "tests/", "bench/", "docs/", "examples/", "deploy/")
MODULE = re.compile(r"[a-z_0-9]+\.(py|json|sql)|[a-z_0-9]+/")


def _named(line: str) -> list[tuple[str, str | None]]:
    """(path, symbol) for each path a line of the doc names in backticks. In a table row, a bare module name
    (`poller.py`) is read in the folder of the row's first cell, as a reader would."""
    base = None
    if line.startswith("|"):
        first = re.findall(r"`([^`]+)`", line.split("|")[1])
        heads = [f for f in first if f.startswith(ROOTS)]
        if heads:
            base = heads[0] if heads[0].endswith("/") else heads[0].rsplit("/", 1)[0] + "/"
    out: list[tuple[str, str | None]] = []
    for quoted in re.findall(r"`([^`]+)`", line):
        for part in re.split(r"[ ,]+", quoted):
            if any(c in part for c in "{*<"):
                continue  # a pattern, not a file
            path, _, symbol = part.partition(":")
            if path.startswith(ROOTS):
                out.append((path, symbol or None))
            elif base is not None and MODULE.fullmatch(path):
                out.append((base + path, symbol or None))
    return out


def test_every_file_and_symbol_the_architecture_names_exists() -> None:
    missing = []
    for line in DOC.read_text(encoding="utf-8").splitlines():
        for path, symbol in _named(line):
            target = REPO / path
            if not target.exists():
                missing.append(path)
            elif symbol and target.is_file() and symbol not in target.read_text(encoding="utf-8"):
                missing.append(f"{path}:{symbol}")
    assert not missing, f"docs/architecture.md names what is not there: {sorted(set(missing))}"


def test_a_bare_module_name_in_a_row_is_read_in_that_rows_folder() -> None:
    row = "| `bot/sources/` | `fetch.py` (httpx), `gone.py`, `bot/cli/poll.py`, `storage/x.py:SYMBOL` |"
    assert _named(row) == [("bot/sources/", None), ("bot/sources/fetch.py", None), ("bot/sources/gone.py", None),
                           ("bot/cli/poll.py", None), ("storage/x.py", "SYMBOL")]
