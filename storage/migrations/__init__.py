"""Numbered SQL migrations, one file for every backend; placeholders are filled per backend."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]


def load(placeholders: dict[str, str]) -> list[Migration]:
    """Every migration in order, with `{{name}}` placeholders replaced."""
    out = []
    for entry in resources.files(__package__).iterdir():
        m = _NAME.match(entry.name)
        if not m:
            continue
        sql = entry.read_text(encoding="utf-8")
        for key, value in placeholders.items():
            sql = sql.replace("{{" + key + "}}", value)
        if "{{" in sql:
            raise ValueError(f"{entry.name}: unknown placeholder near {sql[sql.index('{{'):][:20]!r}")
        out.append(Migration(int(m.group(1)), entry.name, tuple(_split(sql))))
    out.sort(key=lambda mig: mig.version)
    versions = [mig.version for mig in out]
    if versions != list(range(1, len(out) + 1)):
        raise ValueError(f"migrations must be numbered 1..N without gaps, got {versions}")
    return out


def _split(sql: str) -> list[str]:
    # Statements end with ';' at the end of a line; comments are dropped first.
    lines = [ln for ln in sql.splitlines() if not ln.strip().startswith("--")]
    text = "\n".join(re.sub(r"\s--\s.*$", "", ln) for ln in lines)
    return [s.strip() for s in re.split(r";\s*\n|;\s*$", text) if s.strip()]
