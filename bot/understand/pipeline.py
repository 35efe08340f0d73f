"""Item text → findings: the cases it is about, whether it is a statement, and hearings per case.

`Understander` loads the name index (and pymorphy3) once; `understand()` is pure and fast
(~1 ms for a 2 KB text), so thousands of items can go through one instance.

A source's own case (`source_case`) wins: every item of such a source belongs to that case, and
every hearing found in it attaches to it. Otherwise a hearing goes to the case named nearest it in
its sentence (several cases joined by и / and / commas all get it), else the case named last
before it, else the first case named after it, else the only case the text is about.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.understand.calibration import Calibration, default_calibration, features
from bot.understand.hearings import Hearing, clause_of, find_hearings
from bot.understand.names import CaseMention, NamedCase, NameIndex
from bot.understand.statements import detect_statement
from bot.understand.text import fold

__all__ = ["HearingFinding", "Understander", "Understanding"]


@dataclass(frozen=True)
class HearingFinding:
    """A hearing of one case, as `casewatch extract --json` prints it."""

    case: str
    date: str  # YYYY-MM-DD, court-local
    time: str | None  # HH:MM, 24 h
    when: str  # upcoming | past
    postponed: bool
    confidence: float
    evidence: str
    features: dict[str, float] = field(default_factory=dict, compare=False, repr=False)

    def as_dict(self) -> dict[str, Any]:
        return {
            "case": self.case,
            "date": self.date,
            "time": self.time,
            "when": self.when,
            "postponed": self.postponed,
            "confidence": self.confidence,
            "evidence": self.evidence,
        }


@dataclass(frozen=True)
class Understanding:
    """Everything found in one item."""

    cases: list[str]
    statement: bool
    statement_cases: list[str]
    hearings: list[HearingFinding]


_JOIN = re.compile(r"\s*(?:,|и|and|&|мен|пен|бен|және|жане|а\s+также)\s*", re.I)


class Understander:
    """Holds the case index; call `understand` per item."""

    _DEFAULT: Any = object()

    def __init__(self, cases: Iterable[NamedCase], calibration: Calibration | Any | None = _DEFAULT) -> None:
        """`calibration`: the confidence model; by default the shipped one, None for the hand-set rules."""
        self.index = NameIndex(cases)
        self._known = set(self.index.slugs())
        self.calibration: Calibration | None = (
            default_calibration() if calibration is Understander._DEFAULT else calibration
        )

    def understand(
        self,
        text: str,
        published: dt.date,
        *,
        title: str | None = None,
        source_case: str | None = None,
        front_matter: dict[str, Any] | None = None,
    ) -> Understanding:
        """Cases, statement and hearings of one item published on `published` (court-local date)."""
        doc = (
            f"{title.strip()}\n\n{text}"
            if title and title.strip() and not text.lstrip().startswith(title.strip())
            else text
        )
        mentions = self.index.find(doc)
        about: list[str] = []
        for m in mentions:
            if m.kind != "relative" and m.case not in about:
                about.append(m.case)
        if source_case:
            cases = [source_case]
        else:
            cases = about
        verdict = detect_statement(
            doc,
            self.index,
            about=about,
            mentions=mentions,
            title=title,
            front_matter=front_matter,
            source_case=source_case,
        )
        hearings = self._hearings(doc, published, mentions, about, source_case)
        return Understanding(
            cases=list(cases),
            statement=verdict.statement,
            statement_cases=verdict.cases if verdict.statement else [],
            hearings=hearings,
        )

    def _hearings(
        self,
        doc: str,
        published: dt.date,
        mentions: Sequence[CaseMention],
        about: Sequence[str],
        source_case: str | None,
    ) -> list[HearingFinding]:
        found = find_hearings(doc, published)
        if not found:
            return []
        usable = [m for m in mentions if m.case in about]
        starts = [m.start for m in usable]
        folded = fold(doc)
        merged: dict[tuple[str, str], HearingFinding] = {}
        order: list[tuple[str, str]] = []
        for h in found:
            owners = [source_case] if source_case else _owners(doc, folded, h, usable, starts, about)
            for case in owners:
                in_sentence = _named_in_sentence(h, usable, starts, case)
                hand = round(min(0.98, h.confidence + 0.02), 2) if in_sentence else h.confidence
                feats = features(
                    h.signals,
                    hand=hand,
                    case_in_sentence=in_sentence,
                    shared=len(owners) > 1,
                    upcoming=h.when == "upcoming",
                    evidence=h.evidence,
                )
                f = HearingFinding(
                    case=case,
                    date=h.date.isoformat(),
                    time=h.time,
                    when=h.when,
                    postponed=h.postponed,
                    confidence=self.calibration.score(feats) if self.calibration else hand,
                    evidence=h.evidence,
                    features=feats,
                )
                key = (case, f.date)
                old = merged.get(key)
                if old is None:
                    merged[key] = f
                    order.append(key)
                else:
                    merged[key] = _merge(old, f)
        return [merged[k] for k in order]


_GROUP = re.compile(
    r"(?<![\w])(?:co-?defendants|defendants|the\s+accused|all\s+of\s+them|both\s+of\s+them"
    r"|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)\s+(?:journalists|defendants|activists|people)"
    r"|подсудимы[хем]|обвиняемы[хем]|фигурант(?:ов|ы|ам)|обеих|обоих|всех\s+(?:их|троих|четверых)"
    r"|айыпталушылар[а-я]*|сотталушылар[а-я]*)(?![\w])"
)
_OTHERS = re.compile(
    r"(?<![\w])(?:other|another|fellow|других|другого|другой|ещ[её]\s+од(?:ин|н[а-я]+)|баска)\s+(?:[\w-]+\s+){0,1}"
    r"(?:defendants?|activists?|journalists?|фигурант[а-я]*|обвиняем[а-я]*|подсудим[а-я]*|айыпталушы[а-я]*)",
)


_AMONG = re.compile(
    r"(?<![\w])(?:among\s+them|including|в\s+том\s+числе|среди\s+них|соның\s+ішінде|оның\s+ішінде)(?![\w])"
)
# "the arrest of Ramil Babayev", "journalist Mushfig Jabbar": a person named by first name and surname.
_LATIN_PERSON = re.compile(
    r"(?:\b(?:of|against|for|to\s+free|journalists?|activists?|blogger|economist|employee|defendant|detainee"
    r"|politician|critic|reporter|editor|lawyer|member|head|founder|director)\s+)"
    r"(?:[a-z-]+\s+){0,2}([A-Z][a-z]+)\s+([A-Z][a-z]+)\b"
)
_NOT_NAMES = frozenset(
    "Court Appeal Appeals City District Supreme Regional Grave Crimes Serious Baku Moscow Institute Republic "
    "Platform Democratic Initiatives Media News Agency Radio Service Prosecutor General Office State Committee "
    "Ministry Interior Justice Security National Council Human Rights Watch Amnesty International Free Europe "
    "Liberty Armed Forces Russian Azerbaijani Kazakh Belarusian Ukrainian Party Union Nations United".split()
)


def _someone_else(doc: str, lo: int, hi: int) -> bool:
    """Does the sentence name a person by first name and surname (not an institution)?"""
    for m in _LATIN_PERSON.finditer(doc, lo, hi):
        if m.group(1) not in _NOT_NAMES and m.group(2) not in _NOT_NAMES:
            return True
    return False


def _owners(
    doc: str,
    folded: str,
    h: Hearing,
    mentions: Sequence[CaseMention],
    starts: Sequence[int],
    about: Sequence[str],
) -> list[str]:
    """The cases a hearing belongs to (see the module docstring); `starts` are the mentions' starts.

    A session of "the defendants", "seven journalists" or "X and his co-defendants" is every
    tracked defendant's the item names; one of "two other defendants" with no tracked name in the
    sentence is someone else's.
    """
    lo, hi = h.sentence
    inside = list(mentions[bisect_left(starts, lo) : bisect_left(starts, hi)])
    others = _OTHERS.search(folded, lo, hi) is not None
    if not inside and (others or _someone_else(doc, lo, hi)):
        return []  # the session of a person the item names but nobody follows
    if len(about) > 1 and not others and _GROUP.search(folded, lo, hi):
        if inside and _AMONG.search(folded, lo, hi):
            return list(dict.fromkeys(m.case for m in inside))  # "defendants, among them X and Y"
        return list(about)
    if inside:
        # every case named in the date's own clause shares the session (Беркович, а также Петрийчук)
        clo, chi = clause_of(folded, lo, hi, h.start, h.end)
        in_clause = [m for m in inside if clo <= m.start < chi]
        if len(in_clause) > 1:
            return list(dict.fromkeys(m.case for m in in_clause))

        # nearest mention (before the date counts a little more), then the group it is listed with
        def dist(m: CaseMention) -> int:
            return h.start - m.end if m.end <= h.start else (m.start - h.end) + 15

        best = min(inside, key=dist)
        group = [best]
        i = inside.index(best)
        for step in (-1, 1):
            j = i
            while 0 <= j + step < len(inside):
                a, b = (inside[j + step], inside[j]) if step < 0 else (inside[j], inside[j + step])
                if a.end > b.start or not _JOIN.fullmatch(doc[a.end : b.start]):
                    break
                group.append(inside[j + step])
                j += step
        out: list[str] = []
        for m in sorted(group, key=lambda m: m.start):
            if m.case not in out:
                out.append(m.case)
        return out
    k = bisect_left(starts, h.start)
    before = [m for m in mentions[max(0, k - 8) : k] if m.end <= h.start]
    if before:
        # the case named last before it, with any named together with it (Мовлаев пен Емельянова)
        group = [before[-1]]
        for m in reversed(before[:-1]):
            if m.end > group[-1].start or not _JOIN.fullmatch(doc[m.end : group[-1].start]):
                break
            group.append(m)
        out = []
        for m in reversed(group):
            if m.case not in out:
                out.append(m.case)
        return out
    after = mentions[bisect_left(starts, h.end) :]
    if after:
        return [after[0].case]
    return list(about[:1]) if len(about) == 1 else []


def _named_in_sentence(h: Hearing, mentions: Sequence[CaseMention], starts: Sequence[int], case: str) -> bool:
    """Is the case named in the hearing's own sentence (the rules then add a little confidence)."""
    lo, hi = h.sentence
    return any(m.case == case for m in mentions[bisect_left(starts, lo) : bisect_left(starts, hi)])


def _merge(a: HearingFinding, b: HearingFinding) -> HearingFinding:
    """Two findings of one case and day: keep the surer one, and the time or postponement either knew."""
    best, other = (a, b) if a.confidence >= b.confidence else (b, a)
    return HearingFinding(
        case=best.case,
        date=best.date,
        time=best.time or other.time,
        when=best.when,
        postponed=best.postponed or other.postponed,
        confidence=best.confidence,
        evidence=best.evidence,
        features=best.features,
    )
