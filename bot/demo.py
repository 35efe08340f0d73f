"""`casewatch demo`: the real bot against the local stand-in, a scripted conversation, a transcript.

No token and no network: the stand-in listens on 127.0.0.1, the database is temporary, and the clock
is a fake one that the script moves by hand.
"""

from __future__ import annotations

import html
import logging
import re
import shutil
import sys
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from bot.clock import FakeClock
from bot.config import load_settings
from bot.standin.client import Sent, StandinClient
from bot.standin.server import StandinServer

DEMO_TOKEN = "4242424242:DEMO"
DEMO_START = datetime(2026, 3, 10, 4, 0, tzinfo=UTC)  # 09:00 in Almaty


def examples_dir() -> Path:
    """The example configuration: inside the installed package, else beside the checkout."""
    packaged = resources.files("bot") / "_examples"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "examples"


@dataclass
class Person:
    name: str
    chat_id: int
    language: str


@dataclass
class Transcript:
    """What was said, as a readable chat log."""

    out: Callable[[str], Any] = print
    lines: list[str] = field(default_factory=list)

    def say(self, line: str = "") -> None:
        self.lines.append(line)
        self.out(line)

    def user(self, who: Person, text: str) -> None:
        self.say(f"👤 {who.name}: {text}")

    def bot(self, record: Sent) -> None:
        if record.method == "answerCallbackQuery":
            if record.text:
                self.say(f"   ↳ (toast) {record.text}")
            return
        verb = {"editMessageText": "✏️ (edits)", "editMessageReplyMarkup": "✏️ (buttons)",
                "sendDocument": "📎"}.get(record.method, "🤖")
        body = plain(record.text or "")
        if record.document_name:
            body = f"{record.document_name} {body}".strip()
        lines = body.splitlines() or [""]
        self.say(f"{verb} Case Watch: {lines[0]}")
        for line in lines[1:]:
            self.say(f"   {line}")
        for row in buttons(record.reply_markup):
            self.say("   " + "  ".join(f"[ {b} ]" for b in row))

    def step(self, title: str) -> None:
        self.say("")
        self.say(f"── {title} ──")


def plain(text: str) -> str:
    """Telegram HTML → what a phone shows (links keep their address in brackets)."""
    text = re.sub(r'<a href="([^"]+)">([^<]*)</a>', r"\2 (\1)", text)
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def buttons(markup: Any) -> list[list[str]]:
    if not markup:
        return []
    rows = markup.get("inline_keyboard", []) if isinstance(markup, dict) else []
    return [[str(b.get("text", "")) for b in row] for row in rows]


def find_button(records: list[Sent], label: str) -> tuple[int, str]:
    """The message id and callback data of the newest button whose text contains `label`."""
    for record in reversed(records):
        for row in (record.reply_markup or {}).get("inline_keyboard", []):
            for b in row:
                if label in str(b.get("text", "")) and "callback_data" in b:
                    assert record.message_id is not None
                    return record.message_id, str(b["callback_data"])
    raise LookupError(f"no button {label!r}")


class Conversation:
    """Pushes what people do and prints what the bot answers."""

    def __init__(self, client: StandinClient, transcript: Transcript) -> None:
        self.client = client
        self.t = transcript
        self.seen = 0
        self.history: dict[int, list[Sent]] = {}

    async def _flush(self) -> None:
        await self.client.settle()
        for record in await self.client.sent(after=self.seen):
            self.seen = max(self.seen, record.seq)
            if record.chat_id is not None:
                self.history.setdefault(record.chat_id, []).append(record)
            self.t.bot(record)

    async def says(self, who: Person, text: str) -> None:
        self.t.user(who, text)
        await self.client.send_text(who.chat_id, text, language_code=who.language)
        await self._flush()

    async def presses(self, who: Person, label: str) -> None:
        message_id, data = find_button(self.history.get(who.chat_id, []), label)
        self.t.user(who, f"(presses «{label}»)")
        await self.client.press(who.chat_id, message_id, data, language_code=who.language)
        await self._flush()

    async def background(self, action: Callable[[], Awaitable[Any]]) -> None:
        """Something the bot does on its own (a poll, a reminder): print what it sends."""
        await action()
        await self._flush()


async def run_demo(*, config: str | None = None, quiet: bool = False, out: Callable[[str], Any] = print) -> int:
    from bot.app import running

    if quiet or not logging.getLogger().isEnabledFor(logging.DEBUG):
        # The transcript is the output; logs would interleave with it (`casewatch -v demo` shows them).
        logging.getLogger().setLevel(logging.WARNING)
    workdir = Path(tempfile.mkdtemp(prefix="casewatch-demo-"))
    server = StandinServer(scale=20)
    try:
        shutil.copytree(examples_dir(), workdir / "examples")
        base = await server.start()
        settings = load_settings(
            Path(config) if config else workdir / "examples" / "casewatch.toml",
            bot_token=DEMO_TOKEN,
            telegram_api_url=base,
            database_url=f"sqlite:///{workdir / 'demo.db'}",
            allow_private_urls=True,
            admin_ids=[9001],
        )
        clock = FakeClock(DEMO_START)
        transcript = Transcript(out=out)
        transcript.say(f"Case Watch demo: the real bot against a local Telegram stand-in at {base}")
        transcript.say(f"(fake clock: {DEMO_START:%Y-%m-%d %H:%M} UTC; temporary data in {workdir})")
        async with StandinClient(base, DEMO_TOKEN) as client, running(settings, clock=clock) as app:
            talk = Conversation(client, transcript)
            await script(talk, app)
        transcript.say("")
        transcript.say("Demo finished: every message above went through the real bot over HTTP.")
        return 0
    except Exception as exc:
        print(f"demo failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    finally:
        await server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


async def script(talk: Conversation, app: Any) -> None:
    """The scripted conversation; later parts of the loop add their scenes here."""
    supporter = Person("Supporter (ru)", 1001, "ru")
    relative = Person("Relative (ru)", 1002, "ru")
    friend = Person("Friend abroad (en)", 1003, "en")

    talk.t.step("A supporter finds a case by an inflected name")
    await talk.says(supporter, "/start")
    await talk.says(supporter, "/follow Балашову")
    await talk.says(supporter, "/my")
    await talk.says(supporter, "/case Ильяшев")

    talk.t.step("A relative opens the campaign's deep link and picks hearings only")
    await talk.says(relative, "/start c_balashov")
    await talk.presses(relative, "📅")
    await talk.says(relative, "/my")

    talk.t.step("A friend abroad writes in English, with a Latin spelling")
    await talk.says(friend, "/follow Yemelyanova")
    await talk.says(friend, "/follow nobody-like-this")
