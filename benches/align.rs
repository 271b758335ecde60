//! Alignment from cold start to JSON written (issue 3, item 5): the two
//! Odyssey translations and the two halves of War and Peace from
//! `../shared/corpus/`. Each iteration reads the files, loads and segments
//! them, builds the alias table, aligns and serialises the report.
//! Skips a corpus that is not there. Run: `cargo bench --bench align`.
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

mod common;

use common::halves;
use criterion::{Criterion, criterion_group, criterion_main};
use diptych::align::{AliasTable, AlignReport, align};
use diptych::document::Document;

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(name)
}

fn to_json(l: &Document, r: &Document) -> String {
    let a = align(l, r, &AliasTable::builtin());
    serde_json::to_string(&AlignReport::new(l, r, &a)).expect("serialises")
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("align");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    let (butler, pope) = (corpus("odyssey-butler.txt"), corpus("odyssey-pope.txt"));
    if butler.exists() && pope.exists() {
        g.bench_function("odyssey butler vs pope, cold to JSON", |b| {
            b.iter(|| {
                let l = Document::open(&butler).expect("butler");
                let r = Document::open(&pope).expect("pope");
                black_box(to_json(&l, &r).len())
            })
        });
    }
    let wp = corpus("war-and-peace-maude.txt");
    if wp.exists() {
        g.bench_function("war and peace halves, cold to JSON", |b| {
            b.iter(|| {
                let bytes = std::fs::read(&wp).expect("war and peace");
                let (l, r) = halves(&bytes);
                black_box(to_json(&l, &r).len())
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
