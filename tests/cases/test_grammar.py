"""Names and weekdays as a sentence needs them: Russian cases, Kazakh suffixes by vowel harmony."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.cases.grammar import kk_inflect, name_forms, ru_inflect
from bot.delivery.render import compose
from bot.i18n import t
from storage.models import Case

CASE = Case(
    id=1, slug="balashov", name="Виктор Балашов", name_en="Viktor Balashov", name_kk="Виктор Балашов", gender="m",
    timezone="Asia/Almaty", status="trial", court="Медеуский районный суд", description=None, description_en=None,
    description_kk=None, links=(), aliases=(), public=True, mirror_chat_id=None, mirror_chat=None, origin="config",
    created_at=0, updated_at=0,
)


@pytest.mark.parametrize(("name", "gender", "gent", "ablt"), [
    ("Виктор Балашов", "m", "Виктора Балашова", "Виктором Балашовым"),
    ("Юлия Емельянова", "f", "Юлии Емельяновой", "Юлией Емельяновой"),
    ("Альнур Ильяшев", "m", "Альнура Ильяшева", "Альнуром Ильяшевым"),
    ("Мансур Мовлаев", None, "Мансура Мовлаева", "Мансуром Мовлаевым"),
    ("Ильяшев Альнур Кайратович", "m", "Ильяшева Альнура Кайратовича", "Ильяшевым Альнуром Кайратовичем"),
    ("Андрей Шевченко", "m", "Андрея Шевченко", "Андреем Шевченко"),
    ("Пётр Кузнецкий", "m", "Петра Кузнецкого", "Петром Кузнецким"),
])
def test_russian_names_are_declined(name: str, gender: str | None, gent: str, ablt: str) -> None:
    assert ru_inflect(name, "gent", gender) == gent
    assert ru_inflect(name, "ablt", gender) == ablt


@pytest.mark.parametrize(("name", "gen", "dat", "ins"), [
    ("Виктор Балашов", "Виктор Балашовтың", "Виктор Балашовқа", "Виктор Балашовпен"),  # back vowel, voiceless end
    ("Әлнұр Ильяшев", "Әлнұр Ильяшевтің", "Әлнұр Ильяшевке", "Әлнұр Ильяшевпен"),  # front vowel
    ("Юлия Емельянова", "Юлия Емельянованың", "Юлия Емельяноваға", "Юлия Емельяновамен"),  # a vowel at the end
    ("Ерлан", "Ерланның", "Ерланға", "Ерланмен"),  # н
    ("Айгүл", "Айгүлдің", "Айгүлге", "Айгүлмен"),  # л, front
    ("Мұрат", "Мұраттың", "Мұратқа", "Мұратпен"),  # т, back
    ("Болат Тәжі", "Болат Тәжінің", "Болат Тәжіге", "Болат Тәжімен"),  # і at the end
    ("Viktor Balashov", "Viktor Balashov-тың", "Viktor Balashov-қа", "Viktor Balashov-пен"),  # Latin: a hyphen
])
def test_kazakh_suffixes_follow_vowel_harmony_and_the_last_sound(name: str, gen: str, dat: str, ins: str) -> None:
    assert (kk_inflect(name, "gen"), kk_inflect(name, "dat"), kk_inflect(name, "ins")) == (gen, dat, ins)


def test_an_admins_hand_set_forms_win() -> None:
    case = replace(CASE, name="Мария Петрова-Водкина", gender="f", name_gen="Марии Петровой-Водкиной",
                   name_ins="Марией Петровой-Водкиной")
    forms = name_forms(case, "ru")
    assert forms["name_gen"] == "Марии Петровой-Водкиной" and forms["name_ins"] == "Марией Петровой-Водкиной"


def test_texts_name_the_case_in_the_right_case() -> None:
    assert "за делом <b>Виктора Балашова</b>" in t("ru", "follow-done", **name_forms(CASE, "ru"), level="всё")
    assert "Балашовтың</b> ісін" in t("kk", "follow-done", **name_forms(CASE, "kk"), level="бәрі")
    assert "<b>Viktor Balashov</b>" in t("en", "follow-done", **name_forms(CASE, "en"), level="everything")


def test_a_postponement_declines_the_weekday_after_na() -> None:
    payload = {"hearing": 1, "revision": 2, "date": "2026-03-20", "time": "10:00", "tz": "Asia/Almaty",
               "change": "moved", "old_date": "2026-03-17", "old_time": "10:00"}
    text = compose("hearing_changed", payload, CASE, "ru").text
    assert "перенесено на пятницу, 20 марта" in text
    assert "Было: вторник, 17 марта" in text  # standing alone, the weekday stays as it is


@pytest.mark.parametrize(("day", "phrase"), [("2026-03-18", "пройдёт в среду, 18 марта"),
                                              ("2026-03-17", "пройдёт во вторник, 17 марта")])
def test_a_correction_says_in_which_weekday(day: str, phrase: str) -> None:
    payload = {"hearing": 1, "revision": 2, "date": day, "time": None, "tz": "Asia/Almaty", "change": "corrected"}
    assert phrase in compose("hearing_changed", payload, CASE, "ru").text
