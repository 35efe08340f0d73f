"""Which dates in a text are court hearings, and whether each is past, upcoming or a postponement.

A date is a hearing when a hearing word (заседание, слушание, приговор, апелляция, hearing,
verdict, appeal, отырыс, үкім …) stands within 60 characters of it in the same sentence and no
stronger reading of the date is closer. Dates that are not hearings, by what is next to them:
- a document's date: right after `от` / `dated` / `decision of` (решению суда от 4 февраля 2020);
- the end of custody or any deadline: after `до` / `until` / before `дейін`, unless the court
  postponed or recessed *to* that date (отложил до 3 декабря → a postponed hearing);
- an arrest, a birth, a release, an election, a visit: that word is nearer than the hearing word;
- the date a hearing was once set for, when the sentence says it was moved (назначенное на …
  перенесли на …): only the new date is reported.
A verdict announced on a day counts as a hearing that day; appeals and cassations are hearings.

`when`: before the publication date → past, after → upcoming. On the publication day itself the
tense decides (состоялось, вынес, found guilty → past); with no past marker it is upcoming, since a
same-day report of a finished hearing nearly always says so in the past tense.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace

from bot.understand.dates import DateMention, find_dates, find_times, negated, tense_near
from bot.understand.text import fold, sentences, words_back

__all__ = ["Hearing", "clause_of", "find_hearings"]

MAX_GAP = 60  # characters between a date and its hearing word (RESEARCH: 60+ is a trap)
MAX_GAP_LONG = 150  # the same in Kazakh, and for a date that opens its sentence
_KK_TEXT = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")

_STRONG = re.compile(
    r"(?<![а-яa-z])(?:заседани[а-я]*|слушани[а-я]*|судебн[а-я]+\s+(?:заседани|процесс|слушани)[а-я]*|прени[а-я]*"
    r"|приговор[а-я]*|огласят|огласит|оглашени[а-я]*|апелляци[а-я]*|кассаци[а-я]*|последнее\s+слово|последним\s+словом"
    r"|рассмотрени[а-я]*|рассмотрит|рассмотрят|рассмотрел[а-я]*|рассматрива[а-я]*|признал[а-я]*\s+(?:его|ее|их)?\s*(?:частично\s+)?виновн[а-я]*"
    r"|осудил[а-я]*|оправдал[а-я]*|вынес[а-я]*\s+(?:приговор|решение|постановление)"
    r"|hearings?|trial|verdict|sentencing|sentenced|appeals?|cassation|found\s+(?:him|her|them)\s+(?:partially\s+|partly\s+)?guilty"
    r"|acquitted|convicted|adjourned|court\s+session|extradition\s+hearing|closing\s+arguments|final\s+arguments"
    r"|продлил[а-я]*\s+(?:[а-я]+\s+){0,3}(?:арест|срок|страж|меру)[а-я]*|продлен[а-я]*\s+(?:[а-я]+\s+){0,2}(?:арест|срок)[а-я]*"
    r"|продолжени[а-я]*\s+(?:процесса|заседания|слушаний)|продолжение\s+назначено|следующее\s+заседание"
    r"|(?:extended|prolonged|lengthened|upheld)\s+(?:[a-z'’-]+\s+){0,4}(?:detention|arrest|custody)"
    r"|(?:detention|arrest|custody)\s+(?:was\s+|were\s+)?(?:extended|prolonged|lengthened|upheld)"
    r"|kept\s+(?:[a-z'’-]+\s+){0,6}in\s+(?:pretrial\s+|pre-trial\s+)?(?:detention|custody)|remanded"
    r"|let\s+stand|turned\s+down\s+(?:[a-z'’-]+\s+){0,3}(?:appeal|complaint|motion|request)[a-z]*"
    r"|(?:appeal|complaint|motion)s?\s+(?:[a-z'’-]+\s+){0,3}(?:rejected|dismissed|turned\s+down|examined|heard)"
    r"|узартты|узартылды|камау\s+мерзим[а-я]*|шагым[а-я]*\s+(?:[а-я]+\s+){0,2}(?:карады|каралды|канагаттандырмады)"
    r"|озгериссиз\s+калдыр[а-я]*|жарыссоз[а-я]*|сот\s+процес[а-я]*|сот\s+тергеу[а-я]*"
    r"|карал(?:ды|ады|ып|уда|ган|атын)[а-я]*|карады|жаза\s+(?:кести|тагайында[а-я]*)|кинали\s+деп\s+тан[а-я]*"
    r"|ruling|rulings|to\s+sentence|asked\s+the\s+court|went\s+on\s+trial|on\s+trial|in\s+the\s+dock|found\s+guilty"
    r"|(?:received|handed|given|got)\s+(?:[a-z-]+\s+){0,4}(?:prison\s+)?(?:term|sentence)"
    r"|шешим\s+шыгар[а-я]*|каулы\s+шыгар[а-я]*"
    r"|суд[а-я]*\s+(?:[а-я]+\s+){0,3}арестовал[а-я]*|арестован[а-я]*\s+(?:[а-я]+\s+){0,3}суд[а-я]*"
    r"|оставил[а-я]*\s+(?:[а-я]+\s+){0,3}под\s+(?:арестом|стражей)|мер[аыу]\s+пресечени[а-я]*"
    r"|court\s+(?:[a-z]+\s+){0,3}(?:arrested|remanded)|ordered\s+(?:[a-z]+\s+){0,3}(?:arrest|detention)"
    r"|отырыс[а-я]*|уким[а-я]*|тындау[а-я]*|тындалад[а-я]*|апелляция[а-я]*|кассация[а-я]*|сонгы\s+соз[а-я]*|сот\s+отырыс[а-я]*)"
    r"(?![а-яa-z])"
)
# суд, суда, суде, суду, судом, судья, судьи, процесс…, court, judge, сот, соты, сотта, сотка, сотында: written
# first letter first, then "no letter before it", so the regex engine skips to those four letters (3× faster
# than a look-behind tried at every position; same matches).
_WEAK = re.compile(
    r"[спcj](?<![а-яa-z].)(?:(?<=с)(?:уд|уда|уде|уду|удом|удья|удьи|от|оты|отта|отка|отында)|(?<=п)роцесс[а-я]*"
    r"|(?<=c)ourt|(?<=j)udge)(?![а-яa-z])"
)
_POSTPONE = re.compile(
    r"(?<![а-яa-z])(?:отлож[а-я]*|перенес[а-я]*|перенос[а-я]*|adjourn[a-z]*|postpon[a-z]*|reschedul[a-z]*|moved|pushed\s+back"
    r"|brought\s+forward|moved\s+up|перенес[а-я]*\s+на\s+более\s+ранн[а-я]+"
    r"|кейинге\s+калдыр[а-я]*|шегерил[а-я]*|ауыстыр[а-я]*|кешиктирил[а-я]*)(?![а-яa-z])"
)
_RECESS = re.compile(r"(?<![а-яa-z])(?:перерыв[а-я]*|recess[a-z]*|break\s+until|узилис[а-я]*)(?![а-яa-z])")
_NEW_DATE_BEFORE = re.compile(r"(?:(?<![а-яa-z])(?:на|до|to|until|till|for)\s*)$")
_KK_DATIVE = re.compile(r"(?:га|ге|ка|ке|на|не)$")
_SET_FOR = re.compile(
    r"(?:(?:set|scheduled|fixed|slated)\s+for|назначен[а-я]*\s+на|запланирован[а-я]*\s+на|белгиленген)\s*$"
)
_NOT_UNTIL = re.compile(
    r"not\s+(?:due|scheduled|set|expected|going)\s+to\s+(?:resume|begin|start|continue|reconvene|open)\s+until\s*$"
)
_REPORTED_ON = re.compile(
    r"(?<![а-яa-z])(?:said|told|announced|wrote|reported|заявил[аи]?|сообщил[аи]?|написал[аи]?)\s+(?:on\s+|в\s+|во\s+)?$"
)
_SINCE_BEFORE = re.compile(r"(?<![a-z])since\s*$")
_SINCE_AFTER_KK = re.compile(r"^[а-я]*\s+бери(?![а-я])")
_FROM_BEFORE = re.compile(r"(?<![а-я])(?:с|со)\s*$")
_HELD_SINCE = re.compile(
    r"(?<![а-я])(?:находит[а-я]*|находят[а-я]*|содерж[а-я]*|сидит|сидят|в\s+сизо|под\s+стражей)"
)
_TIME_LIKE = re.compile(r"\d[:.]\d\d|\d\s*(?:a\.?\s?m|p\.?\s?m|час|ч\.)|сагат|noon|полдень|полдня")
_START_BEFORE = re.compile(
    r"(?:назначен[а-я]*\s+на|начал[а-я]*\s+в|начнется\s+в|начало\s+в|set\s+for|begins?\s+at|starts?\s+at|scheduled\s+for)\s*$"
)
_CASE_WORD = re.compile(r"(?<![а-яa-z])(?:ис|иси|исин|исти|дело|дела|делу|case)(?![а-яa-z])")
_KK_LATER_DATIVE = re.compile(r"\d{1,2}(?:-?[а-я]{1,3})?\s+[а-я]+(?:га|ге|ка|ке|на|не)(?![а-я])")
_OLD_DATE_BEFORE = re.compile(
    r"(?:назначенн[а-я]*|запланированн[а-я]*|scheduled|set|planned|белгиленген|жоспарланган)\s+(?:на|for|on)?\s*$"
)
_DOC_BEFORE = re.compile(
    r"(?:(?<![а-яa-z])от|dated|(?:decision|ruling|order|resolution|decree|letter|verdict|judgment|judgement)\s+of"
    r"|№\s*\S+\s+от)\s*$"
)
_DOC_AFTER_KK = re.compile(
    r"^[а-я]*(?:гы|ги|дагы|деги|тагы|теги)\s+(?:шешим|каулы|хат|буйрык|уйгарым|келисим)"
)
_DEADLINE_BEFORE = re.compile(r"(?:(?<![а-яa-z])(?:до|until|till|by|not\s+later\s+than|не\s+позднее)\s*)$")
_UNTIL_AFTER_KK = re.compile(r"^\s*(?:дейин|шейин|дейинги)")
_NEGATIVE = re.compile(
    r"(?<![а-яa-z])(?:задержан[а-я]*|задержал[а-я]*|задержани[а-я]*|арестован[а-я]*|арестовал[а-я]*|арест[а-я]{0,2}"
    r"|истека[а-я]*"
    r"|родил[а-я]*|рождени[а-я]*|освобожд[а-я]*|вышел\s+на\s+свободу|вышла\s+на\s+свободу|выпущен[а-я]*"
    r"|выборы|выборов|встреч[а-я]*|пикет[а-я]*|митинг[а-я]*|акци[а-я]+|пресс-конференци[а-я]*|свидани[а-я]*|визит[а-я]*"
    r"|голодовк[а-я]*|этапирован[а-я]*|экстрадирован[а-я]*|депортирован[а-я]*|передан[а-я]*|приехал[а-я]*"
    r"|detained|arrested|born|birthday|released|freed|expires|runs\s+out|rally|protest|visit[a-z]*|election[s]?|meeting|met"
    r"|подал[аи]?|подан[аоы]?|подач[а-я]+|направил[аи]?|направлен[аоы]?|обжаловал[аи]?|обратил(?:ся|ась|ись)"
    r"|deported|extradited|hunger\s+strike|filed|lodged|submitted"
    r"|усталд[а-я]*|усталган|туган|туылган|босатыл[а-я]*"
    r"|сайлау[а-я]*|митинг|пикет|комитет[а-я]*|committee|оон|буу"
    r"|генпрокуратур[а-я]*|генеральн[а-я]+\s+прокуратур[а-я]*|бас\s+прокуратура[а-я]*|prosecutor[- ]general[a-z'’]*"
    r"|put\s+out|posted|published|disseminated|опубликовал[а-я]*|распространил[а-я]*|жариялады"
    r"|reached|поступил[аи]?)(?![а-яa-z])"
)


@dataclass(frozen=True)
class Hearing:
    """A hearing date found in a text, before it is given a case."""

    date: dt.date
    time: str | None
    when: str  # upcoming | past
    postponed: bool
    confidence: float
    evidence: str
    start: int  # the date's span in the text (for attributing it to a case)
    end: int
    sentence: tuple[int, int]
    # What the scorer reads (bot/understand/confidence.py): how the date was read, not the verdict.
    signals: tuple[tuple[str, float], ...] = ()


# A date and a hearing word on two sides of "; " or ", а / но / и / but / and" belong to different clauses.
_CLAUSE = re.compile(r";\s|,\s+(?:а(?!\s+также)|но|однако|хотя|и|while|but|and|whereas|although|ал|бирак)\s")


def clause_of(f: str, lo: int, hi: int, s: int, e: int) -> tuple[int, int]:
    """The clause of the sentence [lo, hi) that holds the date [s, e)."""
    a, b = lo, hi
    for m in _CLAUSE.finditer(f, lo, hi):
        if m.end() <= s:
            a = m.end()
        elif m.start() >= e:
            b = m.start()
            break
    return a, b


class _Cues:
    """Each cue pattern's matches over the whole folded text, found once per document.

    A document has dozens of dates; scanning every clause again for every pattern was most of the
    extractor's time. The scan runs lazily, only as far into the text as the dates asked about
    (the matches are those of one scan of the whole text, cut short).
    """

    def __init__(self, f: str) -> None:
        self.f = f
        # keyed by id: hashing a compiled pattern hashes its whole program, every time
        self._found: dict[int, tuple[list[int], list[re.Match[str]]]] = {}
        self._scans: dict[int, Iterator[re.Match[str]]] = {}  # the scans not yet at the end

    def _get(self, rx: re.Pattern[str], hi: int) -> tuple[list[int], list[re.Match[str]]]:
        """The matches, at least all of those starting before `hi`."""
        key = id(rx)
        got = self._found.get(key)
        if got is None:
            got = self._found[key] = ([], [])
            words = _MUST_HOLD.get(key)
            if words is None or any(w in self.f for w in words):
                self._scans[key] = rx.finditer(self.f)
        starts, ms = got
        if key in self._scans and (not starts or starts[-1] < hi):
            for m in self._scans[key]:
                starts.append(m.start())
                ms.append(m)
                if starts[-1] >= hi:
                    break
            else:
                del self._scans[key]
        return got

    def within(self, rx: re.Pattern[str], lo: int, hi: int) -> list[re.Match[str]]:
        starts, ms = self._get(rx, hi)
        return [m for m in ms[bisect_left(starts, lo) : bisect_left(starts, hi)] if m.end() <= hi]

    def any_within(self, rx: re.Pattern[str], lo: int, hi: int) -> bool:
        starts, _ = self._get(rx, hi)
        return bisect_left(starts, lo) < bisect_left(starts, hi)


# Every match of these patterns holds one of the words: a text with none of them is not scanned.
_MOVE_WORDS = ("отлож", "перенес", "adjourn", "postpon", "reschedul", "кейинге", "ауыстыр", "шегерил")
_MUST_HOLD: dict[int, tuple[str, ...]] = {
    id(_POSTPONE): (*_MOVE_WORDS, "перенос", "moved", "pushed", "brought", "кешиктирил"),
    id(_RECESS): ("перерыв", "recess", "break", "узилис"),
}


def _nearest(
    rx: re.Pattern[str], cues: _Cues, lo: int, hi: int, s: int, e: int
) -> tuple[int, re.Match[str] | None]:
    """Gap in characters from the date [s, e) to the nearest match of `rx` within [lo, hi)."""
    best, best_m = 10**9, None
    for m in cues.within(rx, lo, hi):
        if m.end() <= s:
            gap = s - m.end()
        elif m.start() >= e:
            gap = m.start() - e
        else:
            gap = 0
        if gap < best:
            best, best_m = gap, m
    return best, best_m


# "on Thursday, not August 13 as originally scheduled", "а не 13 августа, как планировалось",
# "instead of", "originally set for": the date a session was moved away from.
_OLD_DATE_BEFORE_ANY = re.compile(
    r"(?:(?<![а-яa-z])(?:not|а\s+не|instead\s+of|вместо|rather\s+than|орнына)"
    r"|(?:originally|initially|previously|первоначально|изначально|ранее|бастапкыда)\s+"
    r"(?:scheduled|set|planned|назначенн[а-я]*|запланированн[а-я]*|белгиленген|жоспарланган)\s*(?:на|for|on)?)\s*$"
)
_OLD_DATE_AFTER = re.compile(
    r"^[,\s]*(?:as|как|как\s+и)\s+(?:was\s+|had\s+been\s+)?(?:originally|initially|previously|планировал|было|ранее|first)"
)
# A sentence that says a session was moved without a date of its own: the new date follows later.
_MOVE_NO_DATE = re.compile(
    r"(?<![а-яa-z])(?:отлож[а-я]*|перенес[а-я]*|adjourn[a-z]*|postpon[a-z]*|reschedul[a-z]*"
    r"|кейинге\s+калдыр[а-я]*|ауыстыр[а-я]*|шегерил[а-я]*)(?![а-яa-z])"
)
_CONTINUES = re.compile(
    r"(?<![а-яa-z])(?:продолжени[а-я]*|следующ[а-я]+\s+заседани[а-я]*|нов[а-я]+\s+дат[а-я]*|next\s+(?:hearing|session)"
    r"|new\s+date|will\s+(?:resume|continue)|возобнов[а-я]*|келеси\s+(?:сот\s+)?отырыс[а-я]*|жана\s+кун[а-я]*)(?![а-яa-z])"
)
# A sentence with the session's start time but no date of its own ("The hearing begins at 11:00.")
_TIME_CUE = re.compile(
    r"(?<![а-яa-z])(?:начн[её]тся|начало|назначен[а-я]*|начал[а-я]*|begin[s]?|start[s]?|heard|scheduled|set"
    r"|session|hearing|заседани[а-я]*|слушани[а-я]*|отырыс[а-я]*|басталад[а-я]*|басталды|сагат)(?![а-яa-z])"
)
# The opening of a report: "MOSCOW, March 3 —", "27 қаңтар.", "27 января (Reuters) –"
_DATELINE_AFTER = re.compile(r"^\s*(?:\([^)\n]{1,40}\)\s*)?(?:[.—–-]|\s-\s)")
_DATELINE_BEFORE = re.compile(
    r"(?:^|\n)\s*(?:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі '-]{1,40}[,.]\s*)?$"
)


def find_hearings(text: str, published: dt.date) -> list[Hearing]:
    """Hearing dates in `text`, in order of appearance (one per date and sentence)."""
    f = fold(text)
    dates = find_dates(text, folded=f)
    spans = list(sentences(text))
    if not spans:
        return []
    starts = [s for s, _ in spans]
    dateline = _dateline(text, dates)
    cues = _Cues(f)
    out: list[Hearing] = []
    moved_sentences: set[int] = set()
    dated_sentences: set[int] = set()
    same_day_only: set[int] = set()  # sentences whose only dates say "today" (сегодня, бүгін)
    for d in dates:
        k = bisect_right(starts, d.start) - 1
        if k < 0:
            continue
        lo, hi = spans[k]
        if not (lo <= d.start < hi):
            continue
        if k not in dated_sentences and d.rel == 0:
            same_day_only.add(k)
        elif d.rel != 0:
            same_day_only.discard(k)
        dated_sentences.add(k)
        if d is dateline:
            continue  # the report's own date, not a session (it dates the lead below)
        before = f[max(lo, d.start - 40) : d.start]
        b3 = words_back(before, len(before), 3)  # where a pattern ending `before` in ≤ 3 words can start
        if _OLD_DATE_BEFORE_ANY.search(before, b3) or _OLD_DATE_AFTER.match(f[d.end : min(hi, d.end + 40)]):
            moved_sentences.add(k)  # the date it was moved away from: never a session of its own
            continue
        anchor = dateline.resolve(published) if dateline is not None and d.kind == "relative" else None
        h = _judge(text, f, d, lo, hi, published, anchor=anchor, cues=cues)
        if h is not None:
            out.append(h)
    if dateline is not None and dateline.day is not None:
        lead = _lead_hearing(text, f, dateline, spans, starts, dated_sentences, published)
        if lead is not None:
            out.append(lead)
    return _follow_sentences(
        text, f, out, spans, starts, moved_sentences, dated_sentences, same_day_only, published
    )


def _dateline(text: str, dates: list[DateMention]) -> DateMention | None:
    """The date that opens the report ("MOSCOW, March 3 —"), if the text starts with one."""
    for d in dates[:2]:
        if d.kind != "absolute" or d.start > 200:
            return None
        if _DATELINE_BEFORE.search(text[: d.start]) and _DATELINE_AFTER.match(text[d.end : d.end + 50]):
            return d
    return None


def _lead_hearing(
    text: str,
    f: str,
    dateline: DateMention,
    spans: list[tuple[int, int]],
    starts: list[int],
    dated: set[int],
    published: dt.date,
) -> Hearing | None:
    """The lead sentence under a dateline reports a session with no date of its own: it is that day's."""
    k = bisect_right(starts, dateline.start) - 1
    for j in (k, k + 1):
        if j < 0 or j >= len(spans):
            continue
        lo, hi = spans[j]
        if j != k and j in dated:
            return None
        cue = _STRONG.search(f, lo, hi)
        if cue is None or negated(f, lo, hi):
            continue
        day = dateline.resolve(published, "past")
        if day is None:
            return None
        tense = tense_near(f, cue.start(), cue.end(), lo, hi, original=text)
        when = "past" if day < published or tense != "future" else "upcoming"
        evidence = re.sub(r"\s+", " ", text[lo:hi]).strip()[:300]
        sig = (("lead", 1.0), ("strong_near", 1.0), ("tense_known", float(tense is not None)))
        return Hearing(day, None, when, False, 0.8, evidence, cue.start(), cue.end(), (lo, hi), sig)
    return None


def _follow_sentences(
    text: str,
    f: str,
    found: list[Hearing],
    spans: list[tuple[int, int]],
    starts: list[int],
    moved: set[int],
    dated: set[int],
    today_only: set[int],
    published: dt.date,
) -> list[Hearing]:
    """What the next sentences add: a session's start time, and that it was a move.

    - A time in the next sentence that has no date of its own belongs to the session before it.
    - A sentence that reports a move without a date (отложил рассмотрение; "not August 13 as
      scheduled") makes the upcoming session in it, or the next one within two sentences, postponed.
    """
    if any(w in f for w in _MOVE_WORDS):  # each `_MOVE_NO_DATE` match holds one of them
        for k, (lo, hi) in enumerate(spans):
            if k not in dated and _MOVE_NO_DATE.search(f, lo, hi):
                moved.add(k)
    out: list[Hearing] = []
    for h in found:
        k = bisect_right(starts, h.start) - 1
        for j in (k + 1, k + 2):  # the next sentences, up to the next one with a date of its own
            if h.time is not None or j >= len(spans):
                break
            if j in dated and not (j in today_only and h.date == published):
                break  # a sentence about another day; "today" about the same day does not interrupt
            lo, hi = spans[j]
            if not _TIME_LIKE.search(f, lo, hi):
                continue
            times = find_times(f[lo:hi])
            if len(times) > 1:  # "назначено на 09:30, однако началось … в 10:20": the time it was set for
                times = [t for t in times if _START_BEFORE.search(f[max(lo, lo + t[0] - 25) : lo + t[0]])][:1]
            if len(times) == 1 and _TIME_CUE.search(f, lo, hi):
                h = replace(h, time=times[0][2], confidence=round(min(0.98, h.confidence + 0.02), 2))
        if (
            not h.postponed
            and h.when == "upcoming"
            and (
                k in moved
                or (
                    0 in moved and k > 0 and _CONTINUES.search(f, *h.sentence)
                )  # the headline says it was moved
                or ((k - 1) in moved and _CONTINUES.search(f, *h.sentence))
                or ((k - 2) in moved and _CONTINUES.search(f, *h.sentence))
            )
        ):
            h = replace(h, postponed=True)
        out.append(h)
    return out


def _judge(
    text: str,
    f: str,
    d: DateMention,
    lo: int,
    hi: int,
    published: dt.date,
    anchor: dt.date | None = None,
    cues: _Cues | None = None,
) -> Hearing | None:
    cues = cues or _Cues(f)
    if not any(cues.any_within(rx, lo, hi) for rx in (_STRONG, _WEAK, _POSTPONE, _RECESS)):
        return None  # nothing in the sentence speaks of a court: the common case, decided cheaply
    s, e = d.start, d.end
    lo, hi = clause_of(f, lo, hi, s, e)
    before = f[max(lo, s - 40) : s]
    # the patterns of `before` end at its end and span at most three words (№ 12 от, not later than),
    # so they are searched from its last three words only
    b3 = words_back(before, len(before), 3)
    after = f[e : min(hi, e + 40)]
    if _DOC_BEFORE.search(before, b3) or _DOC_AFTER_KK.match(f[e - 8 : e + 30] if e >= 8 else after):
        return None
    # Kazakh puts the date first and the verb last, and a report's opening date governs its whole
    # clause: there the hearing word may stand farther away.
    closing = hi - e <= 3 and d.kind == "absolute"  # a photo caption's "…, 22 апреля 2022 года."
    reach = MAX_GAP_LONG if (s - lo <= 25 or closing or _KK_TEXT.search(text, lo, hi)) else MAX_GAP
    if _SET_FOR.search(f[max(lo, s - 30) : s]):
        reach = hi - lo  # "… has been set for Oct. 9": the date is the session's, its noun may be far
    gap_strong, _ = _nearest(_STRONG, cues, lo, hi, s, e)
    gap_weak, _ = _nearest(_WEAK, cues, lo, hi, s, e)
    gap_cue = min(gap_strong, gap_weak)
    gap_post, post_m = _nearest(_POSTPONE, cues, lo, hi, s, e)
    gap_recess, recess_m = _nearest(_RECESS, cues, lo, hi, s, e)
    # A postponement verb next to the date stands in for the hearing word, if the sentence has one.
    moved = min(gap_post, gap_recess) <= reach and (gap_cue < 10**9 or bool(_CASE_WORD.search(f, lo, hi)))
    if gap_cue > reach and not moved:
        return None
    if negated(f, lo, hi):
        return None  # не состоялось / was not held
    # The new date of a postponement or recess: after the verb, behind на/до/to/until (or a Kazakh dative).
    postponed = False
    recess = False
    is_target = bool(_NEW_DATE_BEFORE.search(before, b3) or _KK_DATIVE.search(f[s:e]))
    if post_m is not None and post_m.end() <= s and gap_post <= reach and is_target:
        postponed = True
    elif recess_m is not None and recess_m.end() <= s and gap_recess <= reach and is_target:
        recess = True
    elif (
        post_m is not None
        and post_m.start() >= e
        and gap_post <= reach
        and _OLD_DATE_BEFORE.search(before, b3)
    ):
        return None  # the date it was set for before being moved
    elif post_m is not None and post_m.start() >= e and is_target and _KK_DATIVE.search(f[s:e]):
        if _KK_LATER_DATIVE.search(f, e, post_m.start()):
            return None  # a step of the chain, not where the session went in the end
        postponed = True  # Kazakh: "отырыс 15 қаңтарға шегерілді" — the date precedes the verb
    if d.kind != "absolute" and _REPORTED_ON.search(before, b3):
        return None  # "the court said on Monday that …": the day of the statement, not of a session
    if (
        _SINCE_BEFORE.search(before, b3)
        or _SINCE_AFTER_KK.match(after)
        or (_FROM_BEFORE.search(before, b3) and _HELD_SINCE.search(f, e, hi))
    ):
        return None  # since when someone is held, not a session
    deadline = _DEADLINE_BEFORE.search(before, b3) is not None
    if not (postponed or recess) and _NOT_UNTIL.search(before):
        recess = True  # "not due to resume until March 13": that is when it resumes
    if not (postponed or recess):
        if deadline or _UNTIL_AFTER_KK.match(after):
            return None  # custody "до 5 марта", a deadline, "until"
        gap_neg, _ = _nearest(_NEGATIVE, cues, lo, hi, s, e)
        if gap_neg < gap_cue or (gap_neg <= 3 and gap_strong > 10) or (gap_neg <= 20 and gap_strong > reach):
            return None
        if gap_strong > reach:
            # only a weak word ("суд") nearby: the court must be doing something on that day
            if tense_near(f, s, e, lo, hi, original=text) is None and not d.time:
                return None
    if gap_cue > reach and not (postponed or recess):
        return None
    tense = "future" if (postponed or recess) else tense_near(f, s, e, lo, hi, original=text)
    if tense is None and d.kind == "weekday":
        tense = "past"  # "… at a hearing on Monday" with no future word: a caption or a report
    day = d.resolve(anchor or published, tense)
    if day is None:
        return None
    if day < published:
        when = "past"
    elif day > published:
        when = "upcoming"
    else:
        when = "past" if tense == "past" else "upcoming"
    conf = (
        0.9
        if gap_strong <= 20
        else 0.85
        if gap_strong <= 40
        else 0.78
        if gap_strong <= MAX_GAP
        else 0.7
        if gap_strong <= reach
        else 0.62
    )
    if postponed or recess:
        conf = max(conf, 0.88)
    if d.time:
        conf += 0.05
    if d.year is not None:
        conf += 0.02
    if d.kind != "absolute":
        conf -= 0.05
    if tense is None and d.kind == "absolute" and d.year is None and abs((day - published).days) > 200:
        conf -= 0.15  # a guessed year far from publication
    conf = round(max(0.05, min(conf, 0.98)), 2)
    evidence = re.sub(r"\s+", " ", text[lo:hi]).strip()
    if len(evidence) > 300:
        a = max(lo, s - 140)
        b = min(hi, e + 140)
        evidence = ("…" if a > lo else "") + re.sub(r"\s+", " ", text[a:b]).strip() + ("…" if b < hi else "")
    sig = (
        ("strong_near", float(gap_strong <= 20)),
        ("strong_mid", float(20 < gap_strong <= MAX_GAP)),
        ("weak_only", float(gap_strong > reach)),
        ("has_time", float(d.time is not None)),
        ("has_year", float(d.year is not None)),
        ("relative", float(d.kind == "relative")),
        ("weekday", float(d.kind == "weekday")),
        ("tense_known", float(tense is not None)),
        ("moved", float(postponed or recess)),
        ("same_day", float(day == published)),
        ("far", float(abs((day - published).days) > 180)),
        ("deadline_near", float(deadline)),
    )
    return Hearing(day, d.time, when, postponed, conf, evidence, s, e, (lo, hi), sig)
