"""`casewatch extract [--cases FILE] [--published YYYY-MM-DD] [--json] PATH...`

Reads each PATH (text, markdown with front matter, or HTML), and prints the cases it is about,
whether it is a statement, and every hearing found with its confidence (the review threshold only
matters inside the bot). Models load once, so thousands of paths in one call are fine.

The publication date: `--published`, else the front matter's `date` (or the HTML page's), else a
leading `date YYYY-MM-DD` line, else the file's modification time (UTC).

Exit codes: 0 done; 1 a file could not be read (the others are still processed); 2 usage or
configuration error. Errors are one line on stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from bot.events.confidence import would_announce
from bot.understand.docs import Document, read_document
from bot.understand.names import NamedCase
from bot.understand.pipeline import Understander, Understanding

__all__ = ["main", "result_json"]


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so `main` returns 2 with one line on stderr."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def _parser() -> _Parser:
    p = _Parser(prog="casewatch extract", description="Find cases, hearings and statements in files.")
    p.add_argument("--cases", metavar="FILE", help="TOML file with [[cases]] (default: the configured cases)")
    p.add_argument("--published", metavar="YYYY-MM-DD", help="publication date for every file")
    p.add_argument("--json", action="store_true", help="one JSON object per file, one per line")
    p.add_argument("paths", nargs="+", metavar="PATH")
    return p


def _load_cases(path: str | None) -> tuple[list[NamedCase], float]:
    """The cases to look for, and REVIEW_THRESHOLD (from the environment or config, else its default)."""
    from bot.config import Settings, load_cases_file, load_settings

    if path:
        threshold = Settings.model_fields["review_threshold"].default
        env = os.environ.get("REVIEW_THRESHOLD")
        if env:
            threshold = float(env)
        return list(load_cases_file(path)), float(threshold)
    settings = load_settings()
    return list(settings.cases), settings.review_threshold


def result_json(path: str, published: dt.date, u: Understanding, threshold: float) -> dict[str, Any]:
    """The `--json` object of one input (the contract other tools read).

    Each hearing carries `auto`: whether the bot would announce it by itself at `threshold`
    (REVIEW_THRESHOLD); the rest would wait in /review.
    """
    return {
        "path": path,
        "published": published.isoformat(),
        "cases": u.cases,
        "statement": u.statement,
        "statement_cases": u.statement_cases,
        "hearings": [h.as_dict() | {"auto": would_announce(h.confidence, threshold)} for h in u.hearings],
    }


def _published(doc: Document, path: str, fixed: dt.date | None) -> dt.date:
    if fixed is not None:
        return fixed
    if doc.published is not None:
        return doc.published
    return dt.datetime.fromtimestamp(os.stat(path).st_mtime, tz=dt.UTC).date()


def _summary(path: str, published: dt.date, u: Understanding, threshold: float) -> str:
    lines = [f"{path}  (published {published.isoformat()})"]
    lines.append("  cases: " + (", ".join(u.cases) if u.cases else "—"))
    if u.statement:
        lines.append("  statement: yes (" + (", ".join(u.statement_cases) or "?") + ")")
    else:
        lines.append("  statement: no")
    if not u.hearings:
        lines.append("  hearings: none")
    for h in u.hearings:
        at = f"{h.date} {h.time}" if h.time else h.date
        flag = ", postponed" if h.postponed else ""
        ev = h.evidence if len(h.evidence) <= 160 else h.evidence[:157] + "…"
        auto = "announced" if would_announce(h.confidence, threshold) else "to review"
        lines.append(f"  hearing: {h.case} {at} ({h.when}{flag}) confidence {h.confidence:.2f}, {auto}")
        lines.append(f"    « {ev} »")
    return "\n".join(lines)


def main(argv: Sequence[str]) -> int:
    """Run the command with the arguments after `extract`; returns the exit code."""
    try:
        args = _parser().parse_args(list(argv))
    except _UsageError as exc:
        print(f"casewatch extract: {exc}", file=sys.stderr)
        return 2
    fixed: dt.date | None = None
    if args.published:
        try:
            fixed = dt.date.fromisoformat(args.published)
        except ValueError:
            print(
                f"casewatch extract: --published: expected YYYY-MM-DD, got {args.published!r}",
                file=sys.stderr,
            )
            return 2
    from bot.config import ConfigError

    try:
        cases, threshold = _load_cases(args.cases)
    except ValueError:
        print("config error: REVIEW_THRESHOLD: expected a number", file=sys.stderr)
        return 2
    except ConfigError as exc:
        print(f"config error: {exc.key}: {exc.why}", file=sys.stderr)
        return 2
    understander = Understander(cases)
    code = 0
    out = sys.stdout
    for path in args.paths:
        try:
            doc = read_document(path)
            published = _published(doc, path, fixed)
        except OSError as exc:
            print(f"casewatch extract: {path}: {exc.strerror or exc}", file=sys.stderr)
            code = 1
            continue
        u = understander.understand(
            doc.text, published, title=doc.title, front_matter=doc.front_matter or None
        )
        if args.json:
            out.write(json.dumps(result_json(path, published, u, threshold), ensure_ascii=False) + "\n")
        else:
            out.write(_summary(path, published, u, threshold) + "\n\n")
    out.flush()
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
