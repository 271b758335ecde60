//! Re-anchoring cost on a 3 MB document (War and Peace from ../shared/corpus):
//! 200 passage anchors after an edit near the start shifts every offset and
//! 20 of the passages are reworded. Run: `cargo bench --bench reanchor`.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use diptych::document::Document;
use diptych::tags::reanchor::{AnchorText, reanchor_all};
use diptych::tags::{Anchor, AnchorState};

fn bench(c: &mut Criterion) {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/war-and-peace-maude.txt");
    let Ok(doc) = Document::open(&path) else {
        eprintln!("skipping: {} not found", path.display());
        return;
    };
    let step = (doc.passages.len() / 200).max(1);
    let anchors: Vec<Anchor> = (0..doc.passages.len())
        .step_by(step)
        .filter_map(|i| Anchor::for_passage(&doc, i))
        .filter(|a| a.len_chars() > 40)
        .take(200)
        .collect();
    let mut edited = format!("A new preface.\n\n{}", doc.text);
    for a in anchors.iter().step_by(10) {
        let words: Vec<&str> = a.exact.split(' ').collect();
        let reworded = words
            .iter()
            .enumerate()
            .map(|(i, w)| if i % 9 == 4 { "REWORDED" } else { w })
            .collect::<Vec<_>>()
            .join(" ");
        edited = edited.replacen(&a.exact, &reworded, 1);
    }
    let text = AnchorText::new(&edited);
    let refs: Vec<&Anchor> = anchors.iter().collect();
    let states = reanchor_all(&text, &refs);
    let orphaned = states
        .iter()
        .filter(|s| **s == AnchorState::Orphaned)
        .count();
    eprintln!("{} anchors, {orphaned} orphaned", anchors.len());
    c.bench_function("reanchor 200 passages in 3 MB", |b| {
        b.iter(|| reanchor_all(black_box(&text), black_box(&refs)))
    });
    c.bench_function("prepare 3 MB text", |b| {
        b.iter(|| AnchorText::new(black_box(&edited)))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
