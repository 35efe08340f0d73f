"""`casewatch` command line: run | demo | cases | sources | poll | extract | db | standin.

Exit codes: 0 done; 1 the work failed; 2 a usage or configuration error. Errors are one line on stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from bot.config import ConfigError, Settings, load_settings
from storage import UnsupportedDatabase
from storage.crypto import DataKeyError

NO_TOKEN = (
    "BOT_TOKEN is not set: talk to @BotFather in Telegram (/newbot) to get a token, then run "
    "`BOT_TOKEN=... casewatch run`; to try Case Watch without one, run `casewatch demo`."
)
NO_KEY_NEW = (
    "DATA_KEY is not set: the database keeps Telegram ids encrypted with it. Make one with `casewatch keys new`, "
    "keep it apart from the database and its backups, and start with DATA_KEY=... (or DATA_KEY_FILE=path)."
)
NO_KEY_HELD = (
    "DATA_KEY is not set, and this database holds Telegram ids: start with the key they are encrypted with "
    "(DATA_KEY=... or DATA_KEY_FILE=path); a database from before encryption takes a new one (`casewatch keys new`)."
)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="casewatch", description="Follow the court cases of detainees on Telegram.")
    p.add_argument("--config", help="TOML file (default: $CASEWATCH_CONFIG, else ./casewatch.toml)")
    p.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = p.add_subparsers(dest="command", required=True)

    sub.add_parser("run", help="run the bot (long polling)")
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
    st.add_argument("--scale", type=float, default=1.0)
    st.add_argument("--latency-ms", type=int, default=0)
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
        from bot.cli import extract as extract_cli

        if argv[0] == "--config":
            import os

            os.environ["CASEWATCH_CONFIG"] = argv[1]
            argv = argv[2:]
        return extract_cli.main(argv[1:])
    args = _parser().parse_args(argv)
    _setup_logging(args.verbose)
    try:
        return _dispatch(args)
    except ConfigError as exc:
        print(f"config error: {exc.key}: {exc.why}", file=sys.stderr)
        return 2
    except UnsupportedDatabase as exc:
        print(f"config error: DATABASE_URL: {exc}", file=sys.stderr)
        return 2
    except DataKeyError as exc:
        print(f"key error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _settings(args: argparse.Namespace, **overrides: Any) -> Settings:
    return load_settings(args.config, **overrides)


def _dispatch(args: argparse.Namespace) -> int:
    cmd = args.command
    if cmd == "standin":
        from bot.standin.server import serve

        asyncio.run(serve(args.host, args.port, args.scale, args.latency_ms))
        return 0
    if cmd == "demo":
        from bot.cli.demo import run_demo

        return asyncio.run(run_demo(config=args.config, quiet=args.quiet))
    if cmd == "db" and args.db_command == "copy":
        from storage.copy import run as copy_database

        return asyncio.run(copy_database(args.src, args.dst))
    if cmd == "keys" and args.keys_command == "new":
        from storage.crypto import new_key

        print(new_key())
        return 0
    settings = _settings(args)
    if cmd == "keys":
        return _run_async(lambda: _rotate(settings, args))
    if cmd == "run":
        if not settings.bot_token:
            print(NO_TOKEN, file=sys.stderr)
            return 2
        if not settings.data_key_text():
            held = _run_async(lambda: _holds_ids(settings))
            print(NO_KEY_HELD if held else NO_KEY_NEW, file=sys.stderr)
            return 2
        return _run_async(lambda: _run_bot(settings))
    if cmd == "cases":
        return _run_async(lambda: _cases(settings, args))
    if cmd == "sources":
        from bot.cli import sources as sources_cli

        if args.sources_command == "list":
            return _run_async(lambda: sources_cli.sources_list(settings, as_json=args.json))
        return _run_async(lambda: sources_cli.sources_check(settings, args.target, kind=args.kind, as_json=args.json))
    if cmd == "poll":
        from bot.cli import sources as sources_cli

        return _run_async(lambda: sources_cli.poll_once(settings, dry_run=args.dry_run, as_json=args.json))
    if cmd == "db":
        if args.db_command == "backup" and Path(args.path).exists():
            print(f"{args.path} exists already", file=sys.stderr)
            return 1
        return _run_async(lambda: _db(settings, args))
    raise AssertionError(cmd)


def _run_async(factory: Callable[[], Coroutine[Any, Any, int]]) -> int:
    return asyncio.run(factory())


async def _run_bot(settings: Settings) -> int:
    # A first line at once: importing aiogram (in bot.runtime.app) takes seconds on a slow machine.
    logging.getLogger("casewatch").info("starting: loading the bot")
    from bot.runtime.app import build_app

    app = await build_app(settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    polling = app.start_polling_task()
    waiter = asyncio.create_task(stop.wait())
    await asyncio.wait({polling, waiter}, return_when=asyncio.FIRST_COMPLETED)
    logging.getLogger("casewatch").info("stopping")
    await app.stop()
    waiter.cancel()
    failure = polling.exception() if polling.done() and not polling.cancelled() else None
    if failure is not None:
        from bot.errors import describe

        print(f"polling failed: {describe(failure)}", file=sys.stderr)
        return 1
    return 0


async def _cases(settings: Settings, args: argparse.Namespace) -> int:
    from bot.cases.directory import import_cases
    from bot.clock import SystemClock
    from bot.config import load_cases_file
    from storage import open_store

    store = await open_store(settings.database_url, ids=settings.data_ids())
    try:
        if args.cases_command == "import":
            decls = load_cases_file(args.file)
            counts = await import_cases(store, decls, now=SystemClock().timestamp(), overwrite=True, origin="import")
            print(f"imported {counts['inserted']}, updated {counts['updated']}, unchanged {counts['unchanged']}")
            return 0
        async with store.read() as tx:
            for case in await tx.cases.list(public_only=False):
                visibility = "public" if case.public else "private"
                print(f"{case.slug}\t{case.status}\t{visibility}\t{case.name}")
        return 0
    finally:
        await store.close()


async def _db(settings: Settings, args: argparse.Namespace) -> int:
    from storage import open_store

    store = await open_store(settings.database_url, migrate=False, ids=settings.data_ids())
    try:
        if args.db_command == "migrate":
            applied = await store.migrate()  # type: ignore[attr-defined]
            print(f"applied {len(applied)} migrations" + (f": {applied}" if applied else ""))
        else:
            await store.backup(args.path)  # type: ignore[attr-defined]
            print(f"backup written to {args.path}")
        return 0
    finally:
        await store.close()


async def _holds_ids(settings: Settings) -> int:
    """1 when the database exists and names someone (or was used with a key), else 0."""
    from storage import open_store
    from storage.crypto import NoIds

    path = settings.sqlite_path
    if path is not None and (str(path) == ":memory:" or not path.exists()):
        return 0
    store = await open_store(settings.database_url, migrate=False, ids=NoIds())
    try:
        return int(await store.holds_ids())  # type: ignore[attr-defined]
    finally:
        await store.close()


def _key_arg(value: str) -> str:
    if value.startswith("@"):
        try:
            return Path(value[1:]).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise DataKeyError(f"{value[1:]} cannot be read ({type(exc).__name__})") from exc
    return value.strip()


async def _rotate(settings: Settings, args: argparse.Namespace) -> int:
    from storage import open_store
    from storage.crypto import Ids

    old, new = Ids(_key_arg(args.old)), Ids(_key_arg(args.new))
    store = await open_store(settings.database_url, ids=old)
    try:
        counts = await store.rotate_key(new)  # type: ignore[attr-defined]
    finally:
        await store.close()
    total = sum(counts.values())
    print(f"re-encrypted {total} ids under the new key; start with DATA_KEY set to it from now on")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
