"""Confidence for a found hearing: a small logistic regression over how the date was read.

The rules in `hearings.py` decide *what* a hearing is (case, date, time, when, postponed); this module
decides *how sure* we are, so that the bot announces by itself only what is near-certain and sends the
rest to `/review`. The weights are learned (scikit-learn, at development time only) from labelled
findings: a finding is right when its whole key is in the gold labels. At run time scoring is one dot
product and a sigmoid over a dozen signals, so no model library is loaded by the bot.

`bench/calibrate.py` fits the shipped weights (`calibration.json`); `bench/extraction.py` fits one
model per training fold to measure it on outlets it has not seen.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["FEATURES", "MIN_CLASS_ROWS", "Calibration", "default_calibration", "features", "fit"]

MIN_CLASS_ROWS = 10  # fewer wrong (or right) findings than this teach a regression nothing

FEATURES: tuple[str, ...] = (
    "hand",  # the rules' own hand-set confidence (gap to the hearing word, time, year), centred
    "case_in_sentence",  # the case is named in the hearing's own sentence
    "tense_known",  # a tense marker or verb dates the session as past or future
    "weekday",
    "relative",
    "same_day",
    "far",  # more than half a year from publication
    "shared",  # several cases get this hearing
    "codefendant",  # the sentence speaks of other defendants
    "lang_en",
    "lang_kk",
)
# Fewer, coarser inputs than the rules know: the labelled sets are small (about 150 findings), and
# finer ones (how many characters to the hearing word) were learned with signs that made no sense.

_CODEFENDANT = re.compile(
    r"(?<![\w])(?:co-?defendants?|other\s+defendants?|another\s+(?:defendant|activist|journalist|employee)"
    r"|fellow\s+defendants?|подельник[а-я]*|друг(?:ой|ого|ие|их)\s+(?:фигурант|обвиняем|подсудим)[а-я]*"
    r"|ещ[её]\s+од(?:ин|н[а-я]+)\s+фигурант[а-я]*|басқа\s+айыпталушы[а-я]*)(?![\w])",
    re.IGNORECASE,
)
_KK_LETTERS = re.compile(r"[әғқңөұүһі]", re.IGNORECASE)
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


def features(
    signals: Iterable[tuple[str, float]],
    *,
    hand: float,
    case_in_sentence: bool,
    shared: bool,
    upcoming: bool,
    evidence: str,
) -> dict[str, float]:
    """The scorer's inputs for one (hearing, case) finding."""
    out = dict.fromkeys(FEATURES, 0.0)
    for k, v in signals:
        if k in out:
            out[k] = v
    out["hand"] = (hand - 0.85) * 10
    out["case_in_sentence"] = float(case_in_sentence)
    out["shared"] = float(shared)
    out["upcoming"] = float(upcoming)
    out["codefendant"] = float(bool(_CODEFENDANT.search(evidence)))
    out["lang_kk"] = float(bool(_KK_LETTERS.search(evidence)))
    out["lang_en"] = float(not _CYRILLIC.search(evidence))
    return out


@dataclass(frozen=True)
class Calibration:
    """Logistic-regression weights over `FEATURES`."""

    weights: Mapping[str, float]
    bias: float

    def score(self, feats: Mapping[str, float]) -> float:
        """P(the finding is exactly right), rounded to two places."""
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        z = max(-30.0, min(30.0, z))
        return round(1.0 / (1.0 + math.exp(-z)), 2)

    def to_json(self) -> str:
        return json.dumps({"bias": self.bias, "weights": dict(self.weights)}, indent=1, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Calibration:
        data = json.loads(text)
        return cls({str(k): float(v) for k, v in data["weights"].items()}, float(data["bias"]))


@lru_cache(maxsize=1)
def default_calibration() -> Calibration | None:
    """The shipped weights, or None (then the rules' hand-set confidences stand)."""
    try:
        text = resources.files(__package__).joinpath("calibration.json").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    return Calibration.from_json(text)


def _gold(item: Mapping[str, Any]) -> tuple[list[dict[str, Any]], str | None]:
    expect = item.get("expect", item)
    return list(expect.get("hearings", [])), item.get("source_case")


def _key(h: Mapping[str, Any]) -> tuple[Any, ...]:
    return (h["case"], h["date"], h["time"], h["when"], bool(h["postponed"]))


def training_rows(
    items: Sequence[Mapping[str, Any]], cases: Sequence[Any]
) -> tuple[list[list[float]], list[int]]:
    """Every finding the rules make on `items`, as (feature vector, 1 if its whole key is right)."""
    from bot.understand.docs import parse_document
    from bot.understand.pipeline import Understander

    u = Understander(cases, calibration=None)
    xs: list[list[float]] = []
    ys: list[int] = []
    for item in items:
        gold, source_case = _gold(item)
        keys = {_key(h) for h in gold}
        doc = parse_document(item["text"], item.get("id", ""))
        got = u.understand(
            doc.text,
            dt.date.fromisoformat(item["published"]),
            title=doc.title,
            source_case=source_case,
            front_matter=doc.front_matter or None,
        )
        for h in got.hearings:
            xs.append([h.features.get(k, 0.0) for k in FEATURES])
            ys.append(int(_key(h.as_dict()) in keys))
    return xs, ys


def fit(items: Sequence[Mapping[str, Any]], cases: Sequence[Any], *, c: float = 1.0) -> Calibration:
    """Learn weights from labelled items (the corpus shapes: top-level `hearings` or `expect`)."""
    from sklearn.linear_model import LogisticRegression

    xs, ys = training_rows(items, cases)
    shipped = default_calibration()
    if min(ys.count(0), ys.count(1)) < MIN_CLASS_ROWS and shipped is not None:
        # The rules were tuned on these very items and now rarely err on them: there is nothing left
        # to learn the cost of a signal from, so the shipped weights stand.
        return shipped
    if len(set(ys)) < 2:
        return Calibration(dict.fromkeys(FEATURES, 0.0), 3.0 if ys and ys[0] else -3.0)
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(xs, ys)
    weights = {k: round(float(w), 4) for k, w in zip(FEATURES, model.coef_[0], strict=True)}
    return Calibration(weights, round(float(model.intercept_[0]), 4))
