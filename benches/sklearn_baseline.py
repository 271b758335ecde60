#!/usr/bin/env python3
"""Plain scikit-learn TF-IDF baseline for diptych's alignment (issue 3, item 5).

Run by hand, not by CI:

    pip install scikit-learn
    cargo build --release
    python3 benches/sklearn_baseline.py [--runs N]

For the benchmark pair (the two Odyssey translations) it times, side by
side in one run:

  diptych  the release binary's `align --json`: a fresh process that reads,
           loads, segments, aligns (sentences, top-10 candidates per
           sentence with reasons and hints, passage pairs) and streams the
           JSON report;
  sklearn  a fresh Python process that imports scikit-learn, reads the same
           content passages (taken from diptych's JSON, so segmentation is
           free for the baseline), fits TfidfVectorizer (English stop words,
           sublinear tf), computes the left x right cosine matrix, keeps
           mutual top-3 pairs above 0.08 (diptych's rule) and writes JSON.

Both are cold: process start to JSON written. Prints the median wall and CPU
(user + system) times of N runs and the ratios.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "..", "shared", "corpus")
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
# `diptych align --json` itself (with sentence candidates, issue 11).
EXAMPLE = os.path.join(TARGET, "release", "diptych")

PAIRS = {
    "odyssey butler vs pope": [
        os.path.join(CORPUS, "odyssey-butler.txt"),
        os.path.join(CORPUS, "odyssey-pope.txt"),
    ],
}

# The baseline itself, run in a fresh interpreter so its imports count.
BASELINE = r"""
import json, sys
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

with open(sys.argv[1]) as f:
    left, right = json.load(f)
vec = TfidfVectorizer(stop_words="english", sublinear_tf=True)
m = vec.fit_transform([p["text"] for p in left] + [p["text"] for p in right])
a, b = m[: len(left)], m[len(left):]
sim = (a @ b.T).toarray()
k = 3
best_l = np.argsort(-sim, axis=1)[:, :k]
best_r = np.argsort(-sim, axis=0)[:k, :].T
pairs = []
for i, row in enumerate(best_l):
    for j in row:
        s = float(sim[i, j])
        if s >= 0.08 and i in best_r[j]:
            pairs.append({"left": left[i]["id"], "right": right[j]["id"], "score": s})
pairs.sort(key=lambda p: -p["score"])
with open(sys.argv[2], "w") as f:
    json.dump({"pairs": pairs}, f)
print(len(pairs))
"""


def timed(cmd, stdout):
    """Wall time and CPU time (user + system) of a child process: on a
    shared machine the CPU time is the steadier figure."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, stdout=stdout, check=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    if not os.path.exists(EXAMPLE):
        sys.exit(f"{EXAMPLE} missing: run `cargo build --release` first")
    print(f"nproc {os.cpu_count()}, load average {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        script = os.path.join(tmp, "baseline.py")
        with open(script, "w") as f:
            f.write(BASELINE)
        for name, files in PAIRS.items():
            report = os.path.join(tmp, "diptych.json")
            ours = []
            for _ in range(args.runs):
                with open(report, "w") as out:
                    ours.append(timed([EXAMPLE, "align", "--json", *files], out))
            with open(report) as f:
                doc = json.load(f)
            content = ("body", "list_item")
            sides = [
                [p for p in doc[s]["passages"] if p["kind"] in content] for s in ("left", "right")
            ]
            passages = os.path.join(tmp, "passages.json")
            with open(passages, "w") as f:
                json.dump(sides, f)
            theirs = []
            for _ in range(args.runs):
                theirs.append(
                    timed(
                        [sys.executable, script, passages, os.path.join(tmp, "sk.json")],
                        subprocess.DEVNULL,
                    )
                )
            for what, i in (("wall", 0), ("cpu", 1)):
                d = statistics.median(x[i] for x in ours)
                s = statistics.median(x[i] for x in theirs)
                print(
                    f"{name} [{what}]: {len(sides[0])} x {len(sides[1])} content passages; "
                    f"diptych {d * 1000:.0f} ms, scikit-learn {s * 1000:.0f} ms "
                    f"(median of {args.runs}); diptych {s / d:.1f}x faster"
                )


if __name__ == "__main__":
    main()
