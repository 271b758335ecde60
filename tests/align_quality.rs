//! Quality checks of issue 3, item 4: on the seeds, Turkey and Central Asia
//! are shared topics with the right passages under them and Russia belongs
//! to the right report only; on two translations of the Odyssey (a pair not
//! written for the engine) the shared names are found and pairs follow the
//! story.

use diptych::align::{
    AliasTable, AlignReport, Alignment, Side, Topic, TopicKind, align, topic_spans,
};
use diptych::document::{Document, PassageKind, Source};

fn seeds() -> (Document, Document, Alignment) {
    let (l, r) = (Document::seed_left(), Document::seed_right());
    let a = align(&l, &r, &AliasTable::builtin());
    (l, r, a)
}

fn topic<'a>(a: &'a Alignment, label: &str) -> &'a Topic {
    a.topics
        .iter()
        .find(|t| t.label == label)
        .unwrap_or_else(|| panic!("no topic {label}; topics: {:?}", labels(a)))
}

fn labels(a: &Alignment) -> Vec<&str> {
    a.topics.iter().map(|t| t.label.as_str()).collect()
}

/// Index of the passage whose text contains `needle`.
fn passage(doc: &Document, needle: &str) -> usize {
    doc.passages
        .iter()
        .position(|p| p.joined(&doc.text).contains(needle))
        .unwrap_or_else(|| panic!("no passage with {needle:?}"))
}

/// Content passages between a heading and the next heading.
fn section(doc: &Document, heading: &str) -> Vec<usize> {
    let start = doc
        .passages
        .iter()
        .position(|p| p.kind == PassageKind::Heading && p.joined(&doc.text).trim() == heading)
        .unwrap_or_else(|| panic!("no heading {heading:?}"));
    doc.passages[start + 1..]
        .iter()
        .take_while(|p| p.kind != PassageKind::Heading)
        .enumerate()
        .filter(|(_, p)| p.kind.is_content())
        .map(|(i, _)| start + 1 + i)
        .collect()
}

#[test]
fn turkey_is_shared_with_the_importance_of_turkey_section() {
    let (l, r, a) = seeds();
    let turkey = topic(&a, "Turkey");
    assert!(turkey.shared);
    let sec = section(&r, "Importance of Turkey");
    assert_eq!(sec.len(), 2, "the section has two paragraphs");
    for p in &sec {
        assert!(
            turkey.right.contains(p),
            "right {} not under Turkey",
            r.passages[*p].id
        );
    }
    let hub = passage(&l, "200+ working in the financial hub of IS-K in Turkey");
    assert!(turkey.left.contains(&hub));
    // The terms that make it Turkey, in both reports' words.
    for term in ["turkey", "turkish", "ankara", "stambul"] {
        assert!(
            turkey.terms.iter().any(|t| t == term),
            "{term} not in {:?}",
            turkey.terms
        );
    }
}

#[test]
fn central_asians_are_shared_with_the_listed_passages() {
    let (l, r, a) = seeds();
    let ca = topic(&a, "Central Asia");
    assert!(ca.shared);
    let uzbeks = passage(&r, "Uzbeks, Tajiks, and Turkmen");
    assert!(
        r.passages[uzbeks]
            .joined(&r.text)
            .starts_with("Uzbeks, Tajiks, and Turkmen")
    );
    assert!(ca.right.contains(&uzbeks));
    assert!(ca.left.contains(&passage(
        &l,
        "400-500 Central Asians spread between Syria and Turkey"
    )));
    // Both shared topics rank among the first shared places and actors
    // (aspect topics, issue 11, are listed beside them).
    let rank = |label: &str| {
        a.topics
            .iter()
            .filter(|t| t.kind != TopicKind::Aspect)
            .position(|t| t.label == label)
    };
    assert!(
        rank("Turkey") < Some(12) && rank("Central Asia") < Some(12),
        "{:?}",
        labels(&a)
    );
}

#[test]
fn russia_is_discussed_by_the_right_report_only() {
    let (_, r, a) = seeds();
    let russia = topic(&a, "Russia");
    assert!(!russia.shared && russia.left.is_empty());
    assert!(
        russia
            .right
            .contains(&passage(&r, "Although Russia is an authoritarian state"))
    );
    // Shared topics come first.
    let first_one_sided = a
        .topics
        .iter()
        .position(|t| !t.shared)
        .unwrap_or(a.topics.len());
    assert!(a.topics[first_one_sided..].iter().all(|t| !t.shared));
}

/// "Right only" means the left text never uses the topic's words: not
/// "security" (the left writes "relevant for European security" once),
/// not "terror" (the left writes "terror" and "terrorism").
#[test]
fn one_sided_topics_are_never_named_by_the_other_text() {
    let (l, r, a) = seeds();
    let words = |text: &str| -> Vec<String> {
        text.to_lowercase()
            .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
            .map(str::to_string)
            .collect()
    };
    let (lw, rw) = (words(&l.text), words(&r.text));
    for t in a.topics.iter().filter(|t| !t.shared) {
        let other = if t.left.is_empty() { &lw } else { &rw };
        for term in t.terms.iter().filter(|term| !term.contains([' ', '.'])) {
            assert!(
                !other.contains(&term.to_lowercase()),
                "{} is one-sided, but the other text uses {term:?}",
                t.label
            );
        }
    }
    for label in ["security", "terror"] {
        assert!(
            a.topics.iter().all(|t| t.label != label || t.shared),
            "{label} is not the right report's alone"
        );
    }
}

/// A key phrase is one word: Snowball stems "authorities" and "author"
/// (the left's "The author, in his article") alike, but they are not
/// one topic, and the passages that only say "author" are not under it.
#[test]
fn key_phrases_keep_words_with_a_shared_stem_apart() {
    let (l, _, a) = seeds();
    let t = topic(&a, "authorities");
    assert_eq!(t.terms, ["authorities"], "{t:?}");
    for &p in &t.left {
        assert!(
            l.passages[p].raw(&l.text).contains("authorities"),
            "{}",
            l.passages[p].raw(&l.text)
        );
    }
    assert!(
        a.topics
            .iter()
            .all(|t| !(t.terms.contains(&"international".to_string())
                && t.terms.contains(&"internal".to_string())))
    );
}

#[test]
fn text_defined_acronyms_join_their_groups() {
    let (_, _, a) = seeds();
    let fsb = topic(&a, "FSB");
    assert!(
        fsb.terms.iter().any(|t| t == "federal security bureau"),
        "{:?}",
        fsb.terms
    );
    let isk = topic(&a, "IS-K");
    assert!(
        isk.shared && isk.terms.iter().any(|t| t == "khorasan"),
        "{:?}",
        isk.terms
    );
    // IS-K is not IS.
    assert!(!topic(&a, "Islamic State").terms.iter().any(|t| t == "IS-K"));
}

#[test]
fn the_financial_hub_pairs_with_the_turkish_cell() {
    let (l, r, a) = seeds();
    let hub = passage(&l, "200+ working in the financial hub");
    let sec = section(&r, "Importance of Turkey");
    let pair = a
        .pairs
        .iter()
        .find(|p| p.left == hub && sec.contains(&p.right))
        .expect("the financial-hub passage pairs with the Turkey section");
    let labels: Vec<&str> = pair
        .topics
        .iter()
        .map(|&t| a.topics[t].label.as_str())
        .collect();
    assert!(labels.contains(&"Turkey"), "{labels:?}");
    assert!(pair.terms.iter().any(|t| t == "Turkey"), "{:?}", pair.terms);
}

#[test]
fn spans_highlight_the_terms_in_place() {
    let (_, r, a) = seeds();
    let t = a
        .topics
        .iter()
        .position(|t| t.label == "Turkey")
        .expect("Turkey");
    let spans = topic_spans(&r, &a, t, Side::Right);
    let words: Vec<&str> = spans.iter().map(|s| &r.text[s.clone()]).collect();
    for w in ["Ankara", "Stambul", "Istanbul", "Turkish", "Turkey"] {
        assert!(words.contains(&w), "{w} not highlighted: {words:?}");
    }
    assert!(
        spans.windows(2).all(|w| w[0].end <= w[1].start),
        "sorted, disjoint"
    );
}

#[test]
fn pairs_are_content_or_headings_and_deterministic() {
    let (l, r, a) = seeds();
    let heading = |k: PassageKind| matches!(k, PassageKind::Title | PassageKind::Heading);
    for p in &a.pairs {
        let (lk, rk) = (l.passages[p.left].kind, r.passages[p.right].kind);
        assert!((lk.is_content() && rk.is_content()) || (heading(lk) && heading(rk)));
        assert!((0.0..=1.0).contains(&p.score));
    }
    assert!(a.pairs.windows(2).all(|w| w[0].score >= w[1].score));
    assert_eq!(a, align(&l, &r, &AliasTable::builtin()));
}

#[test]
fn json_follows_the_contract() {
    let (l, r, a) = seeds();
    let json = AlignReport::new(&l, &r, &a).to_json();
    let v: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    for side in ["left", "right"] {
        let d = &v[side];
        assert!(d["title"].is_string() && d["path"].is_string());
        let p = &d["passages"][0];
        assert!(p["id"].is_string() && p["kind"].is_string() && p["text"].is_string());
        assert!(p["line_start"].is_u64() && p["line_end"].is_u64());
    }
    let turkey = v["topics"]
        .as_array()
        .and_then(|ts| ts.iter().find(|t| t["label"] == "Turkey"))
        .expect("Turkey in JSON");
    assert_eq!(turkey["shared"], true);
    assert!(
        turkey["terms"].is_array()
            && turkey["left"][0]
                .as_str()
                .is_some_and(|id| id.starts_with('p'))
    );
    let pairs = v["pairs"].as_array().expect("pairs");
    assert!(!pairs.is_empty());
    let scores: Vec<f64> = pairs.iter().filter_map(|p| p["score"].as_f64()).collect();
    assert_eq!(scores.len(), pairs.len());
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "best first");
    // The best pair with a shared topic names it and its terms (the best
    // pair overall may be the two titles, which share no topic).
    let with_topic = pairs
        .iter()
        .find(|p| p["topics"].as_array().is_some_and(|t| !t.is_empty()))
        .expect("a pair with a shared topic");
    assert!(with_topic["topics"][0].is_string() && with_topic["terms"][0].is_string());
    // Passage text is joined across hard line breaks.
    let texts = v["left"]["passages"].as_array().expect("passages");
    assert!(
        texts
            .iter()
            .all(|p| !p["text"].as_str().unwrap_or("\n").contains('\n'))
    );
}

#[test]
fn table_is_readable() {
    let (l, r, a) = seeds();
    let table = AlignReport::new(&l, &r, &a).to_table();
    assert!(table.contains("Turkey") && table.contains("right only") && table.contains("shared:"));
}

fn fixture(name: &str) -> Document {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).expect("fixture");
    Document::from_bytes(Source::File(path.into()), &bytes).expect("fixture decodes")
}

/// Spearman's rank correlation of (x, y) points.
fn spearman(points: &[(usize, usize)]) -> f64 {
    let rank = |v: Vec<usize>| -> Vec<f64> {
        let mut idx: Vec<usize> = (0..v.len()).collect();
        idx.sort_by_key(|&i| v[i]);
        let mut r = vec![0.0; v.len()];
        for (k, &i) in idx.iter().enumerate() {
            r[i] = k as f64;
        }
        r
    };
    let rx = rank(points.iter().map(|p| p.0).collect());
    let ry = rank(points.iter().map(|p| p.1).collect());
    let n = points.len() as f64;
    let d2: f64 = rx.iter().zip(&ry).map(|(a, b)| (a - b) * (a - b)).sum();
    1.0 - 6.0 * d2 / (n * (n * n - 1.0))
}

#[test]
fn odyssey_translations_share_names_and_follow_the_story() {
    let (l, r) = (
        fixture("odyssey-ix-butler.txt"),
        fixture("odyssey-ix-pope.txt"),
    );
    let a = align(&l, &r, &AliasTable::builtin());
    for name in ["Cyclops", "Noman", "Jove"] {
        assert!(topic(&a, name).shared, "{name} shared");
    }
    // The translations tell the same episode in the same order.
    let strong: Vec<(usize, usize)> = a
        .pairs
        .iter()
        .filter(|p| p.score >= 0.15)
        .map(|p| (p.left, p.right))
        .collect();
    assert!(strong.len() >= 10, "only {} strong pairs", strong.len());
    let rho = spearman(&strong);
    assert!(rho > 0.6, "pairs do not follow the story: rho = {rho:.2}");
}

/// The seeds' topic labels as the topics panel lists them (issue 11,
/// item 4): reviewed by reading both reports; a change here is a change of
/// what the analyst sees.
#[test]
fn seed_topic_labels() {
    let (_, _, a) = seeds();
    let lines: Vec<String> = a
        .topics
        .iter()
        .map(|t| {
            format!(
                "{:<38} {:>2} │ {:<2} {}",
                t.label,
                t.left.len(),
                t.right.len(),
                t.kind.as_str()
            )
        })
        .collect();
    insta::assert_snapshot!(lines.join("\n"));
}

/// Names after a title at the start of a sentence are names; one person's
/// variants are one topic (issue 11, item 4).
#[test]
fn person_variants_and_titles() {
    let doc = |name: &'static str, text: &str| {
        Document::from_bytes(Source::Embedded(name), text.as_bytes()).expect("decodes")
    };
    let l = doc(
        "a.txt",
        "Report\n\nSen. Bernie Sanders said the counsel should testify. Attorney General William Barr disagreed on Friday.\n\nPresident Donald Trump praised Barr. Trump said the report cleared him.\n",
    );
    let r = doc(
        "b.txt",
        "Story\n\nThe senator Bernie Sanders asked for the testimony of the counsel. Barr said on Saturday that he would not release it.\n\nPresident Trump attacked Sanders. President Donald Trump then left.\n",
    );
    let a = align(&l, &r, &AliasTable::builtin());
    for name in ["Bernie Sanders", "William Barr", "Donald Trump"] {
        assert!(topic(&a, name).shared, "{name}: {:?}", labels(&a));
    }
    for gone in ["Barr", "Trump", "Sanders", "Sen", "President"] {
        assert!(!labels(&a).contains(&gone), "{gone}: {:?}", labels(&a));
    }
}
