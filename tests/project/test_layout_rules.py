"""Where code may do what: handlers open no transaction, and SQL lives only in storage/.

Handlers parse, call a service in bot/ and render; a write (and the rule deciding it) belongs to the
service. Tests may read the database directly to check what was stored, so they are not held to the
SQL rule.
"""

from __future__ import annotations

import ast
import os
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# Uppercase, as our SQL is written: a log line that starts "update %s" is not a statement.
SQL_STARTS = ("SELECT ", "INSERT INTO", "UPDATE ", "DELETE FROM")
NOT_CODE = {"storage", "tests", "build", "dist"}


def _files(top: Path) -> Iterator[Path]:
    """The project's Python files under `top`, outside storage/ and tests/ (and hidden folders like .venv)."""
    for folder, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if d not in NOT_CODE and not d.startswith((".", "__")))
        yield from (Path(folder) / f for f in sorted(files) if f.endswith(".py"))


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def transactions_in(tree: ast.Module) -> list[int]:
    """Lines that call `<anything>.transaction(...)`."""
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "transaction"]


def sql_in(tree: ast.Module) -> list[int]:
    """Lines of string literals (f-string parts too) that open with an SQL statement."""
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and node.value.lstrip().startswith(SQL_STARTS)]


def test_the_checks_see_what_they_look_for() -> None:
    sample = ast.parse(
        'async def f(store):\n'
        '    async with store.transaction() as tx:\n'
        '        await tx.run("  SELECT id FROM cases")\n'
        '    log.info("update %s failed", 1)\n'
    )
    assert transactions_in(sample) == [2]
    assert sql_in(sample) == [3]


def test_no_handler_opens_a_transaction() -> None:
    found = [f"{path.relative_to(REPO)}:{line}"
             for path in _files(REPO / "handlers") for line in transactions_in(_tree(path))]
    assert found == [], "handlers call a service in bot/ for writes: " + ", ".join(found)


def test_sql_is_written_only_in_storage() -> None:
    found = [f"{path.relative_to(REPO)}:{line}" for path in _files(REPO) for line in sql_in(_tree(path))]
    assert found == [], "SQL belongs in storage/: " + ", ".join(found)
