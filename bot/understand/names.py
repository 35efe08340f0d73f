"""Which cases a text names, and which case a user means when typing a name.

Every case's surface forms are generated once, when the index is built:
- Russian inflection: pymorphy3 for first names it knows, declension rules by gender for surnames
  (pymorphy3 gives junk first parses for surnames it does not know, e.g. Мовлаев → `мовлай`);
- Kazakh case suffixes on the nominative (Ильяшевтің, Балашовқа) — Kazakh letters are folded to
  Russian ones (`text.fold`), so Нұрланқызы and Нурланкызы are one key;
- Latin spellings compared on a skeleton (Ilyashev / Iliashev / Il'jashev → `iliashev`), from
  `name_en`, Latin aliases and a transliteration of the Russian name.

Text is searched with two Aho–Corasick automata (folded Cyrillic text; a string of Latin
skeletons), so the cost of a search hardly grows with the number of cases. Hits are then joined
(first name + surname, initials) and checked against false-match guards: a town of the same
name, a common word, a relative or another person sharing the surname.
"""

from __future__ import annotations

import re
import warnings
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from typing import Any, Protocol

import ahocorasick

from bot.understand.text import (
    CYRILLIC_RE,
    LATIN_RE,
    LATIN_WORD_RE,
    fold,
    is_capitalised,
    latin_key,
    sentence_start,
    skeleton,
    strip_tags,
    words,
    words_back,
)

__all__ = ["CaseMention", "NameIndex", "NamedCase", "morph"]


class NamedCase(Protocol):
    """What the matcher needs from a case (the bot's Case and `bot.config.CaseDecl` both fit)."""

    @property
    def slug(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def name_en(self) -> str | None: ...
    @property
    def name_kk(self) -> str | None: ...
    @property
    def aliases(self) -> Sequence[str]: ...
    @property
    def gender(self) -> str | None: ...


@dataclass(frozen=True)
class CaseMention:
    """One mention of a case in a text.

    kind: `full` (first name and surname), `initials` (А. Ильяшев), `surname`, or `relative`
    (a relative or another person sharing the surname: counts only if the text names the case too).
    """

    case: str
    start: int
    end: int
    form: str
    kind: str
    strength: float


FIRST, SURNAME, PATRONYMIC = "first", "surname", "patronymic"

_morph: Any = None


def morph() -> Any:
    """The shared pymorphy3 analyzer, loaded on first use (~0.1 s)."""
    global _morph
    if _morph is None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pymorphy3 imports pkg_resources-era modules
            import pymorphy3

            _morph = pymorphy3.MorphAnalyzer()
    return _morph


# --- Russian declension -------------------------------------------------------------------------

_PATRONYMIC_RE = re.compile(
    r"(?:ович|евич|ьич|ична|овна|евна|улы|уулу|кызы|ovich|evich|ovna|evna|uly|kyzy|qyzy)$"
)
_FEMALE_SURNAME_RE = re.compile(r"(?:ова|ева|ёва|ина|ына|ская|цкая|ая)$")
_SURNAME_LIKE_RE = re.compile(
    r"(?:ов|ев|ёв|ин|ын|ский|цкий|ова|ева|ина|ская|ко|ук|юк|енко|ян|швили|дзе|бек|бай)$"
)
_HUSHING = "гкхжшщчц"


def _noun_endings(w: str, gender: str) -> set[str]:
    """Forms of a first name or surname that declines like a noun, by its ending and gender."""
    out = {w}
    if w.endswith("ия"):
        s = w[:-1]
        out |= {s + "и", s + "ю", s + "ей", s + "ею"}
    elif w.endswith("а"):
        s = w[:-1]
        out |= {s + ("и" if s[-1:] in _HUSHING else "ы"), s + "е", s + "у", s + "ой", s + "ою"}
    elif w.endswith("я"):
        s = w[:-1]
        out |= {s + "и", s + "е", s + "ю", s + "ей", s + "ею"}
    elif gender == "m":
        if w.endswith(("й", "ь")):
            s = w[:-1]
            out |= {s + "я", s + "ю", s + "ем", s + "е"}
        elif w[-1:] and w[-1] not in "аеёиоуыэюя":
            end_o = "ем" if w[-1] in "жшщчц" else "ом"
            out |= {w + "а", w + "у", w + end_o, w + "е"}
    return out


def surname_forms(w: str, gender: str | None) -> set[str]:
    """All singular and plural forms of a (folded) Russian surname for the given gender."""
    genders = [gender] if gender in ("m", "f") else ["m", "f"]
    out = {w}
    for g in genders:
        out |= _surname_forms_g(w, g)
    return out


def _surname_forms_g(w: str, g: str) -> set[str]:
    if "-" in w:  # Кара-Мурза → Кара-Мурзы, Тер-Аванесов → Тер-Аванесова: only the last part declines
        head, _, tail = w.rpartition("-")
        return {w} | {f"{head}-{f}" for f in _surname_forms_g(tail, g)}
    plural = {"ы", "ых", "ым", "ыми"}
    for suf in ("ова", "ева", "ёва", "ина", "ына"):
        if w.endswith(suf):  # a female -ова: her forms only (Емельянова, Емельяновой, Емельянову)
            s = w[:-1]
            return {w, s + "ой", s + "у", s + "ою", s + "ы", s + "ых"}
    for suf in ("ов", "ев", "ёв", "ин", "ын"):
        if w.endswith(suf):
            if g == "m":
                return {w, w + "а", w + "у", w + "ым", w + "е"} | {w + p for p in plural}
            return {w + "а", w + "ой", w + "у", w + "ою"} | {w + p for p in plural}
    if w.endswith(("ский", "цкий", "ской", "цкой")):
        s = w[:-2]
        if g == "m":
            return {w, s + "ого", s + "ому", s + "им", s + "ом", s + "ие", s + "их", s + "ими"}
        return {s + "ая", s + "ой", s + "ую", s + "ие", s + "их", s + "ими"}
    if w.endswith(("ская", "цкая")):
        s = w[:-2]
        return {w, s + "ой", s + "ую", s + "ие", s + "их", s + "ими"}
    if w.endswith(("ых", "их", "ко", "о", "е", "и", "у", "ю", "э")):
        return {w}  # Черных, Шевченко, Дурново: indeclinable
    if w.endswith(("ый", "ой")):
        s = w[:-2]
        return {w, s + "ого", s + "ому", s + "ым", s + "ом"} if g == "m" else {s + "ая", s + "ой", s + "ую"}
    if g == "f" and w[-1:] not in "ая":
        return {w}  # a woman's consonant surname does not decline (Юлия Мороз, Юлии Мороз)
    return _noun_endings(w, g)


def first_name_forms(w: str, gender: str | None) -> set[str]:
    """Singular forms of a (folded) first name: pymorphy3's lexeme where it knows the name, else rules."""
    out = {w}
    genders = [gender] if gender in ("m", "f") else ["m", "f"]
    tag_gender = {"m": "masc", "f": "femn"}
    found = False
    for p in morph().parse(w):
        if "Name" in p.tag and p.is_known and any(tag_gender[g] in p.tag for g in genders):
            found = True
            out |= {fold(f.word) for f in p.lexeme if "sing" in f.tag}
    if not found:
        for g in genders:
            out |= _noun_endings(w, g)
    return out


def patronymic_forms(w: str) -> set[str]:
    """Кайратович → Кайратовича, …; Кайратовна → Кайратовны, …; Kazakh ұлы/қызы stay."""
    if w.endswith(("ич",)):
        return {w, w + "а", w + "у", w + "ем", w + "е"}
    if w.endswith("на"):
        s = w[:-1]
        return {w, s + "ы", s + "е", s + "у", s + "ой"}
    return {w}


# Kazakh case and plural suffixes, folded (қ→к, ғ→г, ң→н, і→и): vowel harmony is ignored on
# purpose — a wrong-harmony form never occurs in text, so generating it costs nothing.
_KK_SUFFIXES = tuple(
    sorted(
        {
            "тын", "тин", "дын", "дин", "нын", "нин",  # genitive
            "ка", "ке", "га", "ге", "на", "не",  # dative
            "ты", "ти", "ды", "ди", "ны", "ни",  # accusative
            "та", "те", "да", "де", "нда", "нде",  # locative
            "тан", "тен", "дан", "ден", "нан", "нен",  # ablative
            "пен", "бен", "мен",  # instrumental
            "лар", "лер", "дар", "дер", "тар", "тер",  # plural
            "тыкы", "тики", "дыкы", "дики", "ныкы", "ники",  # possessive "that of"
        }
    )
)  # fmt: skip


def kazakh_forms(w: str) -> set[str]:
    """Kazakh case forms of a (folded) nominative: Ильяшевтің → `ильяшевтин`, Юлияға → `юлияга`."""
    if len(w) < 4:
        return set()  # Ли + на = лина: short stems make real words
    out = {w + s for s in _KK_SUFFIXES}
    out |= {w + "-" + s for s in ("тын", "тин", "нын", "нин", "га", "ге", "ка", "ке", "да", "де", "ны", "ни")}
    return out


@lru_cache(maxsize=20_000)
def _parses(w: str) -> tuple[tuple[str, float, bool], ...]:
    return tuple((str(p.tag), p.score, p.is_known) for p in morph().parse(w))


@lru_cache(maxsize=50_000)
def morph_tense(w: str) -> str | None:
    """'past' | 'future' for a word pymorphy3 reads as a finite verb (most likely parse), else None.

    Perfective present forms are the future (доставят, рассмотрят); imperfective present is None.
    """
    p = morph().parse(w)[0]
    if p.tag.POS != "VERB" or p.score < 0.4:
        return None
    if p.tag.tense == "past":
        return "past"
    if p.tag.tense == "futr" or (p.tag.tense == "pres" and p.tag.aspect == "perf"):
        return "future"
    return None


def is_common_word(w: str) -> bool:
    """A surname that is also an ordinary word (мороз, кузнец, ли): known to pymorphy3 as a non-name."""
    for tag, _score, known in _parses(w):
        if known and not any(t in tag for t in ("Surn", "Name", "Patr", "Geox", "Abbr", "Init", "Orgn")):
            return True
    return False


def is_place_name(w: str) -> bool:
    """A surname that is also a town (Балашов)."""
    return any("Geox" in tag and known for tag, _s, known in _parses(w))


@lru_cache(maxsize=50_000)
def is_first_name(w: str) -> bool:
    """Is this (folded) word most likely a first name: Ирина, Виктора — for the other-person guard."""
    total = sum(score for tag, score, known in _parses(w) if known and "Name" in tag)
    return total >= 0.3


def _guess_gender(first: str | None, surname: str | None) -> str | None:
    if surname:
        if _FEMALE_SURNAME_RE.search(surname):
            return "f"
        if re.search(r"(?:ов|ев|ёв|ин|ын|ский|цкий|ской|цкой)$", surname):
            return "m"  # Алесь Беляцкий: the surname is surer than a first name pymorphy3 misreads
    if first:
        masc = sum(s for tag, s, k in _parses(first) if k and "Name" in tag and "masc" in tag)
        femn = sum(s for tag, s, k in _parses(first) if k and "Name" in tag and "femn" in tag)
        if masc or femn:
            return "m" if masc >= femn else "f"
        if first.endswith(("а", "я")):
            return "f"
    if surname and re.search(r"(?:ов|ев|ин|ын|ский|цкий)$", surname):
        return "m"
    return None


# Everyday short forms of first names, folded. pymorphy3 has no link from Женя to Евгения, and no
# library we know of ships one for Russian; these are the common ones (nominative).
_DIMINUTIVES: dict[str, tuple[str, ...]] = {
    "евгения": ("женя",), "евгении": ("женя",), "евгений": ("женя",), "юлия": ("юля",),
    "александра": ("саша", "шура"), "александр": ("саша", "шура"), "алексей": ("алеша", "леша"),
    "мария": ("маша",), "владимир": ("володя", "вова"), "михаил": ("миша",), "сергей": ("сережа",),
    "николай": ("коля",), "анастасия": ("настя",), "екатерина": ("катя",), "дмитрий": ("дима",),
    "андрей": ("андрюша",), "ольга": ("оля",), "светлана": ("света",), "татьяна": ("таня",),
    "наталья": ("наташа",), "наталия": ("наташа",), "елена": ("лена",), "ирина": ("ира",),
    "анна": ("аня",), "борис": ("боря",), "илья": ("илюша",), "павел": ("паша",), "виктор": ("витя",),
    "игорь": ("игорек",), "иван": ("ваня",), "константин": ("костя",), "людмила": ("люда",),
    "валентина": ("валя",), "галина": ("галя",), "надежда": ("надя",), "любовь": ("люба",),
    "григорий": ("гриша",), "василий": ("вася",), "петр": ("петя",), "федор": ("федя",),
    "максим": ("макс",), "станислав": ("стас",), "вячеслав": ("слава",), "ярослав": ("слава",),
    "маргарита": ("рита",), "антон": ("тоша",), "дарья": ("даша",), "ксения": ("ксюша",),
    "софья": ("соня",), "софия": ("соня",), "евгенья": ("женя",), "олег": ("олежка",),
}  # fmt: skip


# --- The index ---------------------------------------------------------------------------------


@dataclass
class _CaseInfo:
    slug: str
    order: int
    gender: str | None
    parts: dict[str, set[str]] = field(default_factory=dict)  # role → folded Cyrillic nominatives
    latin: dict[str, set[str]] = field(default_factory=dict)  # role → Latin skeletons
    initials: set[str] = field(default_factory=set)  # folded first letters of first names (both scripts)
    first_forms: set[str] = field(
        default_factory=set
    )  # every form of its first names (Cyrillic folded + skeletons)
    common: bool = False  # surname is also a common word
    place: bool = False  # surname is also a town


@dataclass
class _Hit:
    start: int
    end: int
    entries: dict[str, frozenset[str]]  # slug → roles this form has for that case
    surnames: tuple[str, ...]  # the slugs for which it is a surname (a first name may be shared by hundreds)
    latin: bool


_KIN = (
    r"мать|матери|мама|мамы|отец|отца|папа|брат|брата|брату|сестра|сестры|сестре|жена|жены|жене|супруга|супруги"
    r"|супруг|муж|мужа|сын|сына|дочь|дочери|вдова|бабушка|дедушка|родственница|родственник|родственники|тётя|тетя|дядя"
    r"|mother|father|wife|husband|brother|sister|son|daughter|widow|relative|aunt|uncle"
    r"|анасы|әкесі|акеси|ағасы|агасы|інісі|иниси|әйелі|айели|жұбайы|жубайы|қарындасы|карындасы|апасы|әпкесі|апкеси"
)
_KIN_BEFORE = re.compile(rf"(?:^|[^\w])(?:{_KIN})\s+(?:[^\W\d_]+\s+)?$", re.IGNORECASE)
_KIN_AFTER = re.compile(rf"^(?:['’]s)?\s*,?\s*(?:—\s*)?(?:{_KIN})\b", re.IGNORECASE)
_PLACE_BEFORE = re.compile(
    r"(?:^|[^\w])(?:г|гор|пос|с|ст)\.\s?$"
    r"|(?:^|[^\w])(?:в|во|из|под|близ|город|городе|города|городом|района|районе|район|области|town\s+of|city\s+of"
    r"|in|near|outside)\s+$",
    re.IGNORECASE,
)
_PLACE_AFTER = re.compile(
    r"^\s*(?:қаласы|каласы|қаласында|каласында|ауданы|ауданында|районе|района)\b"
    r"|^\s*[,(—–-]\s*(?:a\s+)?(?:town|city|village|город|городок|село|посёлок|поселок|қала|кала)\b",
    re.IGNORECASE,
)
_NOT_PERSON_BEFORE = re.compile(r"(?:^|[^\w])(?:дед|дедушка|santa|father)\s+$", re.IGNORECASE)
_INITIALS = r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]\.\s?(?:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]\.)?"
_INITIALS_BEFORE = re.compile(rf"(?:^|[^\w.])({_INITIALS})\s*$")
_INITIALS_AFTER = re.compile(rf"^\s({_INITIALS})(?![\w])")
_PREV_WORD = re.compile(r"([^\W\d_]+)\s{1,2}$")
_NEXT_WORD = re.compile(r"^\s{1,2}([^\W\d_]+)")


def _gap_ok(gap: str) -> bool:
    """One to three spaces between two words of a name (`\\s{1,3}`; str.isspace is what `\\s` matches)."""
    return 0 < len(gap) <= 3 and gap.isspace()


_APOSTROPHE_CHARS = frozenset("'’ʼ`")  # before a possessive s: Balashov's
_CAPITALISED_NEXT = re.compile(r"\s{1,2}[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яёәғқңөұүһі]{2,}")

STRENGTH = {"full": 1.0, "initials": 0.95, "surname": 0.8, "surname_weak": 0.6, "relative": 0.3}
_ROLE_WEIGHT = {SURNAME: 3, FIRST: 1, PATRONYMIC: 1}
_MAX_QUERY = 300


class NameIndex:
    """Surface forms of every case's names, built once; `lookup` for queries, `find`/`cases_in` for texts."""

    def __init__(self, cases: Iterable[NamedCase]) -> None:
        self._cases: dict[str, _CaseInfo] = {}
        self._cyr: dict[str, dict[str, set[str]]] = {}  # folded form → slug → roles (text search)
        self._lat: dict[str, dict[str, set[str]]] = {}  # skeleton → slug → roles (text search)
        self._lookup: dict[str, dict[str, set[str]]] = {}  # extra keys for queries only (lenient)
        self._fuzzy: dict[str, set[tuple[str, str]]] = {}  # one-deletion variant → (nominative key, slug)
        for order, case in enumerate(cases):
            self._add_case(case, order)
        self._cyr_auto = self._build(self._cyr)
        self._lat_auto = self._build(self._lat, pad=True)

    # -- building --

    def _add_case(self, case: NamedCase, order: int) -> None:
        info = _CaseInfo(slug=case.slug, order=order, gender=case.gender)
        self._cases[case.slug] = info
        canon = [fold(w) for w in _name_words(case.name)]
        roles = _assign_roles(canon)
        first = next((w for w, r in zip(canon, roles, strict=True) if r == FIRST), None)
        sur = next((w for w, r in zip(canon, roles, strict=True) if r == SURNAME), None)
        if info.gender is None:
            info.gender = _guess_gender(first, sur)
        known_keys: dict[str, str] = {}  # latin key → role, to place words of other spellings
        for w, r in zip(canon, roles, strict=True):
            info.parts.setdefault(r, set()).add(w)
            known_keys[latin_key(w)] = r
        others = [case.name_kk or "", case.name_en or "", *case.aliases]
        for other in others:
            ws = _name_words(other)
            if not ws:
                continue
            guessed = _assign_roles([fold(w) for w in ws])
            for w, g in zip(ws, guessed, strict=True):
                key = latin_key(w)
                role = known_keys.get(key) or _near_role(key, known_keys) or g
                if CYRILLIC_RE.search(w):
                    info.parts.setdefault(role, set()).add(fold(w))
                else:
                    info.latin.setdefault(role, set()).add(skeleton(w))
        sur_words = info.parts.get(SURNAME, set())
        info.common = any(is_common_word(w) for w in sur_words)
        info.place = any(is_place_name(w) for w in sur_words)
        slug = case.slug
        for role, nominatives in info.parts.items():
            for w in nominatives:
                forms = _russian_forms(w, role, info.gender)
                for f in forms:
                    self._put(self._cyr, f, slug, role)
                    if "-" in f:  # Тер-Аванесов is also written Тер Аванесов
                        self._put(self._cyr, f.replace("-", " "), slug, role)
                    # translit of every Russian form: lenient queries like "balashovu", "Iliasheva"
                    self._put(self._lookup, latin_key(f), slug, role)
                for f in _kazakh_and_soft_sign(w, forms):
                    self._put(self._cyr, f, slug, role)
                # Latin text: nominatives only — "Irina Balashova" in English is not him
                self._put(self._lat, latin_key(w), slug, role)
                if role == FIRST:
                    info.initials.add(w[0])
                    info.first_forms |= forms
                    for dim in _DIMINUTIVES.get(w, ()):
                        # Женя Беркович is Евгения Беркович, not a namesake (the guard reads first_forms)
                        info.first_forms |= _noun_endings(dim, "f" if dim.endswith(("а", "я")) else "m")
                    info.first_forms.add(latin_key(w))
                if role in (SURNAME, FIRST):
                    self._add_fuzzy(w, slug)
                    self._add_fuzzy(latin_key(w), slug)
        for role, sks in info.latin.items():
            for sk in sks:
                self._put(self._lat, sk, slug, role)
                if role == FIRST:
                    info.initials.add(fold(sk[0]))
                    info.first_forms.add(sk)
                if role in (SURNAME, FIRST):
                    self._add_fuzzy(sk, slug)
        # The initial of a Latin first name in Cyrillic and back: A. Ilyashev ~ А. Ильяшев.
        info.initials |= {fold(t) for c in list(info.initials) for t in _initial_twins(c)}
        self._put(self._lookup, slug, slug, "slug")

    @staticmethod
    def _put(table: dict[str, dict[str, set[str]]], key: str, slug: str, role: str) -> None:
        if key:
            table.setdefault(key, {}).setdefault(slug, set()).add(role)

    def _add_fuzzy(self, key: str, slug: str) -> None:
        if len(key) < 5:
            return
        for v in _deletions(key):
            self._fuzzy.setdefault(v, set()).add((key, slug))

    @staticmethod
    def _build(table: dict[str, dict[str, set[str]]], pad: bool = False) -> Any:
        auto = ahocorasick.Automaton()
        for key, entries in table.items():
            frozen = {slug: frozenset(roles) for slug, roles in entries.items()}
            surnames = tuple(slug for slug, roles in frozen.items() if SURNAME in roles)
            auto.add_word(f" {key} " if pad else key, (len(key) + (2 if pad else 0), frozen, surnames))
        if len(auto) == 0:
            auto.add_word("\x00\x00", (2, {}, ()))  # an empty automaton cannot be finalised
        auto.make_automaton()
        return auto

    # -- queries --

    def lookup(self, query: str) -> list[str]:
        """Slugs of the cases a typed name means, best first; [] for anything that is not a name."""
        if not isinstance(query, str) or len(query) > 4 * _MAX_QUERY:
            return []
        q = strip_tags(query).strip()
        if not q or len(q) > _MAX_QUERY:
            return []
        low = q.lower().lstrip("/@#")
        if low in self._cases:
            return [low]
        ws = words(q)
        if not ws or len(ws) > 6:
            return []
        per_slug: dict[str, list[int]] = {}  # slug → [tokens matched, weight]
        for w in ws:
            entries = self._lookup_word(w)
            for slug, roles in entries.items():
                acc = per_slug.setdefault(slug, [0, 0])
                acc[0] += 1
                acc[1] += max((_ROLE_WEIGHT.get(r, 4) for r in roles), default=0)
        if not per_slug:
            return []
        best = max(n for n, _ in per_slug.values())
        top = [s for s, (n, _) in per_slug.items() if n == best]
        top.sort(key=lambda s: (-per_slug[s][1], self._cases[s].order))
        return top

    def _lookup_word(self, w: str) -> dict[str, set[str]]:
        keys = {fold(w), latin_key(w)} if CYRILLIC_RE.search(w) else {skeleton(w)}
        out: dict[str, set[str]] = {}
        for k in keys:
            for table in (self._cyr, self._lat, self._lookup):
                for slug, roles in table.get(k, {}).items():
                    out.setdefault(slug, set()).update(roles)
        if out:
            return out
        for k in keys:  # one typo: a letter swapped, missing or extra — but never a gender ending
            if len(k) < 5:
                continue
            for v in {k, *_deletions(k)}:
                for target, slug in self._fuzzy.get(v, ()):
                    if _gender_flip(k, target) or not _one_edit(k, target):
                        continue
                    out.setdefault(slug, set()).add(SURNAME if target in self._surname_keys(slug) else FIRST)
        return out

    def _surname_keys(self, slug: str) -> set[str]:
        info = self._cases[slug]
        ws = info.parts.get(SURNAME, set())
        return ws | {latin_key(w) for w in ws} | info.latin.get(SURNAME, set())

    # -- texts --

    def find(self, text: str) -> list[CaseMention]:
        """Every mention of a case in `text`, in order, after the place / common-word / relative guards."""
        hits = self._hits(text)
        if not hits:
            return []
        raw: list[CaseMention] = []
        used: set[int] = set()
        for i, h in enumerate(hits):
            for slug in h.surnames:
                span = self._join(hits, i, slug, text)
                if span is not None:
                    s, e, idxs = span
                    used |= idxs
                    raw.append(CaseMention(slug, s, e, text[s:e], "full", STRENGTH["full"]))
        covered = bytearray(len(text) + 1)  # characters inside a full mention
        for fm in raw:
            covered[fm.start : fm.end] = b"\x01" * (fm.end - fm.start)
        full_cases = {fm.case for fm in raw}
        for i, h in enumerate(hits):
            if i in used or covered[h.start]:
                continue
            for slug in h.surnames:
                one = self._surname_only(text, h, slug, slug in full_cases)
                if one is not None:
                    raw.append(one)
        raw.sort(key=lambda m: (m.start, -m.strength))
        # A surname shared by several cases: keep the ones the text names in full, if any.
        out: list[CaseMention] = []
        by_span: dict[tuple[int, int], list[CaseMention]] = {}
        for m in raw:
            by_span.setdefault((m.start, m.end), []).append(m)
        for ms in by_span.values():
            if len(ms) > 1:
                named = [m for m in ms if m.case in full_cases or m.kind in ("full", "initials")]
                ms = named or ms
            out.extend(ms)
        out.sort(key=lambda m: (m.start, -m.strength))
        return out

    def cases_in(self, text: str) -> list[str]:
        """Slugs the text is about, in order of first mention (relatives alone do not count)."""
        seen: list[str] = []
        for m in self.find(text):
            if m.kind != "relative" and m.case not in seen:
                seen.append(m.case)
        return seen

    def first_names_of(self, slug: str) -> set[str]:
        """Folded forms of a case's first names (statements use them to spot the signature)."""
        return self._cases[slug].first_forms if slug in self._cases else set()

    def slugs(self) -> list[str]:
        return list(self._cases)

    # -- internals --

    def _hits(self, text: str) -> list[_Hit]:
        hits: list[_Hit] = []
        if CYRILLIC_RE.search(text):
            folded = fold(text)
            n = len(folded)
            for end, (length, entries, surnames) in self._cyr_auto.iter(folded):
                start = end - length + 1
                if start > 0 and (folded[start - 1].isalpha() or folded[start - 1] == "-"):
                    continue
                if end + 1 < n and (folded[end + 1].isalpha() or folded[end + 1] in "-'’"):
                    continue
                hits.append(_Hit(start, end + 1, entries, surnames, False))
        if LATIN_RE.search(text):
            toks = [(m.start(), m.end(), m.group(0)) for m in LATIN_WORD_RE.finditer(text)]
            if toks:
                keys = [
                    skeleton(w[:-2] if w[-1:] == "s" and w[-2:-1] in _APOSTROPHE_CHARS else w)  # Balashov's
                    for _s, _e, w in toks
                ]
                joined = " " + " ".join(keys) + " "
                starts = list(accumulate((len(k) + 1 for k in keys[:-1]), initial=1))  # each key's offset
                for end, (length, entries, surnames) in self._lat_auto.iter(joined):
                    first = bisect_right(starts, end - length + 2) - 1
                    last = bisect_right(starts, end - 1) - 1
                    s, e = toks[first][0], toks[last][1]
                    if text[e - 1 : e] == "s" and text[e - 2 : e - 1] in _APOSTROPHE_CHARS and e - 2 >= s:
                        e -= 2
                    hits.append(_Hit(s, e, entries, surnames, True))
        # Longest hit at each start wins (балашовтың over балашов is impossible by the boundary check,
        # but a Latin and a Cyrillic automaton may both answer for mixed words).
        hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
        dedup: list[_Hit] = []
        for h in hits:
            if dedup and dedup[-1].start == h.start:
                continue
            dedup.append(h)
        return dedup

    def _join(self, hits: list[_Hit], i: int, slug: str, text: str) -> tuple[int, int, set[int]] | None:
        """Surname hit `i` with first name (and patronymic) of the same case next to it → a full mention."""
        s, e = hits[i].start, hits[i].end
        idxs = {i}
        have_first = False
        # before: [first] [patronymic] surname
        j = i - 1
        while j >= 0 and i - j <= 2 and _gap_ok(text[hits[j].end : hits[j + 1].start]):
            roles = hits[j].entries.get(slug)
            if not roles or not (roles & {FIRST, PATRONYMIC}):
                break
            s = hits[j].start
            idxs.add(j)
            have_first = have_first or FIRST in roles
            j -= 1
        # after: surname [first] [patronymic]
        j = i + 1
        while j < len(hits) and j - i <= 2 and _gap_ok(text[hits[j - 1].end : hits[j].start]):
            roles = hits[j].entries.get(slug)
            if not roles or not (roles & {FIRST, PATRONYMIC}):
                break
            e = hits[j].end
            idxs.add(j)
            have_first = have_first or FIRST in roles
            j += 1
        if not have_first:
            return None
        form = text[s:e]
        info = self._cases[slug]
        if info.common and form == form.lower():
            return None  # "роза мороз" in lower case is weather talk, not a name
        return s, e, idxs

    def _surname_only(self, text: str, h: _Hit, slug: str, named_in_full: bool) -> CaseMention | None:
        info = self._cases[slug]
        s, e = h.start, h.end
        form = text[s:e]
        before = text[max(0, s - 40) : s]
        after = text[e : e + 40]
        # `_INITIALS_BEFORE`, `_PLACE_BEFORE`, `_NOT_PERSON_BEFORE`, `_KIN_BEFORE` and `_PREV_WORD` end at the end
        # of `before` and span its last two words at most, with the character before them
        b0 = max(0, words_back(before, len(before), 2) - 1)
        m = _INITIALS_BEFORE.search(before, b0) or _INITIALS_AFTER.match(after)
        if m:
            letter = fold(m.group(1)[0])
            if letter in info.initials:
                return CaseMention(slug, s, e, form, "initials", STRENGTH["initials"])
            return CaseMention(
                slug, s, e, form, "relative", STRENGTH["relative"]
            )  # И. Балашова: someone else
        if info.place and (_PLACE_BEFORE.search(before, b0) or _PLACE_AFTER.match(after)):
            return None
        if _NOT_PERSON_BEFORE.search(before, b0):
            return None
        if _KIN_BEFORE.search(before, b0) or _KIN_AFTER.match(after):
            return CaseMention(slug, s, e, form, "relative", STRENGTH["relative"])
        if not h.latin and self._other_first_name(before, after, info, b0):
            return CaseMention(slug, s, e, form, "relative", STRENGTH["relative"])
        if info.common and not h.latin:  # "moroz" is a word in Russian, not in English
            mid_sentence_name = is_capitalised(form) and not sentence_start(text, s)
            if not (mid_sentence_name or named_in_full):
                return None
            return CaseMention(slug, s, e, form, "surname", STRENGTH["surname_weak"])
        weak = form == form.lower()
        return CaseMention(slug, s, e, form, "surname", STRENGTH["surname_weak" if weak else "surname"])

    @staticmethod
    def _other_first_name(before: str, after: str, info: _CaseInfo, b0: int = 0) -> bool:
        """Ирина Балашова / Балашова Ирина: a capitalised first name that is not the case's."""
        for m, is_next in ((_PREV_WORD.search(before, b0), False), (_NEXT_WORD.match(after), True)):
            if m is None:
                continue
            w = m.group(1)
            if not is_capitalised(w) or not CYRILLIC_RE.search(w):
                continue
            fw = fold(w)
            if fw in info.first_forms or not is_first_name(fw):
                continue
            if is_next and _CAPITALISED_NEXT.match(after[m.end() :]):
                continue  # "адвокат Мовлаева Рена Керимова": a full name follows; ours is a genitive
            return True
        return False


_CYR_HYPHENATED = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")


def _name_words(name: str) -> list[str]:
    """The words of a case's name; a hyphenated Cyrillic surname (Кара-Мурза) stays one word.

    Latin text is matched token by token on skeletons, so there a hyphen still splits.
    """
    out: list[str] = []
    for w in re.findall(r"[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*", name):
        if "-" in w and not (CYRILLIC_RE.search(w) and _CYR_HYPHENATED.fullmatch(w)):
            out.extend(words(w.replace("-", " ")))
        else:
            out.append(w)
    return out


@lru_cache(maxsize=20_000)
def _russian_forms(w: str, role: str, gender: str | None) -> frozenset[str]:
    """Russian forms of one folded name word, by its role (cached: first names repeat a lot)."""
    if role == SURNAME:
        return frozenset(surname_forms(w, gender))
    if role == FIRST:
        return frozenset(first_name_forms(w, gender))
    return frozenset(patronymic_forms(w))


def _kazakh_and_soft_sign(w: str, forms: frozenset[str]) -> set[str]:
    """Kazakh suffixed forms, and every form without ь (Kazakh spelling Әлнұр ~ Альнур)."""
    out = kazakh_forms(w)
    if "ь" in w:
        out |= kazakh_forms(w.replace("ь", ""))
    out |= {f.replace("ь", "") for f in forms if "ь" in f}
    return out


def _assign_roles(ws: list[str]) -> list[str]:
    """Roles of the words of one spelling of a name: first, surname, patronymic."""
    n = len(ws)
    if n == 0:
        return []
    if n == 1:
        return [SURNAME]
    roles = [""] * n
    for i, w in enumerate(ws):
        if _PATRONYMIC_RE.search(w):
            roles[i] = PATRONYMIC
    rest = [i for i in range(n) if not roles[i]]
    if n == 2 and len(rest) == 1:
        # "Айгерим Нурланкызы": a Kazakh surname built like a patronymic, next to a given name
        return [FIRST, SURNAME] if rest[0] == 0 else [SURNAME, FIRST]
    if not rest:
        return [FIRST] + [PATRONYMIC] * (n - 1)
    if len(rest) == 1:
        roles[rest[0]] = SURNAME
        return roles
    first_i, last_i = rest[0], rest[-1]
    # "Ильяшев Альнур Кайратович": surname first when the patronymic closes the name, or when the
    # first word looks like a surname and the last like a given name.
    surname_first = bool(roles[-1] == PATRONYMIC and n >= 3) or (
        _looks_surname(ws[first_i]) and not _looks_surname(ws[last_i]) and is_first_name(ws[last_i])
    )
    for i in rest:
        roles[i] = FIRST
    roles[first_i if surname_first else last_i] = SURNAME
    return roles


def _looks_surname(w: str) -> bool:
    if _SURNAME_LIKE_RE.search(w):
        return True
    return any("Surn" in tag and known for tag, _s, known in _parses(w)) if CYRILLIC_RE.search(w) else False


def _near_role(key: str, known: dict[str, str]) -> str | None:
    for k, r in known.items():
        if len(k) >= 4 and _one_edit(key, k):
            return r
    return None


def _deletions(w: str) -> set[str]:
    return {w[:i] + w[i + 1 :] for i in range(len(w))}


def _one_edit(a: str, b: str) -> bool:
    """Damerau distance ≤ 1."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    if la > lb:
        a, b = b, a
    return any(b[:i] + b[i + 1 :] == a for i in range(len(b)))


def _gender_flip(a: str, b: str) -> bool:
    """Емельянов vs Емельянова: one is the other plus a feminine ending — not a typo."""
    return (a + "а" == b or b + "а" == a or a + "a" == b or b + "a" == a) and len(min(a, b, key=len)) >= 4


_TWINS = {
    "a": "а", "b": "б", "v": "в", "g": "г", "d": "д", "e": "е", "z": "з", "i": "и", "k": "к", "l": "л",
    "m": "м", "n": "н", "o": "о", "p": "п", "r": "р", "s": "с", "t": "т", "u": "у", "f": "ф", "h": "х",
    "y": "ю", "j": "ж", "c": "ц",
}  # fmt: skip
_TWINS_BACK = {v: k for k, v in _TWINS.items()} | {"ю": "y", "я": "y", "е": "e", "э": "e", "ж": "z", "х": "k"}


def _initial_twins(c: str) -> set[str]:
    """The letters an initial may be written with in the other script (Ю. / Y., Х. / K.)."""
    out = {c}
    if c in _TWINS:
        out.add(_TWINS[c])
    if c in _TWINS_BACK:
        out.add(_TWINS_BACK[c])
    if c == "ю":
        out |= {"y", "i"}
    if c == "и":
        out |= {"i", "y"}
    if c == "е":
        out |= {"e", "y"}
    return out
