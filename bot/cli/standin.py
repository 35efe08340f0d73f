"""`casewatch standin`: the Telegram Bot API stand-in on its own, until interrupted."""

from __future__ import annotations

import argparse
import asyncio


def main(args: argparse.Namespace) -> int:
    """Serve until interrupted; the first line printed is the address."""
    from bot.standin.server import serve

    asyncio.run(serve(args.host, args.port, args.scale, args.latency_ms))
    return 0
