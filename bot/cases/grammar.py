"""A case's name as a sentence needs it: Russian cases, Kazakh suffixes.

Russian: "за делом Виктора Балашова", "над Юлией Емельяновой". First names pymorphy3 knows are
inflected by it; surnames and patronymics follow the declension rules by gender (pymorphy3 misreads
surnames it does not know). An admin's hand-set genitive or instrumental wins.

Kazakh: a case suffix glued to a name follows vowel harmony (the last vowel: back а о ұ ы у я ё ю,
front ә ө ү і е э и) and the sound it follows (a vowel; a sonorant or voiced consonant; a voiceless one):
Балашовтың, Емельянованың, Ильяшевке, Әлнұрға.

English has no cases: every form is the name itself.
"""

from __future__ import annotations

import re
from functools import lru_cache

from storage.models import Case

RU_CASES = ("gent", "datv", "ablt")

_PATRONYMIC = re.compile(r"(?:ич|на)$")
_VOWELS_RU = "аеёиоуыэюя"
_HUSHING = "жшщчц"


def _cap(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def _noun(w: str, case: str, gender: str) -> str:
    """A name declined like a noun, by its ending (Альнур, Андрей, Юлия, Айгуль, Сауле)."""
    low = w.lower()
    if low.endswith("ия"):
        return w[:-1] + {"gent": "и", "datv": "и", "ablt": "ей"}[case]
    if low.endswith("а"):
        gent = "и" if low[-2:-1] in "гкхжшщч" else "ы"
        return w[:-1] + {"gent": gent, "datv": "е", "ablt": "ой"}[case]
    if low.endswith("я"):
        return w[:-1] + {"gent": "и", "datv": "е", "ablt": "ей"}[case]
    if gender != "m":
        return w  # a woman's name ending in a consonant or another vowel does not decline (Айгуль, Сауле)
    if low.endswith(("й", "ь")):
        return w[:-1] + {"gent": "я", "datv": "ю", "ablt": "ем"}[case]
    if low[-1:] in _VOWELS_RU:
        return w
    return w + {"gent": "а", "datv": "у", "ablt": "ем" if low[-1] in _HUSHING else "ом"}[case]


def _surname(w: str, case: str, gender: str) -> str:
    low = w.lower()
    if low.endswith(("ова", "ева", "ёва", "ина", "ына")):
        return w[:-1] + {"gent": "ой", "datv": "ой", "ablt": "ой"}[case]
    if low.endswith(("ская", "цкая")):
        return w[:-2] + "ой"
    if low.endswith(("ов", "ев", "ёв", "ин", "ын")):
        if gender == "f":
            return w
        return w + {"gent": "а", "datv": "у", "ablt": "ым"}[case]
    if low.endswith(("ский", "цкий")):
        if gender == "f":
            return w
        return w[:-2] + {"gent": "ого", "datv": "ому", "ablt": "им"}[case]
    if low.endswith(("ых", "их", "ко", "о", "е", "и", "у", "ю", "э")):
        return w  # Черных, Шевченко: indeclinable
    if low.endswith(("ый", "ой")):
        return w if gender == "f" else w[:-2] + {"gent": "ого", "datv": "ому", "ablt": "ым"}[case]
    return _noun(w, case, gender)


def _patronymic(w: str, case: str) -> str:
    if w.lower().endswith("ич"):
        return w + {"gent": "а", "datv": "у", "ablt": "ем"}[case]
    return w[:-1] + {"gent": "ы", "datv": "е", "ablt": "ой"}[case]


def _first_name(w: str, case: str, gender: str) -> str:
    from bot.understand.names import morph

    tag_gender = "masc" if gender == "m" else "femn"
    for p in morph().parse(w):
        if "Name" in p.tag and p.is_known and tag_gender in p.tag and "sing" in p.tag and "nomn" in p.tag:
            form = p.inflect({case})
            if form is not None:
                return _cap(form.word, w)
    return _noun(w, case, gender)


def _gender(words: list[str], given: str | None) -> str:
    if given in ("m", "f"):
        return given
    from bot.understand.names import _guess_gender

    first = words[0].lower() if len(words) > 1 else None
    return _guess_gender(first, words[-1].lower()) or "m"


@lru_cache(maxsize=512)
def ru_inflect(name: str, case: str, gender: str | None = None) -> str:
    """A Russian full name in `gent`, `datv` or `ablt`: "Виктор Балашов" → "Виктора Балашова".

    "Имя Фамилия", "Фамилия Имя Отчество" and a surname alone; a word with no Cyrillic stays as it is.
    """
    words = name.split()
    if not words or case not in RU_CASES or not re.search(r"[а-яё]", name.lower()):
        return name
    g = _gender(words, gender)
    has_patronymic = len(words) == 3 and bool(_PATRONYMIC.search(words[2].lower()))
    out = []
    for i, w in enumerate(words):
        parts = w.split("-")  # double surnames and names decline in each part
        if len(words) == 1 or (has_patronymic and i == 0) or (not has_patronymic and i == len(words) - 1):
            out.append("-".join(_surname(p, case, g) for p in parts))
        elif has_patronymic and i == 2:
            out.append(_patronymic(w, case))
        else:
            out.append("-".join(_first_name(p, case, g) for p in parts))
    return " ".join(out)


# --- Kazakh ----------------------------------------------------------------------------------------

_KK_BACK = set("аоұыуяёю")
_KK_FRONT = set("әөүіеэи")
_KK_VOWELS = _KK_BACK | _KK_FRONT
_KK_SONORANT = set("лрйуўмнң")  # the sounds after which -дың/-ға (м н ң: -ның) and -мен go
_KK_VOICED = set("зж")
_KK_VOICELESS = set("кқпстфхцчшщбвгдғ")  # б в г д ғ at a word's end are said voiceless in Kazakh


def _front(word: str) -> bool:
    for ch in reversed(word.lower()):
        if ch in _KK_FRONT:
            return True
        if ch in _KK_BACK:
            return False
    return False


# Latin letters read as the Cyrillic sounds that decide a suffix (a name with no Kazakh spelling).
_LATIN = str.maketrans("aoueiyklmnprstvzbdgfhcjwxq", "аоуеиыклмнпрствзбдгфхцжукқ")


def kk_suffix(word: str, case: str) -> str:
    """The Kazakh suffix of `case` (`gen`, `dat`, `ins`) for a word: by its last vowel and last sound."""
    low = word.lower().translate(_LATIN)
    low = low.rstrip("ьъ") or low
    last = low[-1:]
    front = _front(low)
    if case == "gen":
        if last in _KK_VOWELS or last in "мнң":
            head = "н"
        elif last in _KK_SONORANT or last in _KK_VOICED:
            head = "д"
        else:
            head = "т"
        return head + ("ің" if front else "ың")
    if case == "dat":
        if last in _KK_VOICELESS:
            return "ке" if front else "қа"
        return "ге" if front else "ға"
    if case == "ins":
        if last in _KK_VOWELS or last in _KK_SONORANT:
            return "мен"
        if last in _KK_VOICED:
            return "бен"
        return "пен"
    raise ValueError(case)


def kk_inflect(name: str, case: str) -> str:
    """A name with a Kazakh case suffix on its last word: "Виктор Балашов" → "Виктор Балашовтың".

    A name in Latin letters takes the suffix after a hyphen ("Balashov-тың"), as Kazakh writes loans.
    """
    name = name.strip()
    if not name:
        return name
    suffix = kk_suffix(name, case)
    joiner = "" if re.search(r"[а-яёәіңғүұқөһ]$", name.lower()) else "-"
    return name + joiner + suffix


# --- one set of arguments for texts --------------------------------------------------------------


def name_forms(case: Case, lang: str) -> dict[str, str]:
    """`name`, `name_gen`, `name_dat`, `name_ins` of a case in the reader's language, for `i18n.t`."""
    name = case.display_name(lang)
    if lang == "ru":
        gender = case.gender
        return {
            "name": name,
            "name_gen": case.name_gen or ru_inflect(name, "gent", gender),
            "name_dat": ru_inflect(name, "datv", gender),
            "name_ins": case.name_ins or ru_inflect(name, "ablt", gender),
        }
    if lang == "kk":
        return {"name": name, "name_gen": kk_inflect(name, "gen"), "name_dat": kk_inflect(name, "dat"),
                "name_ins": kk_inflect(name, "ins")}
    return {"name": name, "name_gen": name, "name_dat": name, "name_ins": name}
