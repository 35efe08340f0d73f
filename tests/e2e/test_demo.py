"""`casewatch demo` plays its whole script against the stand-in and prints a readable transcript."""

from __future__ import annotations

import re

import pytest

from bot.cli.demo import run_demo

pytestmark = pytest.mark.slow  # the whole demo script, the real bot against the stand-in


async def test_demo_runs_the_whole_loop_and_prints_it() -> None:
    lines: list[str] = []
    assert await run_demo(quiet=True, out=lines.append) == 0
    text = "\n".join(lines)
    assert "👤 Supporter (ru): /follow Балашову" in text
    assert "Вы следите за делом Виктора Балашова (всё)" in text
    # The hearing from a source reaches both levels; the reminder fires; the update reaches only "everything".
    assert "Case Watch → Supporter (ru): 📅 Виктор Балашов: назначено заседание" in text
    assert "Case Watch → Relative (ru): 📅 Виктор Балашов: назначено заседание" in text
    assert "Case Watch → Relative (ru): ⏰" in text
    # Show up: the 🙋 button on the hearing message, a press of it, the count and the kit in the reminder.
    assert "[ 🙋 Я пойду ]" in text and "(presses «🙋»)" in text and "[ ✅ Вы идёте · отменить ]" in text
    assert "· 🙋 1" in text and "🚪 Зал: 305" in text and "🧭 Составьте план" in text
    update = text.index("📢 Виктор Балашов")
    after_update = text[update:text.index("── After the hearing")]
    assert "→ Supporter (ru): 📢" in after_update and "→ Relative (ru): 📢" not in after_update
    assert "Предпросмотр — ровно это получат подписчики" in text
    # The letters card, behind ✉️ Write, in Russian and in English.
    assert "(presses «✉️»)" in text and "Как написать Виктору Балашову" in text
    assert "How to write to Viktor Balashov" in text
    # /stats counts the campaign's day, which the transcript names when the clock moves to it.
    assert "(the clock moves on to 17 March, 18:00 in Almaty" in text
    assert "Подписчикам отправлено сегодня (вторник, 17 марта, Алматы): 2," in text
    # The card links the case's calendar feed; the feed keeps a moved hearing's UID and raises its SEQUENCE.
    assert "📆 Заседания в вашем календаре: webcal://casewatch.example.org/cal/ilyashev.ics" in text
    uid = dict(re.findall(r"• (\d{4}-\d\d-\d\d) .*UID (\S+)", text))
    assert uid["2026-03-24"] == uid["2026-03-31"]
    assert "2026-03-31 11:00 Asia/Almaty: Заседание по делу Виктора Балашова — CONFIRMED, SEQUENCE 2" in text
    assert text.rstrip().endswith("Demo finished: every message above went through the real bot over HTTP.")
