//! Reader benchmarks: load + segment a 3.3 MB report, wrap it, the cost
//! of one frame (TestBackend 200x50) at several scroll positions, and what
//! one key costs on the two halves of War and Peace, aligned: a sentence
//! motion, opening the candidates, the pair list, a search, a resize.
//! Run: `cargo bench --bench reader`. Figures go in docs/PERFORMANCE.md.

use std::hint::black_box;
use std::path::Path;

mod common;

use common::halves;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use diptych::app::pane::Wrapped;
use diptych::app::{App, Msg};
use diptych::document::{Document, Source};
use diptych::keymap::Keymap;
use diptych::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const WAR_AND_PEACE: &str = "../shared/corpus/war-and-peace-maude.txt";

fn corpus() -> Option<Vec<u8>> {
    match std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(WAR_AND_PEACE)) {
        Ok(bytes) => Some(bytes),
        Err(e) => {
            eprintln!("skipping: cannot read {WAR_AND_PEACE}: {e}");
            None
        }
    }
}

fn load_and_segment(c: &mut Criterion) {
    let Some(bytes) = corpus() else { return };
    let mut group = c.benchmark_group("load");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.sample_size(20);
    group.bench_function("war_and_peace_decode_normalise_segment", |b| {
        b.iter(|| Document::from_bytes(Source::Embedded("wp"), black_box(&bytes)).unwrap())
    });
    let doc = Document::from_bytes(Source::Embedded("wp"), &bytes).unwrap();
    group.bench_function("war_and_peace_segment_only", |b| {
        b.iter(|| diptych::document::segment::segment(black_box(&doc.text)))
    });
    group.bench_function("war_and_peace_wrap_width_90", |b| {
        b.iter(|| Wrapped::build(black_box(&doc), 90))
    });
    group.finish();
}

fn frame(c: &mut Criterion) {
    let Some(bytes) = corpus() else { return };
    let doc = Document::from_bytes(Source::Embedded("wp"), &bytes).unwrap();
    let mut app = App::new(doc.clone(), doc, Keymap::default());
    let (width, height) = (200, 50);
    app.update(Msg::Resize { width, height });
    let theme = Theme::default();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let rows = app.panes[0].wrapped.lines.len();
    let mut group = c.benchmark_group("frame_200x50");
    for percent in [0usize, 50, 99] {
        app.panes[0].top = rows * percent / 100;
        app.panes[1].top = rows * percent / 100;
        group.bench_with_input(BenchmarkId::new("at_percent", percent), &percent, |b, _| {
            b.iter(|| {
                terminal
                    .draw(|f| diptych::ui::draw(f, black_box(&app), &theme))
                    .unwrap();
            })
        });
    }
    group.finish();
}

/// One key, as the model handles it and the screen is drawn after it.
fn keys(c: &mut Criterion) {
    use diptych::action::Action;
    let Some(bytes) = corpus() else { return };
    let (left, right) = halves(&bytes);
    let alignment = diptych::align::align(&left, &right, &diptych::align::AliasTable::builtin());
    let mut app = App::new(left, right, Keymap::default());
    let (width, height) = (200, 50);
    app.update(Msg::Resize { width, height });
    app.update(Msg::Aligned(Box::new(alignment)));
    let theme = Theme::default();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let mut group = c.benchmark_group("key_war_and_peace_halves");
    group.sample_size(20);
    let mut press = |name: &str, app: &mut App, actions: &[Action], undo: &[Action]| {
        group.bench_function(name, |b| {
            b.iter(|| {
                for &a in actions {
                    app.update(Msg::Action(a));
                }
                terminal
                    .draw(|f| diptych::ui::draw(f, black_box(&*app), &theme))
                    .unwrap();
                for &a in undo {
                    app.update(Msg::Action(a));
                }
            })
        });
    };
    press(
        "next_sentence_and_draw",
        &mut app,
        &[Action::NextSentence],
        &[],
    );
    press(
        "open_candidates_and_draw",
        &mut app,
        &[Action::Candidates],
        &[Action::Cancel],
    );
    press(
        "open_pair_list_and_draw",
        &mut app,
        &[Action::PairList],
        &[Action::Cancel],
    );
    group.bench_function("search_case_insensitive_half", |b| {
        let text = &app.panes[0].doc.text;
        b.iter(|| diptych::app::search::find_all(black_box(text), "natasha"))
    });
    group.bench_function("resize_both_panes", |b| {
        let mut wide = true;
        b.iter(|| {
            wide = !wide;
            let width = if wide { 200 } else { 180 };
            app.update(Msg::Resize { width, height });
        })
    });
    group.finish();
}

criterion_group!(benches, load_and_segment, frame, keys);
criterion_main!(benches);
