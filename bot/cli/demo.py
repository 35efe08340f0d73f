"""`casewatch demo`: the real bot against the local stand-in, a scripted conversation, a transcript.

No token and no network: the stand-in listens on 127.0.0.1, the database is temporary, and the clock
is a fake one that the script moves by hand.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import html
import logging
import re
import shutil
import sys
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.clock import FakeClock
from bot.config import load_settings
from storage.crypto import new_key

if TYPE_CHECKING:
    from bot.standin.client import Sent, StandinClient

DEMO_TOKEN = "4242424242:DEMO"
DEMO_START = datetime(2026, 3, 10, 4, 0, tzinfo=UTC)  # 09:00 in Almaty
DEMO_PUBLIC_URL = "https://casewatch.example.org"
ANSWER_TIMEOUT_S = 30.0  # the bot answers in well under a second; a loaded two-core machine may take seconds


def examples_dir() -> Path:
    """The example configuration: inside the installed package, else beside the checkout."""
    packaged = resources.files("bot") / "_examples"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "examples"


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

    def bot(self, record: Sent, to: str | None = None) -> None:
        if record.method == "answerCallbackQuery":
            if record.text:
                self.say(f"   ↳ (toast) {record.text}")
            return
        if record.method == "editMessageReplyMarkup":
            rows = buttons(record.reply_markup)
            self.say("✏️ Case Watch: (" + ("changes the buttons" if rows else "removes the buttons") + ")")
            for row in rows:
                self.say("   " + "  ".join(f"[ {b} ]" for b in row))
            return
        verb = {"editMessageText": "✏️ (edits)", "sendDocument": "📎"}.get(record.method, "🤖")
        body = plain(record.text or "")
        if record.document_name:
            body = f"{record.document_name} {body}".strip()
        lines = body.splitlines() or [""]
        self.say(f"{verb} Case Watch{f' → {to}' if to else ''}: {lines[0]}")
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
        self.people: dict[int, Person] = {}

    async def _flush(self, speaker: Person | None = None) -> None:
        """Print what the bot sent since last time; messages to anyone but the speaker name their recipient."""
        await self.client.settle()
        for record in await self.client.sent(after=self.seen):
            self.seen = max(self.seen, record.seq)
            if record.chat_id is not None:
                self.history.setdefault(record.chat_id, []).append(record)
            who = self.people.get(record.chat_id) if record.chat_id is not None else None
            to = who.name if who is not None and who is not speaker else None
            self.t.bot(record, to=to)

    async def says(self, who: Person, text: str) -> None:
        self.people[who.chat_id] = who
        self.t.user(who, text)
        await self.client.send_text(who.chat_id, text, language_code=who.language)
        await self._answered(who)
        await self._flush(who)

    async def presses(self, who: Person, label: str) -> None:
        message_id, data = find_button(self.history.get(who.chat_id, []), label)
        self.t.user(who, f"(presses «{label}»)")
        await self.client.press(who.chat_id, message_id, data, language_code=who.language)
        await self._answered(who, method="answerCallbackQuery")
        await self._flush(who)

    async def _answered(self, who: Person, *, method: str | None = None) -> None:
        """Until the bot has answered `who` (every message and press in the script gets an answer).

        Waiting only for the stand-in to go quiet is not enough: a handler busy with the database on a loaded
        machine makes no request for a while, and the next step would look for a button not yet sent.
        """
        with contextlib.suppress(AssertionError):  # no answer in time: the transcript shows none, and goes on
            await self.client.wait_sent(who.chat_id, 1, after=self.seen, timeout=ANSWER_TIMEOUT_S, method=method)

    async def background(self, action: Callable[[], Awaitable[Any]]) -> None:
        """Something the bot does on its own (a poll, a reminder): print what it sends, and to whom."""
        await action()
        await self._flush()


def main(args: argparse.Namespace) -> int:
    """`casewatch demo [--quiet]`: 0 when the whole script ran, 1 when it broke off."""
    return asyncio.run(run_demo(config=args.config, quiet=args.quiet))


def say(line: str) -> None:
    """A transcript line, shown at once even when the output is a pipe."""
    print(line, flush=True)


async def run_demo(*, config: str | None = None, quiet: bool = False, out: Callable[[str], Any] = say) -> int:
    # Say something at once: loading the Telegram library (aiogram) takes seconds on a slow machine.
    out("Case Watch demo: starting the bot and a local Telegram stand-in…")
    from bot.runtime.app import running
    from bot.standin.client import StandinClient
    from bot.standin.server import StandinServer

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
            data_key=new_key(),  # a throwaway key: the demo's database is deleted at the end
            public_url=DEMO_PUBLIC_URL,  # only written on the case card; the feed itself is fetched locally
        )
        clock = FakeClock(DEMO_START)
        transcript = Transcript(out=out)
        transcript.say(f"Case Watch demo: the real bot against a local Telegram stand-in at {base}")
        transcript.say(f"(fake clock: {DEMO_START:%Y-%m-%d %H:%M} UTC; temporary data in {workdir})")
        # No scheduler: the script runs each tick itself, so the transcript reads the same every time.
        async with StandinClient(base, DEMO_TOKEN) as client, running(settings, clock=clock, scheduler=False) as app:
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

    await letters_scene(talk, supporter, friend)
    await hearing_scenes(talk, app, supporter, relative)


async def letters_scene(talk: Conversation, supporter: Person, friend: Person) -> None:
    talk.t.step("How to write to him: the letters card behind ✉️, in each reader's language")
    await talk.says(supporter, "/case Балашов")
    await talk.presses(supporter, "✉️")
    await talk.says(friend, "/case Balashov")
    await talk.presses(friend, "✉️")


HEARING_NEWS = """---
title: "Дело Балашова: новое заседание 17 марта"
date: 2026-03-10T09:30:00+05:00
sourcelink: "https://example.org/balashov/zasedanie-17-marta"
---

Медеуский районный суд Алматы назначил следующее заседание по делу Виктора Балашова на 17 марта в 10:00.
Родные и друзья собираются прийти поддержать его.
"""
HEARING_AT = datetime(2026, 3, 17, 5, 0, tzinfo=UTC)  # 17 March, 10:00 in Almaty (+05:00)


def local_time(when: datetime) -> str:
    """The fake clock as the campaign reads it: '17 March, 18:00 in Almaty'."""
    from bot.clock import zone

    local = when.astimezone(zone("Asia/Almaty"))
    return f"{local.day} {local:%B, %H:%M} in Almaty"


def markdown_folder(app: Any) -> Path | None:
    """The folder of the first markdown source (a temporary copy of examples/sources/statements)."""
    for src in app.settings.sources:
        if src.kind == "markdown" and src.url.startswith("file://"):
            path = Path(src.url[len("file://"):])
            if path.is_dir():
                return path
    return None


async def hearing_scenes(talk: Conversation, app: Any, supporter: Person, relative: Person) -> None:
    """A hearing from a source reaches both followers, the reminder fires, an update goes to "everything"."""
    async def cycle() -> None:
        await app.tick_all()
        await app.drain(15)

    folder = markdown_folder(app)
    if folder is None:
        talk.t.say("(no markdown source in this configuration: the hearing scenes are skipped)")
        return

    talk.t.step("The bot reads its sources for the first time: what they already hold is history, not news")
    await talk.background(cycle)
    known = 0
    async with app.store.read() as tx:
        for src in await tx.sources.list():
            known += len(await tx.items.for_source(src.id, limit=1000))
    talk.t.say(f"   ({known} items stored as already seen; nobody is messaged about them)")

    talk.t.step("A court-watch site publishes a hearing date; both followers of the case hear of it")
    (folder / "2026-03-10-balashov-zasedanie.md").write_text(HEARING_NEWS, encoding="utf-8")
    app.clock.advance(timedelta(minutes=15))
    await talk.background(cycle)
    await talk.presses(relative, "📅 В календарь")
    await attendance_scene(talk, app, supporter)

    talk.t.step("The clock jumps to 16 March, 10:00 in Almaty: a day before the hearing")
    app.clock.set(HEARING_AT - timedelta(hours=24))
    await talk.background(cycle)

    await admin_scenes(talk, app, cycle)


async def attendance_scene(talk: Conversation, app: Any, supporter: Person) -> None:
    """Show up: the campaign sets the kit, a supporter says "🙋 I'm going", /hearings counts who goes."""
    admin = Person("Campaign admin (ru)", app.settings.admin_ids[0], "ru")
    talk.t.step("The campaign adds what people going need to know: the courtroom, how early to come")
    await talk.says(admin, "/kit balashov room 305")
    await talk.says(admin, "/kit balashov arrive 30")
    talk.t.step("The supporter will go: 🙋 on the hearing message; the count is anonymous")
    await talk.presses(supporter, "🙋")
    await talk.says(supporter, "/hearings")


async def admin_scenes(talk: Conversation, app: Any, cycle: Callable[[], Awaitable[None]]) -> None:
    """The campaign works from the chat: a hearing and an update, each previewed, sent on Confirm."""
    admin = Person("Campaign admin (ru)", app.settings.admin_ids[0], "ru")

    talk.t.step("The campaign posts an update: a preview first, then Confirm; it reaches 'everything' only")
    await talk.says(admin, "/post balashov")
    await talk.says(admin, "Спасибо всем, кто пишет Виктору! Завтра приходите к суду к 9:30.")
    await talk.presses(admin, "Подтвердить")
    await talk.background(cycle)

    talk.t.step("After the hearing the court sets the next one; the admin announces it from the chat")
    app.clock.set(HEARING_AT + timedelta(hours=8))
    talk.t.say(f"   (the clock moves on to {local_time(app.clock.now())}: /stats counts from this day's start)")
    await talk.says(admin, "/hearing balashov 24 марта 11:00 Медеуский районный суд")
    await talk.presses(admin, "Подтвердить")
    await talk.background(cycle)
    await talk.says(admin, "/stats")

    await calendar_scene(talk, app)


async def calendar_scene(talk: Conversation, app: Any) -> None:
    """The calendar feed the case card links to, as a supporter's calendar app reads it, before and after a move.

    The card names the public address; here the listener runs on 127.0.0.1 and the app is a local request.
    """
    from bot.web.server import Listener

    admin = Person("Campaign admin (ru)", app.settings.admin_ids[0], "ru")
    listener = Listener(app, webhook=False)
    await listener.start("127.0.0.1", 0)
    app.listener = listener  # stopped with the app
    link = f"{DEMO_PUBLIC_URL.replace('https://', 'webcal://')}/cal/balashov.ics"

    talk.t.step("A supporter's calendar app subscribed to the link on the case card; it fetches the feed")
    await read_calendar(talk, listener.port, link)

    talk.t.step("The next day the court moves the hearing; the calendar app's next fetch has the same event, moved")
    app.clock.advance(timedelta(days=1))
    await talk.says(admin, "/movehearing balashov 31 марта 11:00")
    await talk.presses(admin, "Подтвердить")
    await talk.background(lambda: app.drain(15))
    await read_calendar(talk, listener.port, link)


async def read_calendar(talk: Conversation, port: int, link: str) -> None:
    """GET the feed as a calendar app would and print its events: date, status, revision, UID."""
    import aiohttp
    from icalendar import Calendar

    async with aiohttp.ClientSession() as http, http.get(f"http://127.0.0.1:{port}/cal/balashov.ics") as resp:
        body = await resp.read()
        talk.t.say(f"📆 Calendar app ← {link} (served here on 127.0.0.1): {resp.status}, {resp.content_type}")
    for event in Calendar.from_ical(body).walk("VEVENT"):
        start = event.decoded("dtstart")
        when = f"{start:%Y-%m-%d %H:%M} {start.tzinfo}" if isinstance(start, datetime) else f"{start:%Y-%m-%d}"
        talk.t.say(f"   • {when}: {event['summary']} — {event['status']}, SEQUENCE {event['sequence']}, "
                   f"UID {str(event['uid'])[:8]}…")
