#!/usr/bin/env python3
"""Derives data/wordnet/senses.tsv from WordNet 3.0 (Debian's wordnet-base).

    apt-get install wordnet-base
    pip install snowballstemmer
    python3 data/wordnet/derive_senses.py [/usr/share/wordnet] > data/wordnet/senses.tsv

Each single-word lemma is given the synset of its most frequent sense (the
first offset in WordNet's index files, which are ordered by frequency);
lemmas whose first senses coincide are synonyms in their commonest meaning
("rock" / "stone"). Of a lemma's parts of speech, the one with the most
sense-tagged occurrences in WordNet's corpus is taken ("fell" is a verb
more often than an animal's hide); lemmas never met in it are left out. Lemmas are
stemmed with the Snowball English stemmer, the one diptych uses
(rust-stemmers), so that the table is looked up by stem. Output lines are
"stem<TAB>group" where group is a small number; only groups of two stems or
more are written, and stems that would join many groups keep their first.
WordNet's licence is in LICENSE beside this file.
"""

import os
import sys
from collections import defaultdict

import snowballstemmer

root = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"
stem = snowballstemmer.stemmer("english").stemWord
first = {}
best = {}
for pos in ("noun", "verb", "adj", "adv"):
    with open(os.path.join(root, "index." + pos), encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            fields = line.split()
            lemma = fields[0]
            if not (lemma.isalpha() and lemma.islower()) or len(lemma) < 3:
                continue
            n_ptr = int(fields[3])
            tagged = int(fields[4 + n_ptr + 1])
            offsets = fields[4 + n_ptr + 2:]
            s = stem(lemma)
            # The part of speech whose senses are most often met in
            # WordNet's tagged corpus wins; a lemma never met there has no
            # "commonest" sense and is left out.
            if tagged > 0 and tagged > best.get(s, 0):
                best[s] = tagged
                first[s] = (pos, offsets[0])

groups = defaultdict(list)
for s, key in first.items():
    groups[key].append(s)
number = 0
out = []
for key in sorted(groups, key=lambda k: sorted(groups[k])[0]):
    members = sorted(set(groups[key]))
    if len(members) < 2:
        continue
    number += 1
    for m in members:
        out.append((m, number))
for m, g in sorted(out):
    print(f"{m}\t{g}")
