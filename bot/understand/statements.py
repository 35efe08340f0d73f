"""Is an item the detainee's own words — a letter from detention, a last word in court, an open
appeal, a message passed through a lawyer, an archive entry — and whose?

Signals, strongest first:
1. Front matter whose `title` (or `author`) names a case: an archive of statements.
2. An authored document: its head says who it is from (`от гражданина Ильяшева А.К.`,
   `From: …`) and what it is (заявление, сообщение, жалоба, обращение, open letter …).
3. A signature: the text ends with the person's name and is written in the first person.
4. A news item that presents the words: a statement phrase (письмо из СИЗО, последнее слово,
   open letter, через адвоката, соңғы сөз …) in the title or the lead, and the words themselves
   (first-person text or a long first-person quote).
5. A first-person text about detention from a case's own source (or titled with the name).
A statement phrase further down a news piece (an old letter recalled in passing) is not enough.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.understand.names import CaseMention, NameIndex
from bot.understand.text import fold, sentences

__all__ = ["StatementVerdict", "detect_statement", "first_person_share"]

_FIRST_PERSON = re.compile(
    r"(?<![а-яa-z])(?:я|меня|мне|мной|мною|мой|моя|мое|мои|моего|моей|моему|моим|моих|моими|мою|сам|сама"
    r"|i|me|my|myself|mine|i'm|i’m|i've|i’ve"
    r"|менин|маган|мени|менде|менен|озим|озимнин)(?![а-яa-z'’])"
)
_WORD = re.compile(r"[^\W\d_]+")
_CUE = re.compile(
    r"(?<![а-яa-z])(?:(?:письм|записк|послани|обращени)[а-я]*\s+(?:[^\s]+\s+){0,3}(?:из|из-за)\s+(?:сизо|изолятора"
    r"|следственного\s+изолятора|колонии|тюрьмы|решетки|заключения|камеры)"
    r"|письм[а-я]*\s+из-за\s+решетки|последн[а-я]+\s+слов[а-я]*|открыт[а-я]+\s+письм[а-я]*|обращени[а-я]*"
    r"|обратил(?:ся|ась|ись)\s+к|передал[аи]?\s+через\s+адвокат[а-я]*|через\s+(?:своего\s+|своих\s+)?адвокат[а-я]*"
    r"|пиш[еу]т?\s+из|написал[аи]?\s+из|публикуем|полный\s+текст|текст\s+(?:письма|обращения|выступления)"
    r"|letters?\s+from\s+(?:pre-trial\s+)?(?:detention|jail|prison|custody|behind\s+bars|a\s+detention\s+centre|a\s+detention\s+center)"
    r"|last\s+word|final\s+word|closing\s+statement|final\s+statement|open\s+letter|in\s+a\s+letter|wrote\s+from|writes\s+from"
    r"|(?:through|via)\s+(?:his|her|their)\s+lawyers?|relayed\s+by\s+(?:his|her)\s+lawyers?|appeal\s+to|address\s+to"
    r"|сизо-?дан\s+хат|изоляторынан\s+хат|турмеден\s+хат|сонгы\s+соз[а-я]*|ашык\s+хат|ундеу[а-я]*|адвокаты\s+аркылы"
    r"|хат\s+жолдад[а-я]*|хатында)(?![а-яa-z])"
)
_DOC_KIND = re.compile(
    r"(?<![а-яa-z])(?:заявлени[ея]|сообщени[ея]|жалоб[аы]|обращени[ея]|ходатайств[оа]|письм[оа]|открытое\s+письмо"
    r"|open\s+letter|statement|complaint|petition|appeal|letter|отиниш|шагым|арыз|ундеу|хат)(?![а-яa-z])"
)
_FROM_HEAD = re.compile(
    r"(?<![а-яa-z])(?:от|from:?|атынан)\s+(?:гражданина|гражданки|осужденного|осужденной|подсудимого|подсудимой"
    r"|обвиняемого|обвиняемой|задержанного|задержанной|заключенного|заключенной|citizen)?\s*$"
)
_SIGN_OFF = re.compile(r"(?:с\s+уважением|подпись|искренне\s+ваш[а-я]*|sincerely|yours|курметпен)[,.:]?\s*$")
_DETENTION = re.compile(
    r"(?<![а-яa-z])(?:сизо|изолятор[а-я]*|камер[а-я]*|колони[а-я]*|тюрьм[а-я]*|решетк[а-я]*|заключени[а-я]*"
    r"|prison|jail|cell|detention|custody|behind\s+bars|турме[а-я]*|изолятор)(?![а-яa-z])"
)
_QUOTE = re.compile(r"«([^»]{40,})»|\"([^\"]{40,})\"|“([^”]{40,})”")

LEAD_SENTENCES = 2
LEAD_CHARS = 450


@dataclass(frozen=True)
class StatementVerdict:
    """The decision, the cases it belongs to and why (for the review queue and debugging)."""

    statement: bool
    cases: list[str]
    reason: str


_NO = StatementVerdict(False, [], "")


def first_person_share(folded: str) -> float:
    """Share of first-person singular pronouns among words (a statement runs ~3–6 %, news < 1 %)."""
    n = len(_WORD.findall(folded))
    return len(_FIRST_PERSON.findall(folded)) / n if n else 0.0


def _first_person_quote(text: str) -> int:
    """Characters of quoted first-person speech."""
    total = 0
    for m in _QUOTE.finditer(text):
        q = next(g for g in m.groups() if g)
        if len(_FIRST_PERSON.findall(fold(q))) >= 2:
            total += len(q)
    return total


def detect_statement(
    text: str,
    index: NameIndex,
    *,
    about: Sequence[str],
    mentions: Sequence[CaseMention],
    title: str | None = None,
    front_matter: dict[str, Any] | None = None,
    source_case: str | None = None,
) -> StatementVerdict:
    """Decide whether `text` carries the detainee's own words; `about`/`mentions` come from NameIndex."""
    fm = front_matter or {}

    def owner(found: Sequence[str]) -> list[str]:
        return [source_case] if source_case else list(found)

    # 1. an archive entry: front matter with a title (or author) naming the person
    if fm:
        named: list[str] = []
        for key in ("author", "title", "name", "person"):
            v = fm.get(key)
            if isinstance(v, str):
                named += [c for c in index.cases_in(v) if c not in named]
        if named or (source_case and fm.get("title")):
            if len(text.strip()) >= 200:
                return StatementVerdict(True, owner(named), "front matter names the person")

    f = fold(text)
    head = f[:700]
    # 2. an authored document: "от гражданина <Name>" near the top, plus what kind of paper it is
    for m in mentions:
        if m.start >= 700 or m.kind == "relative":
            continue
        if _FROM_HEAD.search(head[max(0, m.start - 45) : m.start]) and _DOC_KIND.search(f[:1500]):
            return StatementVerdict(True, owner([m.case]), "a document from the person")

    share = first_person_share(f)
    # 3. signed at the end, written in the first person
    tail_from = max(0, len(text) - 300)
    for m in mentions:
        if m.start < tail_from or m.kind not in ("full", "initials"):
            continue
        rest = text[m.end :].strip(" \t.,;)\n")
        before = f[max(0, m.start - 40) : m.start]
        last_line = "\n" in text[max(0, m.start - 80) : m.start] and len(rest) < 120
        if (last_line or _SIGN_OFF.search(before)) and share >= 0.02:
            return StatementVerdict(True, owner([m.case]), "signed by the person")

    # 4. news that presents the words: a statement phrase in the title or lead, and the words
    lead_end = LEAD_CHARS
    for k, (_s, e) in enumerate(sentences(text)):
        if k + 1 >= LEAD_SENTENCES:
            lead_end = max(min(e, 900), LEAD_CHARS)
            break
    title_f = fold(title or "")
    cue_title = _CUE.search(title_f) if title_f else None
    cue_lead = _CUE.search(f, 0, min(lead_end, len(f)))
    if cue_title or cue_lead:
        quoted = _first_person_quote(text)
        if share >= 0.02 or quoted >= 150:
            cases = _cases_near_cue(cue_lead.start() if cue_lead else 0, mentions, about, index, title)
            if cases or source_case:
                return StatementVerdict(True, owner(cases), "a statement phrase in the lead, and the words")

    # 5. a first-person text about detention from the person's own source (or titled with the name)
    if share >= 0.035 and _DETENTION.search(f):
        titled = index.cases_in(title) if title else []
        if source_case or titled:
            return StatementVerdict(True, owner(titled), "first-person text from the person's source")
    return _NO


def _cases_near_cue(
    pos: int, mentions: Sequence[CaseMention], about: Sequence[str], index: NameIndex, title: str | None
) -> list[str]:
    """The case nearest the statement phrase (in the title, or the lead), else the first one named."""
    if title:
        named = index.cases_in(title)
        if named:
            return named[:1]
    cands = [m for m in mentions if m.case in about]
    if not cands:
        return list(about[:1])
    best = min(cands, key=lambda m: abs(m.start - pos))
    return [best.case]
