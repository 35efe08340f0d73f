"""Messages on a phone: dates spelled out, escaping, cutting at a sentence, buttons, quiet hours, .ics."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar

from bot.delivery.render import (
    compose,
    cut_at_sentence,
    ics_for,
    make_renderer,
    spell_date,
    visible_length,
)
from bot.events.hearings import add_hearing, move_hearing
from bot.events.posts import post_statement
from bot.standin.tghtml import parse_html, utf16_len
from storage.models import Hearing, OutboxRow
from tests.events.world import World


@pytest.mark.parametrize(("lang", "timed", "date_only"), [
    ("ru", "вторник, 17 марта, 10:00 (Алматы)", "вторник, 17 марта"),
    ("en", "Tuesday, 17 March, 10:00 (Almaty)", "Tuesday, 17 March"),
    ("kk", "17 наурыз, сейсенбі, 10:00 (Алматы)", "17 наурыз, сейсенбі"),
])
def test_date_spelled_out_in_the_users_language(lang: str, timed: str, date_only: str) -> None:
    assert spell_date("2026-03-17", "10:00", "Asia/Almaty", lang) == timed
    assert spell_date("2026-03-17", None, "Asia/Almaty", lang) == date_only


def _payload(**kw: object) -> dict[str, object]:
    p: dict[str, object] = {"hearing": 5, "revision": 1, "date": "2026-03-17", "time": "10:00", "tz": "Asia/Almaty",
                            "court": "Медеуский районный суд", "status": "scheduled", "change": "new",
                            "link": "https://example.org/news?a=1&b=2"}
    p.update(kw)
    return p


def _buttons(out: object) -> list[str]:
    markup = getattr(out, "reply_markup", None)
    return [b.text for row in (markup.inline_keyboard if markup else []) for b in row]


def test_new_hearing_message_reads_well(world: World) -> None:
    out = compose("hearing_new", _payload(), world.case(), "ru")
    parsed = parse_html(out.text)  # valid Telegram HTML
    assert "Виктор Балашов" in parsed.text and "вторник, 17 марта, 10:00 (Алматы)" in parsed.text
    assert "Медеуский районный суд" in parsed.text
    assert 'href="https://example.org/news?a=1&amp;b=2"' in out.text
    assert _buttons(out) == ["📅 В календарь", "📂 Карточка дела", "🔕 Отписаться"]


def test_postponement_says_moved_to(world: World) -> None:
    out = compose("hearing_changed", _payload(change="moved", date="2026-03-24", old_date="2026-03-17"),
                  world.case(), "ru")
    text = parse_html(out.text).text
    assert "перенесено на вторник, 24 марта, 10:00 (Алматы)" in text and "Было: вторник, 17 марта" in text


def test_reminder_and_date_only_texts(world: World) -> None:
    en = parse_html(compose("reminder", _payload(offset="120"), world.case(), "en").text).text
    assert "hearing in 2 hours" in en and "Viktor Balashov" in en
    kk = parse_html(compose("reminder", _payload(offset="eve", time=None), world.case(), "kk").text).text
    assert "ертең" in kk and "белгісіз" in kk


def test_file_links_are_never_shown(world: World) -> None:
    out = compose("hearing_new", _payload(link="file:///srv/private/news.md"), world.case(), "ru")
    assert "file:" not in out.text


def test_statement_escapes_source_text_and_offers_stop_these(world: World) -> None:
    out = compose("statement", {"title": "<script>x</script>", "excerpt": "A & B <i>not a tag</i>.",
                                "link": "https://e.org/s"}, world.case(), "en")
    parsed = parse_html(out.text)
    assert "<script>x</script>" in parsed.text and "<i>not a tag</i>" in parsed.text
    assert not any(e["type"] == "italic" for e in parsed.entities)
    assert _buttons(out) == ["📂 Case card", "🔕 Hearings only"]


def test_long_statement_is_cut_at_a_sentence_with_read_more(world: World) -> None:
    text = " ".join(f"Предложение номер {i} о суде." for i in range(400))
    out = compose("statement", {"title": "T", "excerpt": text, "link": "https://e.org/full"}, world.case(), "ru")
    parsed = parse_html(out.text)
    assert "Читать полностью" in parsed.text and 'href="https://e.org/full"' in out.text
    body = parsed.text.split("\n")[2]
    assert body.endswith("о суде.")
    assert utf16_len(parsed.text) < 1000


def test_cut_counts_visible_characters_and_keeps_tags_balanced() -> None:
    sentence = "Суд &amp; защита 🙂 <b>жирный <i>курсив</i> текст</b> здесь. "
    long = sentence * 200  # far beyond 4096 visible characters
    assert visible_length(long) > 4096
    cut = cut_at_sentence(long, 4096, "https://e.org/x", read_more_label="Read more")
    parsed = parse_html(cut)  # raises on unbalanced tags or a broken entity
    assert utf16_len(parsed.text) <= 4096
    assert parsed.text.splitlines()[-2].endswith("здесь.") and parsed.text.endswith("Read more")
    # Cut inside bold text: the tags opened before the cut are closed.
    tricky = "<b>" + "слово " * 2000 + "</b>"
    cut2 = cut_at_sentence(tricky, 100)
    assert cut2.endswith("</b> …") and utf16_len(parse_html(cut2).text) <= 100


def test_short_text_is_left_alone() -> None:
    assert cut_at_sentence("<b>Коротко.</b>", 4096) == "<b>Коротко.</b>"


def test_an_enormous_update_stays_within_telegram_limits(world: World) -> None:
    html = "<b>Важно.</b> " + "Очень длинный текст обновления без конца " * 300
    out = compose("update", {"html": html}, world.case(), "ru")
    assert utf16_len(parse_html(out.text).text) <= 4096


INSTALL = "0f6c2a52-4c1e-4b8e-9a57-3d1f2b7c9e10"


def _hearing(time: str | None = "10:00") -> Hearing:
    return Hearing(id=5, case_id=1, local_date="2026-03-17", local_time=time, tz="Asia/Almaty",
                   court="Медеуский районный суд г. Алматы", status="scheduled", revision=2, created_at=0, updated_at=0)


def test_ics_parses_back_to_the_right_instant_with_alarm_and_location(world: World) -> None:
    data = ics_for(_hearing(), world.case(), install=INSTALL, lang="ru")
    cal = Calendar.from_ical(data)
    (event,) = cal.walk("VEVENT")
    assert event.decoded("dtstart").astimezone(UTC) == datetime(2026, 3, 17, 5, 0, tzinfo=UTC)
    assert str(event["location"]) == "Медеуский районный суд г. Алматы"
    assert "Балашов" in str(event["summary"]) and event.decoded("sequence") == 2
    alarms = event.walk("VALARM")
    assert [a.decoded("trigger") for a in alarms] == [timedelta(days=-1), timedelta(hours=-2)]
    assert cal.walk("VTIMEZONE"), "the court's zone travels with the file"


def test_ics_of_a_date_only_hearing_is_an_all_day_event(world: World) -> None:
    event = Calendar.from_ical(ics_for(_hearing(time=None), world.case(), install=INSTALL)).walk("VEVENT")[0]
    assert event.decoded("dtstart").isoformat() == "2026-03-17"
    assert event.walk("VALARM")


def _row(ann_id: int, chat_id: int) -> OutboxRow:
    return OutboxRow(id=1, announcement_id=ann_id, chat_id=chat_id, state="sending", priority=9, attempts=0,
                     next_at=0, claimed_by="t", lease_until=None, tg_message_id=None, last_error=None, sent_at=None)


async def test_renderer_quiet_hours_and_stale_reminders(world: World) -> None:
    await world.follow(301, "all", lang="en")
    async with world.store.transaction() as tx:
        h = await add_hearing(tx, world.clock, case=world.case(), local_date="2026-03-17",
                              local_time="10:00")
        st = await post_statement(tx, world.clock, case=world.case(), title="T",
                                  excerpt="Words.", link=None)
        chat = await tx.chats.get(301)
    render = make_renderer(world.store, world.cases, world.settings, clock=world.clock, bot_username="cw_bot")
    out = await render(_row(st.announcement_id or 0, 301), chat)
    assert out is not None and not out.disable_notification and "Viktor Balashov" in out.text
    world.clock.set(datetime(2026, 3, 10, 18, 0, tzinfo=UTC))  # 23:00 in Almaty: quiet hours
    out = await render(_row(st.announcement_id or 0, 301), chat)
    assert out is not None and out.disable_notification
    # A mirror channel (no chat row) gets a link into the bot instead of buttons acting on the chat.
    mirror = await render(_row(h.announcement_id or 0, -100), None)
    assert mirror is not None and mirror.reply_markup is not None
    assert mirror.reply_markup.inline_keyboard[0][0].url == "https://t.me/cw_bot?start=c_balashov"
    # A reminder of a revision that moved on is dropped at send time.
    async with world.store.transaction() as tx:
        rem, _ = await tx.announcements.insert(kind="reminder", case_id=world.case().id, hearing_id=h.hearing_id,
                                               min_level="hearings", payload={"revision": 1, "offset": "120"},
                                               dedupe_key="r:test", created_by=None, now=0)
        await move_hearing(tx, world.clock, hearing_id=h.hearing_id or 0,
                           new_date="2026-03-20", new_time="10:00")
    assert await render(_row(rem.id, 301), chat) is None


def test_a_hearing_at_the_cases_court_names_it_in_the_readers_language(world: World) -> None:
    case = world.case()
    payload = {"hearing": 5, "revision": 1, "date": "2026-03-17", "time": "10:00", "tz": "Asia/Almaty",
               "court": case.court, "change": "new"}
    assert "Medeu District Court, Almaty" in compose("hearing_new", payload, case, "en").text
    assert "Алматы қаласы Медеу аудандық соты" in compose("hearing_new", payload, case, "kk").text
    other = {**payload, "court": "Алматинский городской суд"}  # another court: as reported
    assert "Алматинский городской суд" in compose("hearing_new", other, case, "en").text
