"""Recognising the detainee's own words, and whose they are."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.config import load_cases_file
from bot.understand.docs import parse_document
from bot.understand.pipeline import Understander

ROOT = Path(__file__).resolve().parents[2]
PUB = dt.date(2026, 2, 1)


@pytest.fixture(scope="module")
def u() -> Understander:
    return Understander(load_cases_file(ROOT / "tests" / "corpus" / "cases.toml"))


def _statement(u: Understander, raw: str, source_case: str | None = None) -> tuple[bool, list[str]]:
    doc = parse_document(raw)
    r = u.understand(
        doc.text, PUB, title=doc.title, front_matter=doc.front_matter or None, source_case=source_case
    )
    return r.statement, r.statement_cases


STATEMENTS = [
    (
        "letter from detention in the lead",
        "Юлия Емельянова передала письмо из СИЗО. «Я не боюсь, мне просто хочется домой. Я думаю о своих близких каждый день», — пишет она.",
        ["emelyanova"],
    ),
    (
        "letter named before 'из СИЗО'",
        "Письмо Виктора Балашова из СИЗО\n\n«Я пишу, потому что больше не могу молчать. Меня держат без лечения, мне отказывают во враче».",
        ["balashov"],
    ),
    (
        "last word in court",
        "Последнее слово Андрея Мороза\n\nЯ не признаю вину. Я писал правду, и меня судят за мои слова. Мне не стыдно.",
        ["moroz"],
    ),
    (
        "message through a lawyer",
        "Жаксыбеков через адвоката передал: «Я не сломлен. Мне запрещают звонки, но я знаю, что вы рядом».",
        ["zhaksybekov"],
    ),
    (
        "english letter from detention",
        'In a letter from pre-trial detention, Yulia Emelyanova wrote: "I am not a criminal. I believed in what I did. I ask you not to send me back."',
        ["emelyanova"],
    ),
    (
        "kazakh letter",
        "Тергеу изоляторынан хат. «Мен ешқандай қылмыс жасаған жоқпын. Менің жалғыз кінәм — шындықты айтқаным. Маған көмектескендерге рахмет», — деп жазды Айгерім Нұрланқызы.",
        ["nurlankyzy"],
    ),
    (
        "markdown archive entry",
        '---\ntitle: "Альнур Ильяшев (последнее слово)"\ndate: 2020-06-22T13:01:00+06:00\n---\n'
        "Я позволю себе встать. Мне хочется сказать это стоя. Я благодарю всех, кто пришёл сегодня в этот зал, "
        "и прошу суд услышать меня. Я не совершал преступления, в котором меня обвиняют.",
        ["ilyashev"],
    ),
    (
        "authored complaint",
        "Генеральному прокурору Республики Казахстан\nот гражданина Ильяшева Альнура Кайратовича\n\nЗАЯВЛЕНИЕ\n\n"
        "Прошу возбудить уголовное дело по факту фальсификации протоколов. Я располагаю копиями документов.",
        ["ilyashev"],
    ),
]


@pytest.mark.parametrize(("raw", "cases"), [c[1:] for c in STATEMENTS], ids=[c[0] for c in STATEMENTS])
def test_recognises_statements_and_their_author(u: Understander, raw: str, cases: list[str]) -> None:
    assert _statement(u, raw) == (True, cases)


NOT_STATEMENTS = [
    (
        "old open letter recalled",
        "Правозащитники напомнили, что в мае Мовлаев уже обращался к народу с открытым письмом. Сейчас он в СИЗО, а защита готовит жалобу.",
    ),
    (
        "statement phrase deep in a news piece",
        "Суд продолжил рассмотрение дела Балашова. Прокурор выступил с репликой. Защита заявила ходатайство. "
        "Судья объявил перерыв. Журналисты ждали у входа. Позже стало известно, что ещё весной он передал письмо из СИЗО.",
    ),
    (
        "last word only reported",
        "Виктор Балашов выступил с последним словом 31 октября. Приговор огласят 19 ноября.",
    ),
    (
        "a relative speaks",
        "Ирина Балашова, мать осуждённого, обратилась к президенту с просьбой о помиловании сына.",
    ),
    (
        "english passing mention",
        "Movlaev's open letter, published last year, is cited in a new report on extraditions.",
    ),
]


@pytest.mark.parametrize("raw", [c[1] for c in NOT_STATEMENTS], ids=[c[0] for c in NOT_STATEMENTS])
def test_news_about_a_statement_is_not_one(u: Understander, raw: str) -> None:
    assert _statement(u, raw) == (False, [])


def test_source_case_owns_the_statement(u: Understander) -> None:
    raw = "Мансур пишет: «Я получил ваши письма. Мне тут холодно, но я держусь, в камере нас пятеро»."
    assert _statement(u, raw, source_case="movlaev") == (True, ["movlaev"])


def test_source_case_owns_the_hearings(u: Understander) -> None:
    r = u.understand(
        "Друзья, следующее заседание назначено на 15 февраля в 11:00.", PUB, source_case="balashov"
    )
    assert r.cases == ["balashov"]
    assert [(h.case, h.date, h.time, h.when) for h in r.hearings] == [
        ("balashov", "2026-02-15", "11:00", "upcoming")
    ]


def test_hearing_goes_to_every_case_listed_together(u: Understander) -> None:
    r = u.understand("Заседание по ходатайствам Мовлаева и Емельяновой состоится 4 февраля.", PUB)
    assert sorted(h.case for h in r.hearings) == ["emelyanova", "movlaev"]


def test_hearing_goes_to_the_nearest_case(u: Understander) -> None:
    r = u.understand("Мовлаев остаётся в СИЗО. Заседание по делу Емельяновой назначено на 4 февраля.", PUB)
    assert [h.case for h in r.hearings] == ["emelyanova"]


def test_long_documents_take_linear_time(u: Understander) -> None:
    import time

    text = (
        "Заседание по делу Балашова назначено на 17 марта в 10:00. Мовлаев 5 марта, 6 марта в 11:00 суд. "
        * 1200
    )
    t = time.perf_counter()
    r = u.understand(text, PUB)
    assert time.perf_counter() - t < 3.0  # ~115 KB: was quadratic once (minutes)
    assert ("balashov", "2026-03-17", "10:00") in {(h.case, h.date, h.time) for h in r.hearings}
