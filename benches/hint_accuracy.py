#!/usr/bin/env python3
"""How the hints read against the analyst's reference relations.

Run by hand, not by CI:

    cargo build --release
    python3 benches/hint_accuracy.py

For each reference in tests/fixtures/reference/, every pair's relation
(agree, contradict, nuance) is set against the hint diptych gives on that
candidate (from the left sentence's candidates, top 200), and the hints
among all top-3 candidates are counted: hints are suggestions, so how
often they fire matters as much as whether they are right.
"""

import collections
import glob
import json
import os
import re
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
BIN = os.path.join(TARGET, "release", "diptych")


def collapse(s):
    return re.sub(r"\s+", " ", s).strip()


def align(ref):
    """diptych's report on a reference's two documents, 200 candidates each."""
    out = subprocess.run(
        [BIN, "align", "--json", "--candidates", "200",
         os.path.join(ROOT, ref["left"]), os.path.join(ROOT, ref["right"])],
        check=True, capture_output=True,
    ).stdout
    return json.loads(out)


def main():
    for path in sorted(glob.glob(os.path.join(ROOT, "tests", "fixtures", "reference", "*.json"))):
        ref = json.load(open(path))
        rep = align(ref)
        sentences = rep["sentences"]

        def find(side, quote):
            q = collapse(quote)[:40]
            return next((x["id"] for x in sentences[side] if q in x["text"]), None)

        table = collections.Counter()
        for p in ref["pairs"]:
            l, r = find("left", p["left"]), find("right", p["right"])
            c = [x for x in rep["candidates"]["left"].get(l, []) if x["id"] == r]
            hint = (c[0]["hint"] or {}).get("kind", "none") if c else "not a candidate"
            table[(p["relation"], hint)] += 1
        fired = collections.Counter(
            (x["hint"] or {}).get("kind", "none")
            for side in ("left", "right")
            for cs in rep["candidates"][side].values()
            for x in cs[:3]
        )
        print(os.path.basename(path))
        for (relation, hint), n in sorted(table.items()):
            print(f"  {relation:<10} -> {hint:<16} {n}")
        print("  hints among top-3 candidates:", dict(sorted(fired.items())))


def judged():
    """Hints of the current engine against the blind relation judgements."""
    path = os.path.join(ROOT, "tests", "fixtures", "reference", "judged", "seeds-hints.json")
    ref = json.load(open(path))
    rep = align(ref)
    table = collections.Counter()
    for p in ref["pairs"]:
        c = [x for x in rep["candidates"]["left"].get(p["left"], []) if x["id"] == p["right"]]
        hint = (c[0]["hint"] or {}).get("kind", "none") if c else "not a candidate"
        table[(hint, p["relation"])] += 1
    print("blind relation judgements (seeds-hints.json): hint -> judged relation")
    for (hint, relation), n in sorted(table.items()):
        print(f"  {hint:<16} -> {relation:<10} {n}")
    for kind, want in (("contradiction", "contradict"), ("agreement", "agree")):
        fired = sum(n for (h, _), n in table.items() if h == kind)
        right = table[(kind, want)]
        if fired:
            print(f"  precision of {kind} hints: {right}/{fired} = {right / fired:.2f}")


if __name__ == "__main__":
    main()
    judged()
