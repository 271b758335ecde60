#!/usr/bin/env python3
"""TF-IDF baseline for sentence candidates (issue 11, item 7).

Run by hand, not by CI:

    pip install scikit-learn
    cargo build --release --example align_report --example align_metrics
    python3 benches/sentence_baseline.py            # every reference
    ./target/release/examples/align_metrics         # diptych, same figures

For each reference in tests/fixtures/reference/, the two documents are
segmented by diptych (align_report --json: the same sentences diptych
ranks), a TfidfVectorizer (English stop words, sublinear tf) is fitted on
all sentences of pairable passages (body, list items, titles, headings) of
both sides, and each reference sentence's partners are ranked by cosine
among the other side's pairable sentences. Quotes are found as diptych's
align_metrics finds them (the sentence containing the quote's first 40
characters, whitespace collapsed). Prints hit@1, hit@3 and MRR over the
top 10 in both directions.
"""

import glob
import json
import os
import re
import subprocess
import sys

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
EXAMPLE = os.path.join(TARGET, "release", "examples", "align_report")
PAIRABLE = {"body", "list_item", "title", "heading"}


def collapse(s):
    return re.sub(r"\s+", " ", s).strip()


def side(report, name):
    kinds = {p["id"]: p["kind"] for p in report[name]["passages"]}
    return [s for s in report["sentences"][name] if kinds[s["passage"]] in PAIRABLE]


def find(sentences, quote):
    q = collapse(quote)[:40]
    for i, s in enumerate(sentences):
        if q in s["text"]:
            return i
    return None


def tally(ranks):
    n = len(ranks)
    hit1 = sum(1 for r in ranks if r is not None and r == 0) / n
    hit3 = sum(1 for r in ranks if r is not None and r < 3) / n
    mrr = sum(1.0 / (r + 1) for r in ranks if r is not None) / n
    return f"n={n:<3} hit@1={hit1:.3f} hit@3={hit3:.3f} MRR={mrr:.3f}"


def measure(path):
    ref = json.load(open(path))
    out = subprocess.run(
        [EXAMPLE, "--json", os.path.join(ROOT, ref["left"]), os.path.join(ROOT, ref["right"])],
        check=True,
        capture_output=True,
    ).stdout
    report = json.loads(out)
    left, right = side(report, "left"), side(report, "right")
    vec = TfidfVectorizer(stop_words="english", sublinear_tf=True)
    m = vec.fit_transform([s["text"] for s in left] + [s["text"] for s in right])
    sim = (m[: len(left)] @ m[len(left):].T).toarray()
    lr, rl = [], []
    for p in ref["pairs"]:
        i, j = find(left, p["left"]), find(right, p["right"])
        if i is None or j is None:
            print("  quote not found:", p["left"][:40], "/", p["right"][:40])
            lr.append(None)
            rl.append(None)
            continue
        order_l = [int(x) for x in np.argsort(-sim[i, :], kind="stable")[:10] if sim[i, x] > 0]
        order_r = [int(x) for x in np.argsort(-sim[:, j], kind="stable")[:10] if sim[x, j] > 0]
        lr.append(order_l.index(j) if j in order_l else None)
        rl.append(order_r.index(i) if i in order_r else None)
    print(path)
    print("  left → right    ", tally(lr))
    print("  right → left    ", tally(rl))
    print("  both            ", tally(lr + rl))


def main():
    paths = sys.argv[1:] or sorted(glob.glob(os.path.join(ROOT, "tests", "fixtures", "reference", "*.json")))
    for p in paths:
        measure(p)


if __name__ == "__main__":
    main()
