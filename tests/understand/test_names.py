"""Case matching: /follow lookup and mentions in news texts."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bot.config import load_cases_file
from bot.understand.names import NameIndex, surname_forms

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def index() -> NameIndex:
    return NameIndex(load_cases_file(ROOT / "tests" / "corpus" / "cases.toml"))


@pytest.fixture(scope="module")
def seed_index() -> NameIndex:
    return NameIndex(load_cases_file(ROOT / "examples" / "casewatch.toml"))


LOOKUP = [
    ("nominative surname", "Балашов", ["balashov"]),
    ("dative surname", "Балашову", ["balashov"]),
    ("genitive surname is his", "Балашова", ["balashov"]),
    ("female genitive", "Емельяновой", ["emelyanova"]),
    ("unknown-to-pymorphy surname", "Мовлаева", ["movlaev"]),
    ("yo and capitals", "  БАЛАШОВ!!! ", ["balashov"]),
    ("latin lower", "balashov", ["balashov"]),
    ("latin variant spelling", "iliashev", ["ilyashev"]),
    ("latin ye spelling", "Yemelyanova", ["emelyanova"]),
    ("french ou", "Mansour Movlaev", ["movlaev"]),
    ("full name", "Альнур Ильяшев", ["ilyashev"]),
    ("surname first", "Ильяшев Альнур", ["ilyashev"]),
    ("full name with patronymic", "Ильяшев Альнур Кайратович", ["ilyashev"]),
    ("kazakh genitive", "Ильяшевтің", ["ilyashev"]),
    ("kazakh spelling of first name", "Әлнұр", ["ilyashev"]),
    ("kazakh surname folded", "Нурланкызы", ["nurlankyzy"]),
    ("kazakh surname in kazakh letters", "Нұрланқызы", ["nurlankyzy"]),
    ("slug", "zhaksybekov", ["zhaksybekov"]),
    ("slug with slash", "/moroz", ["moroz"]),
    ("one typo", "Балашев", ["balashov"]),
    ("html around a name", "<b>Мовлаев</b>", ["movlaev"]),
    ("words around a name", "дело Балашова", ["balashov"]),
    ("shared first name is ambiguous", "Юлия", ["emelyanova", "kuznets"]),
    ("shared first name in another case", "Юлии", ["emelyanova", "kuznets"]),
    ("first name resolves with surname", "Юлия Кузнец", ["kuznets"]),
    ("common-word surname as a query", "Кузнец", ["kuznets"]),
    ("declined common-word surname", "Морозу", ["moroz"]),
    ("male surname does not match the woman", "Емельянов", []),
    ("unknown name", "Петров", []),
    ("emoji", "😀😀😀", []),
    ("empty", "   ", []),
    ("long garbage", "х" * 5000, []),
    ("many words", "раз два три четыре пять шесть семь", []),
]


@pytest.mark.parametrize(("query", "expected"), [c[1:] for c in LOOKUP], ids=[c[0] for c in LOOKUP])
def test_lookup_accepts_any_reasonable_spelling(index: NameIndex, query: str, expected: list[str]) -> None:
    assert index.lookup(query) == expected


def test_lookup_garbage_is_fast(index: NameIndex) -> None:
    junk = "<div>" + "😀 абв " * 800 + "</div>"
    # This process's CPU time, not the wall clock: other processes on a busy machine do not count.
    t = time.process_time()
    for _ in range(100):
        assert index.lookup(junk) == []
    assert time.process_time() - t < 0.5


CASES_IN = [
    ("full name", "Виктор Балашов не признал вину.", ["balashov"]),
    ("declined full name", "Суд над Юлией Емельяновой продолжится.", ["emelyanova"]),
    ("surname alone", "Адвокат Мовлаева подал ходатайство.", ["movlaev"]),
    ("initials before", "А. Ильяшев подал жалобу в прокуратуру.", ["ilyashev"]),
    ("initials after", "Жалобу подал Ильяшев А.К.", ["ilyashev"]),
    ("kazakh suffix", "Ильяшевтің соңғы сөзі жарияланды.", ["ilyashev"]),
    ("kazakh letters in a full name", "Айгерім Нұрланқызының ісі қаралды.", ["nurlankyzy"]),
    ("latin transliteration", "Alnur Iliashev wrote from detention.", ["ilyashev"]),
    ("english possessive", "Movlaev's lawyers appealed.", ["movlaev"]),
    ("all caps headline", "ИЛЬЯШЕВ ОСУЖДЁН", ["ilyashev"]),
    ("order of first mention", "Мовлаев и Емельянова остаются в СИЗО.", ["movlaev", "emelyanova"]),
    ("town, locative", "В Балашове прошёл митинг.", []),
    ("town after г.", "Суд г. Балашов рассмотрел дело.", []),
    ("town district is another word", "Балашовский район Саратовской области.", []),
    ("relative with her own first name", "Мать Балашова Ирина рассказала о здоровье сына.", []),
    ("another person with the surname", "Ирина Балашова выступила на пресс-конференции.", []),
    ("initials of someone else", "И. Балашова выступила на пресс-конференции.", []),
    ("relative plus the case", "Ирина Балашова сказала, что Виктор Балашов болен.", ["balashov"]),
    ("common word in lower case", "Сильный мороз ударил по Уральску.", []),
    ("common word opening a sentence", "Мороз усилится к выходным.", []),
    ("common word in capitals", "МОРОЗ И ВЕТЕР", []),
    ("common word capitalised mid-sentence", "Блогер Мороз заявил о давлении.", ["moroz"]),
    ("common word with first name", "Андрея Мороза снова вызвали в суд.", ["moroz"]),
    ("common word in an idiom", "К детям пришёл Дед Мороз.", []),
    ("woman's common-word surname", "Кузнец выковал меч.", []),
    ("woman's surname with name", "Юлия Кузнец вышла на свободу.", ["kuznets"]),
    ("shared first name alone is nobody", "Юлия написала письмо.", []),
    ("shared first names told apart", "Yulia Kuznets and Yulia Emelyanova", ["kuznets", "emelyanova"]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES_IN], ids=[c[0] for c in CASES_IN])
def test_cases_in_finds_cases_and_guards_false_matches(
    index: NameIndex, text: str, expected: list[str]
) -> None:
    assert index.cases_in(text) == expected


def test_find_reports_offsets_and_strength(index: NameIndex) -> None:
    text = "Вчера Виктор Балашов и А. Ильяшев"
    ms = index.find(text)
    assert [(m.case, m.form, m.kind) for m in ms] == [
        ("balashov", "Виктор Балашов", "full"),
        ("ilyashev", "Ильяшев", "initials"),
    ]
    assert all(text[m.start : m.end] == m.form for m in ms)
    assert ms[0].strength > ms[1].strength


SURNAMES = [
    ("male -ov", "балашов", "m", {"балашова", "балашову", "балашовым", "балашове"}, {"балашовой"}),
    ("female -ova", "емельянова", "f", {"емельяновой", "емельянову"}, {"емельянов", "емельяновым"}),
    ("male consonant", "мороз", "m", {"мороза", "морозу", "морозом"}, set()),
    ("female consonant stays", "кузнец", "f", {"кузнец"}, {"кузнеца"}),
    ("adjective surname", "тургеневский", "m", {"тургеневского"}, set()),
]


@pytest.mark.parametrize(
    ("word", "gender", "has", "lacks"), [c[1:] for c in SURNAMES], ids=[c[0] for c in SURNAMES]
)
def test_surname_declension_follows_gender(word: str, gender: str, has: set[str], lacks: set[str]) -> None:
    forms = surname_forms(word, gender)
    assert has <= forms
    assert not (lacks & forms)


@dataclass
class _Case:
    slug: str
    name: str
    name_en: str | None = None
    name_kk: str | None = None
    aliases: list[str] = field(default_factory=list)
    gender: str | None = None


@pytest.mark.slow
def test_thousands_of_cases_cost_about_as_much_as_a_few(index: NameIndex) -> None:
    first = ["Иван", "Пётр", "Асель", "Мария", "Нурлан", "Дина", "Сергей", "Айдана"]
    many = [
        _Case(slug=f"c{i}", name=f"{first[i % len(first)]} Тестов{chr(0x430 + i % 32)}{i}ский")
        for i in range(3000)
    ]
    big = NameIndex([*load_cases_file(ROOT / "tests" / "corpus" / "cases.toml"), *many])
    text = ("Суд продолжил рассмотрение дела Виктора Балашова; адвокаты Мовлаева подали жалобу. " * 25)[:2000]
    assert big.cases_in(text) == index.cases_in(text) == ["balashov", "movlaev"]

    def rate(ix: NameIndex) -> float:
        # CPU time of this process: a wall clock would count a pause of the busy machine against one index only.
        t = time.process_time()
        for _ in range(50):
            ix.find(text)
        return time.process_time() - t

    assert rate(big) < 3 * rate(index) + 0.05


def test_seed_config_cases_match(seed_index: NameIndex) -> None:
    assert seed_index.lookup("Emelianova") == ["emelyanova"]
    assert seed_index.cases_in("Юлия Емельянова и Мансур Мовлаев") == ["emelyanova", "movlaev"]
