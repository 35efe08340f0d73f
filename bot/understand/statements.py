"""Is an item the detainee's own words — a letter from detention, a last word in court, an open
appeal, a message passed through a lawyer, an archive entry — and whose?

Signals, strongest first:
1. Front matter whose `title` (or `author`) names a case: an archive of statements.
2. An authored document: its head says who it is from (`от гражданина Ильяшева А.К.`,
   `From: …`) and what it is (заявление, сообщение, жалоба, обращение, open letter …).
3. A signature: the text ends with the person's name on its own line, and is written in the
   first person.
4. A presented statement: an outlet's own introduction frames what follows as the person's words,
   and the words are there.
   - The frame is a sentence of the title or lead (the first `HEAD_CHARS`; a "we publish it in full"
     frame up to `FULL_TEXT_CHARS`) that names what the words are (a letter, a note, an appeal, a
     last word, answers) together with how they reached the outlet (sent, passed on, published,
     received; from a cell, a colony, a jail; through a lawyer or relatives; in full), or says the
     person explained or wrote "from the detention centre" (not "brought from it to court").
   - A tracked case must own the frame: named in that sentence as the writer (not as the client of
     a lawyer, the son of a mother, the addressee of letters, nor beside an untracked writer:
     "последнее слово Марата Кенжебаева, осуждённого вместе с …"), or the sentence's subject is a
     pronoun or a bare noun and the case was named just before. A lawyer, relative or organisation
     opening the sentence writes for themselves unless they only pass the words on.
   - A frame sentence that recalls ("ранее", "напомним", "бұған дейін", "earlier", "last year")
     does not count.
   - The words (`_Words`, `_evidence`): first-person sentences outside quotes (an outlet never
     speaks in the first person; a letter does), first-person quotes attributed to the person
     (not to a lawyer or a relative, not a remark in court, not recalled), dash-opened lines of
     direct speech, and sentences reporting the letter's content ("пишет Статкевич", "деп жазды",
     "in it, he says"). Kazakh "мен" counts as "I" only where it opens a clause (it is also "and").
   - A last word needs more: the outlet says it publishes it in full, or the text is mostly the
     speech itself. A last word quoted inside a report on the hearing is news, not a statement.
5. A first-person text about detention from a case's own source (or titled with the name).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.understand.names import CaseMention, NameIndex
from bot.understand.text import sentences

__all__ = ["StatementVerdict", "detect_statement", "first_person_share"]

_FOLD_PAIRS = (
    ("ё", "е"), ("ә", "а"), ("ғ", "г"), ("қ", "к"), ("ң", "н"), ("ө", "о"), ("ұ", "у"), ("ү", "у"),
    ("һ", "х"), ("і", "и"), ("\u00a0", " "), ("\u2009", " "), ("\u202f", " "),
)  # fmt: skip


def fold(text: str) -> str:
    """`bot.understand.text.fold`, the same result ~20× faster (str.replace per letter, not translate)."""
    low = text.lower()
    if len(low) != len(text):  # 'İ'.lower() is two characters: keep offsets by folding one by one
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    for a, b in _FOLD_PAIRS:
        if a in low:
            low = low.replace(a, b)
    return low


# Folded text (lower case, Kazakh letters → Russian ones): менің → менин, өзім → озим.
_NB = r"(?<![а-яa-z])"  # no letter before
_NA = r"(?![а-яa-z'’])"  # no letter after
_FIRST_PERSON = re.compile(
    _NB + r"(?:я|меня|мне|мной|мною|мой|моя|мое|мои|моего|моей|моему|моим|моих|моими|мою|сам|сама"
    r"|i|me|my|myself|mine|i'm|i’m|i've|i’ve|i'd|i’d|i'll|i’ll"
    r"|менин|маган|мени|менде|менен|озим|озимнин|озиме|озимди)" + _NA
)
# Kazakh "мен" is "I" and also "and" (денсаулығы мен қауіпсіздігі): the pronoun opens a clause.
_KK_MEN = re.compile(
    r"(?:^|[.!?«\"“,:;—–(\n]\s*|(?<![а-я])(?:бирак|ал|жане|енди|мунда|сондыктан|себеби|ойткени|биракта)\s+)мен"
    + _NA
)
# Every `_KK_MEN` match ends with this: "мен" after a non-letter and before no letter.
_MEN_WORD = re.compile(r"мен(?<![а-я]мен)" + _NA)
# Kazakh verbs in the first person singular: жоқпын, санамаймын, қойдым, көмектестім.
_KK_VERB_1SG = re.compile(
    _NB + r"[а-я]{2,}(?:[аеи]й?мын|[аеи]й?мин|ймын|ймин|пын|пин|бын|бин|дым|дим|тым|тим)" + _NA
)


class _FirstPersonAt:
    """Where a text speaks in the first person (positions of pronouns and Kazakh 1sg verbs)."""

    def __init__(self, text: str, folded: str) -> None:
        pos = [m.start() for m in _FIRST_PERSON.finditer(folded)]
        if _MEN_WORD.search(folded):  # a cheap literal-led test first: most texts have no such "мен"
            pos += [m.end() - 3 for m in _KK_MEN.finditer(folded)]
        low = text.lower()
        if sum(low.count(c) for c in "әғқңөұүһі") >= 0.015 * max(1, len(text)):  # Kazakh letters
            pos += [m.start() for m in _KK_VERB_1SG.finditer(folded)]
        self.pos = sorted(pos)

    def count(self, a: int, b: int) -> int:
        return bisect_left(self.pos, b) - bisect_left(self.pos, a)

    def at(self, a: int, b: int) -> list[int]:
        return self.pos[bisect_left(self.pos, a) : bisect_left(self.pos, b)]


_WORD = re.compile(r"[^\W\d_]+")

# What the words are.
_LETTER = (
    r"письм[а-я]*|записк[а-я]*|послани[а-я]*|обращени[а-я]*|заявлени[а-я]*"
    r"|(?<!апелляционн[а-я]\s)(?<!кассационн[а-я]\s)(?<!апелляционну[а-я]\s)(?<!кассационну[а-я]\s)жалоб[а-я]*"
    r"|letters?|a\s+note|messages?|(?:appeal(?:s|ed)?|complaint|petition)\s+(?:to|with)|open\s+appeal|complaint"
    r"|хат|хаты|хатын|хатында|хатта|хатты|хатка|хаттар[а-я]*|ундеу[а-я]*|отиниш[а-я]*|шагым[а-я]*|арыз[а-я]*"
)
_LAST_WORD = (
    r"последн[а-я]+\s+слов[а-я]*|last\s+words?|final\s+words?|closing\s+(?:statement|speech)"
    r"|final\s+(?:statement|speech)|сонгы\s+соз[а-я]*"
)
_ANSWER = r"ответ(?:ил[аи]?|ы|ах|ами)?|answer(?:s|ed)?|replie[sd]|жауап[а-я]*"
# How the words reached the outlet.
_TRANSFER = (
    r"прислал[аи]?|присылает|присыла[а-я]*|передал[аи]?|переда[её]т|передают|переданн[а-я]*|отправил[аи]?"
    r"|написал[аи]?|пишет|напечата[а-я]*|опубликова[а-я]*|публику[а-я]*|получил[аи]?|пришл[оаи]|адресова[а-я]*"
    r"|обратил(?:ся|ась|ись)|продиктова[а-я]*"
    r"|sent|sends|wrote|writes|written|publish(?:es|ed)?|gets|got|received?|receives|passed\s+on|relayed"
    r"|smuggled|addressed|dictated|penned|issued"
    r"|жолда[а-я]*|жибер[а-я]*|жазд[а-я]*|жаз[ыа]п|жазган|жазады|жарияла[а-я]*|алды|берди"
)
_SOURCE = (
    r"(?:из|из-за)\s+(?:[а-я№-]+\s+){0,2}(?:сизо|изолятор[а-я]*|колони[а-я]*|тюрьм[а-я]*|заключени[а-я]*"
    r"|карцер[а-я]*|шизо|камер[а-я]*|спецприемник[а-я]*|решетк[а-я]*|стражи|пкт)"
    r"|from\s+(?:[a-z’'-]+\s+){0,3}(?:jail|prison|detention|custody|colony|cell|behind\s+bars|penal\s+colony)"
    r"|турмеден|абактыдан|изолятор[а-я]*нан|колониядан|камаудан|мекемеден|тордан"
)
_THROUGH = (
    r"через\s+(?:[а-я]+\s+){0,2}(?:адвокат[а-я]*|защитник[а-я]*|родн[а-я]+|родственник[а-я]*|жен[ауы]|мать|матер[а-я]+"
    r"|мам[уыа]|сестр[а-я]*|брат[а-я]*|правозащитник[а-я]*|друз[а-я]+)"
    r"|(?:through|via)\s+(?:[a-z]+\s+){0,2}(?:lawyers?|attorneys?|relatives|family|wife|husband|mother|sister|brother"
    r"|friends|rights\s+defenders|defence|defense)"
    r"|(?:адвокат[а-я]*|коргаушы[а-я]*|анас[а-я]*|айел[а-я]*|туыс[а-я]*|жубай[а-я]*)\s+аркылы"
)
_IN_FULL = (
    r"полн[а-я]*\s+текст[а-я]*|полностью|целиком|без\s+сокращений|публику(?:ем|ет|ют)|приводим"
    r"|текст\s+(?:письма|обращения|речи|выступления|последнего)|вот\s+(?:текст|оно|он|письмо)"
    r"|in\s+full|full\s+text|complete\s+text|verbatim|the\s+text\s+of|толык\s+матин[а-я]*|толыктай"
)
_SPEECH = (
    r"объяснил[аи]?|рассказал[аи]?|рассказывает|сообщил[аи]?|заявил[аи]?|ответил[аи]?|написал[аи]?|пишет"
    r"|обратил(?:ся|ась|ись)|передал[аи]?"
    r"|told|explained|answered|wrote|writes|says|said|replied|describes|described"
    r"|жауап[а-я]*|жазд[а-я]*|жазады|айтт[а-я]*|жолдад[а-я]*|малимдед[а-я]*|тусиндир[а-я]*"
)


def _rx(body: str) -> re.Pattern[str]:
    return re.compile(_NB + r"(?:" + body + r")" + _NA)


_CUE_ANY = _rx("|".join((_LETTER, _LAST_WORD, _ANSWER, _SOURCE, _THROUGH)))
_RECEIVE_RE = re.compile(r"получил[аи]?|gets|got|received?|receives|алды")
_LETTER_RE, _LAST_RE, _ANSWER_RE = _rx(_LETTER), _rx(_LAST_WORD), _rx(_ANSWER)
_TRANSFER_RE, _SOURCE_RE, _THROUGH_RE = _rx(_TRANSFER), _rx(_SOURCE), _rx(_THROUGH)
_IN_FULL_RE, _SPEECH_RE = _rx(_IN_FULL), _rx(_SPEECH)

# A frame that looks back: an old letter recalled in passing.
_RECALL = _rx(
    r"ранее|напомним|напомню|еще\s+в|в\s+прошлом\s+году|прежде|до\s+этого|когда-то"
    r"|earlier|previously|last\s+year|had\s+(?:sent|written|published)|once\s+wrote|in\s+the\s+past"
    r"|будан\s+дейин|еске\s+сал[а-я]*|осыдан\s+бурын|откен\s+жылы|былтыр"
)
# Writers other than the detainee, when they open the frame sentence as its subject.
_OTHER_WRITER = _rx(
    r"адвокат[а-я]*|защитник[а-я]*|защита|мать|мама|отец|жена|муж|сестра|брат|дочь|сын|родные|родственники"
    r"|правозащитник[а-я]*|коллеги|друзья|сторонники|авторы|организаци[а-я]*|платформа|комитет|посольство"
    r"|lawyers?|attorneys?|the\s+defen[cs]e|mother|father|wife|husband|sister|brother|daughter|son|family"
    r"|relatives|supporters|colleagues|friends|(?:rights\s+)?groups?|organi[sz]ations?|committee|embassy"
    r"|адвокат[а-я]*|коргаушы[а-я]*|анас[а-я]*|акес[а-я]*|айел[а-я]*|жубай[а-я]*|туыс[а-я]*"
    r"|жактаст[а-я]*|кукык\s+коргаушы[а-я]*"
)
_KIN = (
    r"адвокат[а-я]*|защитник[а-я]*|мать|матери|отец|отца|жена|жены|муж|мужа|сестра|сестры|брат|брата|дочь|сын"
    r"|lawyers?|attorneys?|mother|father|wife|husband|sister|brother|daughter|son|family"
)
_KIN_BEFORE = re.compile(_NB + r"(?:" + _KIN + r")(?:\s+(?:of|for)(?:\s+[a-z’'-]+){0,4})?\s+$")
_KIN_AFTER = re.compile(
    r"(?:['’]s|[а-я]*)?\s*(?:"
    + _KIN
    + r"|адвокат[а-я]*|анас[а-я]*|акес[а-я]*|айел[а-я]*|жубай[а-я]*|апкес[а-я]*"
    r"|карындас[а-я]*|коргаушы[а-я]*)" + _NA
)
_HIS_LETTER = re.compile(
    _NB
    + r"(?:его|ее|её|his|her|оның|улының|кызының|улынын|кызынын)\s+(?:[а-яa-z]+\s+)?(?:письм|letter|хат|обращени|appeal|ашык)"
)
# letters to the person, not from them: "письма к Балашову", "letters to Movlaev"
_ADDRESSEE = re.compile(_NB + r"(?:к|для|to|for)\s+(?:[a-zа-я-]+\s+){0,2}$")
_NAME_AFTER_NOUN = re.compile(
    r"[ \t]+(?:(?:from|by|of|от)[ \t]+)?(?:[a-zа-яё-]+[ \t]+){0,2}"
    r"(?P<name>[A-ZА-ЯЁӘІҢҒҮҰҚӨҺ][a-zа-яёәіңғүұқөһ’'-]+[ \t]+[A-ZА-ЯЁӘІҢҒҮҰҚӨҺ][a-zа-яёәіңғүұқөһ’'-]+)"
)
_NAME_BEFORE_NOUN = re.compile(
    r"(?P<name>[A-ZА-ЯЁӘІҢҒҮҰҚӨҺ][a-zа-яёәіңғүұқөһ’'-]+(?:\s+[A-ZА-ЯЁӘІҢҒҮҰҚӨҺ][a-zа-яёәіңғүұқөһ’'-]+)?)"
    r"(?:['’]s|[а-яәіңғүұқөһ]{0,4}(?:тың|тің|дың|дің|ның|нің))\s+(?:[a-zа-яёәіңғүұқөһ-]+\s+){0,2}$"
)
_BY_THEM = _rx(
    r"(?:he|she)\s+(?:had\s+)?(?:wrote|sent|written|dictated)|from\s+(?:him|her)|от\s+(?:него|нее)"
    r"|(?:которое|которую|которые)\s+(?:он|она)\s+(?:[а-я]+\s+)?(?:написал|прислал|передал|продиктовал)[а-я]*"
    r"|ол\s+жазган|одан"
)
# a messenger's verbs: the lawyer or relative who "передал", "passed on" or "жариялады" the words
_PASSES_ON = _rx(
    r"передал[аи]?|переда[её]т|опубликовал[аи]?|passed\s+on|passed|relayed|shared|published|жариялад[а-я]*"
    r"|жеткизд[а-я]*"
)
_COURT_PLACE = _rx(
    r"суд|суда|суду|судом|зал[а-я]*\s+суда|заседани[а-я]*|court|courtroom|courthouse|hearing|trial"
    r"|сот|сотка|сотта|сот\s+отырыс[а-я]*"
)
_CAP_NAME = re.compile(r"[A-ZА-ЯЁӘІҢҒҮҰҚӨҺ][a-zа-яёәіңғүұқөһ’'-]+\s+[A-ZА-ЯЁӘІҢҒҮҰҚӨҺ][a-zа-яёәіңғүұқөһ’'-]+")
_PRONOUN_SUBJECT = _rx(
    r"он|она|ол|he|she|журналист[а-я]*|активист[а-я]*|политзаключенн[а-я]+|blogger|activist"
)
# The body reporting the letter's content: "пишет Статкевич", "деп жазды", "in it, he says".
_REPORTS = _rx(
    r"пишет|написал[аи]?|рассказывает|просит|жалуется|отмечает|вспоминает|признается|благодарит|требует"
    r"|по\s+(?:его|ее)\s+словам|в\s+(?:письме|обращении|записке)|в\s+конце\s+письма"
    r"|writes|wrote|says|recalls|asks|thanks|complains|in\s+it|in\s+the\s+letter"
    r"|деп\s+жаз[а-я]+|деп\s+жазады|хатында|хатта|деди|дейди"
)
# phrases that by themselves report the letter's content
_LETTER_SAYS = _rx(
    r"по\s+(?:его|ее)\s+словам|в\s+(?:своем\s+)?(?:письме|обращении|записке)|в\s+конце\s+письма|in\s+(?:the|his|her)\s+letter"
    r"|in\s+it|хатында|хатта|хаттын\s+соңында|делинген"
)
_MEDIA_SAYS = re.compile(r"(?:как|as)\s+(?:пишет|пишут|reports?|writes)\s+[«\"“]")
_SIGN_OFF = re.compile(r"(?:с\s+уважением|подпись|искренне\s+ваш[а-я]*|sincerely|yours|курметпен)[,.:]?\s*$")
_DOC_KIND = re.compile(
    r"(?<![а-яa-z])(?:заявлени[ея]|сообщени[ея]|жалоб[аы]|обращени[ея]|ходатайств[оа]|письм[оа]|открытое\s+письмо"
    r"|open\s+letter|statement|complaint|petition|appeal|letter|отиниш|шагым|арыз|ундеу|хат)(?![а-яa-z])"
)
_FROM_HEAD = re.compile(
    r"(?<![а-яa-z])(?:от|from:?|атынан)\s+(?:гражданина|гражданки|осужденного|осужденной|подсудимого|подсудимой"
    r"|обвиняемого|обвиняемой|задержанного|задержанной|заключенного|заключенной|citizen)?\s*$"
)
_DETENTION = re.compile(
    r"(?<![а-яa-z])(?:сизо|изолятор[а-я]*|камер[а-я]*|колони[а-я]*|тюрьм[а-я]*|решетк[а-я]*|заключени[а-я]*"
    r"|prison|jail|cell|detention|custody|behind\s+bars|турме[а-я]*|изолятор)(?![а-яa-z])"
)

HEAD_CHARS = 620  # the title and lead: where an outlet says what it is publishing
FULL_TEXT_CHARS = 1200  # "we publish the full text" may close a longer introduction
EVIDENCE_NEEDED = 3  # points of evidence (see `_evidence`) that the words are in the item
FP_SHARE_FRAMED = 0.15  # share of the text in first-person sentences, with a frame
FP_SHARE_DOMINANT = 0.45  # …with only a weak frame (a last word, a bare "письмо")


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


class _Words:
    """Where the item carries first-person words: attributed quotes and first-person sentences outside
    quotes (an outlet never speaks in the first person; a letter does). Computed once per item."""

    def __init__(self, text: str, folded: str, spans: Sequence[tuple[int, int]]) -> None:
        fp = _FirstPersonAt(text, folded)
        self.fp = fp
        quotes = [(m.start(), m.end()) for m in _ANY_QUOTE.finditer(text)]
        self.quotes = [
            (a, b) for a, b in quotes if b - a >= 22 and fp.count(a, b) and _speaker_ok(folded, a, b)
        ]
        self.sentences: list[tuple[int, int]] = []
        for s, e in spans:
            at = fp.at(s, e)
            if (
                at
                and not all(any(a <= p < b for a, b in quotes) for p in at)
                and not _RECALL.search(folded, s, e)
            ):
                self.sentences.append((s, e))
        chars = sum(e - s for s, e in self.sentences) + sum(b - a for a, b in self.quotes)
        self.ratio = chars / max(1, len(text.strip()))


def _speaker_ok(folded: str, a: int, b: int) -> bool:
    """A first-person quote is the person's words unless a lawyer, a relative or an organisation
    says it, it was said in court (a remark in a hearing report), or it is recalled."""
    # who speaks: an attribution right after the quote (", — сказал адвокат", " he wrote"), else an
    # introduction in the same sentence that leads into it ("Адвокат сказал:")
    tail = _SENTENCE_REST.match(folded, b, min(len(folded), b + 200))
    after = tail.group(0) if tail else ""
    lo = max(0, a - 160)
    lead_from = max(folded.rfind(c, lo, a) for c in ".!?\n»”") + 1
    before = folded[max(lo, lead_from) : a]
    if len(after) < 90 and _SAYS.search(after):
        speaker = after
    elif before.rstrip().endswith((":", ",")):
        speaker = before
    else:
        speaker = ""
    if speaker:
        if (
            _OTHER_WRITER.search(speaker)
            and not _THROUGH_RE.search(speaker)
            and not _DOC_SPEAKS.match(speaker)
        ):
            return False
        if _IN_COURT.search(speaker) and not _LAST_RE.search(speaker):
            return False
    return not _RECALL.search(before)


@dataclass
class _Frame:
    kind: str  # letter | last_word | answer | source
    strong: bool
    start: int
    case: str | None
    in_full: bool
    heading: bool


def _governed(folded: str, m: CaseMention) -> bool:
    """The mention names whose lawyer or relative is meant (Мать Юлии Емельяновой, Movlaev's lawyer)."""
    if _KIN_BEFORE.search(folded, max(0, m.start - 60), m.start):
        return True
    return bool(_KIN_AFTER.match(folded, m.end, min(len(folded), m.end + 30)))


def _frames(
    text: str, folded: str, spans: Sequence[tuple[int, int]], mentions: Sequence[CaseMention]
) -> list[_Frame]:
    """Sentences of the title and lead that present the words, and the tracked case owning each."""
    out: list[_Frame] = []
    named_before: str | None = None
    starts = [m.start for m in mentions]
    last_k = -9
    for k, (s, e) in enumerate(spans):
        if s >= FULL_TEXT_CHARS:
            break
        i, j = bisect_left(starts, s), bisect_left(starts, e)
        inside = [m for m in mentions[i:j] if m.kind != "relative"]
        if not _CUE_ANY.search(folded, s, e):
            if out and k - last_k <= 2 and _IN_FULL_RE.search(folded, s, e):
                out[-1].in_full = True  # "Публикуем его полностью." right after the frame
            if inside:
                named_before = None if _governed(folded, inside[-1]) else inside[-1].case
            continue
        seg = folded[s:e]
        own = [m for m in inside if not _governed(folded, m)]
        letter = _LETTER_RE.search(seg)
        last = _LAST_RE.search(seg)
        answer = _ANSWER_RE.search(seg)
        source = _SOURCE_RE.search(seg)
        through = _THROUGH_RE.search(seg)
        transfer = _TRANSFER_RE.search(seg)
        if transfer and _RECEIVE_RE.fullmatch(transfer.group(0)) and not source and own:
            # "Балашов получил письмо из прокуратуры": a letter to the person
            if own[0].start < s + transfer.start() and not _OTHER_WRITER.search(folded, s, own[0].start):
                transfer = None
        in_full = bool(_IN_FULL_RE.search(seg))
        speech = _SPEECH_RE.search(seg)
        kind = ""
        strong = False
        if last:
            kind, strong = "last_word", in_full
        elif letter:
            kind, strong = "letter", bool(transfer or source or through or in_full)
        elif answer and (source or through or transfer) and not _COURT_PLACE.search(seg):
            kind, strong = "answer", True
        elif source and speech and not _COURT_PLACE.search(seg):
            # "из изолятора объяснил", not "brought from the detention centre to court, where he said"
            kind, strong = "source", True
        elif through and transfer:
            kind, strong = "letter", True
        if s >= HEAD_CHARS and not in_full:
            continue
        noun = last or letter
        if noun and _someone_else_wrote(text, s + noun.start(), s + noun.end(), own, mentions):
            kind = ""
        heading = k == 0 or (e - s < 160 and text[e : e + 1] in ("\n", "") and text[e - 1 : e] not in ".")
        if kind and not _RECALL.search(seg) and (strong or heading):
            owner = _owner(text, folded, s, e, inside, own, named_before)
            if (
                owner is None
                and k == 0
                and not any(s <= m.start < e for m in mentions)
                and not _CAP_NAME.search(text, s + 1, e)
                and not _OTHER_WRITER.search(seg)
            ):
                # a head with no name ("Тергеу изоляторынан хат."): the person the next lines name
                later = [m for m in mentions if e <= m.start < e + 400 and m.kind != "relative"]
                owner = later[0].case if later and not _governed(folded, later[0]) else None
            if owner:
                out.append(_Frame(kind, strong, s, owner, in_full, heading))
                last_k = k
        if inside:
            named_before = own[-1].case if own and own[-1] is inside[-1] else None
    return out


def _someone_else_wrote(
    text: str, a: int, b: int, own: Sequence[CaseMention], mentions: Sequence[CaseMention]
) -> bool:
    """The statement noun at [a, b) belongs to a named person who is not tracked ("последнее слово
    Марата Кенжебаева", "a letter from activist Daniyar Seitkali", "Seitkali's letter"), and no
    tracked case stands before it as the writer."""
    if any(m.start < a for m in own):
        return False
    named = _NAME_AFTER_NOUN.match(text, b) or _NAME_BEFORE_NOUN.search(text, max(0, a - 60), a)
    if not named:
        return False
    at = named.start("name")
    return not any(m.start <= at < m.end for m in mentions)


def _owner(
    text: str,
    folded: str,
    s: int,
    e: int,
    inside: Sequence[CaseMention],
    own: Sequence[CaseMention],
    named_before: str | None,
) -> str | None:
    """The tracked case whose words the frame sentence presents, if any."""
    seg = folded[s:e]
    # the words are the person's even when a relative or a lawyer is the sentence's subject: passed on
    # through them, "his letter", "a letter he wrote", a letter from a jail
    passed_on = (
        _THROUGH_RE.search(seg)
        or _HIS_LETTER.search(seg)
        or _BY_THEM.search(seg)
        or _SOURCE_RE.search(seg)
        or _PASSES_ON.search(seg)
    )
    if inside:
        own = [m for m in own if not _ADDRESSEE.search(folded, max(s, m.start - 25), m.start)]
        if own:
            first = own[0]
            # a lawyer, a relative or an organisation opening the sentence writes for themselves,
            # unless the words are the detainee's, passed on ("мать передала его письмо", "через адвоката")
            if _OTHER_WRITER.search(folded, s, first.start) and not passed_on:
                return None
            return first.case
        return inside[0].case if passed_on else None
    if _OTHER_WRITER.search(seg) and not passed_on:
        return None
    if named_before and (_PRONOUN_SUBJECT.search(seg) or not _CAP_NAME.search(text, s + 1, e)):
        return named_before
    return None


def _reports(
    text: str,
    folded: str,
    fp: _FirstPersonAt,
    spans: Sequence[tuple[int, int]],
    mentions: Sequence[CaseMention],
    after: int,
) -> int:
    """Sentences after the frame that report what the person writes or says."""
    n = 0
    starts = [m.start for m in mentions if m.kind != "relative"]
    for s, e in spans:
        if s <= after:
            continue
        seg = folded[s:e]
        if _DASH_ATTRIBUTION.search(text, s, e) and not _OTHER_WRITER.search(seg[-40:]):
            n += 1
            continue
        if _LETTER_SAYS.search(seg):
            n += 1
            continue
        if not _REPORTS.search(seg) or _MEDIA_SAYS.search(seg):
            continue
        if any(s <= p < e for p in starts) or _PRONOUN_SUBJECT.search(seg) or fp.count(s, e):
            n += 1
    return n


_SENTENCE_REST = re.compile(r"[^.!?\n«“]*")
# the document itself speaks ("— говорится в обращении, которое передали адвокаты"): whose it is
# was settled by the frame
_DOC_SPEAKS = re.compile(
    r"\s*[,.]?\s*[—–-]?\s*(?:говорится|сказано|пишется)\s+в\s+(?:его\s+|ее\s+)?(?:письме|обращении|записке|жалобе|заявлении)"
    r"|\s*[,.]?\s*[—–-]?\s*(?:делинген|деп\s+жазылган)"
    r"|\s*[,.]?\s*(?:the|his|her)\s+(?:letter|appeal|message|note)\s+(?:says|reads)"
)
_IN_COURT = _rx(
    r"на\s+заседании|в\s+суде|в\s+зале(?:\s+суда)?|суду|перед\s+судом|told\s+the\s+court|in\s+court|at\s+the\s+hearing"
    r"|to\s+the\s+judge|сотта|сот\s+отырысында|сотка"
)
_SAYS = _rx(
    r"сказал[аи]?|заявил[аи]?|говорит|говорится|пишет|написал[аи]?|отметил[аи]?|добавил[аи]?|рассказал[аи]?"
    r"|said|says|wrote|writes|added|told|stated|деди|деп|делинген|айтты|жазды|жазады"
)
_DASH_LINE = re.compile(r"\n[ \t]*[—–][ \t]*[A-ZА-ЯЁӘІҢҒҮҰҚӨҺ]")
_ANY_QUOTE = re.compile(r"«[^»]{1,3000}»|\"[^\"\n]{1,3000}\"|“[^”]{1,3000}”|‘[^’\n]{1,3000}’")
_DASH_ATTRIBUTION = re.compile(
    r"[,.!?…»\"”]\s*[—–-]\s*(?:пишет|написал[аи]?|пишут|деп\s+жаз[а-яәіңғүұқөһ]*|writes|wrote)\s+[A-ZА-ЯЁӘІҢҒҮҰҚӨҺ]"
)


def _evidence(
    text: str,
    folded: str,
    words: _Words,
    spans: Sequence[tuple[int, int]],
    mentions: Sequence[CaseMention],
    frames: Sequence[_Frame],
    after: int,
) -> int:
    """How much of the person's words the item carries: one point per strong frame (at most two), for
    a frame saying the text is given in full, per sentence reporting what they write, per attributed
    first-person quote and per first-person sentence outside quotes."""
    score = min(2, len({fr.start for fr in frames if fr.strong})) + (
        1 if any(fr.in_full for fr in frames) else 0
    )
    score += sum(1 for a, b in words.quotes if b - a >= 40)
    score += sum(1 for s, _e in words.sentences if s >= after)
    # lines of direct speech opened by a dash (an interview through a lawyer, a letter's excerpt)
    score += min(2, sum(1 for _ in _DASH_LINE.finditer(text, after)))
    if score >= EVIDENCE_NEEDED:
        return score
    return score + _reports(text, folded, words.fp, spans, mentions, after)


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

    # 3. signed at the end, written in the first person
    tail_from = max(0, len(text) - 300)
    for m in mentions:
        if m.start < tail_from or m.kind not in ("full", "initials"):
            continue
        rest = text[m.end :].strip(" \t.,;)\n")
        before = f[max(0, m.start - 40) : m.start]
        last_line = "\n" in text[max(0, m.start - 80) : m.start] and len(rest) < 120
        if (last_line or _SIGN_OFF.search(before)) and first_person_share(f) >= 0.02:
            return StatementVerdict(True, owner([m.case]), "signed by the person")

    # 4. an outlet presents the words: a frame in the title or lead, and the words themselves
    if _CUE_ANY.search(f, 0, FULL_TEXT_CHARS + 300):
        spans: list[tuple[int, int]] = []
        split = sentences(text)
        for span in split:
            spans.append(span)
            if span[0] >= FULL_TEXT_CHARS:
                break
        frames = _frames(text, f, spans, mentions)
        if frames:
            spans.extend(split)
            words = _Words(text, f, spans)
            strong = [fr for fr in frames if fr.strong and fr.kind != "last_word"]
            full = [fr for fr in frames if fr.in_full]
            if full or strong:
                fr = (full or strong)[0]
                if (
                    words.ratio >= FP_SHARE_FRAMED
                    or _evidence(text, f, words, spans, mentions, frames, fr.start) >= EVIDENCE_NEEDED
                ):
                    return StatementVerdict(
                        True, owner([fr.case or ""]), f"presented as the person's words ({fr.kind})"
                    )
            if words.ratio >= FP_SHARE_DOMINANT:
                fr = frames[0]  # a heading ("Последнее слово Андрея Мороза") over a text mostly the words
                return StatementVerdict(
                    True, owner([fr.case or ""]), f"the person's words under a {fr.kind} head"
                )

    # 5. a first-person text about detention from the person's own source (or titled with the name)
    if (source_case or title) and _DETENTION.search(f) and first_person_share(f) >= 0.035:
        titled = index.cases_in(title) if title else []
        if source_case or titled:
            return StatementVerdict(True, owner(titled), "first-person text from the person's source")
    return _NO
