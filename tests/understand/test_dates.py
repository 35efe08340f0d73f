"""Date and time finding in ru / en / kk, and year inference from the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.understand.dates import find_dates, resolve_year, tense_near
from bot.understand.text import fold

PUB = dt.date(2025, 12, 20)  # a Saturday


def _resolved(text: str, published: dt.date = PUB) -> list[tuple[str, str | None]]:
    f = fold(text)
    return [
        (d.resolve(published, tense_near(f, d.start, d.end, original=text)).isoformat(), d.time)  # type: ignore[union-attr]
        for d in find_dates(text)
    ]


FOUND = [
    ("day month and time", "Заседание назначено на 25 ноября в 10:00.", [("2025-11-25", "10:00")]),
    ("future date across new year", "Суд рассмотрит жалобу 15 января.", [("2026-01-15", None)]),
    ("numeric with year", "Решение от 10.12.2025 обжаловано.", [("2025-12-10", None)]),
    ("iso date", "Дата: 2026-02-03.", [("2026-02-03", None)]),
    ("explicit year wins", "Слушание 5 января 2027 года.", [("2027-01-05", None)]),
    (
        "weekday with date: the date says it",
        "Заседание пройдёт в понедельник, 2 февраля.",
        [("2026-02-02", None)],
    ),
    ("time with a dot after в", "Начало 22 декабря в 10.00.", [("2025-12-22", "10:00")]),
    ("hours in words", "Суд начнётся 22 декабря в 15 часов.", [("2025-12-22", "15:00")]),
    ("afternoon hours", "Приговор огласят 22 декабря в 3 часа дня.", [("2025-12-22", "15:00")]),
    (
        "a time is kept as written, never converted (EXTRACTION_RULES)",
        "Начало 5 января в 10:00 по московскому времени.",
        [("2026-01-05", "10:00")],
    ),
    ("astana time kept", "Начало 22 декабря в 14:30 по времени Астаны.", [("2025-12-22", "14:30")]),
    ("english month day am", "The hearing is set for March 3 at 11 a.m.", [("2026-03-03", "11:00")]),
    ("english pm with minutes", "It resumes on January 8 at 2:30 p.m.", [("2026-01-08", "14:30")]),
    ("english day of month year", "on the 3rd of March, 2026", [("2026-03-03", None)]),
    (
        "kazakh locative and time suffix",
        "Сот отырысы 12 наурызда сағат 10:00-де өтеді.",
        [("2026-03-12", "10:00")],
    ),
    ("kazakh hour only", "Отырыс 15 қаңтарда сағат 10-да басталады.", [("2026-01-15", "10:00")]),
    ("kazakh year first", "2026 жылғы 12 наурызда", [("2026-03-12", None)]),
    ("kazakh month then day", "желтоқсанның 5-і күні", [("2025-12-05", None)]),
    ("kazakh dative", "Отырыс 29 қаңтарға белгіленді.", [("2026-01-29", None)]),
    ("tomorrow with time", "Завтра в 15 часов суд огласит приговор.", [("2025-12-21", "15:00")]),
    ("day after tomorrow", "Жалобу рассмотрят послезавтра.", [("2025-12-22", None)]),
    ("yesterday", "Вчера суд отказал в жалобе.", [("2025-12-19", None)]),
    ("english tomorrow", "The trial resumes tomorrow at 10 a.m.", [("2025-12-21", "10:00")]),
    ("kazakh tomorrow", "Ертең сағат 11:00-де отырыс болады.", [("2025-12-21", "11:00")]),
    ("kazakh today", "Бүгін сот үкім шығарды.", [("2025-12-20", None)]),
    ("weekday ahead", "В четверг состоится заседание.", [("2025-12-25", None)]),
    ("weekday in a past report", "В четверг суд вынес приговор.", [("2025-12-18", None)]),
    ("english next weekday", "The verdict is due next Tuesday.", [("2025-12-23", None)]),
    ("kazakh weekday", "Бейсенбіде сот отырысы өтеді.", [("2025-12-25", None)]),
    ("recess until a weekday", "Перерыв в заседании до понедельника.", [("2025-12-22", None)]),
    ("range gives its first day", "Заседания пройдут с 12 по 14 марта.", [("2026-03-12", None)]),
    (
        "a list shares its year",
        "Суд дважды (24 февраля и 31 марта 2021 года) отказывал.",
        [("2021-02-24", None), ("2021-03-31", None)],
    ),
    (
        "two days of one month",
        "Прения назначены на 12 и 14 января.",
        [("2026-01-12", None), ("2026-01-14", None)],
    ),
    ("short numeric only before a time", "05.12 в 10:00 начало.", [("2025-12-05", "10:00")]),
    ("non-breaking spaces", "Заседание 25\u00a0ноября в\u00a010:00.", [("2025-11-25", "10:00")]),
    ("colon after the time", "Доставят в суд завтра к 10:00: так решил судья.", [("2025-12-21", "10:00")]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in FOUND], ids=[c[0] for c in FOUND])
def test_finds_dates_and_times(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert _resolved(text) == expected


NOT_DATES = [
    ("sentence length", "Прокурор запросил 11 лет лишения свободы."),
    ("decimal percentage", "Партия набрала 13,49 процента."),
    ("environment is not wednesday", "Они защищают окружающую среду."),
    ("kazakh complex is not yesterday", "Кешенді шаралар қабылданды."),
    ("year only", "В 2020 году его осудили."),
    ("month only", "Решение вынесли в декабре 2025-го."),
    ("city kazan", "Он приехал из 12 Казани."),
]


@pytest.mark.parametrize("text", [c[1] for c in NOT_DATES], ids=[c[0] for c in NOT_DATES])
def test_ignores_numbers_that_are_not_dates(text: str) -> None:
    assert find_dates(text) == []


YEARS = [
    ("nearest: december article, january date", 15, 1, dt.date(2025, 12, 20), None, dt.date(2026, 1, 15)),
    ("nearest: january article, december date", 29, 12, dt.date(2026, 1, 5), None, dt.date(2025, 12, 29)),
    (
        "past report takes the latest not after publication",
        19,
        11,
        dt.date(2025, 11, 20),
        "past",
        dt.date(2025, 11, 19),
    ),
    ("past report across new year", 28, 12, dt.date(2026, 1, 3), "past", dt.date(2025, 12, 28)),
    ("past report never in the future", 3, 12, dt.date(2025, 11, 20), "past", dt.date(2024, 12, 3)),
    (
        "future report takes the first not before",
        10,
        5,
        dt.date(2025, 12, 20),
        "future",
        dt.date(2026, 5, 10),
    ),
    ("29 february only in a leap year", 29, 2, dt.date(2027, 6, 1), None, dt.date(2028, 2, 29)),
]


@pytest.mark.parametrize(
    ("day", "month", "published", "tense", "expected"), [c[1:] for c in YEARS], ids=[c[0] for c in YEARS]
)
def test_missing_year_is_inferred_from_publication(
    day: int, month: int, published: dt.date, tense: str | None, expected: dt.date
) -> None:
    assert resolve_year(day, month, published, tense) == expected


TENSES = [
    ("ru past", "Заседание состоялось 15 декабря.", "past"),
    ("ru future", "Заседание состоится 15 декабря.", "future"),
    ("ru verdict", "Суд вынес приговор 15 декабря.", "past"),
    ("ru by pymorphy", "Защита доставит документы 15 декабря.", "future"),
    ("en past", "On December 15, the court found him guilty.", "past"),
    ("en future wins a tie", "The appeal will be heard on December 15.", "future"),
    ("kk past", "Отырыс 15 желтоқсанда өтті.", "past"),
    ("kk present-future ending", "Шағым 15 желтоқсанда қаралады.", "future"),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in TENSES], ids=[c[0] for c in TENSES])
def test_tense_of_the_clause(text: str, expected: str) -> None:
    d = find_dates(text)[0]
    assert tense_near(fold(text), d.start, d.end, original=text) == expected
