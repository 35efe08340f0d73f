"""`casewatch demo` plays its whole script against the stand-in and prints a readable transcript."""

from __future__ import annotations

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
    # /stats counts the campaign's day, which the transcript names when the clock moves to it.
    assert "(the clock moves on to 17 March, 18:00 in Almaty" in text
    assert "Подписчикам отправлено сегодня (вторник, 17 марта, Алматы): 2," in text
    assert text.rstrip().endswith("Demo finished: every message above went through the real bot over HTTP.")
