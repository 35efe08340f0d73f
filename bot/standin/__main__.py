"""``python -m bot.standin [--host H] [--port P] [--scale S] [--latency-ms N]``."""

from __future__ import annotations

import argparse
import asyncio

from .server import serve


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bot.standin", description="Telegram Bot API stand-in")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every flood limit")
    parser.add_argument("--latency-ms", type=int, default=0, help="delay every Bot API answer")
    args = parser.parse_args(argv)
    asyncio.run(serve(args.host, args.port, args.scale, args.latency_ms))


if __name__ == "__main__":
    main()
