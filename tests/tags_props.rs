//! Property tests: tag file round trips, the loader on arbitrary bytes, and
//! re-anchoring after random edits (anchored correctly or orphaned, never
//! confidently wrong).

mod tags_common;

use std::path::Path;

use diptych::tags::codec::{parse, to_json};
use diptych::tags::reanchor::{AnchorText, reanchor_all};
use diptych::tags::store::{Content, TagFile};
use diptych::tags::{Anchor, DocumentRef, Label, Origin, Tag, TagId, TagSet};
use proptest::prelude::*;

const TIMES: &[&str] = &[
    "2024-05-01T09:30:00Z",
    "1999-12-31T23:59:60+01:00",
    "2030-01-02T03:04:05.123456-07:30",
];

fn doc_ref() -> impl Strategy<Value = DocumentRef> {
    ("[a-z/ ]{1,30}", "\\PC{0,40}", "[0-9a-f]{64}").prop_map(|(path, title, hash)| DocumentRef {
        path,
        title,
        hash,
    })
}

fn anchor() -> impl Strategy<Value = Anchor> {
    ("\\PC{1,200}", any::<prop::sample::Index>(), 1usize..60).prop_map(|(text, at, len)| {
        let n = text.chars().count();
        let start = at.index(n);
        let end = (start + len).min(n).max(start + 1);
        Anchor::for_range(&text, start, end).expect("range inside text")
    })
}

fn tag_set() -> impl Strategy<Value = TagSet> {
    let custom = prop::collection::vec(
        ("[a-z][a-z-]{0,15}", "[A-Za-z][A-Za-z ]{0,19}", "[§$#*]"),
        0..4,
    );
    let tags = prop::collection::vec(
        (
            anchor(),
            anchor(),
            any::<String>(),
            0usize..3,
            0usize..3,
            any::<bool>(),
            0usize..6,
        ),
        0..8,
    );
    ("[A-Za-z0-9 é–-]{1,30}", doc_ref(), doc_ref(), custom, tags).prop_map(
        |(name, l, r, custom, tags)| {
            let mut set = TagSet::new(name.trim().to_string() + "x", l, r);
            for (id, name, glyph) in custom {
                if set.label(&id).is_none() {
                    set.labels.push(Label { id, name, glyph });
                }
            }
            let ids: Vec<String> = set.labels.iter().map(|l| l.id.clone()).collect();
            for (i, (left, right, note, c, m, manual, label)) in tags.into_iter().enumerate() {
                let origin = if manual {
                    Origin::Manual
                } else {
                    Origin::Aligned
                };
                let mut t = Tag::new(TagId(format!("id-{i}")), origin, left, right, TIMES[c]);
                t.modified = TIMES[m].to_string();
                t.note = note;
                t.label = ids.get(label).cloned();
                // The team fields, on some tags: who judged, and a conflict.
                if label % 2 == 0 {
                    t.analyst = Some(format!("analyst {c}"));
                }
                if m == 2 {
                    t.conflict = Some(Box::new(diptych::tags::Conflict {
                        ours: diptych::tags::Judgement::of(&t),
                        theirs: diptych::tags::Judgement {
                            label: ids.get(label + 1).cloned(),
                            note: "theirs\nsecond line".into(),
                            analyst: None,
                            modified: TIMES[c].to_string(),
                        },
                    }));
                }
                set.tags.push(t);
            }
            set
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn round_trip(set in tag_set()) {
        prop_assert!(set.problems().is_empty(), "{:?}", set.problems());
        let json = to_json(&set);
        let back = parse(json.as_bytes(), Path::new("p.json")).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&back, &set);
        prop_assert_eq!(to_json(&back), json, "serialisation is stable");
    }

    #[test]
    fn arbitrary_bytes_never_panic_the_loader(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = parse(&bytes, Path::new("junk.json"));
    }

    #[test]
    fn damaged_tag_files_never_panic_and_are_never_overwritten(
        set in tag_set(),
        cut in any::<prop::sample::Index>(),
        flip in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let mut bytes = to_json(&set).into_bytes();
        let i = flip.index(bytes.len());
        bytes[i] = byte;
        bytes.truncate(cut.index(bytes.len() + 1));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.json");
        std::fs::write(&path, &bytes).unwrap();
        let mut opened = TagFile::open(&path).unwrap();
        if let Content::Unreadable(e) = &opened.content {
            prop_assert!(e.to_string().contains("t.json"));
            prop_assert!(opened.file.save(&set).is_err());
            prop_assert_eq!(std::fs::read(&path).unwrap(), bytes);
        }
    }
}

/// Words for generated documents: enough of them that a quote of six or
/// more words does not recur by chance.
const WORDS: &[&str] = &[
    "province",
    "fighters",
    "recruitment",
    "Kabul",
    "network",
    "attack",
    "Europe",
    "funding",
    "leaders",
    "report",
    "claimed",
    "analysts",
    "border",
    "local",
    "support",
    "cells",
    "security",
    "operations",
    "propaganda",
    "Taliban",
    "Pakistan",
    "Tajik",
    "Uzbek",
    "online",
    "courier",
    "finance",
    "plot",
    "arrests",
    "Germany",
    "Turkey",
    "Iran",
    "cadres",
    "split",
    "rival",
    "emir",
    "council",
    "media",
    "channel",
    "donors",
    "smuggling",
    "routes",
    "camps",
    "training",
    "defectors",
    "commanders",
    "sources",
    "estimate",
    "hundreds",
    "thousands",
    "since",
    "after",
    "before",
    "during",
    "while",
    "although",
    "because",
    "which",
    "the",
    "of",
    "and",
    "in",
    "to",
    "a",
];

fn text_of(words: &[usize]) -> String {
    words
        .iter()
        .map(|&w| WORDS[w % WORDS.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

/// One random edit, in code points of the text at the time it is applied.
#[derive(Debug, Clone)]
struct Edit {
    at: prop::sample::Index,
    len: usize,
    insert: Vec<usize>,
    /// Aim at the quote rather than anywhere.
    on_quote: bool,
}

fn edit() -> impl Strategy<Value = Edit> {
    (
        any::<prop::sample::Index>(),
        0usize..40,
        prop::collection::vec(any::<usize>(), 0..6),
        any::<bool>(),
    )
        .prop_map(|(at, len, insert, on_quote)| Edit {
            at,
            len,
            insert,
            on_quote,
        })
}

/// Where the quote's text is after the edits: `None` if it was deleted
/// outright; `intact` if no edit touched it.
#[derive(Debug)]
struct Truth {
    range: Option<(usize, usize)>,
    intact: bool,
}

fn apply_edits(text: &str, quote: (usize, usize), edits: &[Edit]) -> (String, Truth) {
    let mut chars: Vec<char> = text.chars().collect();
    let (mut qs, mut qe) = quote;
    let mut intact = true;
    let mut alive = true;
    for e in edits {
        let start = if e.on_quote && alive {
            qs.saturating_sub(10) + e.at.index((qe - qs) + 20)
        } else {
            e.at.index(chars.len() + 1)
        }
        .min(chars.len());
        let end = (start + e.len).min(chars.len());
        let mut ins: String = text_of(&e.insert);
        if !ins.is_empty() {
            ins = format!(" {ins} ");
        }
        let ins: Vec<char> = ins.chars().collect();
        let l = ins.len();
        chars.splice(start..end, ins);
        if !alive {
            continue;
        }
        if end <= qs {
            // Wholly before (an insertion exactly at the start counts as before).
            qs = qs + l - (end - start);
            qe = qe + l - (end - start);
        } else if start >= qe {
            // Wholly after.
        } else if start <= qs && end >= qe {
            alive = false;
            intact = false;
        } else {
            intact = false;
            let new_qs = qs.min(start);
            let new_qe = if end >= qe {
                start + l
            } else {
                qe + l - (end - start)
            };
            qs = new_qs;
            qe = new_qe.max(new_qs);
        }
    }
    let range = (alive && qe > qs).then_some((qs, qe));
    (
        chars.into_iter().collect(),
        Truth {
            range,
            intact: intact && alive,
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn reanchoring_is_right_or_orphaned(
        words in prop::collection::vec(any::<usize>(), 60..400),
        q_at in any::<prop::sample::Index>(),
        q_words in 2usize..30,
        edits in prop::collection::vec(edit(), 1..6),
    ) {
        let text = text_of(&words);
        // Quote on word boundaries, like a passage.
        let starts: Vec<usize> = std::iter::once(0)
            .chain(text.char_indices().filter(|(_, c)| *c == ' ').map(|(i, _)| text[..i].chars().count() + 1))
            .collect();
        let first = q_at.index(starts.len().saturating_sub(q_words).max(1));
        let last = (first + q_words).min(starts.len() - 1);
        let qs = starts[first];
        let qe = if last > first { starts[last] - 1 } else { text.chars().count() };
        prop_assume!(qe > qs);
        let anchor = Anchor::for_range(&text, qs, qe).unwrap();
        let (edited, truth) = apply_edits(&text, (qs, qe), &edits);
        let at = AnchorText::new(&edited);
        let state = reanchor_all(&at, &[&anchor])[0];
        let found = state.range(&anchor);
        // A quote that occurs more than once in the edited text cannot be
        // told apart by the test either.
        let repeated = edited.matches(anchor.exact.as_str()).count() > 1;
        match (found, truth.range) {
            (None, _) => {
                // Orphaned is always safe, but an intact, distinctive quote
                // must be found.
                prop_assert!(
                    !(truth.intact && anchor.exact.chars().count() >= 32 && !repeated),
                    "intact quote orphaned: {anchor:?}\nedited: {edited:?}"
                );
            }
            (Some(_), None) => {
                prop_assert!(repeated, "deleted quote attached to other text: {state:?}");
            }
            (Some((s, e)), Some((ts, te))) => {
                if truth.intact && !repeated {
                    prop_assert_eq!((s, e), (ts, te), "intact quote found elsewhere");
                } else if !repeated {
                    let overlap = e.min(te).saturating_sub(s.max(ts));
                    prop_assert!(
                        overlap * 2 >= e - s,
                        "confidently wrong: found {}..{} ({:?}), truth {}..{} ({:?})",
                        s, e, edited.chars().skip(s).take(e - s).collect::<String>(),
                        ts, te, edited.chars().skip(ts).take(te - ts).collect::<String>()
                    );
                }
            }
        }
    }
}
