"""Fit the shipped confidence weights (bot/understand/calibration.json) from labelled findings.

    .venv/bin/python bench/calibrate.py [--no-write]

Trains on the project's own corpus (dev split) and, where ../shared is present, on the real-dev set;
prints the weights and, as the last line, one JSON object. Cross-validated figures (by outlet) come
from bench/extraction.py, which fits one model per training fold the same way.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.config import CaseDecl, load_cases_file  # noqa: E402
from bot.understand.calibration import fit  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"
OUT = ROOT / "bot" / "understand" / "calibration.json"


def _own_dev() -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                if item.get("split") == "dev":
                    items.append(item)
    return items


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    shared = Path(os.environ.get("CASEWATCH_SHARED") or ROOT.parent / "shared")
    own = _own_dev()
    cal = fit(own, load_cases_file(CORPUS / "cases.toml"))
    real = shared / "corpus" / "real-dev.json"
    if real.is_file():
        data = json.loads(real.read_text(encoding="utf-8"))
        keys = ("slug", "name", "aliases", "name_en", "name_kk", "gender")
        cases = [CaseDecl.model_validate({k: v for k, v in c.items() if k in keys}) for c in data["cases"]]
        own_cases = load_cases_file(CORPUS / "cases.toml")
        # one model over both sets: the case lists differ, so rows are gathered per set
        from bot.understand.calibration import FEATURES, MIN_CLASS_ROWS, Calibration, training_rows

        xa, ya = training_rows(own, own_cases)
        xb, yb = training_rows(data["items"], cases)
        wrong = (ya + yb).count(0)
        if wrong < MIN_CLASS_ROWS:
            print(
                f"only {wrong} wrong findings among {len(ya) + len(yb)}: too few to learn what a signal costs;"
                " the shipped weights stay (see bot/understand/calibration.py)"
            )
            print(json.dumps({"wrong": wrong, "rows": len(ya) + len(yb), "written": False}))
            return 0
        from sklearn.linear_model import LogisticRegression

        model = LogisticRegression(C=1.0, max_iter=2000).fit(xa + xb, ya + yb)
        cal = Calibration(
            {k: round(float(w), 4) for k, w in zip(FEATURES, model.coef_[0], strict=True)},
            round(float(model.intercept_[0]), 4),
        )
        print(f"trained on {len(ya)} own-corpus and {len(yb)} real-dev findings")
    else:
        print(f"real-dev not found at {real}: trained on the own corpus only")
    for k, w in sorted(cal.weights.items(), key=lambda kv: -abs(kv[1])):
        print(f"  {k:18s} {w:+.3f}")
    print(f"  {'bias':18s} {cal.bias:+.3f}")
    if not args.no_write:
        OUT.write_text(cal.to_json() + "\n", encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")
    print(json.dumps({"bias": cal.bias, "weights": dict(cal.weights)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
