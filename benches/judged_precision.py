#!/usr/bin/env python3
"""Precision of the top 3 candidates against blind pooled judgements.

Run by hand, not by CI:

    cargo build --release
    python3 benches/judged_precision.py

tests/fixtures/reference/judged/seeds-pool.json holds 30 query sentences of
the seeds with every candidate that diptych (at a028bc5) or a plain TF-IDF
put in their top 3, graded blind by an analyst (2 = worth comparing as
claims, 1 = same topic only, 0 = unrelated). This script runs the current
diptych, looks up the grade of each of its top 3 candidates per query, and
prints P@1 and P@3 (grade 2, and grade >= 1) for the current engine and for
the two pooled systems as judged. A candidate outside the pool is unjudged:
it is counted, and counts as not relevant, so a changed engine is scored
conservatively until its new candidates are judged.
"""

import json
import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
BIN = os.path.join(TARGET, "release", "diptych")
POOL = os.path.join(ROOT, "tests", "fixtures", "reference", "judged", "seeds-pool.json")


def score(name, tops, grades):
    n = len(tops)
    p3 = sum(1 for q, t in tops for c in t[:3] if grades[q].get(c) == 2) / (3 * n)
    p3any = sum(1 for q, t in tops for c in t[:3] if grades[q].get(c, 0) >= 1) / (3 * n)
    p1 = sum(1 for q, t in tops if t and grades[q].get(t[0]) == 2) / n
    unjudged = sum(1 for q, t in tops for c in t[:3] if c not in grades[q])
    print(f"{name:<22} P@1={p1:.3f} P@3={p3:.3f} P@3(grade>=1)={p3any:.3f} unjudged={unjudged}")


def main():
    pool = json.load(open(POOL))
    out = subprocess.run(
        [BIN, "align", "--json", os.path.join(ROOT, pool["left"]), os.path.join(ROOT, pool["right"])],
        check=True,
        capture_output=True,
    ).stdout
    report = json.loads(out)
    grades = {(q["side"], q["id"]): {j["id"]: j["grade"] for j in q["judged"]} for q in pool["queries"]}
    keys = [(q["side"], q["id"]) for q in pool["queries"]]
    now = [(k, [c["id"] for c in report["candidates"][k[0]].get(k[1], [])]) for k in keys]
    pooled = {s: [((q["side"], q["id"]), q["pooled_from"][s]) for q in pool["queries"]] for s in ("diptych", "tfidf")}
    score("diptych (now)", now, grades)
    score("diptych (pooled)", pooled["diptych"], grades)
    score("TF-IDF baseline", pooled["tfidf"], grades)


if __name__ == "__main__":
    main()
