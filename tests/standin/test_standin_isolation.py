"""The stand-in is a package of its own: nothing in bot/standin imports the bot it stands in for."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
STANDIN = REPO / "bot" / "standin"
FORBIDDEN_TOPS = ("handlers", "storage")


def imported_modules(path: Path) -> list[str]:
    """Every module ``path`` imports, relative imports resolved against the package holding it."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = list(path.relative_to(REPO).parent.parts)
    out: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                out.append(node.module or "")
                continue
            base = package[: len(package) - (node.level - 1)] if node.level <= len(package) else []
            prefix = ".".join(base)
            if node.module:
                out.append(f"{prefix}.{node.module}" if prefix else node.module)
            else:
                out.extend(f"{prefix}.{alias.name}" if prefix else alias.name for alias in node.names)
    return out


def offending(module: str) -> bool:
    top = module.split(".")[0]
    if top in FORBIDDEN_TOPS:
        return True
    if top == "bot":
        return not (module == "bot.standin" or module.startswith("bot.standin."))
    return False


def test_resolution_catches_escapes() -> None:
    assert offending("bot.config") and offending("bot") and offending("storage.api") and offending("handlers")
    assert not offending("bot.standin.state") and not offending("aiohttp.web") and not offending("json")


def standin_modules() -> list[Path]:
    return sorted(STANDIN.rglob("*.py"))


def test_the_standin_has_modules() -> None:
    assert len(standin_modules()) > 5


@pytest.mark.parametrize("path", standin_modules(), ids=lambda p: p.name)
def test_imports_nothing_from_the_bot(path: Path) -> None:
    bad = [m for m in imported_modules(path) if offending(m)]
    assert not bad, f"{path.name} imports {bad}"
