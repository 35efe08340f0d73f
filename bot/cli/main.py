"""`casewatch` command line: run | demo | cases | sources | poll | extract | db | keys | standin.

This module holds the parser, the logging setup and the dispatch; each command lives in its own module
of `bot.cli`, imported only when it runs (some load aiogram, which takes seconds).

Exit codes: 0 done; 1 the work failed; 2 a usage or configuration error. Errors are one line on stderr.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

from bot.cli.common import error_line
from bot.config import ConfigError
from storage import UnsupportedDatabase
from storage.crypto import DataKeyError


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="casewatch", description="Follow the court cases of detainees on Telegram.")
    p.add_argument("--config", help="TOML file (default: $CASEWATCH_CONFIG, else ./casewatch.toml)")
    p.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = p.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="run the bot (long polling, or Telegram's webhook with --webhook)")
    mode = run.add_mutually_exclusive_group()
    mode.add_argument("--webhook", action="store_true",
                      help="take updates on the HTTP listener (needs WEBHOOK_SECRET, and WEBHOOK_URL or PUBLIC_URL)")
    mode.add_argument("--no-updates", action="store_true",
                      help="take no updates: only send from the outbox and take turns at the scheduler (an "
                           "instance beside the one that polls: Telegram gives updates to one poller at a time)")
    demo = sub.add_parser("demo", help="a scripted conversation against a local Telegram stand-in; no token")
    demo.add_argument("--quiet", action="store_true", help="print only the transcript")

    cases = sub.add_parser("cases", help="manage cases").add_subparsers(dest="cases_command", required=True)
    imp = cases.add_parser("import", help="import [[cases]] from a TOML file (idempotent; the file wins)")
    imp.add_argument("file")
    cases.add_parser("list", help="list the stored cases")

    sources = sub.add_parser("sources", help="sources and their health").add_subparsers(
        dest="sources_command", required=True
    )
    sl = sources.add_parser("list", help="health table")
    sl.add_argument("--json", action="store_true")
    sc = sources.add_parser("check", help="fetch once and show what was parsed; writes nothing")
    sc.add_argument("target", metavar="URL|ID")
    sc.add_argument("--kind", choices=["rss", "html", "telegram", "markdown"])
    sc.add_argument("--json", action="store_true")

    poll = sub.add_parser("poll", help="poll sources")
    poll.add_argument("--once", action="store_true", required=True, help="poll every source once")
    poll.add_argument("--dry-run", action="store_true", help="write nothing")
    poll.add_argument("--json", action="store_true")

    # Only for the help listing: `main` hands `extract` to its own parser before this one runs.
    ex = sub.add_parser("extract", help="find cases, hearings and statements in files", add_help=False)
    ex.add_argument("rest", nargs=argparse.REMAINDER)

    db = sub.add_parser("db", help="database maintenance").add_subparsers(dest="db_command", required=True)
    db.add_parser("migrate", help="apply pending migrations")
    bk = db.add_parser("backup", help="a consistent copy of the database")
    bk.add_argument("path")
    cp = db.add_parser("copy", help="copy every row into an empty database (e.g. SQLite to PostgreSQL)")
    cp.add_argument("src", metavar="SRC_URL")
    cp.add_argument("dst", metavar="DST_URL")

    keys = sub.add_parser("keys", help="the DATA_KEY that encrypts Telegram ids").add_subparsers(
        dest="keys_command", required=True
    )
    keys.add_parser("new", help="print a fresh key (32 random bytes, urlsafe base64)")
    rot = keys.add_parser("rotate", help="re-encrypt every id under a new key, in one transaction")
    rot.add_argument("--old", required=True, help="the current key, or @path of a file holding it")
    rot.add_argument("--new", required=True, help="the new key, or @path of a file holding it")

    st = sub.add_parser("standin", help="run the Telegram Bot API stand-in on its own")
    st.add_argument("--host", default="127.0.0.1")
    st.add_argument("--port", type=int, default=0)
    st.add_argument("--scale", type=float, default=1.0, help="multiply every flood limit")
    st.add_argument("--latency-ms", type=int, default=0, help="delay every Bot API answer")
    return p


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # aiogram logs every update with the chat id at INFO; ours says the same without it.
    logging.getLogger("aiogram.event").setLevel(logging.WARNING)
    # aiosqlite logs every statement with its parameters (chat ids, texts) at DEBUG: never, even with -v.
    logging.getLogger("aiosqlite").setLevel(logging.INFO)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["extract"] or (len(argv) > 2 and argv[0] == "--config" and argv[2] == "extract"):
        # extract has its own parser: its usage errors are one line and exit 2, like every other error.
        from bot.cli import extract

        if argv[0] == "--config":
            os.environ["CASEWATCH_CONFIG"] = argv[1]
            argv = argv[2:]
        return extract.main(argv[1:])
    args = _parser().parse_args(argv)
    _setup_logging(args.verbose)
    try:
        return _dispatch(args)
    except ConfigError as exc:
        error_line(f"config error: {exc.key}: {exc.why}")
        return 2
    except UnsupportedDatabase as exc:
        error_line(f"config error: DATABASE_URL: {exc}")
        return 2
    except DataKeyError as exc:
        error_line(f"key error: {exc}")
        return 2
    except KeyboardInterrupt:
        return 130


def _dispatch(args: argparse.Namespace) -> int:
    """The command's own module, imported now, runs it."""
    match args.command:
        case "run":
            from bot.cli import run

            return run.main(args)
        case "demo":
            from bot.cli import demo

            return demo.main(args)
        case "cases":
            from bot.cli import cases

            return cases.main(args)
        case "sources":
            from bot.cli import sources

            return sources.main(args)
        case "poll":
            from bot.cli import poll

            return poll.main(args)
        case "db":
            from bot.cli import db

            return db.main(args)
        case "keys":
            from bot.cli import keys

            return keys.main(args)
        case "standin":
            from bot.cli import standin

            return standin.main(args)
    raise AssertionError(args.command)


if __name__ == "__main__":
    raise SystemExit(main())
