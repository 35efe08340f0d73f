"""Extraction quality and speed on the labelled corpus (tests/corpus/*.jsonl) and the seeds.

    .venv/bin/python bench/extraction.py [--misses] [--split dev|test]

Prints, per split: hearing precision/recall (a hit = same case, date, time, when and postponed),
case-matching F1 (over item×case pairs), statement F1 (over items); then throughput on one core
with models loaded once: 2 KB documents and the seed articles. The last line is one JSON object:
the TEST split's `hearing_precision`, `hearing_recall`, `case_f1`, `statement_f1`, `docs_per_s`,
plus `dev_*` and a few more. Runs offline in a few seconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.config import load_cases_file  # noqa: E402
from bot.understand.docs import parse_document, read_document  # noqa: E402
from bot.understand.pipeline import Understander, Understanding  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_corpus() -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                items.append(json.loads(line))
    return items


def understand_item(u: Understander, item: dict[str, Any]) -> Understanding:
    doc = parse_document(item["text"], item["id"])
    return u.understand(
        doc.text,
        dt.date.fromisoformat(item["published"]),
        title=doc.title,
        source_case=item.get("source_case"),
        front_matter=doc.front_matter or None,
    )


def _key(h: dict[str, Any]) -> tuple[Any, ...]:
    return (h["case"], h["date"], h["time"], h["when"], bool(h["postponed"]))


def evaluate(u: Understander, items: list[dict[str, Any]]) -> dict[str, Score]:
    hear, case, stmt = Score(), Score(), Score()
    for item in items:
        got = understand_item(u, item)
        gold_h = {_key(h) for h in item["hearings"]}
        pred_h = {_key(h.as_dict()) for h in got.hearings}
        hear.tp += len(gold_h & pred_h)
        hear.fp += len(pred_h - gold_h)
        hear.fn += len(gold_h - pred_h)
        for k in sorted(pred_h - gold_h, key=str):
            hear.misses.append(f"{item['id']}: extra   {k}")
        for k in sorted(gold_h - pred_h, key=str):
            hear.misses.append(f"{item['id']}: missed  {k}")
        gold_c, pred_c = set(item["cases"]), set(got.cases)
        case.tp += len(gold_c & pred_c)
        case.fp += len(pred_c - gold_c)
        case.fn += len(gold_c - pred_c)
        if gold_c != pred_c:
            case.misses.append(f"{item['id']}: cases {sorted(pred_c)} != {sorted(gold_c)}")
        g, p = bool(item["statement"]), got.statement
        stmt.tp += g and p
        stmt.fp += p and not g
        stmt.fn += g and not p
        if g != p:
            stmt.misses.append(f"{item['id']}: statement {p} != {g}")
    return {"hearing": hear, "case": case, "statement": stmt}


def _two_kb_docs(items: list[dict[str, Any]], n: int) -> list[tuple[str, dt.date]]:
    """Documents of ~2 KB (UTF-8) built from corpus texts, so they carry names and dates."""
    texts = [parse_document(i["text"]).text for i in items]
    docs: list[tuple[str, dt.date]] = []
    k = 0
    for j in range(n):
        parts: list[str] = []
        size = 0
        while size < 2048:
            t = texts[k % len(texts)]
            k += 1
            parts.append(t)
            size += len(t.encode("utf-8")) + 2
        docs.append(("\n\n".join(parts), dt.date(2026, 1, 1) + dt.timedelta(days=j % 300)))
    return docs


def _rate(u: Understander, docs: list[tuple[str, dt.date]], min_s: float = 1.0) -> float:
    done = 0
    t0 = time.perf_counter()
    while True:
        for text, pub in docs:
            u.understand(text, pub)
        done += len(docs)
        elapsed = time.perf_counter() - t0
        if elapsed >= min_s:
            return done / elapsed


def _seeds() -> list[Path]:
    folder = Path(os.environ.get("CASEWATCH_SEEDS") or ROOT.parent / "shared" / "seeds")
    return sorted(p for p in folder.glob("*") if p.is_file()) if folder.is_dir() else []


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", action="store_true", help="list every miss")
    ap.add_argument("--split", choices=["dev", "test"], help="evaluate only this split (tune on dev only)")
    args = ap.parse_args()

    t_load = time.perf_counter()
    u = Understander(load_cases_file(CORPUS / "cases.toml"))
    load_s = time.perf_counter() - t_load
    items = load_corpus()
    result: dict[str, Any] = {}
    for split in ("dev", "test"):
        if args.split and split != args.split:
            continue
        part = [i for i in items if i["split"] == split]
        s = evaluate(u, part)
        h, c, st = s["hearing"], s["case"], s["statement"]
        print(
            f"[{split}] {len(part)} items, {h.tp + h.fn} hearings, {sum(bool(i['statement']) for i in part)} statements"
        )
        print(
            f"  hearings   precision {h.precision:.3f}  recall {h.recall:.3f}  (tp {h.tp} fp {h.fp} fn {h.fn})"
        )
        print(f"  cases      F1 {c.f1:.3f}  (precision {c.precision:.3f} recall {c.recall:.3f})")
        print(f"  statements F1 {st.f1:.3f}  (precision {st.precision:.3f} recall {st.recall:.3f})")
        for lang in ("ru", "en", "kk"):
            sub = evaluate(u, [i for i in part if i["lang"] == lang])
            print(
                f"    {lang}: hearings P {sub['hearing'].precision:.2f} R {sub['hearing'].recall:.2f}"
                f" · cases F1 {sub['case'].f1:.2f} · statements F1 {sub['statement'].f1:.2f}"
            )
        if args.misses:
            for m in h.misses + c.misses + st.misses:
                print("    " + m)
        prefix = "" if split == "test" else "dev_"
        result[prefix + "hearing_precision"] = round(h.precision, 3)
        result[prefix + "hearing_recall"] = round(h.recall, 3)
        result[prefix + "case_f1"] = round(c.f1, 3)
        result[prefix + "statement_f1"] = round(st.f1, 3)

    docs = _two_kb_docs(items, 300)
    rate = _rate(u, docs)
    print(f"throughput: {rate:.0f} documents/s of ~2 KB on one core (models loaded once, in {load_s:.2f} s)")
    result["docs_per_s"] = round(rate)
    seeds = _seeds()
    if seeds:
        seed_docs = []
        for p in seeds:
            d = read_document(p)
            seed_docs.append((d.text, d.published or dt.date(2026, 1, 1)))
        kb = sum(len(t.encode("utf-8")) for t, _ in seed_docs) / len(seed_docs) / 1024
        srate = _rate(u, seed_docs)
        print(f"throughput: {srate:.0f} seed articles/s (mean {kb:.0f} KB)")
        result["seed_docs_per_s"] = round(srate)
    else:
        print("throughput on seeds: skipped (no seeds folder)")
        result["seed_docs_per_s"] = None
    result["load_s"] = round(load_s, 3)
    result["items"] = len(items)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
