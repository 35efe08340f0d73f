"""The letters card and birthdays without the bot: typed values, the card in each language, when a reminder is due."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.errors import UserError
from bot.events.kinds import Birthday, decode
from bot.letters.birthdays import due_birthday, payload_of, remind_time
from bot.letters.card import card_text, in_reader_language
from bot.letters.fields import parse_birthday, validate_letters_field
from storage.models import Case, Letters


def case() -> Case:
    return Case(id=1, slug="x", name="Виктор Балашов", name_en="Viktor Balashov", name_kk=None, gender="m",
                timezone="Asia/Almaty", status="detained", court=None, description=None, description_en=None,
                description_kk=None, links=(), aliases=(), public=True, mirror_chat_id=None, mirror_chat=None,
                origin="config", created_at=0, updated_at=0)


@pytest.mark.parametrize(("typed", "stored"), [
    ("14.03", "03-14"), ("14.03.1985", "1985-03-14"), ("03-14", "03-14"), ("1985-03-14", "1985-03-14"),
    ("29.02", "02-29"), ("1/9", "09-01"),
])
def test_birthdays_as_admins_type_them(typed: str, stored: str) -> None:
    assert parse_birthday(typed) == stored


@pytest.mark.parametrize("typed", ["31.02", "29.02.1985", "14.13", "tomorrow", "14.03.1850", "1985-3"])
def test_no_such_birthday_is_refused(typed: str) -> None:
    with pytest.raises(UserError):
        parse_birthday(typed)


def test_the_service_link_must_be_https() -> None:
    assert validate_letters_field("mail_service", " https://e.org/a ") == "https://e.org/a"
    for bad in ("http://e.org", "javascript:alert(1)", "https://e.org/a b", "https://" + "a" * 400):
        with pytest.raises(UserError):
            validate_letters_field("mail_service", bad)
    assert validate_letters_field("mail_rules", "-") is None
    with pytest.raises(UserError):
        validate_letters_field("mail_rules", "x" * 1501)


def test_the_card_falls_back_to_russian_then_english_and_escapes_everything() -> None:
    assert in_reader_language("kk", None, "en", None) == "en"
    assert in_reader_language("en", "ru", None, "kk") == "ru"
    letters = Letters(case_id=1, address="<b>СИЗО</b> & co", rules_en="No <i>politics</i>",
                      service_url='https://e.org/"x', service_name="<Mail>")
    text = card_text("kk", case(), letters)
    assert "&lt;b&gt;СИЗО&lt;/b&gt; &amp; co" in text and "No &lt;i&gt;politics&lt;/i&gt;" in text
    assert 'href="https://e.org/&quot;x"' in text and "&lt;Mail&gt;" in text
    assert card_text("ru", case(), None) == "Как написать Виктору Балашову, пока не указано."


def test_a_birthday_is_due_from_noon_a_week_before_until_it_begins() -> None:
    def at(year: int, month: int, day: int, hour: int, minute: int) -> int:
        return int(datetime(year, month, day, hour, minute, tzinfo=UTC).timestamp())

    tz = "Asia/Almaty"  # UTC+5
    assert due_birthday("03-17", tz, at(2026, 3, 10, 6, 59)) is None
    assert due_birthday("03-17", tz, at(2026, 3, 10, 7, 0)) == date(2026, 3, 17)
    assert due_birthday("1990-03-17", tz, at(2026, 3, 16, 18, 59)) == date(2026, 3, 17)
    assert due_birthday("03-17", tz, at(2026, 3, 16, 19, 0)) is None  # the birthday has begun in Almaty
    assert due_birthday("01-03", tz, at(2025, 12, 27, 7, 0)) == date(2026, 1, 3)  # across the new year
    assert due_birthday("02-29", tz, at(2027, 2, 21, 7, 0)) == date(2027, 2, 28)


def test_noon_in_quiet_hours_waits_for_their_end() -> None:
    assert remind_time("22:00-08:00") == "12:00"
    assert remind_time("11:00-13:30") == "13:30"
    assert remind_time("20:00-14:00") == "14:00"
    assert remind_time("off") == "12:00"


def test_the_payload_keeps_the_card_and_the_age() -> None:
    letters = Letters(case_id=1, address="A", birthday="1990-03-17")
    p = payload_of(letters, date(2026, 3, 17))
    assert p == Birthday(date="2026-03-17", age=36, card={"address": "A"})
    assert decode("birthday", p.to_json()) == p
