"""Telling hearings from other dates; postponements; past vs upcoming; confidence and evidence."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.understand.hearings import find_hearings

PUB = dt.date(2025, 12, 10)

HEARINGS = [
    (
        "scheduled hearing with time",
        "Следующее заседание назначено на 17 декабря в 10:00.",
        [("2025-12-17", "10:00", "upcoming", False)],
    ),
    (
        "appeal counts",
        "Апелляционный суд рассмотрит жалобу 22 января.",
        [("2026-01-22", None, "upcoming", False)],
    ),
    (
        "cassation counts",
        "Кассационную жалобу рассмотрят 9 января.",
        [("2026-01-09", None, "upcoming", False)],
    ),
    (
        "verdict is a past hearing",
        "3 декабря суд признал его виновным и приговорил к 5 годам.",
        [("2025-12-03", None, "past", False)],
    ),
    (
        "english verdict",
        "On December 3, the court found him partially guilty.",
        [("2025-12-03", None, "past", False)],
    ),
    (
        "held hearing",
        "Заседание по делу, которое прошло 29 ноября, длилось 20 минут.",
        [("2025-11-29", None, "past", False)],
    ),
    (
        "hearing word 59 characters away",
        "8 декабря сотрудник диппредставительства присутствовал на очередном судебном заседании.",
        [("2025-12-08", None, "past", False)],
    ),
    ("postponed to", "Заседание перенесли на 15 января.", [("2026-01-15", None, "upcoming", True)]),
    ("postponed until", "Суд отложил рассмотрение до 23 декабря.", [("2025-12-23", None, "upcoming", True)]),
    (
        "english adjourned until",
        "The hearing was adjourned until January 2.",
        [("2026-01-02", None, "upcoming", True)],
    ),
    (
        "postponed far from the hearing word",
        "A hearing on the extradition of the activist, scheduled for December 9, was postponed to December 19.",
        [("2025-12-19", None, "upcoming", True)],
    ),
    (
        "only the new date of a move",
        "Заседание, назначенное на 3 декабря, перенесли на 15 января.",
        [("2026-01-15", None, "upcoming", True)],
    ),
    ("kazakh postponement", "Отырыс 15 қаңтарға шегерілді.", [("2026-01-15", None, "upcoming", True)]),
    (
        "recess is the next sitting",
        "Судья объявил перерыв до 12 декабря.",
        [("2025-12-12", None, "upcoming", False)],
    ),
    (
        "kazakh scheduled",
        "Сот отырысы 12 наурызда сағат 10:00-де өтеді.",
        [("2026-03-12", "10:00", "upcoming", False)],
    ),
    ("same day, past tense", "Сегодня состоялось заседание по делу.", [("2025-12-10", None, "past", False)]),
    (
        "same day, no past tense",
        "Заседание состоится сегодня в 11:00.",
        [("2025-12-10", "11:00", "upcoming", False)],
    ),
    (
        "arrest and hearing in two clauses",
        "Его задержали 5 мая, а заседание по экстрадиции назначено на 12 января.",
        [("2026-01-12", None, "upcoming", False)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in HEARINGS], ids=[c[0] for c in HEARINGS])
def test_finds_hearings(text: str, expected: list[tuple[str, str | None, str, bool]]) -> None:
    got = [(h.date.isoformat(), h.time, h.when, h.postponed) for h in find_hearings(text, PUB)]
    assert got == expected


NOT_HEARINGS = [
    ("custody extension end", "Срок ареста продлён до 5 марта."),
    ("english custody end", "His detention was extended until March 5."),
    ("kazakh custody end", "Қамау мерзімі 5 наурызға дейін ұзартылды."),
    ("birthday", "Он родился 20 января 1986 года в Алматы."),
    (
        "document date after от",
        "Согласно решению суда от 4 февраля 2020 года компания должна выплатить долг.",
    ),
    ("english document date", "Under a ruling of 4 February 2020, the company repaid the debt."),
    ("sentence length", "Прокурор запросил 11 лет лишения свободы."),
    ("arrest date", "Активистку задержали 14 апреля в аэропорту, суд отправил её под стражу."),
    (
        "hearing word too far",
        "Мы встретились 12 декабря, и он рассказал, что у него ещё одно заседание в суде, которое очень важно.",
    ),
    ("filing date", "Адвокаты 3 декабря подали апелляцию, которую суд рассмотрит позже."),
    (
        "a meeting",
        "Шоканов сообщил, что 20 декабря проведёт встречу с журналистами и расскажет о деле в суде.",
    ),
    (
        "hearing that did not happen",
        "Заседание, намеченное на сегодня, не состоялось: конвой не доставил его.",
    ),
    ("deadline", "Жалобу должны рассмотреть не позднее 30 декабря."),
    ("election date", "Выборы 10 января 2021 года прошли с нарушениями, заявил он в суде."),
]


@pytest.mark.parametrize("text", [c[1] for c in NOT_HEARINGS], ids=[c[0] for c in NOT_HEARINGS])
def test_other_dates_are_not_hearings(text: str) -> None:
    assert find_hearings(text, PUB) == []


def test_confidence_and_evidence() -> None:
    text = "Дело слушается давно. Следующее заседание назначено на 17 декабря в 10:00. Защита готовится."
    (h,) = find_hearings(text, PUB)
    assert h.evidence == "Следующее заседание назначено на 17 декабря в 10:00."
    assert 0.9 <= h.confidence <= 1.0
    (weak,) = find_hearings("Ходатайство защиты суд рассмотрит в четверг.", PUB)
    assert weak.confidence < h.confidence


def test_past_postponement_is_past_and_still_the_new_date_of_a_move() -> None:
    # EXTRACTION_RULES: postponed marks the new date of a session the item reports as moved, past or not
    (h,) = find_hearings("Суд отложил рассмотрение до 3 декабря.", dt.date(2025, 12, 20))
    assert (h.date.isoformat(), h.when, h.postponed) == ("2025-12-03", "past", True)
