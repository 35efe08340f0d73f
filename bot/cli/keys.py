"""`casewatch keys new | rotate --old K --new K`: the DATA_KEY that encrypts Telegram ids."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.cli.common import open_store, run_async, settings_of
from bot.config import Settings
from storage.crypto import DataKeyError


def main(args: argparse.Namespace) -> int:
    """`casewatch keys new` prints a key; `casewatch keys rotate` re-encrypts the database under another."""
    if args.keys_command == "new":
        # No settings needed: a key is made before there is any configuration to hold it.
        from storage.crypto import new_key

        print(new_key())
        return 0
    settings = settings_of(args)
    return run_async(rotate(settings, key_arg(args.old), key_arg(args.new)))


def key_arg(value: str) -> str:
    """A key given on the command line, or `@path` of a file that holds it."""
    if value.startswith("@"):
        try:
            return Path(value[1:]).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise DataKeyError(f"{value[1:]} cannot be read ({type(exc).__name__})") from exc
    return value.strip()


async def rotate(settings: Settings, old_key: str, new_key: str) -> int:
    """Every stored id re-encrypted from `old_key` to `new_key`, in one transaction."""
    from storage.crypto import Ids

    old, new = Ids(old_key), Ids(new_key)
    store = await open_store(settings, ids=old)
    try:
        counts = await store.rotate_key(new)  # type: ignore[attr-defined]
    finally:
        await store.close()
    total = sum(counts.values())
    print(f"re-encrypted {total} ids under the new key; start with DATA_KEY set to it from now on")
    return 0
