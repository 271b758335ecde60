#!/usr/bin/env python3
"""Derives data/wordnet/antonyms.tsv from WordNet 3.0 (Debian's wordnet-base).

    apt-get install wordnet-base
    python3 data/wordnet/derive_antonyms.py [/usr/share/wordnet] > data/wordnet/antonyms.tsv

Reads the lexical antonym pointers ("!") of the four data files and writes
each pair of single-word lemmas once, "a<TAB>b" with a < b, sorted. Lemmas
with spaces (underscores), digits or capitals are left out: diptych compares
them with lower-case words of a sentence. WordNet's licence is in LICENSE
beside this file.
"""

import os
import sys

root = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"
pairs = set()
synsets = {}
lines = {}
for pos in ("noun", "verb", "adj", "adv"):
    with open(os.path.join(root, "data." + pos), encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            fields = line.split(" | ")[0].split()
            offset, ss_type = fields[0], fields[2]
            n = int(fields[3], 16)
            words = [fields[4 + 2 * i].split("(")[0].lower() for i in range(n)]
            key = (pos, offset)
            synsets[key] = words
            lines[key] = fields[4 + 2 * n:]

pos_of = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}
for key, rest in lines.items():
    count = int(rest[0])
    ptrs = rest[1:1 + 4 * count]
    for i in range(count):
        sym, off, p, st = ptrs[4 * i:4 * i + 4]
        if sym != "!":
            continue
        src, tgt = int(st[:2], 16), int(st[2:], 16)
        a = synsets[key][src - 1]
        b = synsets[(pos_of[p], off)][tgt - 1]
        if a.isalpha() and b.isalpha() and a.islower() and b.islower() and a != b:
            pairs.add(tuple(sorted((a, b))))

for a, b in sorted(pairs):
    print(f"{a}\t{b}")
