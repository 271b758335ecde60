//! Bad input for the alignment engine (issue 3, "Bad input"): empty
//! documents, one passage, identical documents, nothing shared, a 1 MB
//! passage without line breaks, other scripts, a malformed user alias file;
//! and property tests that alignment never panics and keeps its invariants.

use std::io::Write;

use diptych::align::{
    AliasError, AliasTable, AlignReport, Alignment, Side, align, align_with_progress, topic_spans,
};
use diptych::document::{Document, PassageKind, Source};
use proptest::prelude::*;

fn doc(name: &'static str, text: &str) -> Document {
    Document::from_bytes(Source::Embedded(name), text.as_bytes()).expect("text decodes")
}

/// The invariants every alignment keeps, whatever the input.
fn check(l: &Document, r: &Document, a: &Alignment) {
    for t in &a.topics {
        assert!(
            t.shared == (!t.left.is_empty() && !t.right.is_empty()),
            "{}",
            t.label
        );
        assert!(t.left.iter().all(|&p| l.passages[p].kind.is_content()));
        assert!(t.right.iter().all(|&p| r.passages[p].kind.is_content()));
    }
    let first_one_sided = a
        .topics
        .iter()
        .position(|t| !t.shared)
        .unwrap_or(a.topics.len());
    assert!(
        a.topics[first_one_sided..].iter().all(|t| !t.shared),
        "shared first"
    );
    for p in &a.pairs {
        assert!((0.0..=1.0).contains(&p.score), "score {}", p.score);
        // Content pairs with content, titles and headings with titles and
        // headings (issue 11); footnotes and boilerplate never pair.
        let (lk, rk) = (l.passages[p.left].kind, r.passages[p.right].kind);
        assert!(
            (lk.is_content() && rk.is_content()) || (heading_like(lk) && heading_like(rk)),
            "{lk:?} paired with {rk:?}"
        );
        assert!(!p.left_sentences.is_empty() && !p.right_sentences.is_empty());
        for &s in &p.left_sentences {
            assert_eq!(a.sentences.left[s].passage, p.left);
        }
        for &s in &p.right_sentences {
            assert_eq!(a.sentences.right[s].passage, p.right);
        }
        assert!(p.topics.iter().all(|&t| t < a.topics.len()));
    }
    assert!(a.pairs.windows(2).all(|w| w[0].score >= w[1].score));
    for (i, _) in a.topics.iter().enumerate() {
        for (d, side) in [(l, Side::Left), (r, Side::Right)] {
            for s in topic_spans(d, a, i, side) {
                assert!(
                    d.text.get(s.clone()).is_some(),
                    "span {s:?} off a char boundary"
                );
            }
        }
    }
    for (doc, sentences) in [(l, &a.sentences.left), (r, &a.sentences.right)] {
        for w in sentences.windows(2) {
            assert!(w[0].char_end <= w[1].char_start && w[0].byte_end <= w[1].byte_start);
        }
        for s in sentences.iter() {
            let p = &doc.passages[s.passage];
            assert!(p.byte_start <= s.byte_start && s.byte_end <= p.byte_end);
            assert!(doc.text.get(s.byte_start..s.byte_end).is_some());
            assert!(s.char_start < s.char_end);
        }
    }
    for (own, other, lists) in [
        (&a.sentences.left, &a.sentences.right, &a.candidates.left),
        (&a.sentences.right, &a.sentences.left, &a.candidates.right),
    ] {
        assert_eq!(own.len(), lists.len());
        for list in lists.iter() {
            assert!(list.len() <= 10);
            assert!(list.windows(2).all(|w| w[0].score >= w[1].score));
            for c in list {
                assert!((c.other as usize) < other.len());
                assert!((0.0..=1.0).contains(&c.score));
                assert!(c.reasons.iter().all(|&r| (r as usize) < a.reasons.len()));
            }
        }
    }
    let json = AlignReport::new(l, r, a).to_json();
    assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok());
    assert!(!AlignReport::new(l, r, a).to_table().is_empty());
}

fn heading_like(k: PassageKind) -> bool {
    matches!(k, PassageKind::Title | PassageKind::Heading)
}

fn run(l: &Document, r: &Document) -> Alignment {
    let a = align(l, r, &AliasTable::builtin());
    check(l, r, &a);
    a
}

#[test]
fn empty_documents() {
    let (l, r) = (doc("a.txt", ""), doc("b.txt", ""));
    let a = run(&l, &r);
    assert!(a.topics.is_empty() && a.pairs.is_empty());
    assert!(
        AlignReport::new(&l, &r, &a)
            .to_table()
            .contains("no shared topics")
    );
    let a = run(&l, &Document::seed_right());
    assert!(a.pairs.is_empty() && a.topics.iter().all(|t| !t.shared && t.left.is_empty()));
}

#[test]
fn one_passage_each() {
    // Long enough to be paragraphs, not headings.
    let l = doc(
        "a.txt",
        "Title\n\nThe Turkish police arrested Uzbek and Tajik men in Istanbul after a long investigation of their finances.\n",
    );
    let r = doc(
        "b.txt",
        "Title\n\nTurkey detained Central Asians in Ankara last week, according to officials who spoke about the arrests.\n",
    );
    let a = run(&l, &r);
    let shared: Vec<&str> = a
        .topics
        .iter()
        .filter(|t| t.shared)
        .map(|t| t.label.as_str())
        .collect();
    assert!(
        shared.contains(&"Turkey") && shared.contains(&"Central Asia"),
        "{shared:?}"
    );
    // The two paragraphs pair, and so do the two titles.
    let content: Vec<_> = a
        .pairs
        .iter()
        .filter(|p| l.passages[p.left].kind.is_content())
        .collect();
    assert_eq!(content.len(), 1);
    assert_eq!(a.pairs.len(), 2);
}

#[test]
fn identical_documents_pair_each_passage_with_itself() {
    let (l, r) = (Document::seed_left(), Document::seed_left());
    let a = run(&l, &r);
    assert!(a.topics.iter().all(|t| t.shared && t.left == t.right));
    let pairable = l
        .passages
        .iter()
        .filter(|p| p.kind.is_content() || heading_like(p.kind))
        .count();
    let selves: Vec<_> = a.pairs.iter().filter(|p| p.left == p.right).collect();
    assert_eq!(selves.len(), pairable);
    // Content pairs with themselves score 1; titles and headings count half.
    assert!(selves.iter().all(|p| {
        let full = l.passages[p.left].kind.is_content();
        p.score > if full { 0.999 } else { 0.499 }
    }));
}

#[test]
fn nothing_shared() {
    let l = doc(
        "a.txt",
        "Cooking\n\nRisotto needs arborio rice, good stock and much patience; stir the risotto slowly and often.\n\nSaffron colours the risotto of Milan, which cooks in Italy serve with marrow.\n",
    );
    let r = doc(
        "b.txt",
        "Trains\n\nShinkansen trains leave Tokyo every few minutes for cities all over the country.\n\nThe Shinkansen is punctual, and Japanese travellers expect nothing less from it.\n",
    );
    let a = run(&l, &r);
    assert!(a.topics.iter().all(|t| !t.shared), "{:?}", a.topics);
    assert!(a.pairs.is_empty());
    assert!(
        a.topics.iter().any(|t| t.label == "Italy") && a.topics.iter().any(|t| t.label == "Japan")
    );
    assert!(
        AlignReport::new(&l, &r, &a)
            .to_table()
            .contains("no shared topics")
    );
}

#[test]
fn one_megabyte_passage_without_line_breaks() {
    let sentence = "Fighters moved from Syria to Turkey and on to Europe, said the FSB. ";
    let big = format!(
        "Title\n\n{}\n",
        sentence.repeat(1_000_000 / sentence.len() + 1)
    );
    assert!(big.len() > 1_000_000);
    let l = doc("big.txt", &big);
    let a = run(&l, &Document::seed_right());
    assert!(a.topics.iter().any(|t| t.label == "Turkey" && t.shared));
    let t = a
        .topics
        .iter()
        .position(|t| t.label == "Syria")
        .expect("Syria");
    assert!(topic_spans(&l, &a, t, Side::Left).len() > 10_000);
}

#[test]
fn other_scripts() {
    let ru = doc(
        "ru.txt",
        "Доклад\n\nБоевики ИГИЛ прибыли в город Москва из Сирии, где их долго готовили к переезду.\n\nФСБ сообщила, что Москва усилила контроль над всеми приезжими из Сирии.\n",
    );
    let ar = doc(
        "ar.txt",
        "تقرير\n\nانتقل مقاتلو داعش من سوريا إلى تركيا.\n\nقالت الشرطة في إسطنبول إن داعش نشط في تركيا.\n",
    );
    let a = run(&ru, &ar);
    assert!(a.topics.iter().all(|t| !t.shared));
    // A recurring capitalised name in Cyrillic is still a name; Arabic,
    // without capitals, still has key phrases.
    assert!(
        a.topics
            .iter()
            .any(|t| t.label == "Москва" && t.left.len() == 2),
        "{:?}",
        a.topics
    );
    assert!(
        a.topics
            .iter()
            .any(|t| t.label == "داعش" && t.right.len() == 2),
        "{:?}",
        a.topics
    );
    run(&ar, &ar);
    run(&ru, &Document::seed_left());
}

#[test]
fn progress_is_reported_and_ends_at_one() {
    let (l, r) = (Document::seed_left(), Document::seed_right());
    let mut seen = Vec::new();
    let a = align_with_progress(&l, &r, &AliasTable::builtin(), &mut |f| seen.push(f));
    assert_eq!(a, align(&l, &r, &AliasTable::builtin()));
    assert_eq!(seen.first(), Some(&0.0));
    assert_eq!(seen.last(), Some(&1.0));
    assert!(seen.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn malformed_user_file_errs_and_builtins_still_work() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("topics.toml");
    let mut f = std::fs::File::create(&path).expect("create");
    writeln!(f, "[[topic]]\nlabel = \"Wagner\"\nterms = [\"Wagner\", 42]").expect("write");
    let err = AliasTable::with_user_file(&path).expect_err("malformed");
    match &err {
        AliasError::Invalid { line, column, .. } => {
            assert_eq!((*line, *column > 1), (3, true), "{err}")
        }
        AliasError::Read { .. } => panic!("{err}"),
    }
    assert!(err.to_string().contains("topics.toml:3:"));
    let a = align(
        &Document::seed_left(),
        &Document::seed_right(),
        &AliasTable::builtin(),
    );
    assert!(a.topics.iter().any(|t| t.label == "Turkey"));
}

#[test]
fn user_topics_become_topics() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("topics.toml");
    std::fs::write(&path, "[[topic]]\nlabel = \"Jihadist media\"\nterms = [\"propaganda\", \"media campaign\", \"media operators\"]\n").expect("write");
    let table = AliasTable::with_user_file(&path).expect("valid file");
    let a = align(&Document::seed_left(), &Document::seed_right(), &table);
    let t = a
        .topics
        .iter()
        .find(|t| t.label == "Jihadist media")
        .expect("user topic");
    assert!(t.left.len() >= 2, "{t:?}");
}

/// Text made of words the engine cares about, punctuation and odd scripts.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Turkey".to_owned()),
        Just("IS-K".to_owned()),
        Just("Da’esh".to_owned()),
        Just("Central Asians".to_owned()),
        Just("(FSB)".to_owned()),
        Just("400-500".to_owned()),
        Just("200+".to_owned()),
        Just("U.S.".to_owned()),
        Just("\n\n".to_owned()),
        Just("\n".to_owned()),
        Just(". ".to_owned()),
        Just("- ".to_owned()),
        Just("Москва".to_owned()),
        Just("داعش".to_owned()),
        "[a-zA-Z’'\\-]{1,12}",
        "\\PC{0,6}",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn align_never_panics_and_keeps_invariants(a in text(), b in text()) {
        let (l, r) = (doc("a.txt", &a), doc("b.txt", &b));
        run(&l, &r);
    }

    #[test]
    fn user_files_never_panic(s in "\\PC{0,200}") {
        let _ = AliasTable::builtin().merge_user_toml(&s, std::path::Path::new("topics.toml"));
    }
}

/// Issue 11's bad input for sentences: handled, nothing quadratic (timing
/// lives in benchmarks; these finish in well under a second in release).
#[test]
fn sentence_level_bad_input() {
    let aliases = AliasTable::builtin();
    let cases: Vec<(&str, String)> = vec![
        (
            "one sentence of 1 MB",
            format!("Title\n\n{}end.\n", "the cell moved money across Turkey ".repeat(30_000)),
        ),
        (
            "no sentence punctuation",
            format!("Title\n\n{}\n", "police arrested fighters in Syria and Turkey ".repeat(2_000)),
        ),
        (
            "all caps",
            "REPORT\n\nTHE ISLAMIC STATE IS NOT EXPANDING. TURKEY ARRESTED 60 MEMBERS ON FRIDAY.\n\nIT IS A THREAT TO EUROPE.\n".repeat(50),
        ),
        (
            "headings only",
            (1..=200).map(|i| format!("Section {i}\n\n")).collect(),
        ),
        (
            "10,000 abbreviations",
            format!("Title\n\n{}\n", "U.S. Sen. Dr. No. approx. et al. ".repeat(10_000 / 6 + 1)),
        ),
        ("Cyrillic", "Доклад\n\nБоевики ИГИЛ прибыли в Москву. ФСБ задержала их 5 марта.\n".to_owned()),
        ("Arabic", "تقرير\n\nانتقل مقاتلو داعش من سوريا إلى تركيا. قالت الشرطة إن داعش نشط.\n".to_owned()),
    ];
    for (what, text) in &cases {
        let d = doc("bad.txt", text);
        for (l, r) in [(&d, &d), (&d, &Document::seed_right())] {
            let a = align(l, r, &aliases);
            check(l, r, &a);
            assert!(
                a.sentences
                    .left
                    .iter()
                    .all(|s| s.byte_end - s.byte_start <= 64 * 1024),
                "{what}: a sentence is cut at 16 KiB boundaries"
            );
        }
        let empty = doc("empty.txt", "");
        let a = align(&d, &empty, &aliases);
        check(&d, &empty, &a);
        assert!(
            a.pairs.is_empty() && a.candidates.right.is_empty(),
            "{what}: empty side"
        );
        assert!(
            a.candidates.left.iter().all(Vec::is_empty),
            "{what}: nothing to pair with"
        );
    }
}
